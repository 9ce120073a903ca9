/**
 * An independent reading of docs/model.md §4 and §8, for the portfolio tests: each plan's monthly cost written
 * straight from the formulas (Math.pow, no shared code with src/model), and an exhaustive search over every
 * combination of plans. Slow and simple on purpose: it is what the solver must agree with.
 */
import type { FunctionInputs } from "../../src/model";

/** A type, not an interface, so it passes as the model's assumptions record. */
export type ReferenceAssumptions = {
  horizonMonths: number;
  businessDaysPerMonth: number;
  hoursPerMonth: number;
  managerMonthlyCost: number;
  discountRateAnnual: number;
  rampShape: "step" | "linear";
};

/** The row's inputs after validation: the model's type, so the tests feed both sides the same numbers. */
export type ReferenceFunction = FunctionInputs;

export interface ReferencePlan {
  strategy: "STAFF_AUG" | "BPO" | "BRIDGE";
  startMonth: number | null;
  npv: number;
  load: number[];
  transition: number[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** §3: r(R, m), live(R, m), p(R, m). */
function ramp(a: ReferenceAssumptions, R: number, m: number) {
  const D = a.businessDaysPerMonth;
  const r = clamp(R - (m - 1) * D, 0, D);
  const live = 1 - r / D;
  let p = live;
  if (a.rampShape === "linear") {
    const lo = (m - 1) * D;
    const hi = m * D;
    if (R === 0) p = 1;
    else if (hi <= R) p = (hi * hi - lo * lo) / (2 * R) / D;
    else if (lo >= R) p = (hi - lo) / D;
    else p = ((R * R - lo * lo) / (2 * R) + (hi - R)) / D;
  }
  return { r, live, p };
}

/** Every plan §8.2 allows for one function, costed from the spec. */
export function referencePlans(fn: ReferenceFunction, a: ReferenceAssumptions, step: number): ReferencePlan[] {
  const H = a.horizonMonths;
  const N = fn.headcount;
  const R = 5 * fn.bpoRampWeeks;
  const v = (m: number) => Math.pow(1 + a.discountRateAnnual, -m / 12);
  const year = (m: number) => Math.floor((m - 1) / 12);
  const sa = (m: number) => {
    const fees = N * fn.saHourlyRate * a.hoursPerMonth * Math.pow(1 + fn.saAnnualEscalation, year(m));
    const management = N * fn.saMgmtShare * a.managerMonthlyCost;
    const overhead = N * fn.saOverheadPerFteMonth;
    const onboarding = m === 1 ? N * fn.saOnboardingCostPerFte : 0;
    const attrition =
      N *
      (fn.saAnnualAttrition / 12) *
      (fn.saOnboardingCostPerFte +
        fn.saHourlyRate *
          a.hoursPerMonth *
          Math.pow(1 + fn.saAnnualEscalation, year(m)) *
          (fn.saRampDays / a.businessDaysPerMonth));
    const p = ramp(a, fn.saRampDays, m).p;
    return { shareable: fees + management + overhead + attrition, onboarding, p };
  };
  /** BPO whose transition starts in month `start`, seen in calendar month m. */
  const bpo = (m: number, start: number) => {
    if (m < start) return { fees: 0, transition: 0, governance: 0, changeOrders: 0, r: 0, live: 0, p: 0 };
    const own = ramp(a, R, m - start + 1);
    const fees = N * fn.bpoMonthlyFeePerFte * Math.pow(1 + fn.bpoAnnualEscalation, year(m)) * own.live;
    const transition = R === 0 ? (m === start ? fn.bpoTransitionCost : 0) : (fn.bpoTransitionCost * own.r) / R;
    const changeOrders = (fn.bpoChangeOrdersPerYear / 12) * fn.bpoChangeOrderCost * own.live;
    return {
      fees,
      transition,
      governance: fn.bpoGovernanceShare * fees,
      changeOrders,
      r: own.r,
      live: own.live,
      p: own.p,
    };
  };
  const months = Array.from({ length: H }, (_, i) => i + 1);
  const plans: ReferencePlan[] = [];
  if (fn.managementCapacity) {
    plans.push({
      strategy: "STAFF_AUG",
      startMonth: null,
      npv: months.reduce((sum, m) => {
        const s = sa(m);
        const delay = N * fn.delayCostPerFteMonth * (1 - s.p);
        return sum + (s.shareable + s.onboarding + delay) * v(m);
      }, 0),
      load: months.map(() => N * fn.saMgmtShare),
      transition: months.map(() => 0),
    });
  }
  if (fn.processDocumented) {
    plans.push({
      strategy: "BPO",
      startMonth: 1,
      npv: months.reduce((sum, m) => {
        const b = bpo(m, 1);
        const delay = N * fn.delayCostPerFteMonth * (1 - b.p);
        return sum + (b.fees + b.transition + b.governance + b.changeOrders + delay) * v(m);
      }, 0),
      load: months.map(() => 0),
      transition: months.map((m) => (bpo(m, 1).r > 0 ? 1 : 0)),
    });
  }
  if (fn.managementCapacity && fn.processDocumented) {
    for (let start = 1; start <= H; start += step) {
      plans.push({
        strategy: "BRIDGE",
        startMonth: start,
        npv: months.reduce((sum, m) => {
          const s = sa(m);
          const b = bpo(m, start);
          const covered = 1 - b.live;
          const delay = N * fn.delayCostPerFteMonth * (1 - Math.max(s.p, b.p));
          const cost =
            covered * s.shareable + s.onboarding + b.fees + b.transition + b.governance + b.changeOrders + delay;
          return sum + cost * v(m);
        }, 0),
        load: months.map((m) => (1 - bpo(m, start).live) * N * fn.saMgmtShare),
        transition: months.map((m) => (bpo(m, start).r > 0 ? 1 : 0)),
      });
    }
  }
  return plans;
}

/** One combination of plans, one per function, with what the limits and the objective read. */
export interface Combination {
  chosen: number[];
  npv: number;
  peakLoad: number;
  peakTransitions: number;
}

/** Every combination of one plan per function (functions without plans take no part). */
export function everyCombination(plans: ReferencePlan[][], months: number): Combination[] {
  const members = plans.filter((p) => p.length > 0);
  const out: Combination[] = [];
  const chosen: number[] = [];
  const walk = (f: number) => {
    if (f === members.length) {
      let npv = 0;
      let peakLoad = 0;
      let peakTransitions = 0;
      for (let i = 0; i < months; i++) {
        let load = 0;
        let transitions = 0;
        members.forEach((own, g) => {
          load += own[chosen[g]].load[i];
          transitions += own[chosen[g]].transition[i];
        });
        peakLoad = Math.max(peakLoad, load);
        peakTransitions = Math.max(peakTransitions, transitions);
      }
      members.forEach((own, g) => (npv += own[chosen[g]].npv));
      out.push({ chosen: [...chosen], npv, peakLoad, peakTransitions });
      return;
    }
    for (let p = 0; p < members[f].length; p++) {
      chosen[f] = p;
      walk(f + 1);
    }
  };
  walk(0);
  return out;
}

const fits = (c: Combination, capacity: number | null, transitions: number | null) =>
  (capacity === null || c.peakLoad <= capacity + 1e-9) && (transitions === null || c.peakTransitions <= transitions);

/** The least NPV of the combinations meeting both limits, or null when none does. */
export function bestNpv(all: Combination[], capacity: number | null, transitions: number | null): number | null {
  let best: number | null = null;
  for (const c of all) if (fits(c, capacity, transitions) && (best === null || c.npv < best)) best = c.npv;
  return best;
}

/** The least peak load among combinations meeting the transition limit (null when none does). */
export function leastCapacity(all: Combination[], transitions: number | null): number | null {
  let least: number | null = null;
  for (const c of all) if (fits(c, null, transitions) && (least === null || c.peakLoad < least)) least = c.peakLoad;
  return least;
}

/** The fewest concurrent transitions among combinations meeting the capacity (null when none does). */
export function fewestTransitions(all: Combination[], capacity: number | null): number | null {
  let least: number | null = null;
  for (const c of all)
    if (fits(c, capacity, null) && (least === null || c.peakTransitions < least)) least = c.peakTransitions;
  return least;
}
