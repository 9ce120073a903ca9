/**
 * The portfolio (docs/model.md §8): one plan per function, chosen together to minimise the portfolio NPV under the
 * management capacity and the concurrent-transition limit every function shares, and what each limit costs.
 * Every host (command line, add-in panel and sheet, custom function, playground) calls optimisePortfolio.
 */
import { discountFactors } from "./cumulative";
import { allocateBuffers } from "./engine";
import { PORTFOLIO_FIELDS } from "./fields";
import { validateField, type ParsedInput } from "./parse";
import { plansOf, type Plan } from "./portfolio-plans";
import {
  cheapestChoice,
  fewestTransitions,
  leastPeakLoad,
  loadSolver,
  monthlyTotals,
  type Choice,
  type Limits,
  type SolveFunction,
} from "./portfolio-solver";
import type {
  PortfolioJson,
  PortfolioLimits,
  PortfolioMonth,
  PortfolioOptions,
  PortfolioPlan,
  PortfolioProgress,
  PortfolioResult,
} from "./portfolio-types";
import { decide } from "./recommend";
import type { Assumptions, FunctionInputs, InputWarning, Recommendation } from "./types";

export type * from "./portfolio-types";

/** Seconds the optimum may take before the best plan found is returned with its gap (the 10 s). */
export const DEFAULT_TIME_LIMIT_SECONDS = 10;

/** Thrown when the caller's signal cancels a solve. */
export class PortfolioCancelledError extends Error {
  override readonly name = "AbortError";
}

/**
 * The most plan-months (plans × months, over all functions) the optimiser takes: about 30 MB of loads and far
 * beyond what it solves in seconds (the bench's 200 functions × 60 months have 264,000).
 */
export const PLAN_MONTHS_LIMIT = 3_000_000;

/** A portfolio too large to optimise, with what to change in words. */
export class PortfolioTooLargeError extends RangeError {
  override readonly name = "PortfolioTooLargeError";
}

/** How many plans the §5 gates allow a function (docs/model.md §8.2), before any is built. */
function planCount(inputs: FunctionInputs, starts: number): number {
  const staffAug = inputs.managementCapacity ? 1 : 0;
  const bpo = inputs.processDocumented ? 1 : 0;
  return staffAug + bpo + staffAug * bpo * starts;
}

/** The part of an AbortSignal the model reads (the model has no DOM types). */
interface CancelSignal {
  readonly aborted: boolean;
}

/**
 * The limits from the parsed assumptions (docs/model.md §8.1), then the caller's overrides, each checked as its
 * cell would be. A bad override throws a RangeError whose message names the assumption, the rule and the value.
 */
export function portfolioLimits(parsed: ParsedInput, overrides: Partial<PortfolioLimits> = {}): PortfolioLimits {
  const given = parsed.rowDefaults as Record<string, unknown>;
  const value = (key: keyof PortfolioLimits): number | null => {
    const field = PORTFOLIO_FIELDS.find((f) => f.key === key);
    const override = overrides[key];
    if (override !== undefined && override !== null) {
      const outcome = validateField(field!, override);
      if (!outcome.ok) throw new RangeError(outcome.message);
      return outcome.value as number;
    }
    if (override === null) return null;
    const fromFile = given[key];
    return typeof fromFile === "number" ? fromFile : ((field?.defaultValue as number | undefined) ?? null);
  };
  const step = value("transitionStartStepMonths");
  return {
    managementCapacityFte: value("managementCapacityFte"),
    maxConcurrentTransitions: value("maxConcurrentTransitions"),
    transitionStartStepMonths: step ?? 3,
  };
}

interface Member {
  row: number;
  name: string;
  recommendation: Recommendation;
  plans: Plan[];
}

const toLimits = (l: PortfolioLimits): Limits => ({
  capacity: l.managementCapacityFte,
  transitions: l.maxConcurrentTransitions,
});

const sumNpv = (plans: readonly Plan[][], chosen: readonly number[]): number =>
  plans.reduce((sum, own, f) => sum + own[chosen[f]].npv, 0);

