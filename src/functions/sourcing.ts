/**
 * The logic behind the SOURCING.* custom functions, free of Office: worksheet arguments in, one model run
 * through evaluate(), an answer or an error out. functions.ts wraps it for Excel; the tests and the HyperFormula
 * plugin (src/playground/hyperformula-sourcing.ts) call it directly. Errors are made by an injected factory, so
 * nothing here touches the global CustomFunctions object.
 */
import {
  FIELD_BY_KEY,
  RECOMMENDATION_LABELS,
  describeBreakEven,
  noMonthWithin,
  evaluate,
  evaluateParsed,
  isBlank,
  type CellValue,
  type FunctionResult,
  type ModelInput,
  type Strategy,
  SAMPLE_FUNCTION_COLUMNS,
} from "../model";
import { isAssumptionHeaderRow } from "../layout/workbook";
import { LruCache, type ParsedInputCache, sharedParsedInputs } from "./model-cache";

/** What a worksheet hands over: Excel passes ranges as any[][], blanks as "" and omitted arguments as null. */
export type SheetRange = ReadonlyArray<ReadonlyArray<unknown>>;
export type SheetArgument = unknown;

/**
 * Column order of `row` when `headers` is omitted: the columns of the template table the add-in inserts
 * (SourcingFunctions, docs/model.md §2.2 keys in SAMPLE_FUNCTION_COLUMNS order: the 13 inputs, then the six range
 * columns the sample carries for the simulation, added last so the inputs keep their places). A shorter row is read
 * as the first columns of that order, so `{"Support", 12, 25, 4200}` (the four required fields) and a 13-column row
 * without ranges work as before; a longer row needs its header row, because its extra columns could be anything.
 */
export const DEFAULT_FUNCTION_COLUMNS: readonly string[] = SAMPLE_FUNCTION_COLUMNS;

export const CROSSOVER_KINDS = ["breakeven", "discounted", "runrate"] as const;
export type CrossoverKind = (typeof CROSSOVER_KINDS)[number];

/**
 * What DECIDE and CROSSOVER return (docs/model.md P6.5): "text", the default, is what people read ("Staff
 * augmentation", "None within 36 months"); "code" is the machine form for formulas that test it (STAFF_AUG, and
 * #N/A for no month).
 */
export const OUTPUT_FORMATS = ["text", "code"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Header row of SOURCING.SCHEDULE's spilled table, in the words people read (docs/model.md P6.5). */
export const SCHEDULE_HEADERS = [
  "Month",
  "Staff augmentation monthly",
  "BPO monthly",
  "Bridge monthly",
  "Staff augmentation cumulative",
  "BPO cumulative",
  "Bridge cumulative",
] as const;

/** Builds the host's error values: #VALUE! for bad input, #N/A for an answer that does not exist. */
export interface SourcingErrorFactory<E> {
  invalidValue(message: string): E;
  notAvailable(message: string): E;
}

/** A failure before the host turns it into its own error value. */
export interface SourcingFailure {
  kind: "invalidValue" | "notAvailable";
  message: string;
}

/** One model run for one row: the result, or every reason the row cannot be modelled. */
export type RowOutcome =
  | { ok: true; result: FunctionResult; cumulative: Record<Strategy, Float64Array> }
  | { ok: false; failure: SourcingFailure };

const invalid = (message: string): SourcingFailure => ({ kind: "invalidValue", message });
const notAvailable = (message: string): SourcingFailure => ({ kind: "notAvailable", message });

class ArgumentError extends Error {}

// ---- Arguments ----------------------------------------------------------------------------------------------

/**
 * A cell as the model reads it. Rich values (Excel passes data types as objects with a basicValue) become their
 * basic value; captured Excel errors (objects with a "#…" code) become their error text.
 */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "object") {
    if ("basicValue" in value && value.basicValue !== value) return toCellValue(value.basicValue);
    if ("code" in value && typeof value.code === "string" && value.code.startsWith("#")) return value.code;
  }
  return String(value);
}

const isOmitted = (arg: SheetArgument): boolean =>
  arg === null || arg === undefined || (typeof arg === "string" && arg === "");

/** A range argument as a matrix: a scalar is a 1×1 range, a flat array one row. */
function toMatrix(arg: SheetArgument): CellValue[][] {
  if (!Array.isArray(arg)) return [[toCellValue(arg)]];
  if (arg.length === 0) return [];
  if (!arg.every(Array.isArray)) return [arg.map(toCellValue)];
  return (arg as unknown[][]).map((row) => row.map(toCellValue));
}

