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
  return shape === "step"
    ? liveShare(rampDays, month, daysPerMonth)
    : linearProductiveShare(rampDays, month, daysPerMonth);
}

/** p(R, m) for a linear ramp: the share of month m's working days, ramp days counting at their linear rate. */
function linearProductiveShare(rampDays: number, month: number, daysPerMonth: number): number {
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

/** The arrays of a pass that stores no series or tracks no comparisons: never written. */
const NO_SERIES = new Float64Array(0);
const NO_MONTHS = new Int32Array(0);
/** Where summaries that nobody reads go (computeSchedule's totals and failing months). */
const UNREAD_TOTALS = new Float64Array(6);
const UNREAD_MONTHS = new Int32Array(3);

/** The nine series (monthly, cumulative, discounted; staff augmentation, BPO, bridge in each) in one block. */
const SERIES_COUNT = 9;

/** Where computeSchedule writes: monthly, cumulative and discounted cumulative costs, for one horizon. */
export interface ScheduleBuffers {
  /** v(m) = (1 + r)^(−m/12) at index m − 1. */
  factors: Float64Array;
  /** The nine series of H months in one block, in the order monthly, cumulative, discounted; the three below are
   * views of it (build them with scheduleBuffers). */
  block: Float64Array;
  monthly: MonthlySeries;
  cumulative: MonthlySeries;
  discounted: MonthlySeries;
  /** The components summed over H: STAFF_AUG, BPO, BRIDGE, each in COMPONENT_KEYS order (see componentsOf). */
  components: Float64Array;
}

/** Buffers for H months (one block of 9·H numbers), with the run's discount factors. */
export function scheduleBuffers(factors: Float64Array, horizonMonths: number): ScheduleBuffers {
  const block = new Float64Array(SERIES_COUNT * horizonMonths);
  const part = (k: number): Float64Array => block.subarray(k * horizonMonths, (k + 1) * horizonMonths);
  const series = (k: number): MonthlySeries => ({ staffAug: part(k), bpo: part(k + 1), bridge: part(k + 2) });
  return {
    factors,
    block,
    monthly: series(0),
    cumulative: series(3),
    discounted: series(6),
    components: new Float64Array(3 * COMPONENT_KEYS.length),
  };
}

export const allocateBuffers = (a: Assumptions): ScheduleBuffers =>
  scheduleBuffers(discountFactors(a.discountRateAnnual, a.horizonMonths), a.horizonMonths);

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
  runMonths(
    kernelInputs(fn, a),
    out.factors,
    out.block,
    out.components,
    UNREAD_TOTALS,
    UNREAD_MONTHS,
    NO_MONTHS,
    true,
    false,
  );
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
  summary.crossingCount = runMonths(
    kernelInputs(fn, a),
    factors,
    NO_SERIES,
    summary.components,
    summary.totals,
    summary.lastFailedMonth,
    summary.crossings,
    false,
    true,
  );
}

// The monthly loop's inputs, by index in one Float64Array (see runMonths for why).
const IN_MONTHS = 0,
  IN_DAYS = 1,
  IN_HEADCOUNT = 2,
  IN_LINEAR = 3,
  IN_SA_RAMP = 4,
  IN_BPO_RAMP = 5,
  IN_MANAGEMENT = 6,
  IN_OVERHEAD = 7,
  IN_ONBOARDING_FIRST_MONTH = 8,
  IN_ATTRITION_RATE = 9,
  IN_DELAY = 10,
  IN_RATE = 11,
  IN_HOURS = 12,
  IN_ONBOARDING_PER_FTE = 13,
  IN_FEE = 14,
  IN_TRANSITION = 15,
  IN_GOVERNANCE_SHARE = 16,
  IN_SA_GROWTH = 17,
  IN_BPO_GROWTH = 18,
  IN_CHANGE_ORDERS = 19,
  INPUT_COUNT = 20;

/** One array for every call: the loop reads it before it returns, and JavaScript runs one call at a time. */
const KERNEL_INPUTS = new Float64Array(INPUT_COUNT);

