// `npm run lint` runs this and then dependency-cruiser (.dependency-cruiser.cjs), which holds the
// import rules between layers. Here: Next's recommended and Core Web Vitals rules,
// typescript-eslint's recommended rules, and the layer rules that need the syntax tree (where an
// HTTP Response may be built; queries are typed).
import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

const TYPED_QUERIES =
  'Write queries with the typed layer: conn.db.selectFrom(…) (docs/adr/0001-typed-query-layer.md). Untyped conn.get/all/run is for SQL generated from the section definitions only, marked where it is used.'

const RESPONSES_ONLY_IN_HTTP =
  'HTTP responses are built in lib/http or in the route under app/: return the domain answer from here and turn it into a Response in lib/http (see lib/http/diff-response.ts).'

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    'lib/db/generated/**',
    'test/generated/**',
    '.next/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'tmp/**',
    'data/**',
    'out/**',
    'evidence/**',
  ]),
  {
    rules: {
      // A leading underscore marks a value that is deliberately unused (a discarded field of a rest
      // destructuring, a parameter a callback signature requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // No React here (lib may not import it; tests, scripts and benchmarks render nothing), so a
    // helper named use…() is not a hook: test/helpers' useFreshDatabase() is a node:test fixture.
    files: ['lib/**', 'test/**', 'scripts/**', 'e2e/**', 'bench/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['lib/**/*.ts', 'components/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    ignores: ['lib/http/**', 'lib/db/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Response']", message: RESPONSES_ONLY_IN_HTTP },
        { selector: "CallExpression[callee.object.name='Response'][callee.property.name=/^(json|redirect|error)$/]", message: RESPONSES_ONLY_IN_HTTP },
        { selector: "CallExpression[callee.object.name='conn'][callee.property.name=/^(get|all|run)$/]", message: TYPED_QUERIES },
      ],
    },
  },
])
