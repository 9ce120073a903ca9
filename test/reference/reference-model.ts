/**
 * An independent second implementation of the numeric core of MODEL.md §3–§5, used only as a test oracle.
 * Written from the spec alone, plainly and month by month; it is not part of the product and no host uses it.
 *
 * Readings chosen where MODEL.md is not explicit (see README.md in this folder for the reasons):
 * - A crossing needs an earlier non-zero sign: the first non-zero sign of g is not a crossing
 *   (`crossingReading: "needs-previous-sign"`); the other reading is available for comparison.
 * - The sign of g is 0 when |g| ≤ 1e-6, − when g < −1e-6, + when g > 1e-6.
 * - Candidates: NPV_X ≤ bestNpv·(1 + margin) + 1e-6, where bestNpv is the exact lowest allowed NPV.
 * - The linear ramp formula is used as written for any real R ≥ 0 (R need not be whole days).
 */

export type RefStrategy = "STAFF_AUG" | "BPO" | "BRIDGE";
export type RefRecommendation = RefStrategy | "DOCUMENT_FIRST";
export const REF_STRATEGIES: readonly RefStrategy[] = ["STAFF_AUG", "BPO", "BRIDGE"];
export const REF_COMPONENT_KEYS = [
  "fees",
  "management",
  "overhead",
  "onboarding",
  "attrition",
  "transition",
  "governance",
  "changeOrders",
  "delay",
] as const;
export type RefComponentKey = (typeof REF_COMPONENT_KEYS)[number];
export type RefComponents = Record<RefComponentKey, number>;

/** Every field of MODEL.md §2.1, fully specified. */
export interface RefAssumptions {
  currency: string;
  horizonMonths: number;
  businessDaysPerMonth: number;
  hoursPerMonth: number;
  managerMonthlyCost: number;
  discountRateAnnual: number;
  decisionMargin: number;
  rampShape: "step" | "linear";
  changeOrdersPerYearStable: number;
  changeOrdersPerYearEvolving: number;
}

/** Every field of MODEL.md §2.2 for one row, fully specified (bpoChangeOrdersPerYear included). */
export interface RefFunction {
  function: string;
  headcount: number;
  saHourlyRate: number;
  bpoMonthlyFeePerFte: number;
  processDocumented: boolean;
  managementCapacity: boolean;
  scope: "stable" | "evolving";
  saRampDays: number;
  saMgmtShare: number;
  saOverheadPerFteMonth: number;
  saOnboardingCostPerFte: number;
  saAnnualAttrition: number;
  saAnnualEscalation: number;
  bpoRampWeeks: number;
  bpoTransitionCost: number;
  bpoGovernanceShare: number;
  bpoChangeOrdersPerYear: number;
  bpoChangeOrderCost: number;
  bpoAnnualEscalation: number;
  delayCostPerFteMonth: number;
}

export type CrossingReading = "needs-previous-sign" | "first-sign-counts";

export interface RefCrossing {
  month: number;
  cheaper: "BPO" | "STAFF_AUG";
}

export interface RefResult {
  monthly: { month: number; STAFF_AUG: number; BPO: number; BRIDGE: number }[];
  components: Record<RefStrategy, RefComponents>;
  total: Record<RefStrategy, number>;
  npv: Record<RefStrategy, number>;
  breakEvenMonth: number | null;
  discountedBreakEvenMonth: number | null;
  runRateCrossoverMonth: number | null;
  crossings: RefCrossing[];
  recommendation: RefRecommendation;
  /**
   * Which discrete outputs rest on a comparison whose two sides lie within floating-point noise of the
   * tolerance boundary (|lhs − (rhs + 1e-6)| ≤ 2e-14 × magnitude). Two correct implementations that sum in a
   * different order may legitimately decide those differently, so an oracle must not demand exact equality there.
   */
  fragile: {
    breakEvenMonth: boolean;
    discountedBreakEvenMonth: boolean;
    runRateCrossoverMonth: boolean;
    crossings: boolean;
    recommendation: boolean;
  };
}

/** MODEL.md §5: comparisons use a tolerance of 1e-6 currency units. */
export const REF_TOLERANCE = 1e-6;
/** Relative size of the floating-point noise band around a tolerance boundary (see RefResult.fragile). */
const NOISE_RELATIVE = 2e-14;

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

/** r(R, m): ramp days in month m. */
export function refRampDays(R: number, m: number, D: number): number {
  return clamp(R - (m - 1) * D, 0, D);
}

/** live(R, m): share of month m after go-live. */
export function refLive(R: number, m: number, D: number): number {
  return 1 - refRampDays(R, m, D) / D;
}

