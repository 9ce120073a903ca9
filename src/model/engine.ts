/**
 * The monthly engine (MODEL.md §3–§4): the cost of each strategy in each month, and its components.
 * Pure arithmetic on validated inputs; everything that decides or explains lives elsewhere.
 */
import type { Assumptions, ComponentKey, Components, FunctionInputs, PerStrategy, RampShape } from "./types";

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
  if (end <= rampDays) productiveDays = (end * end - start * start) / (2 * rampDays);
  else if (start >= rampDays) productiveDays = end - start;
  else productiveDays = (rampDays * rampDays - start * start) / (2 * rampDays) + (end - rampDays);
  // Mathematically within [0, 1]; clamp so rounding can never make a delay cost negative.
  const share = productiveDays / daysPerMonth;
  return share > 1 ? 1 : share;
}

export const zeroComponents = (): Components => ({
  fees: 0,
  management: 0,
  overhead: 0,
  onboarding: 0,
  attrition: 0,
  transition: 0,
  governance: 0,
  changeOrders: 0,
  delay: 0,
});

/** Monthly costs of the three strategies, months 1..H at indices 0..H−1, with components summed over H. */
export interface Schedule {
  months: number;
  staffAug: Float64Array;
  bpo: Float64Array;
  bridge: Float64Array;
  components: PerStrategy<Components>;
}

export function computeSchedule(fn: FunctionInputs, a: Assumptions): Schedule {
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
  const changeOrdersPerMonth = (fn.bpoChangeOrdersPerYear / 12) * fn.bpoChangeOrderCost;

  const staffAug = new Float64Array(H);
  const bpo = new Float64Array(H);
  const bridge = new Float64Array(H);
  const sa = zeroComponents();
  const bp = zeroComponents();
  const br = zeroComponents();

  let contractYear = -1;
  let saEscalation = 1;
  let bpoEscalation = 1;
  for (let m = 1; m <= H; m++) {
    const year = Math.floor((m - 1) / 12);
    if (year !== contractYear) {
      contractYear = year;
      saEscalation = Math.pow(1 + fn.saAnnualEscalation, year);
      bpoEscalation = Math.pow(1 + fn.bpoAnnualEscalation, year);
    }

    // Staff augmentation.
    const saMonthlyRate = fn.saHourlyRate * a.hoursPerMonth * saEscalation;
    const fSa = N * fn.saHourlyRate * a.hoursPerMonth * saEscalation;
    const bSa = m === 1 ? onboardingFirstMonth : 0;
    const aSa = N * attritionRate * (fn.saOnboardingCostPerFte + (saMonthlyRate * saRamp) / D);
    const pSa = productiveShare(shape, saRamp, m, D);
    const dSa = delayPerMonth * (1 - pSa);
    const saCost = fSa + management + overhead + bSa + aSa + dSa;

    // BPO: fees from go-live, transition spread over the ramp days.
    const bpoRampDays = rampDaysInMonth(bpoRamp, m, D);
    const live = 1 - bpoRampDays / D;
    const fB = N * fn.bpoMonthlyFeePerFte * bpoEscalation * live;
    const tB = bpoRamp === 0 ? (m === 1 ? fn.bpoTransitionCost : 0) : (fn.bpoTransitionCost * bpoRampDays) / bpoRamp;
    const gB = fn.bpoGovernanceShare * fB;
    const cB = changeOrdersPerMonth * live;
    const pB = productiveShare(shape, bpoRamp, m, D);
    const dB = delayPerMonth * (1 - pB);
    const bpoCost = fB + tB + gB + cB + dB;

    // Bridge: staff augmentation covers the part of the month before BPO go-live.
    const s = 1 - live;
    const dBr = delayPerMonth * (1 - Math.max(pSa, pB));
    const bridgeCost = s * (fSa + management + overhead + aSa) + bSa + fB + tB + gB + cB + dBr;

    staffAug[m - 1] = saCost;
    bpo[m - 1] = bpoCost;
    bridge[m - 1] = bridgeCost;

    sa.fees += fSa;
    sa.management += management;
    sa.overhead += overhead;
    sa.onboarding += bSa;
    sa.attrition += aSa;
    sa.delay += dSa;

    bp.fees += fB;
    bp.transition += tB;
    bp.governance += gB;
    bp.changeOrders += cB;
    bp.delay += dB;

    br.fees += s * fSa + fB;
    br.management += s * management;
    br.overhead += s * overhead;
    br.onboarding += bSa;
    br.attrition += s * aSa;
    br.transition += tB;
    br.governance += gB;
    br.changeOrders += cB;
    br.delay += dBr;
  }

  return { months: H, staffAug, bpo, bridge, components: { STAFF_AUG: sa, BPO: bp, BRIDGE: br } };
}

export const componentTotal = (c: Components): number =>
  (Object.keys(c) as ComponentKey[]).reduce((sum, key) => sum + c[key], 0);
