/**
 * The one entry point of the model: inputs in, the docs/model.md §6 result out. Every host calls this and nothing
 * else computes costs.
 */
import { crossings, sustainedMonth } from "./cumulative";
import { allocateBuffers, componentsOf, computeSchedule, type ScheduleBuffers } from "./engine";
import { parseAssumptions, parseFunctions, toTable } from "./parse";
import { decide, rationale } from "./recommend";
import type {
  Assumptions,
  Components,
  FunctionInputs,
  FunctionResult,
  ModelInput,
  ModelResult,
  MonthRow,
  PerStrategy,
} from "./types";

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
  for (let i = 0; i < a.horizonMonths; i++)
    rows.push({ month: i + 1, STAFF_AUG: staffAug[i], BPO: bpo[i], BRIDGE: bridge[i] });
  return rows;
}

/** A result the model should never produce (a non-finite cost): a bug, reported as one, never printed as a number. */
export class ModelInvariantError extends Error {
  override readonly name = "ModelInvariantError";
}

/**
 * Every input is bounded (fields.ts limits), so every total is finite; if one ever is not, stop with the function's
 * name rather than show "USD NaN" or recommend on it.
 */
export function assertFinite(what: string, functionName: string, values: Readonly<Record<string, number>>): void {
  for (const [key, value] of Object.entries(values)) {
    if (!Number.isFinite(value))
      throw new ModelInvariantError(
        `the model computed ${String(value)} for ${what} ${key} of function "${functionName}"`,
      );
  }
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
  const total = { STAFF_AUG: cum.staffAug[H - 1], BPO: cum.bpo[H - 1], BRIDGE: cum.bridge[H - 1] };
  // One test of six numbers on the hot path; the detailed check only when it fails.
  if (!Number.isFinite(npv.STAFF_AUG + npv.BPO + npv.BRIDGE + total.STAFF_AUG + total.BPO + total.BRIDGE)) {
    assertFinite("the NPV of", fn.function, npv);
    assertFinite("the total of", fn.function, total);
  }
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
    total,
    npv,
    get components(): PerStrategy<Components> {
      return keepOnRead(this, "components", componentsOf(componentSums));
    },
    get monthly(): MonthRow[] {
      return keepOnRead(this, "monthly", monthlyRows(fn, a)); // the same deterministic schedule, run again
    },
  };
}

/**
 * A validated input whose rows are modelled one at a time, on demand: a host that writes each result as it
 * comes (the command line's JSON) never holds them all. `results()` may be iterated any number of times.
 */
export interface ModelRun extends Omit<ModelResult, "results"> {
  /** How many rows `results()` yields. */
  count: number;
  results(): Generator<FunctionResult>;
}

/** docs/model.md §6 without the results computed yet: validation done, rows modelled as they are read. */
export function prepareEvaluation(input: ModelInput): ModelRun {
  const parsedAssumptions = parseAssumptions(input.assumptions);
  const { assumptions, rowDefaults } = parsedAssumptions;
  const table = toTable(input.functions ?? []);
  const parsedRows = parseFunctions(table, assumptions, rowDefaults);

  const errors = [...parsedAssumptions.errors, ...parsedRows.errors];
  const warnings = [...parsedAssumptions.warnings, ...parsedRows.warnings];
  // An invalid assumption affects every row: report the rows' own errors too, but model none.
  const modelled = parsedAssumptions.errors.length > 0 ? [] : parsedRows.rows;
  return {
    assumptions: { ...assumptions, ...rowDefaults },
    count: modelled.length,
    *results() {
      const buffers = allocateBuffers(assumptions);
      for (const { inputs } of modelled) yield evaluateFunction(inputs, assumptions, buffers);
    },
    errors,
    warnings,
  };
}

/** docs/model.md §6: validates the inputs, models every valid row and reports every invalid cell. */
export function evaluate(input: ModelInput): ModelResult {
  const run = prepareEvaluation(input);
  return { assumptions: run.assumptions, results: [...run.results()], errors: run.errors, warnings: run.warnings };
}
