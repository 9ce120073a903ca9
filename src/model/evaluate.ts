/**
 * The one entry point of the model: inputs in, the docs/model.md §6 result out. Every host calls this and nothing
 * else computes costs.
 *
 * Parsing and evaluation are two steps (docs/model.md, "Using the model from code"): parseModelInput() validates a
 * table once, evaluateParsed() models it, as often as needed and with changed numbers (a goal-seek step, a
 * scenario, a portfolio plan), without reading or validating the table again. evaluate() does both in one call.
 */
import { discountFactors } from "./cumulative";
import {
  allocateSummary,
  componentsOf,
  computeSchedule,
  scheduleBuffers,
  summarizeSchedule,
  sustainedFrom,
  type MonthlySeries,
  type ScheduleSummary,
} from "./engine";
import { parseModelInput, type ParsedInput } from "./parse";
import { decide, rationale } from "./recommend";
import {
  COMPONENT_KEYS,
  type Assumptions,
  type Components,
  type Crossing,
  type FunctionInputs,
  type FunctionResult,
  type FunctionSeries,
  type ModelInput,
  type ModelResult,
  type MonthRow,
  type PerStrategy,
  type Recommendation,
} from "./types";

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

const COMPONENT_COUNT = 3 * COMPONENT_KEYS.length;

/**
 * What the functions of one run share: the assumptions, the discount factors (computed once, not per function),
 * the engine's summary buffers, and one block that holds every function's 27 component sums side by side.
 */
class RunContext {
  readonly factors: Float64Array;
  readonly summary: ScheduleSummary;
  readonly componentSums: Float64Array;
  private used = 0;

  constructor(
    readonly assumptions: Assumptions,
    capacity: number,
  ) {
    this.factors = discountFactors(assumptions.discountRateAnnual, assumptions.horizonMonths);
    this.summary = allocateSummary(assumptions);
    this.componentSums = new Float64Array(COMPONENT_COUNT * capacity);
  }

  /** The offset of a new function's component sums (a block of its own once the run's block is full). */
  componentSlot(): { sums: Float64Array; offset: number } {
    if ((this.used + 1) * COMPONENT_COUNT > this.componentSums.length) {
      return { sums: new Float64Array(COMPONENT_COUNT), offset: 0 };
    }
    return { sums: this.componentSums, offset: COMPONENT_COUNT * this.used++ };
  }
}

/**
 * One function's result (docs/model.md §6). The decision, months, crossings, totals and NPVs are computed with it;
 * the rationale, the component objects and the monthly series are built when first read (prototype getters, not
 * own accessors, which V8 allocates per object): most reads need only decisions and totals, and keeping 1,000
 * sentences and 120,000 month rows would cost more time and memory than the model itself. They come out the same
 * whenever read. JSON.stringify writes the §6 object through toJSON(), with its keys in §6 order. A spread or a
 * structured clone (postMessage) copies own properties only, so it leaves those parts out: send JSON instead.
 */
class EvaluatedFunction implements FunctionResult {
  readonly function: string;
  readonly recommendation: Recommendation;
  readonly breakEvenMonth: number | null;
  readonly discountedBreakEvenMonth: number | null;
  readonly runRateCrossoverMonth: number | null;
  readonly crossings: Crossing[];
  readonly total: PerStrategy<number>;
  readonly npv: PerStrategy<number>;
  readonly #inputs: FunctionInputs;
  readonly #run: RunContext;
  readonly #sums: Float64Array;
  readonly #offset: number;
  #rationale: string | undefined;
  #components: PerStrategy<Components> | undefined;
  #monthly: MonthRow[] | undefined;
  #series: FunctionSeries | undefined;

  constructor(fn: FunctionInputs, run: RunContext) {
    const a = run.assumptions;
    const H = a.horizonMonths;
    const summary = run.summary;
    summarizeSchedule(fn, a, run.factors, summary);
    const t = summary.totals;
    const total = { STAFF_AUG: t[0], BPO: t[1], BRIDGE: t[2] };
    const npv = { STAFF_AUG: t[3], BPO: t[4], BRIDGE: t[5] };
    // One test of six numbers on the hot path; the detailed check only when it fails.
    if (!Number.isFinite(t[0] + t[1] + t[2] + t[3] + t[4] + t[5])) {
      assertFinite("the NPV of", fn.function, npv);
      assertFinite("the total of", fn.function, total);
    }
    const slot = run.componentSlot();
    slot.sums.set(summary.components, slot.offset);
    const crossings: Crossing[] = [];
    for (let k = 0; k < summary.crossingCount; k++) {
      const month = summary.crossings[k];
      crossings.push(month > 0 ? { month, cheaper: "BPO" } : { month: -month, cheaper: "STAFF_AUG" });
    }
    const failed = summary.lastFailedMonth;

    this.function = fn.function;
    this.recommendation = decide(
      npv,
      fn.processDocumented,
      fn.managementCapacity,
      fn.scope,
      a.decisionMargin,
    ).recommendation;
    this.breakEvenMonth = sustainedFrom(failed[0], H);
    this.discountedBreakEvenMonth = sustainedFrom(failed[1], H);
    this.runRateCrossoverMonth = sustainedFrom(failed[2], H);
    this.crossings = crossings;
    this.total = total;
    this.npv = npv;
    this.#inputs = fn;
    this.#run = run;
    this.#sums = slot.sums;
    this.#offset = slot.offset;
  }

