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
 * `monthly` is materialised on first read (it is enumerable, so JSON.stringify and spreads see it): most hosts
 * need only the decision and totals, and 120,000 small objects per run cost more than the model itself.
 */
function defineMonthly(result: Omit<FunctionResult, "monthly">, store: Float64Array, offset: number, months: number): FunctionResult {
  Object.defineProperty(result, "monthly", {
    enumerable: true,
    configurable: true,
    get(this: FunctionResult): MonthRow[] {
      const rows: MonthRow[] = [];
      for (let i = 0; i < months; i++) {
        const at = offset + i;
        rows.push({ month: i + 1, STAFF_AUG: store[at], BPO: store[at + months], BRIDGE: store[at + 2 * months] });
      }
      Object.defineProperty(this, "monthly", { value: rows, enumerable: true, writable: true, configurable: true });
      return rows;
    },
  });
  return result as FunctionResult;
}

/** Where a function's monthly costs are kept after the run: a slice of one array shared by the run. */
interface MonthlyStore {
  values: Float64Array;
  offset: number;
}

/** Runs the model for one validated function. */
export function evaluateFunction(
  fn: FunctionInputs,
  a: Assumptions,
  buffers: ScheduleBuffers = allocateBuffers(a),
  keep: MonthlyStore = { values: new Float64Array(3 * a.horizonMonths), offset: 0 },
): FunctionResult {
  const H = a.horizonMonths;
  const components = computeSchedule(fn, a, buffers);
  const { monthly: series, cumulative: cum, discounted: disc } = buffers;

  const npv = { STAFF_AUG: disc.staffAug[H - 1], BPO: disc.bpo[H - 1], BRIDGE: disc.bridge[H - 1] };
  const breakEvenMonth = sustainedMonth(cum.bpo, cum.staffAug);
  const decision = decide(npv, fn.processDocumented, fn.managementCapacity, fn.scope, a.decisionMargin);

  // The monthly costs outlive the workspace. One array for the whole run: thousands of small typed arrays
  // would each carry an ArrayBuffer and make garbage collection the largest cost of a run.
  keep.values.set(series.staffAug, keep.offset);
  keep.values.set(series.bpo, keep.offset + H);
  keep.values.set(series.bridge, keep.offset + 2 * H);

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
    keep.values,
    keep.offset,
    H,
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
  const H = assumptions.horizonMonths;
  const monthly = new Float64Array(modelled.length * 3 * H);
  const results = modelled.map(({ inputs }, i) => evaluateFunction(inputs, assumptions, buffers, { values: monthly, offset: i * 3 * H }));

  return { assumptions: { ...assumptions, ...rowDefaults }, results, errors, warnings };
}
