/**
 * The one entry point of the model: inputs in, the MODEL.md §6 result out. Every host calls this and nothing
 * else computes costs.
 */
import { crossings, sustainedMonth } from "./analysis";
import { allocateBuffers, computeSchedule, type ScheduleBuffers } from "./engine";
import { parseAssumptions, parseFunctions, toTable } from "./parse";
import { decide, rationale } from "./recommend";
import type { Assumptions, FunctionInputs, FunctionResult, ModelInput, ModelResult, MonthRow } from "./types";

/**
 * `monthly` is materialised on first read (it is enumerable, so JSON.stringify and spreads see it) by running
 * the same deterministic schedule again: most hosts need only the decision and totals, and keeping 120,000
 * small objects (or typed arrays) per run would cost more than the model itself.
 */
function defineMonthly(result: Omit<FunctionResult, "monthly">, fn: FunctionInputs, a: Assumptions): FunctionResult {
  Object.defineProperty(result, "monthly", {
    enumerable: true,
    configurable: true,
    get(this: FunctionResult): MonthRow[] {
      const buffers = allocateBuffers(a);
      computeSchedule(fn, a, buffers);
      const { staffAug, bpo, bridge } = buffers.monthly;
      const rows: MonthRow[] = [];
      for (let i = 0; i < a.horizonMonths; i++) rows.push({ month: i + 1, STAFF_AUG: staffAug[i], BPO: bpo[i], BRIDGE: bridge[i] });
      Object.defineProperty(this, "monthly", { value: rows, enumerable: true, writable: true, configurable: true });
      return rows;
    },
  });
  return result as FunctionResult;
}

/** Runs the model for one validated function. */
export function evaluateFunction(
  fn: FunctionInputs,
  a: Assumptions,
  buffers: ScheduleBuffers = allocateBuffers(a),
): FunctionResult {
  const H = a.horizonMonths;
  const components = computeSchedule(fn, a, buffers);
  const { monthly: series, cumulative: cum, discounted: disc } = buffers;

  const npv = { STAFF_AUG: disc.staffAug[H - 1], BPO: disc.bpo[H - 1], BRIDGE: disc.bridge[H - 1] };
  const breakEvenMonth = sustainedMonth(cum.bpo, cum.staffAug);
  const decision = decide(npv, fn.processDocumented, fn.managementCapacity, fn.scope, a.decisionMargin);

  return defineMonthly(
    {
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
      discountedBreakEvenMonth: sustainedMonth(disc.bpo, disc.staffAug),
      runRateCrossoverMonth: sustainedMonth(series.bpo, series.staffAug),
      crossings: crossings(cum.bpo, cum.staffAug),
      total: { STAFF_AUG: cum.staffAug[H - 1], BPO: cum.bpo[H - 1], BRIDGE: cum.bridge[H - 1] },
      npv,
      components,
    },
    fn,
    a,
  );
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
  const buffers = allocateBuffers(assumptions);
  const results = modelled.map(({ inputs }) => evaluateFunction(inputs, assumptions, buffers));

  return { assumptions: { ...assumptions, ...rowDefaults }, results, errors, warnings };
}
