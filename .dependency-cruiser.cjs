// Layer rules, checked by `npm run lint` (dependency-cruiser; code rules are in eslint.config.mjs).
//   app/         pages and route handlers: reads data through lib/ and renders components/
//   components/  render data passed in as props; never load it
//   lib/         the domain and server plumbing, also run by CLIs, workers and tests: no Next, no React
// The graph includes type-only imports (tsPreCompilationDeps), so a cycle of types counts too;
// rules that are about what runs say so with dependencyTypesNot: ['type-only'].

/** Modules that read input sets, plans, runs or diffs (their functions take a ReadAccess) or the
 *  signed-in user (session.ts). Components may import their types, never their functions.
 *  test/layer-rules.test.ts fails when a lib module takes a ReadAccess and is missing here. */
const DATA_READING_MODULES = [
  'lib/input-sets/queries/detail.ts',
  'lib/input-sets/queries/list.ts',
  'lib/input-sets/queries/rows.ts',
  'lib/input-sets/queries/events.ts',
  'lib/input-sets/queries/chart-data.ts',
  'lib/input-sets/queries/change-requests.ts',
  'lib/input-sets/store/resolve.ts',
  'lib/input-sets/verbs/export-download.ts',
  'lib/input-sets/verbs/evidence.ts',
  'lib/plans/read-plan.ts',
  'lib/plans/read-run.ts',
  'lib/plans/list-plans.ts',
  'lib/plans/plan-items.ts',
  'lib/diff/request.ts',
  'lib/diff/reference.ts',
  'lib/impact/request.ts',
  'lib/http/diff-response.ts',
  'lib/input-sets/queries/answer-version.ts',
  'lib/auth/session.ts',
]

const exactly = (files) => files.map((f) => `^${f.replace(/[.]/g, '\\.')}$`)

/** next-auth's server-side entry points; lib/auth wraps them for the rest of the code. */
const NEXT_AUTH_SERVER_SIDE = '^node_modules/next-auth/(index|jwt/|providers/)'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'lib-not-to-app-or-components',
      severity: 'error',
      comment:
        'lib/ is used by app/ and components/, never the other way round: move the piece lib needs into lib/ (a pure helper or a type), or take it as a parameter.',
      from: { path: '^lib/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'lib-not-to-next-or-react',
      severity: 'error',
      comment:
        'lib/ also runs in CLIs, workers and tests, without Next or React: keep next/* (headers, cookies, after, redirect) and React in app/ or components/ and hand lib plain values (a Request, a principal, a ReadAccess).',
      from: { path: '^lib/' },
      to: { path: '^node_modules/(next|react|react-dom)/' },
    },
    {
      name: 'next-auth-only-through-lib-auth',
      severity: 'error',
      comment: 'lib/auth wraps next-auth (session-token.ts, session.ts, next-auth-options.ts): use those instead of next-auth directly.',
      from: { path: '^lib/', pathNot: '^lib/auth/' },
      to: { path: '^node_modules/next-auth/' },
    },
    {
      name: 'lib-auth-next-auth-server-side-only',
      severity: 'error',
      comment:
        "lib/auth may use next-auth's server-side modules only (next-auth, next-auth/jwt, next-auth/providers/*); next-auth/react and next-auth/next belong in components/ or app/.",
      from: { path: '^lib/auth/' },
      to: { path: '^node_modules/next-auth/', pathNot: NEXT_AUTH_SERVER_SIDE },
    },
    {
      name: 'lib-not-to-dev-dependencies',
      severity: 'error',
      comment:
        'lib/ runs where only dependencies are installed: code that needs a devDependency (Playwright, autocannon, daff…) lives in scripts/dev, test/ or bench/ and is passed to lib as a function (see scripts/dev/history-screenshot.ts), or the package moves to dependencies.',
      from: { path: '^lib/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-import-cycles',
      severity: 'error',
      comment:
        'Import cycle: move the piece both modules need (usually a type or a constant) into the module that owns it, or into a small module both import, so the imports point one way.',
      from: { path: '^(app|components|lib|scripts|test|e2e|bench)/' },
      to: { circular: true },
    },
    {
      name: 'components-not-to-database',
      severity: 'error',
      comment: 'components render data; they never touch the database: load the data in the page (app/) and pass it as props.',
      from: { path: '^components/' },
      to: { path: '^lib/db/' },
    },
    {
      name: 'components-not-to-data-reading-modules',
      severity: 'error',
      comment:
        'components render data; load it in the page (app/, e.g. a loader in app/ui/plans/input_sets/[label]/loaders.tsx) and pass it as props. Types from this module are fine: import type { … }.',
      from: { path: '^components/' },
      to: { path: exactly(DATA_READING_MODULES), dependencyTypesNot: ['type-only'] },
    },
    // lib/input-sets/ is layered by folder, each depending only downwards:
    //   bundle/   reading, parsing and validating a bundle; no database
    //   store/    persistence the verbs and read models share (on bundle/ and lib/db)
    //   queries/  read models that take a ReadAccess (on store/)
    //   verbs/    import, review, export, evidence, config versions (on all of the above)
    // The shared modules at its root (labels, actor, review rules, request schemas) need no database.
    {
      name: 'input-sets-bundle-is-pure',
      severity: 'error',
      comment:
        'lib/input-sets/bundle/ is pure parsing and validation: take what you need from the database as a parameter (the verb reads it through store/ and passes it in, as verbs/import-bundle.ts hands the cross-checks the inherited calendar and items that store/inherited-context.ts reads), or move the code that reads it to store/.',
      from: { path: '^lib/input-sets/bundle/' },
      to: { path: ['^lib/db/', '^lib/input-sets/(store|queries|verbs)/'], pathNot: '^lib/db/generated/kysely/types\\.ts$' },
    },
    {
      // The generated schema types are the one source of table and column names; sections.ts
      // checks its storage columns against them at compile time, without loading any code.
      name: 'input-sets-bundle-reads-schema-types-only',
      severity: 'error',
      comment: 'lib/input-sets/bundle/ may name the generated schema types (import type) but never load database code.',
      from: { path: '^lib/input-sets/bundle/' },
      to: { path: '^lib/db/generated/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'input-sets-queries-above-store',
      severity: 'error',
      comment:
        'lib/input-sets/queries/ are read models built on store/; store/ and bundle/ sit below them: move the piece both need down into store/ (or bundle/ if it needs no database) and import it from there.',
      from: { path: '^lib/input-sets/(bundle|store)/' },
      to: { path: '^lib/input-sets/queries/' },
    },
    {
      name: 'input-sets-verbs-on-top',
      severity: 'error',
      comment:
        'lib/input-sets/verbs/ sit on top of bundle/, store/ and queries/, which must not call a verb: move the piece they share down into store/ (or bundle/ if it needs no database). Tests may arrange their data with the verbs.',
      from: { path: '^lib/input-sets/(bundle|store|queries)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^lib/input-sets/verbs/' },
    },
    {
      name: 'imports-resolve',
      severity: 'error',
      comment: 'This import does not resolve, so the layer rules cannot check it: fix the path (tsconfig paths map @/ to the repository root).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^lib/db/generated/'] },
    exclude: { path: '^(\\.next|test-results|playwright-report|tmp|data|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve packages through their "exports" maps as Node and TypeScript do (for example
    // @tanstack/react-table and csv-parse/sync exist only there).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'import', 'require', 'node', 'default'] },
  },
}