/** p(R, m): productive share of month m. */
export function refProductive(R: number, m: number, D: number, shape: "step" | "linear"): number {
  if (shape === "step") return refLive(R, m, D);
  if (R === 0) return 1;
  const a = (m - 1) * D;
  const b = m * D;
  let I: number;
  // a ≥ R: I = b − a = D, so p is exactly 1; computing (b − a)/D in floating point would only add noise
  // (e.g. 3D − 2D ≠ D), which the delay terms N·delay·(1 − p) then multiply by up to ~1e9.
  if (a >= R) return 1;
  if (b <= R) I = (b * b - a * a) / (2 * R);
  else I = (R * R - a * a) / (2 * R) + (b - R);
  return I / D;
}

function zeroComponents(): RefComponents {
  return {
    fees: 0,
    management: 0,
    overhead: 0,
    onboarding: 0,
    attrition: 0,
    transition: 0,
    governance: 0,
    changeOrders: 0,
    delay: 0,
  };
}

/** A comparison "a ≤ b" under the tolerance, noting when it sits inside the noise band of the boundary. */
class Comparer {
  fragile = false;
  le(a: number, b: number): boolean {
    const margin = b + REF_TOLERANCE - a;
    const scale = Math.max(Math.abs(a), Math.abs(b), 1);
    if (Math.abs(margin) <= NOISE_RELATIVE * scale) this.fragile = true;
    return margin >= 0;
  }
}

/** Sustained crossover: smallest m with left(k) ≤ right(k) for every k in m..H; null when the last month fails. */
function sustainedMonth(left: number[], right: number[]): { month: number | null; fragile: boolean } {
  const cmp = new Comparer();
  const H = left.length;
  let month: number | null = null;
  for (let m = H; m >= 1; m--) {
    if (cmp.le(left[m - 1], right[m - 1])) month = m;
    else break;
  }
  return { month, fragile: cmp.fragile };
}

/** Crossings of g = C_BPO − C_SA under a chosen reading of "the last non-zero sign before m". */
export function refCrossings(
  cumBpo: number[],
  cumSa: number[],
  reading: CrossingReading,
): { crossings: RefCrossing[]; fragile: boolean } {
  const cmp = new Comparer();
  const crossings: RefCrossing[] = [];
  let lastSign = 0;
  for (let m = 1; m <= cumBpo.length; m++) {
    const bpoAtMost = cmp.le(cumBpo[m - 1], cumSa[m - 1]); // g ≤ 0
    const saAtMost = cmp.le(cumSa[m - 1], cumBpo[m - 1]); // g ≥ 0
    const sign = bpoAtMost && saAtMost ? 0 : bpoAtMost ? -1 : 1;
    if (sign === 0) continue;
    const isCrossing = lastSign === 0 ? reading === "first-sign-counts" : sign !== lastSign;
    if (isCrossing) crossings.push({ month: m, cheaper: sign < 0 ? "BPO" : "STAFF_AUG" });
    lastSign = sign;
  }
  return { crossings, fragile: cmp.fragile };
}

export function refRecommend(
  fn: RefFunction,
  npv: Record<RefStrategy, number>,
  decisionMargin: number,
): { recommendation: RefRecommendation; fragile: boolean } {
  const allowed: RefStrategy[] = [];
  if (fn.managementCapacity) allowed.push("STAFF_AUG");
  if (fn.processDocumented) allowed.push("BPO");
  if (fn.managementCapacity && fn.processDocumented) allowed.push("BRIDGE");
  if (allowed.length === 0) return { recommendation: "DOCUMENT_FIRST", fragile: false };
  const best = Math.min(...allowed.map((s) => npv[s]));
  const bestStrategy = allowed.find((s) => npv[s] === best);
  const cmp = new Comparer();
  const limit = best * (1 + decisionMargin);
  // The best is a candidate by definition (no comparison, so never "fragile"); the others are compared.
  const candidates = allowed.filter((s) => s === bestStrategy || cmp.le(npv[s], limit));
  const order: RefStrategy[] = fn.scope === "stable" ? ["BPO", "BRIDGE", "STAFF_AUG"] : ["STAFF_AUG", "BRIDGE", "BPO"];
  const recommendation = order.find((s) => candidates.includes(s));
  if (recommendation === undefined) throw new Error("reference: the best strategy is always a candidate");
  return { recommendation, fragile: cmp.fragile };
}