/** docs/model.md §8: plans, the optimum, the minimum limits and the value of one more manager and transition. */
export async function optimisePortfolio(parsed: ParsedInput, options: PortfolioOptions = {}): Promise<PortfolioResult> {
  const limits = portfolioLimits(parsed, options.limits);
  const a = parsed.assumptions;
  const H = a.horizonMonths;
  const budgetMs = (options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS) * 1000;
  const started = Date.now();
  const remaining = () => Math.max(1, budgetMs - (Date.now() - started));
  // The solver's time limit covers its search, not its first relaxation: once the budget is spent, start no more.
  const outOfTime = () => Date.now() - started >= budgetMs;
  const timedOut = { value: null, stopped: true };
  const signal: CancelSignal | undefined = options.signal;
  const full = !options.planOnly;
  const stages: PortfolioProgress["stage"][] = ["plans", "optimum"];
  if (full && limits.managementCapacityFte !== null) stages.push("one-more-manager");
  if (full && limits.maxConcurrentTransitions !== null) stages.push("one-more-transition");
  if (full) stages.push("minimum-capacity", "minimum-transitions");
  let done = 0;
  const step = (stage: PortfolioProgress["stage"]) => {
    if (signal?.aborted) throw new PortfolioCancelledError("The portfolio optimisation was cancelled.");
    options.onProgress?.({ stage, done: done++, total: stages.length });
  };

  step("plans");
  const starts = Math.ceil(H / limits.transitionStartStepMonths);
  const planMonths = parsed.rows.reduce((sum, { inputs }) => sum + planCount(inputs, starts), 0) * H;
  if (planMonths > PLAN_MONTHS_LIMIT)
    throw new PortfolioTooLargeError(
      `The portfolio has ${planMonths.toLocaleString("en-US")} plan-months (functions × plans × ${H} months); the optimiser takes at most ${PLAN_MONTHS_LIMIT.toLocaleString("en-US")}. Use a longer transition start step (it is ${limits.transitionStartStepMonths} ${limits.transitionStartStepMonths === 1 ? "month" : "months"}), a shorter horizon or fewer functions.`,
    );
  const buffers = allocateBuffers(a);
  const all: Member[] = parsed.rows.map(({ row, inputs }) => {
    const { plans, npv } = plansOf(inputs, a, limits.transitionStartStepMonths, buffers);
    const decision = decide(npv, inputs.processDocumented, inputs.managementCapacity, inputs.scope, a.decisionMargin);
    return { row, name: inputs.function, recommendation: decision.recommendation, plans };
  });
  const members = all.filter((m) => m.plans.length > 0);
  const plans = members.map((m) => m.plans);
  const unconstrained = plans.map((own) => own.reduce((best, p, i) => (p.npv < own[best].npv ? i : best), 0));
  const unconstrainedNpv = sumNpv(plans, unconstrained);

  const solve = plans.length > 0 ? await loadSolver() : undefined;
  const optimum = (l: Limits): Choice =>
    solve ? cheapestChoice(solve, plans, H, l, remaining()) : { status: "optimal", chosen: [], relativeGap: 0 };

  step("optimum");
  const base = toLimits(limits);
  const best = optimum(base);
  const notes: string[] = [];
  const bestNpv = best.chosen ? sumNpv(plans, best.chosen) : null;

  const oneMore = (which: "capacity" | "transitions"): number | null => {
    const more: Limits =
      which === "capacity"
        ? { ...base, capacity: (base.capacity as number) + 1 }
        : { ...base, transitions: (base.transitions as number) + 1 };
    const what = which === "capacity" ? "one more manager" : "one more concurrent transition";
    // Nothing to compare with a stopped optimum, and no time left to prove the other: neither is solved.
    const next = best.status === "stopped" || outOfTime() ? undefined : optimum(more);
    if (!next || next.status === "stopped") {
      notes.push(`The value of ${what} is not shown: the optimiser ran out of time before proving it.`);
      return null;
    }
    if (!next.chosen) return null; // still infeasible
    if (bestNpv === null) {
      notes.push(
        `With ${what} the portfolio becomes feasible; today's limits have no feasible plan to compare it with.`,
      );
      return null;
    }
    return bestNpv - sumNpv(plans, next.chosen);
  };
  let valueOfOneMoreManager: number | null = null;
  let valueOfOneMoreTransition: number | null = null;
  if (full && base.capacity !== null) {
    step("one-more-manager");
    valueOfOneMoreManager = oneMore("capacity");
  }
  if (full && base.transitions !== null) {
    step("one-more-transition");
    valueOfOneMoreTransition = oneMore("transitions");
  }

  const notComputed = { value: null, stopped: false };
  let minimumCapacity: { value: number | null; stopped: boolean } = notComputed;
  let minimumTransitions: { value: number | null; stopped: boolean } = notComputed;
  if (full) {
    step("minimum-capacity");
    minimumCapacity = !solve
      ? { value: 0, stopped: false }
      : outOfTime()
        ? timedOut
        : leastPeakLoad(solve, plans, H, base.transitions, remaining());
    step("minimum-transitions");
    minimumTransitions = !solve
      ? { value: 0, stopped: false }
      : outOfTime()
        ? timedOut
        : fewestTransitions(solve, plans, H, base.capacity, remaining(), best.chosen);
  }
  if (minimumCapacity.stopped)
    notes.push("The minimum management capacity is not shown: the optimiser ran out of time.");
  if (minimumTransitions.stopped)
    notes.push("The fewest concurrent transitions are not shown: the optimiser ran out of time.");
  options.onProgress?.({ stage: stages[stages.length - 1], done: stages.length, total: stages.length });

  const warnings: InputWarning[] = [...parsed.warnings];
  const skippedRows = new Set(parsed.errors.filter((e) => e.row !== null).map((e) => e.row)).size;
  if (parsed.errors.some((e) => e.row === null))
    warnings.push({
      column: "portfolio",
      message: "An assumption is invalid, so no function is in the portfolio; correct it and run again.",
    });
  else if (skippedRows > 0)
    warnings.push({
      column: "portfolio",
      message: `${skippedRows} ${skippedRows === 1 ? "row has" : "rows have"} input errors and ${skippedRows === 1 ? "is" : "are"} left out; the portfolio optimises the other ${members.length} ${members.length === 1 ? "function" : "functions"}.`,
    });

  return {
    status: best.status,
    totalNpv: bestNpv,
    unconstrainedNpv,
    plans: planDetails(all, members, best, unconstrained, H),
    months: monthsOf(plans, best.chosen, H),
    minimumManagementCapacityFte: minimumCapacity.value,
    minimumConcurrentTransitions: minimumTransitions.value,
    valueOfOneMoreManager,
    valueOfOneMoreTransition,
    notes,
    limits,
    managerNpv: managerPresentValue(a),
    relativeGap: best.relativeGap,
    assumptions: a,
    errors: parsed.errors,
    warnings,
  };
}

