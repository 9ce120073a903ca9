/**
 * Powers computed with + − × ÷ only. Math.pow is not specified bit for bit and JavaScript engines differ in its
 * last bits (Node 20 and current Chromium do), so a seeded simulation would not give identical numbers in the
 * command line and the task pane. Basic IEEE-754 operations are exact-rounded everywhere. The results agree
 * with the exact powers to about 1e-13 relative, far inside docs/model.md's 1e-9.
 */

/** base^n for a whole n ≥ 0, by repeated multiplication. */
export function wholePower(base: number, n: number): number {
  let result = 1;
  for (let i = 0; i < n; i++) result *= base;
  return result;
}

/** The twelfth root of a ≥ 1 (one plus an annual rate), by Newton's method from above. */
export function twelfthRoot(a: number): number {
  if (!(a > 1)) return 1;
  // (1 + h/12)^12 ≥ 1 + h, so this start lies above the root and Newton's steps decrease monotonically to it.
  let x = 1 + (a - 1) / 12;
  for (let step = 0; step < 100; step++) {
    const x2 = x * x;
    const x4 = x2 * x2;
    const x8 = x4 * x4;
    const next = x - (x8 * x4 - a) / (12 * x8 * x2 * x);
    if (!(next < x)) break; // converged: rounding stopped the descent
    x = next;
  }
  return x;
}

/** v(m) = (1 + r)^(−m/12) for m = 1..months, at indices 0..months − 1. */
export function monthlyDiscountFactors(annualRate: number, months: number): Float64Array {
  const factors = new Float64Array(months);
  const monthlyGrowth = twelfthRoot(1 + annualRate);
  let growth = 1;
  for (let m = 1; m <= months; m++) {
    growth *= monthlyGrowth;
    factors[m - 1] = 1 / growth;
  }
  return factors;
}
