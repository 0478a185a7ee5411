// The code's existing style. 165 columns is the width at which Prettier changes the fewest
// existing lines (measured over every .ts/.tsx/.mjs/.css file when this was added).
/** @type {import('prettier').Config} */
export default {
  semi: false,
  singleQuote: true,
  trailingComma: 'all',
  printWidth: 165,
}
