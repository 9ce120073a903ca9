/**
 * The 0-1 integer programmes of docs/model.md §8.3–§8.4, solved by YALPS (MIT, plain JavaScript: it runs in Node,
 * the browser and a Web Worker alike). The solver is loaded with a dynamic import, so a bundle that never runs the
 * portfolio never loads it. Exact reductions (plans no limit can use, plans another plan dominates, functions with
 * one plan left) shrink each programme before it is handed over; the plan returned is checked against the limits
 * with the model's own arithmetic.
 */
import type { Model, Options, Solution } from "yalps";
import type { Plan } from "./portfolio-plans";

/** The solver's entry point, loaded on first use. */
export type SolveFunction = (model: Model, options?: Options) => Solution;

let loading: Promise<SolveFunction> | undefined;

/** Loads YALPS once (a chunk of its own in the add-in). */
export function loadSolver(): Promise<SolveFunction> {
  loading ??= import("yalps").then((module) => module.solve as SolveFunction);
  return loading;
}

/** docs/model.md §8.3: a plan's load must not exceed the capacity by more than this. */
export const CAPACITY_TOLERANCE = 1e-9;

/** The two shared limits of one solve; null = unlimited. */
export interface Limits {
  capacity: number | null;
  transitions: number | null;
}

export interface Choice {
  status: "optimal" | "infeasible" | "stopped";
  /** Index of the chosen plan in each function's plan list (null when infeasible or nothing found in time). */
  chosen: number[] | null;
  /** Proven bound on how far the choice may be from the optimum, relative to its NPV (0 when optimal). */
  relativeGap: number;
}

const EMPTY_CHOICE: Choice = { status: "infeasible", chosen: null, relativeGap: 0 };
const UNPROVEN: Choice = { status: "stopped", chosen: null, relativeGap: Infinity };

/** What a plan is compared on in a given programme. */
interface Relevance {
  cost: boolean;
  load: boolean;
  transitions: boolean;
}

/** a is at least as good as b on everything that matters in this programme. */
function dominates(a: Plan, b: Plan, relevant: Relevance): boolean {
  if (relevant.cost && a.npv > b.npv) return false;
  if (relevant.load) for (let i = 0; i < a.load.length; i++) if (a.load[i] > b.load[i]) return false;
  if (relevant.transitions)
    for (let i = 0; i < a.transition.length; i++) if (a.transition[i] > b.transition[i]) return false;
  return true;
}

/**
 * For each function, the indices of the plans worth offering the solver: those that fit the limits on their own
 * (loads and transitions are never negative, so a plan over a limit alone is over it in any portfolio), less those
 * another kept plan dominates (the first of equals is kept).
 */
function candidatePlans(plans: readonly Plan[][], limits: Limits, relevant: Relevance): number[][] {
  return plans.map((own) => {
    const fits = own
      .map((plan, index) => ({ plan, index }))
      .filter(
        ({ plan }) =>
          (limits.capacity === null || plan.load.every((l) => l <= limits.capacity! + CAPACITY_TOLERANCE)) &&
          (limits.transitions === null || plan.transition.every((t) => t <= limits.transitions!)),
      );
    const kept: { plan: Plan; index: number }[] = [];
    for (const candidate of fits) {
      if (kept.some((k) => dominates(k.plan, candidate.plan, relevant))) continue;
      for (let k = kept.length - 1; k >= 0; k--)
        if (dominates(candidate.plan, kept[k].plan, relevant)) kept.splice(k, 1);
      kept.push(candidate);
    }
    return kept.map((k) => k.index).sort((x, y) => x - y);
  });
}

/** Monthly totals of a choice: management load (summed in function order) and plans in transition. */
export function monthlyTotals(
  plans: readonly Plan[][],
  chosen: readonly number[],
  months: number,
): { load: Float64Array; transitions: Int32Array } {
  const load = new Float64Array(months);
  const transitions = new Int32Array(months);
  plans.forEach((own, f) => {
    const plan = own[chosen[f]];
    for (let i = 0; i < months; i++) {
      load[i] += plan.load[i];
      transitions[i] += plan.transition[i];
    }
  });
  return { load, transitions };
}

/** Does a choice meet both limits (docs/model.md §8.3, capacity within 1e-9)? */
export function meetsLimits(
  plans: readonly Plan[][],
  chosen: readonly number[],
  months: number,
  limits: Limits,
): boolean {
  const { load, transitions } = monthlyTotals(plans, chosen, months);
  for (let i = 0; i < months; i++) {
    if (limits.capacity !== null && load[i] > limits.capacity + CAPACITY_TOLERANCE) return false;
    if (limits.transitions !== null && transitions[i] > limits.transitions) return false;
  }
  return true;
}

/** The peak monthly management load of a choice, as the model sums it. */
export const peakLoad = (plans: readonly Plan[][], chosen: readonly number[], months: number): number =>
  Math.max(0, ...monthlyTotals(plans, chosen, months).load);

/** The most plans in transition in any month of a choice. */
export const peakTransitions = (plans: readonly Plan[][], chosen: readonly number[], months: number): number =>
  Math.max(0, ...monthlyTotals(plans, chosen, months).transitions);

