/** Cumulative costs and what is read from them: totals, NPV, sustained break-even months and crossings (docs/model.md §5). */
import { monthlyDiscountFactors } from "./powers";
import type { Crossing } from "./types";

/** Comparisons in currency units allow this much: a ≤ b means a ≤ b + 1e-6. */
export const TOLERANCE = 1e-6;

export const atMost = (a: number, b: number): boolean => a <= b + TOLERANCE;

/** v(m) = (1 + r)^(−m/12) for m = 1..H, at indices 0..H−1 (see powers.ts for why not Math.pow). */
export const discountFactors = (annualRate: number, months: number): Float64Array =>
  monthlyDiscountFactors(annualRate, months);

export function cumulative(
  monthly: ArrayLike<number>,
  out: Float64Array = new Float64Array(monthly.length),
): Float64Array {
  let sum = 0;
  for (let i = 0; i < monthly.length; i++) {
    sum += monthly[i];
    out[i] = sum;
  }
  return out;
}

/**
 * The smallest month m such that bpo(k) ≤ staffAug(k) for every k in m..H (sustained), or null when the last
 * month already fails. Used on cumulative costs (break-even), discounted cumulative costs, and monthly costs
 * (run-rate crossover).
 */
export function sustainedMonth(bpo: ArrayLike<number>, staffAug: ArrayLike<number>): number | null {
  let month: number | null = null;
  for (let i = bpo.length - 1; i >= 0; i--) {
    if (!atMost(bpo[i], staffAug[i])) break;
    month = i + 1;
  }
  return month;
}

/** The sign of the gap g = C_BPO − C_SA with the tolerance: −1, 0 or +1. */
const gapSign = (gap: number): -1 | 0 | 1 => (gap < -TOLERANCE ? -1 : gap > TOLERANCE ? 1 : 0);

/**
 * Every month whose gap sign is not 0 and differs from the last non-zero sign before it. The first non-zero
 * sign is where the comparison starts, not a crossing: nothing was crossed yet.
 */
export function crossings(cumBpo: ArrayLike<number>, cumStaffAug: ArrayLike<number>): Crossing[] {
  const out: Crossing[] = [];
  let last: -1 | 0 | 1 = 0;
  for (let i = 0; i < cumBpo.length; i++) {
    const sign = gapSign(cumBpo[i] - cumStaffAug[i]);
    if (sign === 0) continue;
    if (last !== 0 && sign !== last) out.push({ month: i + 1, cheaper: sign < 0 ? "BPO" : "STAFF_AUG" });
    last = sign;
  }
  return out;
}
