// Portal and API addresses of plans and runs, in one place.
export const plansHref = '/ui/plans'
export const runsHref = '/ui/runs'
export const planHref = (id: number) => `${plansHref}/${id}`
export const runHref = (id: number) => `${runsHref}/${id}`
export const artifactHref = (planId: number, name: string) => `/api/plans/${planId}/artifacts/${encodeURIComponent(name)}`
