/**
 * The monthly engine (docs/model.md §3–§4): the cost of each strategy in each month, and its components.
 * Pure arithmetic on validated inputs; everything that decides or explains lives elsewhere.
 */
import { TOLERANCE, discountFactors } from "./cumulative";
import {
  COMPONENT_KEYS,
  type Assumptions,
  type Components,
  type FunctionInputs,
  type PerStrategy,
  type RampShape,
} from "./types";

/** Ramp days that fall in month m: r(R, m) = clamp(R − (m − 1)·D, 0, D). */
export function rampDaysInMonth(rampDays: number, month: number, daysPerMonth: number): number {
  const remaining = rampDays - (month - 1) * daysPerMonth;
  return remaining <= 0 ? 0 : remaining >= daysPerMonth ? daysPerMonth : remaining;
}

/** Share of month m after go-live: live(R, m) = 1 − r(R, m) / D. */
export function liveShare(rampDays: number, month: number, daysPerMonth: number): number {
  return 1 - rampDaysInMonth(rampDays, month, daysPerMonth) / daysPerMonth;
}

/** Productive share of month m, p(R, m), for a step or linear ramp. */
export function productiveShare(shape: RampShape, rampDays: number, month: number, daysPerMonth: number): number {
  if (shape === "step") return liveShare(rampDays, month, daysPerMonth);
  if (rampDays === 0) return 1;
  const start = (month - 1) * daysPerMonth;
  const end = month * daysPerMonth;
  let productiveDays: number;
  if (start >= rampDays) return 1; // past the ramp; computing (end − start) / D could round to 1 − ε
  if (end <= rampDays) productiveDays = (end * end - start * start) / (2 * rampDays);
  else productiveDays = (rampDays * rampDays - start * start) / (2 * rampDays) + (end - rampDays);
  // Mathematically within [0, 1]; clamp so rounding can never make a delay cost negative.
  const share = productiveDays / daysPerMonth;
  return share > 1 ? 1 : share;
}

/** Monthly costs of the three strategies, months 1..H at indices 0..H−1. */
export interface MonthlySeries {
  staffAug: Float64Array;
  bpo: Float64Array;
  bridge: Float64Array;
}

/** Stand-ins for the series of a pass that stores none: typed like the real ones, so the loop stays monomorphic. */
const NO_SERIES: MonthlySeries = {
  staffAug: new Float64Array(0),
  bpo: new Float64Array(0),
  bridge: new Float64Array(0),
};
const NO_MONTHS = new Int32Array(0);

const allocateSeries = (months: number): MonthlySeries => ({
  staffAug: new Float64Array(months),
  bpo: new Float64Array(months),
  bridge: new Float64Array(months),
});

/** Where computeSchedule writes: monthly, cumulative and discounted cumulative costs, for one horizon. */
export interface ScheduleBuffers {
  /** v(m) = (1 + r)^(−m/12) at index m − 1. */
  factors: Float64Array;
  monthly: MonthlySeries;
  cumulative: MonthlySeries;
  discounted: MonthlySeries;
  /** The components summed over H: STAFF_AUG, BPO, BRIDGE, each in COMPONENT_KEYS order (see componentsOf). */
  components: Float64Array;
}

export const allocateBuffers = (a: Assumptions): ScheduleBuffers => ({
  factors: discountFactors(a.discountRateAnnual, a.horizonMonths),
  monthly: allocateSeries(a.horizonMonths),
  cumulative: allocateSeries(a.horizonMonths),
  discounted: allocateSeries(a.horizonMonths),
  components: new Float64Array(3 * COMPONENT_KEYS.length),
});

/** The components as objects, from the 27 sums computeSchedule leaves in `buffers.components` (or a copy). */
export function componentsOf(sums: ArrayLike<number>): PerStrategy<Components> {
  const one = (offset: number): Components => {
    const c = {} as Components;
    COMPONENT_KEYS.forEach((key, i) => (c[key] = sums[offset + i]));
    return c;
  };
  return { STAFF_AUG: one(0), BPO: one(COMPONENT_KEYS.length), BRIDGE: one(2 * COMPONENT_KEYS.length) };
}