/** Σ_m managerMonthlyCost · v(m): what one more manager costs over the horizon, in today's money. */
export function managerPresentValue(a: Assumptions): number {
  const factors = discountFactors(a.discountRateAnnual, a.horizonMonths);
  let sum = 0;
  for (let i = 0; i < factors.length; i++) sum += a.managerMonthlyCost * factors[i];
  return sum;
}

function monthsOf(plans: readonly Plan[][], chosen: readonly number[] | null, H: number): PortfolioMonth[] {
  const totals = chosen
    ? monthlyTotals(plans, chosen, H)
    : { load: new Float64Array(H), transitions: new Int32Array(H) };
  return Array.from({ length: H }, (_, i) => ({
    month: i + 1,
    managementLoadFte: totals.load[i],
    transitions: totals.transitions[i],
  }));
}

function planDetails(
  all: readonly Member[],
  members: readonly Member[],
  best: Choice,
  unconstrained: readonly number[],
  H: number,
): PortfolioPlan[] {
  const index = new Map(members.map((m, f) => [m, f]));
  return all.map((member) => {
    const f = index.get(member);
    const base = { row: member.row, function: member.name, recommendation: member.recommendation };
    if (f === undefined || !best.chosen) {
      return {
        ...base,
        strategy: f === undefined ? "DOCUMENT_FIRST" : null,
        startMonth: null,
        npv: null,
        differsFromRecommendation: false,
        managementLoadFte: new Array<number>(H).fill(0),
        inTransition: new Array<boolean>(H).fill(false),
        unconstrainedNpv: f === undefined ? null : member.plans[unconstrained[f]].npv,
      };
    }
    const plan = member.plans[best.chosen[f]];
    return {
      ...base,
      strategy: plan.kind,
      startMonth: plan.startMonth,
      npv: plan.npv,
      differsFromRecommendation:
        plan.kind !== member.recommendation || (plan.kind === "BRIDGE" && plan.startMonth !== 1),
      managementLoadFte: Array.from(plan.load),
      inTransition: Array.from(plan.transition, (t) => t > 0),
      unconstrainedNpv: member.plans[unconstrained[f]].npv,
    };
  });
}

/**
 * The --json shape of the issue (plus warnings). A solve stopped by the time limit says "stopped", never
 * "optimal", and its gap to the proven bound is in the warnings.
 */
export function toPortfolioJson(result: PortfolioResult): PortfolioJson {
  // An invalid assumption leaves nothing to optimise: an empty plan with an NPV of 0 would read as an answer.
  if (result.errors.some((e) => e.row === null))
    return {
      status: "invalid",
      totalNpv: null,
      unconstrainedNpv: null,
      plans: [],
      months: [],
      minimumManagementCapacityFte: null,
      minimumConcurrentTransitions: null,
      valueOfOneMoreManager: null,
      valueOfOneMoreTransition: null,
      errors: result.errors,
      warnings: result.warnings,
    };
  const warnings = [...result.warnings];
  if (result.status === "stopped")
    warnings.push({
      column: "portfolio",
      message:
        result.totalNpv === null
          ? "The optimiser stopped at its time limit before it found a plan that meets the limits; allow it more time."
          : `The optimiser stopped at its time limit; the plan is the best found, at most ${(result.relativeGap * 100).toPrecision(3)}% above the optimum.`,
    });
  for (const note of result.notes) warnings.push({ column: "portfolio", message: note });
  return {
    status: result.status,
    totalNpv: result.totalNpv,
    unconstrainedNpv: result.unconstrainedNpv,
    plans: result.plans.map((p) => ({
      function: p.function,
      strategy: p.strategy,
      startMonth: p.startMonth,
      npv: p.npv,
      recommendation: p.recommendation,
    })),
    months: result.months,
    minimumManagementCapacityFte: result.minimumManagementCapacityFte,
    minimumConcurrentTransitions: result.minimumConcurrentTransitions,
    valueOfOneMoreManager: result.valueOfOneMoreManager,
    valueOfOneMoreTransition: result.valueOfOneMoreTransition,
    errors: result.errors,
    warnings,
  };
}

/** The solver function type, for hosts that load it ahead (a Worker warming up). */
export type { SolveFunction };
export { loadSolver };