/** One row or one column of cells, flattened; a block of several rows and columns is an error. */
function toVector(arg: SheetArgument, name: string, example: string): CellValue[] {
  const matrix = toMatrix(arg);
  const rows = matrix.length;
  const columns = rows === 0 ? 0 : Math.max(...matrix.map((r) => r.length));
  if (rows === 1) return matrix[0];
  if (columns === 1) return matrix.map((r) => r[0]);
  throw new ArgumentError(
    `${name} must be a single row of the functions table (for example ${example}); got ${rows} rows and ${columns} columns.`,
  );
}

const describeColumns = (keys: readonly string[]): string =>
  keys.map((key) => FIELD_BY_KEY.get(key)?.label ?? key).join(", ");

/** The functions-table input for one row, with its header row or the template's column order. */
function functionsTable(row: SheetArgument, headers: SheetArgument): { headers: CellValue[]; rows: CellValue[][] } {
  if (isOmitted(row))
    throw new ArgumentError("row is required: pass one row of the functions table, for example SourcingFunctions[@].");
  const cells = toVector(row, "row", "SourcingFunctions[@]");
  const given = isOmitted(headers) ? undefined : toVector(headers, "headers", "SourcingFunctions[#Headers]");
  if (given === undefined || given.every(isBlank)) {
    if (cells.length > DEFAULT_FUNCTION_COLUMNS.length) {
      throw new ArgumentError(
        `row has ${cells.length} cells, but without headers the columns are read in the template's order (${DEFAULT_FUNCTION_COLUMNS.length} columns: ${describeColumns(DEFAULT_FUNCTION_COLUMNS)}); pass the header row as the second argument, for example SourcingFunctions[#Headers].`,
      );
    }
    return { headers: DEFAULT_FUNCTION_COLUMNS.slice(0, cells.length), rows: [cells] };
  }
  if (given.length !== cells.length) {
    throw new ArgumentError(
      `headers has ${given.length} cells but row has ${cells.length}; pass the header row of the same table, for example SourcingFunctions[#Headers].`,
    );
  }
  return { headers: given, rows: [cells] };
}

/** Key/value pairs from a two-column range (extra columns such as notes are ignored; a header row is skipped). */
function assumptionPairs(assumptions: SheetArgument): [CellValue, CellValue][] {
  if (isOmitted(assumptions)) return [];
  const matrix = toMatrix(assumptions);
  if (matrix.every((r) => r.every(isBlank))) return [];
  if (matrix.some((r) => r.length < 2)) {
    throw new ArgumentError(
      "assumptions must be a range of two columns, names then values (for example SourcingAssumptions[#All]); got one column.",
    );
  }
  const body = matrix.length > 0 && isAssumptionHeaderRow(matrix[0]) ? matrix.slice(1) : matrix;
  return body.map((r) => [r[0], r[1]]);
}

/** The model input for one row. Throws ArgumentError when the arguments' shape is wrong. */
export function modelInputFor(row: SheetArgument, headers?: SheetArgument, assumptions?: SheetArgument): ModelInput {
  return { assumptions: assumptionPairs(assumptions), functions: functionsTable(row, headers) };
}

/** A key identifying the inputs: equal keys mean equal model runs. */
export function inputKey(input: ModelInput): string {
  return JSON.stringify([input.assumptions ?? null, input.functions], (_key, value: unknown) =>
    value === undefined ? null : typeof value === "number" && !Number.isFinite(value) ? `__${String(value)}` : value,
  );
}

// ---- The model run ------------------------------------------------------------------------------------------

/**
 * Models one row and reports every error of the row (and of the assumptions) in one message. The row is parsed
 * through `parsedInputs`, so a row another function (or an earlier recalculation) parsed is only evaluated.
 */
export function runRow(
  input: ModelInput,
  key: string = inputKey(input),
  parsedInputs: ParsedInputCache = sharedParsedInputs,
): RowOutcome {
  const output = evaluateParsed(parsedInputs.parsed(key, input));
  if (output.errors.length > 0) {
    const reasons = output.errors.map((e) => (e.row === null ? `Assumption: ${e.message}` : e.message));
    const ignored = output.warnings.filter((w) => /not an input of the model/.test(w.message)).map((w) => w.message);
    // Unknown headers often explain a "required" error (wrong header row passed), so they join the message.
    return { ok: false, failure: invalid([...reasons, ...ignored].join(" ")) };
  }
  const result = output.results[0];
  if (!result) {
    return {
      ok: false,
      failure: invalid(
        "The row is empty: it needs at least Function, Headcount (FTE), SA hourly rate and BPO monthly fee per FTE.",
      ),
    };
  }
  // The engine's own cumulative series: computed with the monthly costs, never summed again here.
  return { ok: true, result, cumulative: result.series.cumulative };
}