/** What a programme minimises: the portfolio NPV, or the peak load. */
type Goal = "cost" | "peak-load";

const PEAK = "peak";
const variableName = (f: number, p: number): string => `${f}:${p}`;

/**
 * Builds and solves one programme over the candidate plans. Functions left with one candidate are fixed (their load
 * and transitions come off the right-hand sides); months no free plan touches are checked directly.
 */
function solveProgramme(
  solve: SolveFunction,
  plans: readonly Plan[][],
  candidates: readonly number[][],
  months: number,
  limits: Limits,
  goal: Goal,
  timeoutMs: number,
): Choice {
  if (candidates.some((c) => c.length === 0)) return EMPTY_CHOICE;
  // What the functions with one candidate (fixed) take, month by month, before the free ones choose.
  const fixedLoad = new Float64Array(months);
  const fixedTransitions = new Float64Array(months);
  const free: number[] = [];
  const chosen = candidates.map((c) => c[0]);
  candidates.forEach((c, f) => {
    if (c.length > 1) free.push(f);
    else {
      const plan = plans[f][c[0]];
      for (let i = 0; i < months; i++) {
        fixedLoad[i] += plan.load[i];
        fixedTransitions[i] += plan.transition[i];
      }
    }
  });
  if (free.length === 0) return finish(plans, chosen, months, limits);

  // Costs relative to each function's cheapest candidate: the same optimum, smaller numbers for the simplex.
  const constraints = new Map<string, { equal?: number; max?: number }>();
  const variables = new Map<string, Map<string, number>>();
  const loadRow = (i: number) => `load ${i}`;
  const transitionRow = (i: number) => `transitions ${i}`;
  for (const f of free) {
    constraints.set(`one ${f}`, { equal: 1 });
    const cheapest = Math.min(...candidates[f].map((p) => plans[f][p].npv));
    for (const p of candidates[f]) {
      const plan = plans[f][p];
      const coefficients = new Map<string, number>([[`one ${f}`, 1]]);
      if (goal === "cost") coefficients.set("objective", plan.npv - cheapest);
      for (let i = 0; i < months; i++) {
        if (plan.load[i] > 0 && (limits.capacity !== null || goal === "peak-load"))
          coefficients.set(loadRow(i), plan.load[i]);
        if (plan.transition[i] > 0 && limits.transitions !== null)
          coefficients.set(transitionRow(i), plan.transition[i]);
      }
      variables.set(variableName(f, p), coefficients);
    }
  }
  // The peak variable of a min-max goal: every month's total (free plans plus fixed ones) is at most it.
  const peak = new Map<string, number>([["objective", 1]]);
  for (let i = 0; i < months; i++) {
    if (goal === "peak-load") {
      constraints.set(loadRow(i), { max: -fixedLoad[i] });
      peak.set(loadRow(i), -1);
    } else if (limits.capacity !== null)
      constraints.set(loadRow(i), { max: limits.capacity - fixedLoad[i] + CAPACITY_TOLERANCE });
    if (limits.transitions !== null)
      constraints.set(transitionRow(i), { max: limits.transitions - fixedTransitions[i] });
  }
  if (goal === "peak-load") variables.set(PEAK, peak);
  const binaries = [...variables.keys()].filter((name) => name !== PEAK);

  const model: Model = { direction: "minimize", objective: "objective", constraints, variables, binaries };
  const solution = solve(model, {
    tolerance: 0,
    timeout: Math.max(1, timeoutMs),
    maxIterations: Infinity,
    checkCycles: true,
  });
  if (solution.status === "infeasible") return EMPTY_CHOICE;
  // Out of time before any plan, or the simplex cycled: nothing proven either way, never reported as infeasible.
  if (Number.isNaN(solution.result) || solution.status === "cycled" || solution.status === "unbounded") return UNPROVEN;
  const picked = new Map<number, number>();
  for (const [name, value] of solution.variables) {
    if (name === PEAK || value < 0.5) continue;
    const [f, p] = name.split(":").map(Number);
    picked.set(f, p);
  }
  for (const f of free) {
    const p = picked.get(f);
    if (p === undefined) return EMPTY_CHOICE; // the solver's answer is not a plan per function: treat as none
    chosen[f] = p;
  }
  // The solver's own rounding must not let a plan past a limit: such an answer proves nothing.
  if (!meetsLimits(plans, chosen, months, limits)) return UNPROVEN;
  if (solution.status !== "timedout") return { status: "optimal", chosen, relativeGap: 0 };
  const scale =
    goal === "cost" ? plans.reduce((sum, own, f) => sum + own[chosen[f]].npv, 0) : peakLoad(plans, chosen, months);
  return { status: "stopped", chosen, relativeGap: relaxationGap(solve, model, solution.result, scale) };
}

/** A choice checked with the model's arithmetic: a solver rounding that breaks a limit is reported, never hidden. */
function finish(plans: readonly Plan[][], chosen: number[], months: number, limits: Limits): Choice {
  return meetsLimits(plans, chosen, months, limits) ? { status: "optimal", chosen, relativeGap: 0 } : EMPTY_CHOICE;
}