  get rationale(): string {
    if (this.#rationale !== undefined) return this.#rationale;
    const fn = this.#inputs;
    const a = this.#run.assumptions;
    this.#rationale = rationale({
      decision: decide(this.npv, fn.processDocumented, fn.managementCapacity, fn.scope, a.decisionMargin),
      npv: this.npv,
      breakEvenMonth: this.breakEvenMonth,
      horizonMonths: a.horizonMonths,
      currency: a.currency,
      decisionMargin: a.decisionMargin,
      scope: fn.scope,
      processDocumented: fn.processDocumented,
      managementCapacity: fn.managementCapacity,
    });
    return this.#rationale;
  }

  get components(): PerStrategy<Components> {
    this.#components ??= componentsOf(this.#sums.subarray(this.#offset, this.#offset + COMPONENT_COUNT));
    return this.#components;
  }

  /** The monthly, cumulative and discounted cumulative costs, from one engine pass on first read. */
  get series(): FunctionSeries {
    if (this.#series !== undefined) return this.#series;
    const a = this.#run.assumptions;
    const buffers = scheduleBuffers(this.#run.factors, a.horizonMonths);
    computeSchedule(this.#inputs, a, buffers);
    const perStrategy = (s: MonthlySeries): PerStrategy<Float64Array> => ({
      STAFF_AUG: s.staffAug,
      BPO: s.bpo,
      BRIDGE: s.bridge,
    });
    this.#series = {
      monthly: perStrategy(buffers.monthly),
      cumulative: perStrategy(buffers.cumulative),
      discounted: perStrategy(buffers.discounted),
    };
    return this.#series;
  }

  get monthly(): MonthRow[] {
    if (this.#monthly !== undefined) return this.#monthly;
    const { STAFF_AUG: staffAug, BPO: bpo, BRIDGE: bridge } = this.series.monthly;
    const rows: MonthRow[] = [];
    for (let i = 0; i < staffAug.length; i++)
      rows.push({ month: i + 1, STAFF_AUG: staffAug[i], BPO: bpo[i], BRIDGE: bridge[i] });
    this.#monthly = rows;
    return rows;
  }

  /** The §6 object without its monthly rows, keys in §6 order (toJSON and the direct writer share it). */
  headOfJson(): Omit<FunctionResult, "monthly" | "series"> {
    return {
      function: this.function,
      recommendation: this.recommendation,
      rationale: this.rationale,
      breakEvenMonth: this.breakEvenMonth,
      discountedBreakEvenMonth: this.discountedBreakEvenMonth,
      runRateCrossoverMonth: this.runRateCrossoverMonth,
      crossings: this.crossings,
      total: this.total,
      npv: this.npv,
      components: this.components,
    };
  }

  toJSON(): Omit<FunctionResult, "series"> {
    return { ...this.headOfJson(), monthly: this.monthly };
  }
}

/** Runs the model for one validated function (a run of its own: prefer evaluateParsed() for many). */
export function evaluateFunction(fn: FunctionInputs, a: Assumptions): FunctionResult {
  return new EvaluatedFunction(fn, new RunContext(a, 1));
}

/**
 * Numbers to use instead of the parsed ones, for a re-evaluation that changes numbers but not the table. They are
 * not validated again: pass values a field accepts (validateField() checks one cell). Assumptions that only set
 * per-function defaults when the table is parsed (change orders per year by scope) cannot be overridden here.
 */
export interface EvaluationOverrides {
  assumptions?: Partial<Omit<Assumptions, "changeOrdersPerYearStable" | "changeOrdersPerYearEvolving">>;
  /** By function name, as the result's `function` spells it. */
  functions?: Readonly<Record<string, Partial<Omit<FunctionInputs, "function">>>>;
}

/** The parsed rows' inputs with the overrides applied (the unchanged rows' own objects otherwise). */
function inputsOf(parsed: ParsedInput, overrides: EvaluationOverrides | undefined): FunctionInputs[] {
  const changed = overrides?.functions;
  return parsed.rows.map(({ inputs }) => {
    const override = changed?.[inputs.function];
    return override === undefined ? inputs : { ...inputs, ...override };
  });
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

/** docs/model.md §6 of a parsed input, with the rows modelled as they are read. */
export function prepareParsed(parsed: ParsedInput, overrides?: EvaluationOverrides): ModelRun {
  const assumptions = { ...parsed.assumptions, ...overrides?.assumptions };
  const modelled = inputsOf(parsed, overrides);
  return {
    assumptions: { ...assumptions, ...parsed.rowDefaults },
    count: modelled.length,
    *results() {
      const run = new RunContext(assumptions, modelled.length);
      for (const inputs of modelled) yield new EvaluatedFunction(inputs, run);
    },
    errors: parsed.errors,
    warnings: parsed.warnings,
  };
}

/** docs/model.md §6 without the results computed yet: validation done, rows modelled as they are read. */
export const prepareEvaluation = (input: ModelInput): ModelRun => prepareParsed(parseModelInput(input));

/**
 * docs/model.md §6 of a parsed input: models every valid row, with `overrides` in place of the parsed numbers.
 * The parsed input is not changed, so it can be evaluated again with other numbers.
 */
export function evaluateParsed(parsed: ParsedInput, overrides?: EvaluationOverrides): ModelResult {
  const assumptions = { ...parsed.assumptions, ...overrides?.assumptions };
  const modelled = inputsOf(parsed, overrides);
  const run = new RunContext(assumptions, modelled.length);
  const results: FunctionResult[] = [];
  for (const inputs of modelled) results.push(new EvaluatedFunction(inputs, run));
  return {
    assumptions: { ...assumptions, ...parsed.rowDefaults },
    results,
    errors: [...parsed.errors],
    warnings: [...parsed.warnings],
  };
}

/** docs/model.md §6: validates the inputs, models every valid row and reports every invalid cell. */
export const evaluate = (input: ModelInput): ModelResult => evaluateParsed(parseModelInput(input));

// ---- JSON ------------------------------------------------------------------------------------------------------

/** A number as JSON.stringify writes it (null for what JSON cannot hold). */
const numberJson = (value: number): string => (Number.isFinite(value) ? String(value) : "null");

/**
 * How a monthly row is spelt: compact as JSON.stringify(result) writes it, or indented as
 * JSON.stringify(result, null, 2) writes it where the result's lines start at `indent` (inside an indented document).
 * Each month's start, up to `"STAFF_AUG":`, is made once and reused by every function and run written in the format.
 */
interface RowFormat {
  readonly starts: string[];
  readonly start: (month: number) => string;
  readonly bpo: string;
  readonly bridge: string;
  readonly end: string;
  /** Between two rows. */
  readonly separator: string;
  /** Around the rows: `[` + open + rows + close + `]`. */
  readonly open: string;
  readonly close: string;
}

const COMPACT_ROWS: RowFormat = {
  starts: [],
  start: (m) => `{"month":${m},"STAFF_AUG":`,
  bpo: ',"BPO":',
  bridge: ',"BRIDGE":',
  end: "}",
  separator: ",",
  open: "",
  close: "",
};

/** Rows of a `monthly` array whose result starts its lines at `indent`: each row object two levels further in. */
function indentedRows(indent: string): RowFormat {
  const row = `${indent}    `;
  const key = `\n${row}  `;
  return {
    starts: [],
    start: (m) => `{${key}"month": ${m},${key}"STAFF_AUG": `,
    bpo: `,${key}"BPO": `,
    bridge: `,${key}"BRIDGE": `,
    end: `\n${row}}`,
    separator: `,\n${row}`,
    open: `\n${row}`,
    close: `\n${indent}  `,
  };
}

/** The starts of months 1..`months` in `format` (made as far as needed). */
function rowStarts(format: RowFormat, months: number): string[] {
  const starts = format.starts;
  for (let m = starts.length + 1; m <= months; m++) starts.push(format.start(m));
  return starts;
}

/**
 * The monthly rows of §6 as JSON, written from the typed series: one short string per row, joined once per
 * function (adding to one growing string builds a rope that costs more to flatten than the rows; one array for
 * every row of the run lives long enough to be copied by the garbage collector).
 * A strategy's cost is the same every month of a contract year once the ramps are over (and the bridge's equals
 * BPO's), so a number's text is reused while its value repeats: converting numbers to text is most of the cost.
 */
function monthlyJson(series: PerStrategy<Float64Array>, format: RowFormat): string {
  const { STAFF_AUG: staffAug, BPO: bpo, BRIDGE: bridge } = series;
  if (staffAug.length === 0) return "[]";
  const starts = rowStarts(format, staffAug.length);
  const { bpo: bpoKey, bridge: bridgeKey, end } = format;
  const rows = new Array<string>(staffAug.length);
  let saValue = NaN,
    bpoValue = NaN,
    bridgeValue = NaN;
  let saText = "",
    bpoText = "",
    bridgeText = "";
  for (let i = 0; i < staffAug.length; i++) {
    const sa = staffAug[i];
    const b = bpo[i];
    const br = bridge[i];
    if (sa !== saValue) saText = numberJson((saValue = sa));
    if (b !== bpoValue) bpoText = numberJson((bpoValue = b));
    if (br !== bridgeValue) bridgeText = br === b ? bpoText : numberJson(br);
    bridgeValue = br;
    rows[i] = starts[i] + saText + bpoKey + bpoText + bridgeKey + bridgeText + end;
  }
  return `[${format.open}${rows.join(format.separator)}${format.close}]`;
}

/** Whether the monthly rows can be written from the series: a model result whose rows no host replaced. */
const writesFromSeries = (result: FunctionResult): result is EvaluatedFunction =>
  result instanceof EvaluatedFunction && !Object.prototype.hasOwnProperty.call(result, "monthly");

/** Appends one function result as JSON.stringify writes it. */
function appendFunctionResultJson(out: string[], result: FunctionResult, rows: RowFormat): void {
  // Rows a host replaced or read already are written as they are; untouched ones straight from the series.
  if (!writesFromSeries(result)) {
    out.push(JSON.stringify(result));
    return;
  }
  const head = JSON.stringify(result.headOfJson());
  out.push(head.slice(0, -1), ',"monthly":', monthlyJson(result.series.monthly, rows), "}");
}

/** Indented row formats by indent: one per place a command writes results (a handful at most). */
const indentedFormats = new Map<string, RowFormat>();

/**
 * One function result as JSON.stringify(result, null, 2) writes it, with every line after the first starting with
 * `indent` (two spaces per level of an indented document it sits in: "    " for an item of `results`), or as
 * JSON.stringify(result) writes it when no indent is given. The monthly rows are written from the typed series.
 * For output of any size a row at a time: the command line streams `prepareParsed(…).results()` through it.
 */
export function functionResultJson(result: FunctionResult, options?: { indent: string }): string {
  if (options === undefined) {
    const out: string[] = [];
    appendFunctionResultJson(out, result, COMPACT_ROWS);
    return out.join("");
  }
  const { indent } = options;
  // JSON.stringify escapes every line break inside a string, so each "\n" it writes starts a line of the layout.
  const nested = (text: string): string => (indent === "" ? text : text.replaceAll("\n", `\n${indent}`));
  if (!writesFromSeries(result)) return nested(JSON.stringify(result, null, 2));
  let rows = indentedFormats.get(indent);
  if (rows === undefined) {
    if (indentedFormats.size >= 16) indentedFormats.clear();
    rows = indentedRows(indent);
    indentedFormats.set(indent, rows);
  }
  const head = JSON.stringify(result.headOfJson(), null, 2);
  // The head without its closing "\n}", then the rows, then the result's own closing brace.
  return `${nested(head.slice(0, -2))},\n${indent}  "monthly": ${monthlyJson(result.series.monthly, rows)}\n${indent}}`;
}

/**
 * A §6 result as JSON, character for character what JSON.stringify(result) writes (no indentation), with the
 * monthly rows written from the typed series instead of 120,000 row objects.
 */
export function modelResultJson(result: ModelResult): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (key === "results" && Array.isArray(value)) {
      out.push(`${out.length === 0 ? "{" : ","}"results":[`);
      (value as FunctionResult[]).forEach((r, i) => {
        if (i > 0) out.push(",");
        appendFunctionResultJson(out, r, COMPACT_ROWS);
      });
      out.push("]");
      continue;
    }
    const text = JSON.stringify(value) as string | undefined;
    if (text !== undefined) out.push(`${out.length === 0 ? "{" : ","}${JSON.stringify(key)}:${text}`);
  }
  out.push(out.length === 0 ? "{}" : "}");
  return out.join("");
}