/**
 * What one pass of the engine reads off a schedule as it goes, so that evaluate() needs no stored series:
 * totals, NPVs, the three sustained months of docs/model.md §5 and the crossings. The comparisons are those of
 * cumulative.ts (atMost, the gap's sign) on the same doubles, so the answers equal sustainedMonth() and crossings()
 * on the stored series.
 */
export interface ScheduleSummary {
  /** Totals then NPVs: STAFF_AUG, BPO, BRIDGE at 0–2, their NPVs at 3–5. */
  totals: Float64Array;
  /** The components summed over H, as ScheduleBuffers.components. */
  components: Float64Array;
  /** The last month whose comparison failed (0 when none): break-even, discounted break-even, run-rate crossover. */
  lastFailedMonth: Int32Array;
  /** Crossing months in order, +m when BPO became cheaper in month m, −m when staff augmentation did. */
  crossings: Int32Array;
  crossingCount: number;
}

export const allocateSummary = (a: Assumptions): ScheduleSummary => ({
  totals: new Float64Array(6),
  components: new Float64Array(3 * COMPONENT_KEYS.length),
  lastFailedMonth: new Int32Array(3),
  crossings: new Int32Array(a.horizonMonths),
  crossingCount: 0,
});

/** The sustained month from the last failing month: the month after it, or null when the last month fails. */
export const sustainedFrom = (lastFailedMonth: number, horizonMonths: number): number | null =>
  lastFailedMonth >= horizonMonths ? null : lastFailedMonth + 1;

/**
 * Fills `out` with the monthly costs of the three strategies, their cumulative and discounted cumulative sums
 * (in month order, in one pass) and the components summed over H. Callers reuse one set of buffers across the
 * functions of a run (and the trials of a simulation): allocating per function would dominate the cost.
 */
export function computeSchedule(fn: FunctionInputs, a: Assumptions, out: ScheduleBuffers = allocateBuffers(a)): void {
  runSchedule(fn, a, out.factors, out, out.components, null);
}

/**
 * The same pass without storing a series: fills `summary` only (evaluate() keeps no monthly rows until a host
 * reads them). The numbers are those computeSchedule stores, bit for bit: one loop computes both.
 */
export function summarizeSchedule(
  fn: FunctionInputs,
  a: Assumptions,
  factors: Float64Array,
  summary: ScheduleSummary,
): void {
  runSchedule(fn, a, factors, null, summary.components, summary);
}

/**
 * The monthly loop. `series` (when given) receives every month; `summary` (when given) the comparisons of
 * docs/model.md §5 as they happen. Both tests are on loop-invariant values, so the branch predictor makes them
 * free, and one body keeps the stored and the summarised numbers identical.
 */