export function referenceModel(
  as: RefAssumptions,
  fn: RefFunction,
  crossingReading: CrossingReading = "needs-previous-sign",
): RefResult {
  const H = as.horizonMonths;
  const D = as.businessDaysPerMonth;
  const N = fn.headcount;
  const Rsa = fn.saRampDays;
  const Rbpo = 5 * fn.bpoRampWeeks;
  const shape = as.rampShape;

  const comp: Record<RefStrategy, RefComponents> = {
    STAFF_AUG: zeroComponents(),
    BPO: zeroComponents(),
    BRIDGE: zeroComponents(),
  };
  const monthly: RefResult["monthly"] = [];
  const total: Record<RefStrategy, number> = { STAFF_AUG: 0, BPO: 0, BRIDGE: 0 };
  const npv: Record<RefStrategy, number> = { STAFF_AUG: 0, BPO: 0, BRIDGE: 0 };
  const cumSa: number[] = [];
  const cumBpo: number[] = [];
  const dcumSa: number[] = [];
  const dcumBpo: number[] = [];
  const monthSa: number[] = [];
  const monthBpo: number[] = [];

  for (let m = 1; m <= H; m++) {
    const y = Math.floor((m - 1) / 12);
    const pSa = refProductive(Rsa, m, D, shape);
    const pBpo = refProductive(Rbpo, m, D, shape);
    const liveBpo = refLive(Rbpo, m, D);
    const rBpo = refRampDays(Rbpo, m, D);

    // Staff augmentation.
    const saEsc = Math.pow(1 + fn.saAnnualEscalation, y);
    const Fsa = N * fn.saHourlyRate * as.hoursPerMonth * saEsc;
    const Msa = N * fn.saMgmtShare * as.managerMonthlyCost;
    const Osa = N * fn.saOverheadPerFteMonth;
    const Bsa = m === 1 ? N * fn.saOnboardingCostPerFte : 0;
    const Asa =
      N *
      (fn.saAnnualAttrition / 12) *
      (fn.saOnboardingCostPerFte + (fn.saHourlyRate * as.hoursPerMonth * saEsc * Rsa) / D);
    const Dsa = N * fn.delayCostPerFteMonth * (1 - pSa);
    const SA = Fsa + Msa + Osa + Bsa + Asa + Dsa;

    // BPO.
    const bpoEsc = Math.pow(1 + fn.bpoAnnualEscalation, y);
    const Fb = N * fn.bpoMonthlyFeePerFte * bpoEsc * liveBpo;
    const Tb = Rbpo === 0 ? (m === 1 ? fn.bpoTransitionCost : 0) : (fn.bpoTransitionCost * rBpo) / Rbpo;
    const Gb = fn.bpoGovernanceShare * Fb;
    const Cb = (fn.bpoChangeOrdersPerYear / 12) * fn.bpoChangeOrderCost * liveBpo;
    const Db = N * fn.delayCostPerFteMonth * (1 - pBpo);
    const BPO = Fb + Tb + Gb + Cb + Db;

    // Bridge.
    const s = 1 - liveBpo;
    const bridgeDelay = N * fn.delayCostPerFteMonth * (1 - Math.max(pSa, pBpo));
    const BRIDGE = s * (Fsa + Msa + Osa + Asa) + Bsa + Fb + Tb + Gb + Cb + bridgeDelay;

    comp.STAFF_AUG.fees += Fsa;
    comp.STAFF_AUG.management += Msa;
    comp.STAFF_AUG.overhead += Osa;
    comp.STAFF_AUG.onboarding += Bsa;
    comp.STAFF_AUG.attrition += Asa;
    comp.STAFF_AUG.delay += Dsa;

    comp.BPO.fees += Fb;
    comp.BPO.transition += Tb;
    comp.BPO.governance += Gb;
    comp.BPO.changeOrders += Cb;
    comp.BPO.delay += Db;

    comp.BRIDGE.fees += s * Fsa + Fb;
    comp.BRIDGE.management += s * Msa;
    comp.BRIDGE.overhead += s * Osa;
    comp.BRIDGE.onboarding += Bsa;
    comp.BRIDGE.attrition += s * Asa;
    comp.BRIDGE.transition += Tb;
    comp.BRIDGE.governance += Gb;
    comp.BRIDGE.changeOrders += Cb;
    comp.BRIDGE.delay += bridgeDelay;

    monthly.push({ month: m, STAFF_AUG: SA, BPO, BRIDGE });

    const v = Math.pow(1 + as.discountRateAnnual, -m / 12);
    total.STAFF_AUG += SA;
    total.BPO += BPO;
    total.BRIDGE += BRIDGE;
    npv.STAFF_AUG += SA * v;
    npv.BPO += BPO * v;
    npv.BRIDGE += BRIDGE * v;

    monthSa.push(SA);
    monthBpo.push(BPO);
    cumSa.push(total.STAFF_AUG);
    cumBpo.push(total.BPO);
    dcumSa.push(npv.STAFF_AUG);
    dcumBpo.push(npv.BPO);
  }

  const breakEven = sustainedMonth(cumBpo, cumSa);
  const discounted = sustainedMonth(dcumBpo, dcumSa);
  const runRate = sustainedMonth(monthBpo, monthSa);
  const crossings = refCrossings(cumBpo, cumSa, crossingReading);
  const rec = refRecommend(fn, npv, as.decisionMargin);

  return {
    monthly,
    components: comp,
    total,
    npv,
    breakEvenMonth: breakEven.month,
    discountedBreakEvenMonth: discounted.month,
    runRateCrossoverMonth: runRate.month,
    crossings: crossings.crossings,
    recommendation: rec.recommendation,
    fragile: {
      breakEvenMonth: breakEven.fragile,
      discountedBreakEvenMonth: discounted.fragile,
      runRateCrossoverMonth: runRate.fragile,
      crossings: crossings.fragile,
      recommendation: rec.fragile,
    },
  };
}
