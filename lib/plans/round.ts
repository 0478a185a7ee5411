// Rounding shared by every figure of a rough-cut plan and of the planning impact.

/** Rounds to 6 decimals (−0 becomes 0), so both databases give byte-identical figures. */
export const round6 = (x: number): number => {
  const r = Math.round(x * 1e6) / 1e6
  return Object.is(r, -0) ? 0 : r
}
