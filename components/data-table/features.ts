// The one feature set every portal table shares: sorting state only. Tables show one
// server-sorted page, so no client row models are registered (nothing is re-sorted in
// the browser); the sorting state only tells the headers which way the page is sorted.
import { metaHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table'

export type DataColumnMeta = {
  /** Right-aligned, tabular figures: numbers, counts, revisions. */
  numeric?: boolean
  /** Long free text (comments) that may wrap instead of widening the table. */
  wrap?: boolean
}

export const dataTableFeatures = tableFeatures({ rowSortingFeature, columnMeta: metaHelper<DataColumnMeta>() })
export type DataTableFeatures = typeof dataTableFeatures