/**
 * How far a choice found in time may be from the optimum, relative to `scale` (the portfolio's NPV, or its peak
 * load): its objective less the linear relaxation's, a proven lower bound on the same objective.
 */
function relaxationGap(solve: SolveFunction, model: Model, found: number, scale: number): number {
  const relaxed = solve({ ...model, binaries: undefined }, { checkCycles: true });
  if (relaxed.status !== "optimal") return Infinity;
  return scale === 0 ? 0 : Math.max(0, found - relaxed.result) / Math.abs(scale);
}

/** docs/model.md §8.3: the least-NPV choice of one plan per function under both limits. */
export function cheapestChoice(
  solve: SolveFunction,
  plans: readonly Plan[][],
  months: number,
  limits: Limits,
  timeoutMs: number,
): Choice {
  const relevant = { cost: true, load: limits.capacity !== null, transitions: limits.transitions !== null };
  const candidates = candidatePlans(plans, limits, relevant);
  if (candidates.some((c) => c.length === 0)) return EMPTY_CHOICE;
  // Each function at its cheapest candidate: when that meets the limits, no programme is needed.
  const cheapest = candidates.map((c, f) => c.reduce((best, p) => (plans[f][p].npv < plans[f][best].npv ? p : best)));
  if (meetsLimits(plans, cheapest, months, limits)) return { status: "optimal", chosen: cheapest, relativeGap: 0 };
  return solveProgramme(solve, plans, candidates, months, limits, "cost", timeoutMs);
}

/**
 * docs/model.md §8.4: the least peak management load over the choices that meet the transition limit (the minimum
 * capacity), as the model sums the choice that reaches it; null when no choice meets the transition limit.
 */
export function leastPeakLoad(
  solve: SolveFunction,
  plans: readonly Plan[][],
  months: number,
  transitions: number | null,
  timeoutMs: number,
): { value: number | null; stopped: boolean } {
  const limits: Limits = { capacity: null, transitions };
  const candidates = candidatePlans(plans, limits, { cost: false, load: true, transitions: transitions !== null });
  if (candidates.some((c) => c.length === 0)) return { value: null, stopped: false };
  if (candidates.every((c) => c.length === 1)) {
    const chosen = candidates.map((c) => c[0]);
    return {
      value: meetsLimits(plans, chosen, months, limits) ? peakLoad(plans, chosen, months) : null,
      stopped: false,
    };
  }
  const choice = solveProgramme(solve, plans, candidates, months, limits, "peak-load", timeoutMs);
  return {
    value: choice.chosen && choice.status === "optimal" ? peakLoad(plans, choice.chosen, months) : null,
    stopped: choice.status === "stopped",
  };
}

/**
 * docs/model.md §8.4: the fewest concurrent transitions any choice meeting the capacity needs (null when none
 * does); `known`, when given, is a choice known to meet the capacity. A whole number, so found by bisection on
 * feasibility, which proves far faster than minimising the peak directly; each choice found lowers the upper end
 * to its own peak.
 */
export function fewestTransitions(
  solve: SolveFunction,
  plans: readonly Plan[][],
  months: number,
  capacity: number | null,
  timeoutMs: number,
  known: readonly number[] | null = null,
): { value: number | null; stopped: boolean } {
  const deadline = Date.now() + timeoutMs;
  // Feasibility asked as the cheapest choice: the costs guide the search, which proves far faster here than a
  // programme without an objective (measured on the bench's 200 × 60 portfolio: under 1 s against over 30 s).
  const fitting = (transitions: number | null): Choice =>
    cheapestChoice(solve, plans, months, { capacity, transitions }, Math.max(1, deadline - Date.now()));
  // A choice that meets the capacity (the caller's optimum, when it has one) bounds the answer from above.
  let fits = known;
  if (!fits) {
    const any = fitting(null);
    if (!any.chosen || any.status !== "optimal") return { value: null, stopped: any.status === "stopped" };
    fits = any.chosen;
  }
  let high = peakTransitions(plans, fits, months);
  // Without the capacity each function has a plan with the fewest transitions in every month (staff augmentation
  // has none; a function only BPO may cover has one plan): their peak is a lower bound, often the answer, and it
  // spares the bisection its hardest proofs.
  const unlimited = candidatePlans(
    plans,
    { capacity: null, transitions: null },
    { cost: false, load: false, transitions: true },
  );
  let low = unlimited.every((c) => c.length === 1)
    ? peakTransitions(
        plans,
        unlimited.map((c) => c[0]),
        months,
      )
    : 0;
  // The first probe is one below the known choice: when the limit binds the answer is often right there, and
  // then a single proof settles it. Bisection after that.
  let first = true;
  while (low < high) {
    const middle = first ? high - 1 : Math.floor((low + high) / 2);
    first = false;
    const choice = fitting(middle);
    if (choice.status === "stopped") return { value: null, stopped: true };
    if (choice.chosen) high = peakTransitions(plans, choice.chosen, months);
    else low = middle + 1;
  }
  return { value: high, stopped: false };
}