/** A function's inputs and the month-invariant terms, as runMonths reads them. */
function kernelInputs(fn: FunctionInputs, a: Assumptions): Float64Array {
  const k = KERNEL_INPUTS;
  const N = fn.headcount;
  k[IN_MONTHS] = a.horizonMonths;
  k[IN_DAYS] = a.businessDaysPerMonth;
  k[IN_HEADCOUNT] = N;
  k[IN_LINEAR] = a.rampShape === "linear" ? 1 : 0;
  k[IN_SA_RAMP] = fn.saRampDays;
  k[IN_BPO_RAMP] = 5 * fn.bpoRampWeeks;
  k[IN_MANAGEMENT] = N * fn.saMgmtShare * a.managerMonthlyCost;
  k[IN_OVERHEAD] = N * fn.saOverheadPerFteMonth;
  k[IN_ONBOARDING_FIRST_MONTH] = N * fn.saOnboardingCostPerFte;
  k[IN_ATTRITION_RATE] = fn.saAnnualAttrition / 12;
  k[IN_DELAY] = N * fn.delayCostPerFteMonth;
  k[IN_RATE] = fn.saHourlyRate;
  k[IN_HOURS] = a.hoursPerMonth;
  k[IN_ONBOARDING_PER_FTE] = fn.saOnboardingCostPerFte;
  k[IN_FEE] = fn.bpoMonthlyFeePerFte;
  k[IN_TRANSITION] = fn.bpoTransitionCost;
  k[IN_GOVERNANCE_SHARE] = fn.bpoGovernanceShare;
  k[IN_SA_GROWTH] = 1 + fn.saAnnualEscalation;
  k[IN_BPO_GROWTH] = 1 + fn.bpoAnnualEscalation;
  k[IN_CHANGE_ORDERS] = (fn.bpoChangeOrdersPerYear / 12) * fn.bpoChangeOrderCost;
  return k;
}

/**
 * The monthly loop. It stores every month in `series` (9·H numbers, the ScheduleBuffers.block order) when `store`,
 * and makes the comparisons of docs/model.md §5 as they happen when `track`: both flags are loop-invariant, so the
 * branch predictor makes them free, and one body keeps the stored and the summarised numbers identical. Returns
 * the number of crossings written to `crossingMonths` (+m when BPO became cheaper in month m, −m when staff
 * augmentation did).
 *
 * It reads numbers and typed arrays only, never an object's property, and every branch has run (primeRunMonths)
 * before V8 optimises it. Why: V8 (Node 20) compiles this long loop on the stack as well as the whole function
 * (on-stack replacement, OSR) and, once that OSR code exists, no longer re-optimises the whole function after a
 * deoptimisation: every later call runs its unoptimised code and jumps into the OSR code at the loop, about 4×
 * slower, for the rest of the process. A new hidden class of an argument (a spread assumptions object) or a first run of a rare branch (a
 * crossing) was such a deoptimisation, in one fresh process in three to six (docs/limits.md).
 */
