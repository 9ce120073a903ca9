/**
 * The plans of docs/model.md §8.2: for each modelled function, staff augmentation, BPO, and a bridge whose BPO
 * transition starts in month s = 1, 1+k, 1+2k, … ≤ H; each with its cost (NPV), its management load per month in
 * manager FTEs and the months it is in transition. Pure arithmetic on validated inputs.
 */
import { allocateBuffers, computeSchedule, productiveShare, rampDaysInMonth, type ScheduleBuffers } from "./engine";
import type { Assumptions, FunctionInputs, PerStrategy } from "./types";

export type PlanKind = "STAFF_AUG" | "BPO" | "BRIDGE";

export interface Plan {
  kind: PlanKind;
  /** The BPO transition's first month: 1 for BPO, s for BRIDGE_s, null for staff augmentation. */
  startMonth: number | null;
  /** Σ_m X(m)·v(m), summed in month order as the engine sums its NPVs. */
  npv: number;
  /** Management load in manager FTEs, months 1..H at indices 0..H−1. */
  load: Float64Array;
  /** 1 in the months the plan's BPO transition is under way (ramp days > 0), else 0. */
  transition: Uint8Array;
}

/** The §5 gates (docs/model.md §8.1: they still apply in the portfolio). */
export const allowsStaffAug = (fn: FunctionInputs): boolean => fn.managementCapacity;
export const allowsBpo = (fn: FunctionInputs): boolean => fn.processDocumented;
export const allowsBridge = (fn: FunctionInputs): boolean => fn.managementCapacity && fn.processDocumented;

/** Months a delayed transition may start in: 1, 1+k, 1+2k, … ≤ H. */
export function startMonths(horizonMonths: number, step: number): number[] {
  const months: number[] = [];
  for (let s = 1; s <= horizonMonths; s += step) months.push(s);
  return months;
}

/**
 * What a bridge's staff augmentation costs in each month, whatever the bridge's start: the share-able part
 * Fsa + Msa + Osa + Asa, the onboarding Bsa, and its productive share p(R_sa, m) (docs/model.md §4). Computed once
 * per function with the engine's operations in the engine's order, so BRIDGE_1 below matches the engine bit for bit.
 */
export interface StaffAugMonths {
  /** Fsa + Msa + Osa + Asa, the part of staff augmentation a bridge pays for the share c_s(m) of month m. */
  coverable: Float64Array;
  onboarding: Float64Array;
  productive: Float64Array;
  /** (1 + bpoAnnualEscalation)^y(m): the BPO fee's calendar-year escalation, which a late start does not reset. */
  bpoEscalation: Float64Array;
}

export function staffAugMonths(fn: FunctionInputs, a: Assumptions): StaffAugMonths {
  const H = a.horizonMonths;
  const D = a.businessDaysPerMonth;
  const N = fn.headcount;
  const months: StaffAugMonths = {
    coverable: new Float64Array(H),
    onboarding: new Float64Array(H),
    productive: new Float64Array(H),
    bpoEscalation: new Float64Array(H),
  };
  const perMonthFixed = {
    management: N * fn.saMgmtShare * a.managerMonthlyCost,
    overhead: N * fn.saOverheadPerFteMonth,
  };
  let saEscalation = 1;
  let bpoEscalation = 1;
  for (let m = 1; m <= H; m++) {
    if (m > 1 && (m - 1) % 12 === 0) {
      // (1 + e)^y by one multiplication a year, as the engine does (powers.ts).
      saEscalation *= 1 + fn.saAnnualEscalation;
      bpoEscalation *= 1 + fn.bpoAnnualEscalation;
    }
    const fees = N * fn.saHourlyRate * a.hoursPerMonth * saEscalation;
    const attrition =
      N *
      (fn.saAnnualAttrition / 12) *
      (fn.saOnboardingCostPerFte + (fn.saHourlyRate * a.hoursPerMonth * saEscalation * fn.saRampDays) / D);
    const i = m - 1;
    months.coverable[i] = fees + perMonthFixed.management + perMonthFixed.overhead + attrition;
    months.onboarding[i] = m === 1 ? N * fn.saOnboardingCostPerFte : 0;
    months.productive[i] =
      a.rampShape === "linear"
        ? productiveShare(a.rampShape, fn.saRampDays, m, D)
        : 1 - rampDaysInMonth(fn.saRampDays, m, D) / D;
    months.bpoEscalation[i] = bpoEscalation;
  }
  return months;
}

