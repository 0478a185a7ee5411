// The review verbs by name. Their own module because review.ts (which performs them) records
// metrics, and the metrics registry names every verb up front: both import the list from here.
export const REVIEW_ACTIONS = ['approve', 'revert', 'archive', 'restore'] as const
export type ReviewAction = (typeof REVIEW_ACTIONS)[number]
