/**
 * The one entry point of the model: inputs in, the MODEL.md §6 result out. Every host calls this and nothing
 * else computes costs.
 */
import { cumulative, crossings, discountFactors, discountedCumulative, sustainedMonth } from "./analysis";
import { computeSchedule } from "./engine";
import { parseAssumptions, parseFunctions, toTable } from "./parse";
import { decide, rationale } from "./recommend";
import type { Assumptions, FunctionInputs, FunctionResult, ModelInput, ModelResult, MonthRow } from "./types";

/** Runs the model for one validated function. */
export function evaluateFunction(fn: FunctionInputs, a: Assumptions, factors = discountFactors(a.discountRateAnnual, a.horizonMonths)): FunctionResult {
  const schedule = computeSchedule(fn, a);
  const H = schedule.months;
  const cumSa = cumulative(schedule.staffAug);
  const cumBpo = cumulative(schedule.bpo);
  const cumBridge = cumulative(schedule.bridge);
  const discSa = discountedCumulative(schedule.staffAug, factors);
  const discBpo = discountedCumulative(schedule.bpo, factors);
  const discBridge = discountedCumulative(schedule.bridge, factors);

  const npv = { STAFF_AUG: discSa[H - 1], BPO: discBpo[H - 1], BRIDGE: discBridge[H - 1] };
  const breakEvenMonth = sustainedMonth(cumBpo, cumSa);
  const decision = decide(npv, fn.processDocumented, fn.managementCapacity, fn.scope, a.decisionMargin);

  const monthly: MonthRow[] = new Array(H);
  for (let i = 0; i < H; i++) {
    monthly[i] = { month: i + 1, STAFF_AUG: schedule.staffAug[i], BPO: schedule.bpo[i], BRIDGE: schedule.bridge[i] };
  }

  return {
    function: fn.function,
    recommendation: decision.recommendation,
    rationale: rationale({
      decision,
      npv,
      breakEvenMonth,
      horizonMonths: H,
      currency: a.currency,
      decisionMargin: a.decisionMargin,
      scope: fn.scope,
      processDocumented: fn.processDocumented,
      managementCapacity: fn.managementCapacity,
    }),
    breakEvenMonth,
    discountedBreakEvenMonth: sustainedMonth(discBpo, discSa),
    runRateCrossoverMonth: sustainedMonth(schedule.bpo, schedule.staffAug),
    crossings: crossings(cumBpo, cumSa),
    total: { STAFF_AUG: cumSa[H - 1], BPO: cumBpo[H - 1], BRIDGE: cumBridge[H - 1] },
    npv,
    components: schedule.components,
    monthly,
  };
}

/** MODEL.md §6: validates the inputs, models every valid row and reports every invalid cell. */
export function evaluate(input: ModelInput): ModelResult {
  const parsedAssumptions = parseAssumptions(input.assumptions);
  const { assumptions, rowDefaults } = parsedAssumptions;
  const table = toTable(input.functions ?? []);
  const parsedRows = parseFunctions(table, assumptions, rowDefaults);

  const errors = [...parsedAssumptions.errors, ...parsedRows.errors];
  const warnings = [...parsedAssumptions.warnings, ...parsedRows.warnings];
  // An invalid assumption affects every row: report the rows' own errors too, but model none.
  const modelled = parsedAssumptions.errors.length > 0 ? [] : parsedRows.rows;
  const factors = discountFactors(assumptions.discountRateAnnual, assumptions.horizonMonths);
  const results = modelled.map(({ inputs }) => evaluateFunction(inputs, assumptions, factors));

  return { assumptions: { ...assumptions, ...rowDefaults }, results, errors, warnings };
}
