/**
 * The one entry point of the model: inputs in, the MODEL.md §6 result out. Every host calls this and nothing
 * else computes costs.
 */
import { crossings, sustainedMonth } from "./analysis";
import { allocateBuffers, componentsOf, computeSchedule, type ScheduleBuffers } from "./engine";
import { parseAssumptions, parseFunctions, toTable } from "./parse";
import { decide, rationale } from "./recommend";
import type { Assumptions, Components, FunctionInputs, FunctionResult, ModelInput, ModelResult, MonthRow, PerStrategy } from "./types";

/** Replaces a lazy getter by the value it computed, so later reads are plain property reads. */
function keepOnRead<T>(target: object, key: string, value: T): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

/** The monthly costs of one function, computed again from its inputs (the same bits as the first time). */
function monthlyRows(fn: FunctionInputs, a: Assumptions): MonthRow[] {
  const buffers = allocateBuffers(a);
  computeSchedule(fn, a, buffers);
  const { staffAug, bpo, bridge } = buffers.monthly;
  const rows: MonthRow[] = [];
  for (let i = 0; i < a.horizonMonths; i++) rows.push({ month: i + 1, STAFF_AUG: staffAug[i], BPO: bpo[i], BRIDGE: bridge[i] });
  return rows;
}

/** Runs the model for one validated function. */
export function evaluateFunction(
  fn: FunctionInputs,
  a: Assumptions,
  buffers: ScheduleBuffers = allocateBuffers(a),
): FunctionResult {
  const H = a.horizonMonths;
  computeSchedule(fn, a, buffers);
  // 27 sums kept as one unboxed array; the three component objects are built when read.
  const componentSums: number[] = [];
  for (let i = 0; i < buffers.components.length; i++) componentSums.push(buffers.components[i]);
  const { monthly: series, cumulative: cum, discounted: disc } = buffers;

  const npv = { STAFF_AUG: disc.staffAug[H - 1], BPO: disc.bpo[H - 1], BRIDGE: disc.bridge[H - 1] };
  const breakEvenMonth = sustainedMonth(cum.bpo, cum.staffAug);
  const decision = decide(npv, fn.processDocumented, fn.managementCapacity, fn.scope, a.decisionMargin);

  return {
    function: fn.function,
    recommendation: decision.recommendation,
    // Text, component objects and monthly rows are built on first read (enumerable getters: JSON.stringify, spreads and
    // structured clones see them). Most reads need only decisions and totals; building 1,000 sentences and
    // 120,000 row objects per run would cost more than the model itself. Both come out the same whenever read.
    get rationale(): string {
      const text = rationale({
        decision,
        npv,
        breakEvenMonth,
        horizonMonths: H,
        currency: a.currency,
        decisionMargin: a.decisionMargin,
        scope: fn.scope,
        processDocumented: fn.processDocumented,
        managementCapacity: fn.managementCapacity,
      });
      return keepOnRead(this, "rationale", text);
    },
    breakEvenMonth,
    discountedBreakEvenMonth: sustainedMonth(disc.bpo, disc.staffAug),
    runRateCrossoverMonth: sustainedMonth(series.bpo, series.staffAug),
    crossings: crossings(cum.bpo, cum.staffAug),
    total: { STAFF_AUG: cum.staffAug[H - 1], BPO: cum.bpo[H - 1], BRIDGE: cum.bridge[H - 1] },
    npv,
    get components(): PerStrategy<Components> {
      return keepOnRead(this, "components", componentsOf(componentSums));
    },
    get monthly(): MonthRow[] {
      return keepOnRead(this, "monthly", monthlyRows(fn, a)); // the same deterministic schedule, run again
    },
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
  const buffers = allocateBuffers(assumptions);
  const results = modelled.map(({ inputs }) => evaluateFunction(inputs, assumptions, buffers));

  return { assumptions: { ...assumptions, ...rowDefaults }, results, errors, warnings };
}
