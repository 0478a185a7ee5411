// A categorical palette whose neighbours stay distinguishable for the common colour-vision
// deficiencies; "other" is always grey so it never reads as one more family.
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#9c755f', '#ff9da7']
export const OTHER_COLOR = '#bab0ac'
export const DEMAND_COLOR = '#4e79a7'
export const CAPACITY_COLORS: Record<string, string> = { workcenter: '#e15759', node: '#59a14f', supplier: '#b07aa1' }

export const compactNumber = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })
export const fullNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/** Above this many periods bars become areas (see the charts): bars would be slivers. */
export const DENSE_PERIODS = 60