function runMonths(
  k: Float64Array,
  factors: Float64Array,
  series: Float64Array,
  components: Float64Array,
  totals: Float64Array,
  lastFailedMonth: Int32Array,
  crossingMonths: Int32Array,
  store: boolean,
  track: boolean,
): number {
  const H = k[IN_MONTHS];
  const D = k[IN_DAYS];
  const N = k[IN_HEADCOUNT];
  const linear = k[IN_LINEAR] === 1;
  const saRamp = k[IN_SA_RAMP];
  const bpoRamp = k[IN_BPO_RAMP];
  // Month-invariant terms.
  const management = k[IN_MANAGEMENT];
  const overhead = k[IN_OVERHEAD];
  const onboardingFirstMonth = k[IN_ONBOARDING_FIRST_MONTH];
  const attritionRate = k[IN_ATTRITION_RATE];
  const delayPerMonth = k[IN_DELAY];
  // Per-month inputs read once: the loop below runs for every function-month.
  const rate = k[IN_RATE];
  const hours = k[IN_HOURS];
  const onboardingPerFte = k[IN_ONBOARDING_PER_FTE];
  const fee = k[IN_FEE];
  const transition = k[IN_TRANSITION];
  const governanceShare = k[IN_GOVERNANCE_SHARE];
  const saGrowth = k[IN_SA_GROWTH];
  const bpoGrowth = k[IN_BPO_GROWTH];
  const changeOrdersPerMonth = k[IN_CHANGE_ORDERS];

  // Where each series starts in `series` (ScheduleBuffers.block order).
  const cumulativeAt = 3 * H;
  const discountedAt = 6 * H;
  const tolerance = TOLERANCE; // a local: an imported binding is a property load on the module in CommonJS
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
      const pSa = linear ? linearProductiveShare(saRamp, m, D) : 1 - saRampDays / D;
      const dSa = delayPerMonth * (1 - pSa);
      saCost = fSa + management + overhead + bSa + aSa + dSa;

      // BPO: fees from go-live, transition spread over the ramp days.
      const bpoRampDays = rampDaysInMonth(bpoRamp, m, D);
      const live = 1 - bpoRampDays / D;
      const fB = N * fee * bpoEscalation * live;
      const tB = bpoRamp === 0 ? (m === 1 ? transition : 0) : (transition * bpoRampDays) / bpoRamp;
      const gB = governanceShare * fB;
      const cB = changeOrdersPerMonth * live;
      const pB = linear ? linearProductiveShare(bpoRamp, m, D) : live;
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
      series[i] = saCost;
      series[H + i] = bpoCost;
      series[2 * H + i] = bridgeCost;
      series[cumulativeAt + i] = cumSa;
      series[cumulativeAt + H + i] = cumBpo;
      series[cumulativeAt + 2 * H + i] = cumBridge;
      series[discountedAt + i] = discSa;
      series[discountedAt + H + i] = discBpo;
      series[discountedAt + 2 * H + i] = discBridge;
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

  totals[0] = cumSa;
  totals[1] = cumBpo;
  totals[2] = cumBridge;
  totals[3] = discSa;
  totals[4] = discBpo;
  totals[5] = discBridge;
  if (track) {
    lastFailedMonth[0] = breakEvenFailed;
    lastFailedMonth[1] = discountedFailed;
    lastFailedMonth[2] = runRateFailed;
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
  return crossingCount;
}

/**
 * Runs runMonths once through each of its branches (ramps ending mid-month, none at all, both shapes, crossings
 * either way, fractional inputs, storing and tracking) so that V8 has seen every operation before it optimises the
 * loop: an operation first met in optimised code deoptimises it, and see runMonths for what that costs in Node.
 * Called once, when this module loads; the numbers are thrown away.
 */
function primeRunMonths(): void {
  const months = 30;
  const factors = new Float64Array(months).fill(0.99);
  const series = new Float64Array(SERIES_COUNT * months);
  const components = new Float64Array(3 * COMPONENT_KEYS.length);
  const totals = new Float64Array(6);
  const failed = new Int32Array(3);
  const crossings = new Int32Array(months);
  const k = KERNEL_INPUTS;
  // Staff augmentation cheaper first, then BPO after its transition, then staff augmentation again as BPO's
  // escalation outgrows it: a crossing each way.
  k.set([months, 20.5, 2.5, 1, 30.5, 47.5, 1500.5, 400.5, 3000.5, 0.0175, 1500.5, 40.5, 160.5, 3000.5, 4000.5]);
  k.set([90000.5, 0.05, 1.03, 2.5, 416.5], IN_TRANSITION);
  runMonths(k, factors, series, components, totals, failed, crossings, true, true);
  // A step ramp, no ramp on either side, and each of the two kinds of pass alone.
  k[IN_LINEAR] = 0;
  k[IN_SA_RAMP] = 0;
  k[IN_BPO_RAMP] = 0;
  runMonths(k, factors, NO_SERIES, components, totals, failed, crossings, false, true);
  k[IN_LINEAR] = 1;
  runMonths(k, factors, series, components, totals, failed, NO_MONTHS, true, false);
}

primeRunMonths();