/** A text argument's ASCII letters only, in upper or lower case ("Staff aug" → "STAFFAUG"); "" for anything else. */
function lettersOf(value: SheetArgument, letterCase: "upper" | "lower"): string {
  if (typeof value !== "string") return "";
  return letterCase === "upper"
    ? value.toUpperCase().replace(/[^A-Z]/g, "")
    : value.toLowerCase().replace(/[^a-z]/g, "");
}

function normalizeStrategy(value: SheetArgument): Strategy {
  const text = lettersOf(value, "upper");
  const strategy =
    text === "STAFFAUG" || text === "SA" ? "STAFF_AUG" : text === "BPO" || text === "BRIDGE" ? text : undefined;
  if (!strategy) throw new ArgumentError(`strategy must be STAFF_AUG, BPO or BRIDGE; got ${describeArgument(value)}.`);
  return strategy;
}

function normalizeKind(value: SheetArgument): CrossoverKind {
  if (isOmitted(value)) return "breakeven";
  const text = lettersOf(value, "lower");
  const kind = (CROSSOVER_KINDS as readonly string[]).includes(text) ? (text as CrossoverKind) : undefined;
  if (!kind) throw new ArgumentError(`kind must be breakeven, discounted or runrate; got ${describeArgument(value)}.`);
  return kind;
}

function normalizeFormat(value: SheetArgument): OutputFormat {
  if (isOmitted(value)) return "text";
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  const format = (OUTPUT_FORMATS as readonly string[]).includes(text) ? (text as OutputFormat) : undefined;
  if (!format) throw new ArgumentError(`format must be "text" or "code"; got ${describeArgument(value)}.`);
  return format;
}

function describeArgument(value: SheetArgument): string {
  const cell = toCellValue(value);
  if (cell === null || cell === "") return "a blank";
  return typeof cell === "string" ? `"${cell}"` : String(cell);
}

/** The horizon a result covers: the length of its series (reading it builds no month rows). */
const horizonOf = (result: FunctionResult): number => result.series.monthly.STAFF_AUG.length;

// ---- The functions -------------------------------------------------------------------------------------------

export interface SourcingFunctions<E> {
  decide(row: SheetArgument, headers?: SheetArgument, assumptions?: SheetArgument, format?: SheetArgument): string | E;
  crossover(
    row: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
    kind?: SheetArgument,
    format?: SheetArgument,
  ): number | string | E;
  total(
    row: SheetArgument,
    strategy: SheetArgument,
    month?: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
  ): number | E;
  npv(row: SheetArgument, strategy: SheetArgument, headers?: SheetArgument, assumptions?: SheetArgument): number | E;
  schedule(row: SheetArgument, headers?: SheetArgument, assumptions?: SheetArgument): (string | number)[][] | E;
  explain(row: SheetArgument, headers?: SheetArgument, assumptions?: SheetArgument): string | E;
  /** Model runs kept for reuse (for tests and diagnostics). */
  readonly cacheSize: number;
}

export const DEFAULT_CACHE_ENTRIES = 500;

/**
 * The SOURCING.* functions with the host's error values. Each distinct (row, headers, assumptions) runs the
 * model once per runtime; the last `cacheEntries` runs are kept, and rows are parsed through `parsedInputs` (the
 * runtime's shared cache unless given). Never throws: every failure becomes an error value of the factory.
 */