/** The monthly cost of BRIDGE_s (docs/model.md §8.2), months 1..H at indices 0..H−1. */
export function shiftedBridgeCosts(
  fn: FunctionInputs,
  a: Assumptions,
  start: number,
  sa: StaffAugMonths = staffAugMonths(fn, a),
): Float64Array {
  const H = a.horizonMonths;
  const D = a.businessDaysPerMonth;
  const bpoRamp = 5 * fn.bpoRampWeeks;
  const feeBase = fn.headcount * fn.bpoMonthlyFeePerFte;
  const changeOrdersPerMonth = (fn.bpoChangeOrdersPerYear / 12) * fn.bpoChangeOrderCost;
  const delayPerMonth = fn.headcount * fn.delayCostPerFteMonth;
  const costs = new Float64Array(H);
  for (let m = 1; m <= H; m++) {
    const i = m - 1;
    // The BPO's own month, m − s + 1, once its transition has started; before it there is no BPO at all.
    const bpoMonth = m - start + 1;
    const started = bpoMonth >= 1;
    const rampDays = started ? rampDaysInMonth(bpoRamp, bpoMonth, D) : 0;
    const live = started ? 1 - rampDays / D : 0;
    const fB = feeBase * sa.bpoEscalation[i] * live;
    let tB = 0;
    if (started)
      tB = bpoRamp === 0 ? (bpoMonth === 1 ? fn.bpoTransitionCost : 0) : (fn.bpoTransitionCost * rampDays) / bpoRamp;
    const gB = fn.bpoGovernanceShare * fB;
    const cB = changeOrdersPerMonth * live;
    const pB = !started ? 0 : a.rampShape === "linear" ? productiveShare(a.rampShape, bpoRamp, bpoMonth, D) : live;
    const pSa = sa.productive[i];
    const delay = delayPerMonth * (1 - (pSa > pB ? pSa : pB));
    costs[i] = (1 - live) * sa.coverable[i] + sa.onboarding[i] + fB + tB + gB + cB + delay;
  }
  return costs;
}

/** Σ_m X(m)·v(m) in month order (the engine's order). */
export function presentValue(costs: ArrayLike<number>, factors: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < costs.length; i++) sum += costs[i] * factors[i];
  return sum;
}

/** Months in transition of a BPO whose transition starts in month `start` (docs/model.md §8.2: ramp days > 0). */
function transitionMonths(fn: FunctionInputs, a: Assumptions, start: number): Uint8Array {
  const H = a.horizonMonths;
  const D = a.businessDaysPerMonth;
  const bpoRamp = 5 * fn.bpoRampWeeks;
  const months = new Uint8Array(H);
  for (let m = start; m <= H; m++) {
    if (rampDaysInMonth(bpoRamp, m - start + 1, D) > 0) months[m - 1] = 1;
    else break; // the ramp is over: no later month is in transition
  }
  return months;
}

/** Management load of BRIDGE_s: c_s(m) · N · saMgmtShare, with c_s(m) = 1 − live_s(m). */
function bridgeLoad(fn: FunctionInputs, a: Assumptions, start: number): Float64Array {
  const H = a.horizonMonths;
  const D = a.businessDaysPerMonth;
  const bpoRamp = 5 * fn.bpoRampWeeks;
  const perMonth = fn.headcount * fn.saMgmtShare;
  const load = new Float64Array(H);
  for (let m = 1; m <= H; m++) {
    const bpoMonth = m - start + 1;
    const live = bpoMonth >= 1 ? 1 - rampDaysInMonth(bpoRamp, bpoMonth, D) / D : 0;
    load[m - 1] = (1 - live) * perMonth;
  }
  return load;
}

export interface FunctionPlans {
  /** The plans the §5 gates allow (none: DOCUMENT_FIRST). */
  plans: Plan[];
  /** The engine's NPV of each §4 strategy, gated or not: what §5 decides on. */
  npv: PerStrategy<number>;
}

/**
 * Every plan of one function that its §5 gates allow, in a fixed order: staff augmentation, BPO, then the bridges
 * by start month. STAFF_AUG, BPO and BRIDGE_1 cost what the engine computes for them (the NPVs §5 compares).
 */
export function plansOf(
  fn: FunctionInputs,
  a: Assumptions,
  step: number,
  buffers: ScheduleBuffers = allocateBuffers(a),
): FunctionPlans {
  const H = a.horizonMonths;
  computeSchedule(fn, a, buffers);
  const engineNpv = {
    staffAug: buffers.discounted.staffAug[H - 1],
    bpo: buffers.discounted.bpo[H - 1],
    bridge: buffers.discounted.bridge[H - 1],
  };
  const plans: Plan[] = [];
  const sa = allowsBridge(fn) ? staffAugMonths(fn, a) : undefined;
  if (allowsStaffAug(fn)) {
    plans.push({
      kind: "STAFF_AUG",
      startMonth: null,
      npv: engineNpv.staffAug,
      load: new Float64Array(H).fill(fn.headcount * fn.saMgmtShare),
      transition: new Uint8Array(H),
    });
  }
  if (allowsBpo(fn)) {
    plans.push({
      kind: "BPO",
      startMonth: 1,
      npv: engineNpv.bpo,
      load: new Float64Array(H),
      transition: transitionMonths(fn, a, 1),
    });
  }
  if (allowsBridge(fn)) {
    for (const start of startMonths(H, step)) {
      plans.push({
        kind: "BRIDGE",
        startMonth: start,
        npv: start === 1 ? engineNpv.bridge : presentValue(shiftedBridgeCosts(fn, a, start, sa), buffers.factors),
        load: bridgeLoad(fn, a, start),
        transition: transitionMonths(fn, a, start),
      });
    }
  }
  return { plans, npv: { STAFF_AUG: engineNpv.staffAug, BPO: engineNpv.bpo, BRIDGE: engineNpv.bridge } };
}