function runSchedule(
  fn: FunctionInputs,
  a: Assumptions,
  factors: Float64Array,
  series: ScheduleBuffers | null,
  components: Float64Array,
  summary: ScheduleSummary | null,
): void {
  const H = a.horizonMonths;
  const D = a.businessDaysPerMonth;
  const N = fn.headcount;
  const shape = a.rampShape;
  const saRamp = fn.saRampDays;
  const bpoRamp = 5 * fn.bpoRampWeeks;

  // Month-invariant terms.
  const management = N * fn.saMgmtShare * a.managerMonthlyCost;
  const overhead = N * fn.saOverheadPerFteMonth;
  const onboardingFirstMonth = N * fn.saOnboardingCostPerFte;
  const attritionRate = fn.saAnnualAttrition / 12;
  const delayPerMonth = N * fn.delayCostPerFteMonth;
  // Per-month inputs read once: the loop below runs for every function-month.
  const rate = fn.saHourlyRate;
  const hours = a.hoursPerMonth;
  const onboardingPerFte = fn.saOnboardingCostPerFte;
  const fee = fn.bpoMonthlyFeePerFte;
  const transition = fn.bpoTransitionCost;
  const governanceShare = fn.bpoGovernanceShare;
  const saGrowth = 1 + fn.saAnnualEscalation;
  const bpoGrowth = 1 + fn.bpoAnnualEscalation;
  const linear = shape === "linear";
  const changeOrdersPerMonth = (fn.bpoChangeOrdersPerYear / 12) * fn.bpoChangeOrderCost;

  // Every array in a local: the loop stores into nine of them each month (when it stores at all).
  const store = series !== null;
  const { staffAug, bpo, bridge } = series?.monthly ?? NO_SERIES;
  const { staffAug: cumSaOut, bpo: cumBpoOut, bridge: cumBridgeOut } = series?.cumulative ?? NO_SERIES;
  const { staffAug: discSaOut, bpo: discBpoOut, bridge: discBridgeOut } = series?.discounted ?? NO_SERIES;
  const track = summary !== null;
  const tolerance = TOLERANCE; // a local: an imported binding is a property load on the module in CommonJS
  const crossingMonths = summary?.crossings ?? NO_MONTHS;
  let crossingCount = 0,
    lastSign = 0,
    runRateFailed = 0,
    breakEvenFailed = 0,
    discountedFailed = 0;
  let cumSa = 0,
    cumBpo = 0,
    cumBridge = 0,
    discSa = 0,
    discBpo = 0,
    discBridge = 0;
  // Component sums kept in locals: this loop runs for every function-month.
  let saFees = 0,
    saManagement = 0,
    saOverhead = 0,
    saOnboarding = 0,
    saAttrition = 0,
    saDelay = 0;
  let bpoFees = 0,
    bpoTransition = 0,
    bpoGovernance = 0,
    bpoChangeOrders = 0,
    bpoDelay = 0;
  let brFees = 0,
    brManagement = 0,
    brOverhead = 0,
    brAttrition = 0,
    brDelay = 0;

  // Once both ramps are over (and month 1 is past), every ramp-dependent term is exactly 0 or 1, so a month
  // costs its contract year's steady amounts: computed once a year, with the same operations in the same
  // order as the general case below, so the numbers are bit-for-bit identical.
  const longestRamp = Math.max(saRamp, bpoRamp);
  let steadyFeesSa = 0,
    steadyAttritionSa = 0,
    steadySa = 0,
    steadyFeesBpo = 0,
    steadyGovernance = 0,
    steadyBpo = 0;

  let contractYear = -1;
  let saEscalation = 1;
  let bpoEscalation = 1;
  for (let m = 1; m <= H; m++) {
    const year = Math.floor((m - 1) / 12);
    if (year !== contractYear) {
      contractYear = year;
      // (1 + e)^y by multiplication, one year at a time (powers.ts: the same bits in every engine).
      saEscalation = year === 0 ? 1 : saEscalation * saGrowth;
      bpoEscalation = year === 0 ? 1 : bpoEscalation * bpoGrowth;
      steadyFeesSa = N * rate * hours * saEscalation;
      steadyAttritionSa = N * attritionRate * (onboardingPerFte + (rate * hours * saEscalation * saRamp) / D);
      steadySa = steadyFeesSa + management + overhead + steadyAttritionSa;
      steadyFeesBpo = N * fee * bpoEscalation;
      steadyGovernance = governanceShare * steadyFeesBpo;
      steadyBpo = steadyFeesBpo + steadyGovernance + changeOrdersPerMonth;
    }

    let saCost: number, bpoCost: number, bridgeCost: number;
    if (m > 1 && (m - 1) * D >= longestRamp) {
      saCost = steadySa;
      bpoCost = steadyBpo;
      bridgeCost = steadyBpo; // the bridge has handed over: it is BPO
      saFees += steadyFeesSa;
      saManagement += management;
      saOverhead += overhead;
      saAttrition += steadyAttritionSa;
      bpoFees += steadyFeesBpo;
      bpoGovernance += steadyGovernance;
      bpoChangeOrders += changeOrdersPerMonth;
      brFees += steadyFeesBpo;
    } else {
      // Staff augmentation.
      const fSa = N * rate * hours * saEscalation;
      const bSa = m === 1 ? onboardingFirstMonth : 0;
      const aSa = N * attritionRate * (onboardingPerFte + (rate * hours * saEscalation * saRamp) / D);
      const saRampDays = rampDaysInMonth(saRamp, m, D);
      const pSa = linear ? productiveShare(shape, saRamp, m, D) : 1 - saRampDays / D;
      const dSa = delayPerMonth * (1 - pSa);
      saCost = fSa + management + overhead + bSa + aSa + dSa;

      // BPO: fees from go-live, transition spread over the ramp days.
      const bpoRampDays = rampDaysInMonth(bpoRamp, m, D);
      const live = 1 - bpoRampDays / D;
      const fB = N * fee * bpoEscalation * live;
      const tB = bpoRamp === 0 ? (m === 1 ? transition : 0) : (transition * bpoRampDays) / bpoRamp;
      const gB = governanceShare * fB;
      const cB = changeOrdersPerMonth * live;
      const pB = linear ? productiveShare(shape, bpoRamp, m, D) : live;
      const dB = delayPerMonth * (1 - pB);
      bpoCost = fB + tB + gB + cB + dB;

      // Bridge: staff augmentation covers the part of the month before BPO go-live.
      const s = 1 - live;
      const dBr = delayPerMonth * (1 - (pSa > pB ? pSa : pB));
      bridgeCost = s * (fSa + management + overhead + aSa) + bSa + fB + tB + gB + cB + dBr;

      saFees += fSa;
      saManagement += management;
      saOverhead += overhead;
      saOnboarding += bSa;
      saAttrition += aSa;
      saDelay += dSa;
      bpoFees += fB;
      bpoTransition += tB;
      bpoGovernance += gB;
      bpoChangeOrders += cB;
      bpoDelay += dB;
      brFees += s * fSa + fB;
      brManagement += s * management;
      brOverhead += s * overhead;
      brAttrition += s * aSa;
      brDelay += dBr;
    }

    const i = m - 1;
    const v = factors[i];
    cumSa += saCost;
    cumBpo += bpoCost;
    cumBridge += bridgeCost;
    discSa += saCost * v;
    discBpo += bpoCost * v;
    discBridge += bridgeCost * v;
    if (store) {
      staffAug[i] = saCost;
      bpo[i] = bpoCost;
      bridge[i] = bridgeCost;
      cumSaOut[i] = cumSa;
      cumBpoOut[i] = cumBpo;
      cumBridgeOut[i] = cumBridge;
      discSaOut[i] = discSa;
      discBpoOut[i] = discBpo;
      discBridgeOut[i] = discBridge;
    }
    if (track) {
      // cumulative.ts's atMost (a ≤ b + TOLERANCE) and gap sign, on the values the series would hold.
      if (!(bpoCost <= saCost + tolerance)) runRateFailed = m;
      if (!(cumBpo <= cumSa + tolerance)) breakEvenFailed = m;
      if (!(discBpo <= discSa + tolerance)) discountedFailed = m;
      const gap = cumBpo - cumSa;
      const sign = gap < -tolerance ? -1 : gap > tolerance ? 1 : 0;
      if (sign !== 0) {
        if (lastSign !== 0 && sign !== lastSign) crossingMonths[crossingCount++] = sign < 0 ? m : -m;
        lastSign = sign;
      }
    }
  }

  if (summary !== null) {
    const t = summary.totals;
    t[0] = cumSa;
    t[1] = cumBpo;
    t[2] = cumBridge;
    t[3] = discSa;
    t[4] = discBpo;
    t[5] = discBridge;
    summary.lastFailedMonth[0] = breakEvenFailed;
    summary.lastFailedMonth[1] = discountedFailed;
    summary.lastFailedMonth[2] = runRateFailed;
    summary.crossingCount = crossingCount;
  }

  // COMPONENT_KEYS order: fees, management, overhead, onboarding, attrition, transition, governance, changeOrders, delay.
  const c = components;
  c[0] = saFees;
  c[1] = saManagement;
  c[2] = saOverhead;
  c[3] = saOnboarding;
  c[4] = saAttrition;
  c[5] = 0;
  c[6] = 0;
  c[7] = 0;
  c[8] = saDelay;
  c[9] = bpoFees;
  c[10] = 0;
  c[11] = 0;
  c[12] = 0;
  c[13] = 0;
  c[14] = bpoTransition;
  c[15] = bpoGovernance;
  c[16] = bpoChangeOrders;
  c[17] = bpoDelay;
  c[18] = brFees;
  c[19] = brManagement;
  c[20] = brOverhead;
  c[21] = saOnboarding;
  c[22] = brAttrition;
  c[23] = bpoTransition;
  c[24] = bpoGovernance;
  c[25] = bpoChangeOrders;
  c[26] = brDelay;
}
