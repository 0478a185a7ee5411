// Where a run comes in. The run row stores the short name (run.entrypoint, kept as it was so that
// existing rows and the column's check constraint stay valid); run_without_input_set_total labels
// its series with the route path instead, because the operators' alerts and dashboards select
// entrypoint="/runs" and entrypoint="/api/runs", as they did for the system this one replaces.
// The portal's Start a run button (ui) runs an existing plan, so it never makes a legacy run; its
// route is listed for completeness, not as a series operators select.
export const RUN_ENTRYPOINT_ROUTES = {
  api: '/api/runs',
  runs_compat: '/runs',
  ui: '/ui/plans',
} as const

export type RunEntrypoint = keyof typeof RUN_ENTRYPOINT_ROUTES

/** The `entrypoint` label values of run_without_input_set_total, in the order docs/metrics.md lists them. */
export const RUN_ROUTES = [RUN_ENTRYPOINT_ROUTES.runs_compat, RUN_ENTRYPOINT_ROUTES.api] as const
