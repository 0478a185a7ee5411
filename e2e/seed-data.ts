// What the e2e database contains, shared by the seeding script and the specs.
export const SEEDED = {
  configVersion: { id: 1, name: 'FY26 baseline' },
  viewer: { email: 'viewer@example.com', password: 'e2e-viewer-password-1' },
  // The upload and review specs: an editor who uploads and an approver who reviews.
  planner: { email: 'planner@example.com', password: 'e2e-planner-password-1' },
  lead: { email: 'lead@example.com', password: 'e2e-lead-password-1' },
  inputSet: { label: 'fy26-q1-base', status: 'ready' as const, revision: 1 },
  approvedBy: 'Aiko Tanaka',
  // 03:04 UTC is 12:04 in Tokyo: the page must show JST whatever the server's zone.
  updatedAt: '2026-01-02T03:04:05.000+00:00',
  updatedAtJst: '2026-01-02 12:04 JST',
  approvedAt: '2026-01-05T23:30:00.000+00:00',
  approvedAtJst: '2026-01-06 08:30 JST',
  // planning_params is settings, not rows, so the list leaves it out of the total.
  sections: [
    { section: 'demand', rows: 1200 },
    { section: 'capacity', rows: 48 },
    { section: 'planning_params', rows: 12 },
  ],
  totalRows: '1,248',
}