export function createSourcingFunctions<E>(
  errors: SourcingErrorFactory<E>,
  cacheEntries = DEFAULT_CACHE_ENTRIES,
  parsedInputs: ParsedInputCache = sharedParsedInputs,
): SourcingFunctions<E> {
  const cache = new LruCache<RowOutcome>(cacheEntries);
  const toError = (failure: SourcingFailure): E =>
    failure.kind === "notAvailable" ? errors.notAvailable(failure.message) : errors.invalidValue(failure.message);

  /** Parses a scalar argument; a bad one becomes #VALUE! with the reason. */
  function argument<T>(parse: () => T): { ok: true; value: T } | { ok: false; error: E } {
    try {
      return { ok: true, value: parse() };
    } catch (error) {
      return { ok: false, error: errors.invalidValue(error instanceof Error ? error.message : String(error)) };
    }
  }

  /** Runs body on the row's model result; argument and unexpected errors become #VALUE!. */
  function withRow<T>(
    row: SheetArgument,
    headers: SheetArgument,
    assumptions: SheetArgument,
    body: (run: Extract<RowOutcome, { ok: true }>) => T | SourcingFailure,
  ): T | E {
    try {
      const input = modelInputFor(row, headers, assumptions);
      const key = inputKey(input);
      const outcome = cache.getOrCompute(key, () => runRow(input, key, parsedInputs));
      if (!outcome.ok) return toError(outcome.failure);
      const answer = body(outcome);
      return isFailure(answer) ? toError(answer) : answer;
    } catch (error) {
      if (error instanceof ArgumentError) return errors.invalidValue(error.message);
      return errors.invalidValue(
        `The model could not be run: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  return {
    get cacheSize() {
      return cache.size;
    },

    decide: (row, headers, assumptions, format) => {
      const chosen = argument(() => normalizeFormat(format));
      if (!chosen.ok) return chosen.error;
      return withRow(row, headers, assumptions, ({ result }) =>
        chosen.value === "code" ? result.recommendation : RECOMMENDATION_LABELS[result.recommendation],
      );
    },

    explain: (row, headers, assumptions) => withRow(row, headers, assumptions, ({ result }) => result.rationale),

    crossover: (row, headers, assumptions, kind, format) => {
      // Arguments are checked before the model runs, so a typo is reported even when the row is fine.
      const chosen = argument(() => normalizeKind(kind));
      if (!chosen.ok) return chosen.error;
      const output = argument(() => normalizeFormat(format));
      if (!output.ok) return output.error;
      return withRow<number | string>(row, headers, assumptions, ({ result }) => {
        const horizon = horizonOf(result);
        const kindOf = chosen.value;
        const month =
          kindOf === "breakeven"
            ? result.breakEvenMonth
            : kindOf === "discounted"
              ? result.discountedBreakEvenMonth
              : result.runRateCrossoverMonth;
        if (month !== null) return month;
        // A person reads words; a formula that tests for no month asks for the code form (#N/A, ISNA).
        if (output.value === "text") return noMonthWithin(horizon);
        const what =
          kindOf === "breakeven"
            ? describeBreakEven(null, horizon)
            : kindOf === "discounted"
              ? `no discounted break-even within ${horizon} months`
              : `no run-rate crossover within ${horizon} months`;
        const detail =
          kindOf === "runrate"
            ? "BPO's monthly cost is still above staff augmentation's in the last month."
            : "BPO's cumulative cost is still above staff augmentation's in the last month.";
        return notAvailable(`${what[0].toUpperCase()}${what.slice(1)}: ${detail}`);
      });
    },

    total: (row, strategy, month, headers, assumptions) => {
      const chosen = argument(() => normalizeStrategy(strategy));
      if (!chosen.ok) return chosen.error;
      return withRow<number>(row, headers, assumptions, ({ result, cumulative: cum }) => {
        const horizon = horizonOf(result);
        if (isOmitted(month)) return result.total[chosen.value];
        if (typeof month !== "number" || !Number.isInteger(month) || month < 1 || month > horizon) {
          return invalid(
            `month must be a whole number from 1 to ${horizon} (the horizon); got ${describeArgument(month)}.`,
          );
        }
        return cum[chosen.value][month - 1];
      });
    },

    npv: (row, strategy, headers, assumptions) => {
      const chosen = argument(() => normalizeStrategy(strategy));
      if (!chosen.ok) return chosen.error;
      return withRow(row, headers, assumptions, ({ result }) => result.npv[chosen.value]);
    },

    schedule: (row, headers, assumptions) =>
      withRow(row, headers, assumptions, ({ result, cumulative: cum }) => {
        const { STAFF_AUG: staffAug, BPO: bpo, BRIDGE: bridge } = result.series.monthly;
        const rows: (string | number)[][] = [[...SCHEDULE_HEADERS]];
        for (let i = 0; i < staffAug.length; i++)
          rows.push([i + 1, staffAug[i], bpo[i], bridge[i], cum.STAFF_AUG[i], cum.BPO[i], cum.BRIDGE[i]]);
        return rows;
      }),
  };
}

function isFailure(value: unknown): value is SourcingFailure {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    "kind" in value &&
    (value.kind === "invalidValue" || value.kind === "notAvailable") &&
    "message" in value
  );
}

/**
 * The horizon the assumptions argument sets (the default when it sets none or is invalid): SCHEDULE spills
 * horizon + 1 rows. Hosts that size a spill before computing it (HyperFormula) use this.
 */
export function horizonFor(assumptions?: SheetArgument): number {
  try {
    return evaluate({ assumptions: assumptionPairs(assumptions), functions: [] }).assumptions.horizonMonths;
  } catch {
    return evaluate({ functions: [] }).assumptions.horizonMonths;
  }
}
