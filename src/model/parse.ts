/**
 * Input parsing and validation (docs/model.md §2): header matching, cell coercion, the row → assumption → default
 * precedence and per-cell errors a finance user can act on.
 */
import {
  ASSUMPTION_FIELDS,
  FIELD_BY_KEY,
  FUNCTION_FIELDS,
  RANGE_FIELD_OF,
  UNCERTAINTY_FIELDS,
  inRange,
  type FieldSpec,
  type UncertainKey,
} from "./fields";
import { assumptionKeyMatcher, mapFunctionHeaders, missingColumnMessages, type ColumnMapping } from "./headers";
import type { Assumptions, CellValue, FunctionInputs, InputError, InputWarning, ModelInput, TableInput } from "./types";

// ---- Cell coercion -----------------------------------------------------------------------------------------

const EXCEL_ERROR =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)$/i;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const GROUPED_NUMBER = /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const TRUE_WORDS = new Set(["yes", "y", "true", "1"]);
const FALSE_WORDS = new Set(["no", "n", "false", "0"]);

export const isBlank = (value: CellValue): boolean =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "");

export const isExcelError = (value: CellValue): boolean => typeof value === "string" && EXCEL_ERROR.test(value.trim());

/** Text written as a number, whatever its size: "1e309" is a number too large, not text. */
const looksNumeric = (text: string): boolean => {
  const t = text.trim().replace(/%$/, "").trim();
  return PLAIN_NUMBER.test(t) || GROUPED_NUMBER.test(t);
};

const describe = (value: CellValue): string => {
  if (typeof value === "string")
    return isExcelError(value) ? `the Excel error ${value.trim().toUpperCase()}` : `"${value}" (text)`;
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  return String(value);
};

/** Numbers: JSON numbers, or text such as "1250", "1,250.50", "1.2e3" or "5%" (0.05). Never NaN or infinity. */
function toNumber(value: CellValue): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  let text = value.trim();
  let scale = 1;
  if (text.endsWith("%")) {
    text = text.slice(0, -1).trim();
    scale = 0.01;
  }
  const parsed = PLAIN_NUMBER.test(text)
    ? Number(text) * scale
    : GROUPED_NUMBER.test(text)
      ? Number(text.replace(/,/g, "")) * scale
      : NaN;
  return Number.isFinite(parsed) ? parsed : undefined; // "1e400" overflows to Infinity: not a number a cell can hold
}

/**
 * The value in the field's type, or undefined when the cell cannot be read as one. Enum and yes/no words are
 * fully checked here; numbers and text are range-checked by the caller. Allocation-free on the valid path:
 * it runs for every cell of every row.
 */
function coerce(field: FieldSpec, value: CellValue): string | number | boolean | undefined {
  switch (field.type) {
    case "number":
    case "integer":
      return toNumber(value);
    case "boolean": {
      if (typeof value === "boolean") return value;
      if (value === 1 || value === 0) return value === 1;
      if (typeof value === "string") {
        const word = value.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return true;
        if (FALSE_WORDS.has(word)) return false;
      }
      return undefined;
    }
    case "enum": {
      const word = typeof value === "string" ? value.trim().toLowerCase() : undefined;
      return word !== undefined && field.values?.includes(word) ? word : undefined;
    }
    case "text": {
      if (typeof value === "string" && !isExcelError(value)) return value.trim();
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      return undefined;
    }
  }
}

/** The valid value of a non-blank cell, or undefined. Numbers use the field's range; text its zod schema. */
function checkField(field: FieldSpec, value: CellValue): string | number | boolean | undefined {
  const coerced = coerce(field, value);
  if (coerced === undefined) return undefined;
  if (typeof coerced === "number") return field.range && !inRange(coerced, field.range) ? undefined : coerced;
  if (field.type === "text") return field.schema.safeParse(coerced).success ? coerced : undefined;
  return coerced;
}

const invalidMessage = (field: FieldSpec, value: CellValue): string => {
  const coerced = coerce(field, value);
  if (
    coerced === undefined &&
    (field.type === "number" || field.type === "integer") &&
    typeof value === "string" &&
    looksNumeric(value)
  ) {
    // Written as a number but beyond what a double holds ("1e309"): a number out of range, not text.
    const text = value.trim();
    const rule = !text.startsWith("-") && field.limit?.max !== undefined ? field.limit.rule : field.rule;
    return `${field.label} must be ${rule}; got ${text}, a number beyond the range the model can calculate with.`;
  }
  // A percentage is quoted as written ("200%"), not as the share it stands for (docs/model.md P6.5).
  const writtenAsPercent = typeof coerced === "number" && typeof value === "string" && /%\s*$/.test(value);
  const shown = coerced === undefined ? describe(value) : writtenAsPercent ? value.trim() : describe(coerced);
  // A value docs/model.md allows but the model's limit does not: say which limit, not the usual rule.
  const onlyLimit = typeof coerced === "number" && field.limit !== undefined && inRange(coerced, field.limit.specified);
  return `${field.label} must be ${onlyLimit ? field.limit?.rule : field.rule}; got ${shown}.`;
};

export type FieldOutcome = { ok: true; value: string | number | boolean } | { ok: false; message: string };

/** Coerces and validates one non-blank value for a field; the message names the field, the rule and the value. */
export function validateField(field: FieldSpec, value: CellValue): FieldOutcome {
  const valid = checkField(field, value);
  return valid === undefined ? { ok: false, message: invalidMessage(field, value) } : { ok: true, value: valid };
}

/**
 * The error with its value quoted as the cell shows it (a host that knows the display, e.g. "200%" for the 2 a
 * percentage cell holds; docs/model.md P6.5). Only a field's own rule message is rewritten, and only when the shown
 * text breaks the rule too; any other error (a range end beside its most likely value, a repeated name) is kept.
 */
export function quoteAsShown(error: InputError, shown: string): InputError {
  const field = FIELD_BY_KEY.get(error.column);
  if (!field || typeof error.value !== "number") return error;
  const asStored = validateField(field, error.value);
  if (asStored.ok || asStored.message !== error.message) return error;
  const asShown = validateField(field, shown);
  return asShown.ok ? error : { ...error, message: asShown.message };
}

// ---- Assumptions -------------------------------------------------------------------------------------------

export type AssumptionOverrides = Partial<Record<string, string | number | boolean>>;

export interface ParsedAssumptions {
  assumptions: Assumptions;
  /** Per-function defaults given in the assumptions table, by key. */
  rowDefaults: AssumptionOverrides;
  errors: InputError[];
  warnings: InputWarning[];
}

const DEFAULT_ASSUMPTIONS = Object.fromEntries(
  ASSUMPTION_FIELDS.map((f) => [f.key, f.defaultValue]),
) as unknown as Assumptions;

function assumptionPairs(input: ModelInput["assumptions"]): [CellValue, CellValue][] {
  if (!input) return [];
  if (Array.isArray(input)) return input.map((pair) => [pair[0], pair[1]] as [CellValue, CellValue]);
  return Object.entries(input as Record<string, CellValue>);
}

export function parseAssumptions(input: ModelInput["assumptions"]): ParsedAssumptions {
  const values: Record<string, string | number | boolean> = { ...DEFAULT_ASSUMPTIONS } as unknown as Record<
    string,
    string | number | boolean
  >;
  const rowDefaults: AssumptionOverrides = {};
  const errors: InputError[] = [];
  const warnings: InputWarning[] = [];
  const seen = new Set<string>();
  const isGlobal = new Set(ASSUMPTION_FIELDS.map((f) => f.key));

  for (const [rawKey, value] of assumptionPairs(input)) {
    if (isBlank(rawKey)) continue;
    const keyText = String(rawKey).trim();
    const field = assumptionKeyMatcher.match(keyText);
    if (!field) {
      warnings.push({
        column: keyText,
        message: `Assumption "${keyText}" is not an input of the model; it was ignored.`,
      });
      continue;
    }
    if (seen.has(field.key)) {
      warnings.push({
        column: field.key,
        message: `Assumption "${keyText}" repeats ${field.label}; only the first one is used.`,
      });
      continue;
    }
    seen.add(field.key);
    if (isBlank(value)) continue; // not given: the default stands
    const outcome = validateField(field, value);
    if (!outcome.ok) {
      errors.push({ row: null, column: field.key, value: value ?? null, message: outcome.message });
    } else if (isGlobal.has(field.key)) {
      values[field.key] = outcome.value;
    } else {
      rowDefaults[field.key] = outcome.value;
    }
  }
  return { assumptions: values as unknown as Assumptions, rowDefaults, errors, warnings };
}

// ---- Functions table ---------------------------------------------------------------------------------------

/** The same keys in the same order (rows written by one program usually share theirs). */
const sameKeys = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((key, i) => key === b[i]);

/** Turns JSON rows (objects) into a header row and data rows; keys in order of first appearance. */
export function toTable(functions: ModelInput["functions"]): TableInput {
  if (!Array.isArray(functions)) return functions as TableInput;
  const objects = functions as ReadonlyArray<Record<string, CellValue>>;
  const headers: string[] = [];
  const index = new Map<string, number>();
  const keysOf: string[][] = [];
  let previous: string[] = [];
  for (const row of objects) {
    const keys = Object.keys(row ?? {});
    const same = sameKeys(keys, previous);
    keysOf.push(same ? previous : keys); // rows of one shape share one key list
    if (same) continue; // no key the previous row did not already add
    previous = keys;
    for (const key of keys) {
      if (!index.has(key)) {
        index.set(key, headers.length);
        headers.push(key);
      }
    }
  }
  // A row whose keys are the header row, in its order, is its own values; other rows are looked up key by key.
  const rows = objects.map((row, i) =>
    row && sameKeys(keysOf[i], headers) ? Object.values(row) : headers.map((h) => (row ?? {})[h]),
  );
  return { headers, rows };
}

/** A row's valid values by field key (undefined: not given and no default). */
type RowValues = Record<string, string | number | boolean | undefined>;

/** Triangular ranges of one row: for each uncertain key that has a min or max, both ends (a blank end is the most likely value). */
export type RowRanges = Partial<Record<UncertainKey, { min: number; max: number }>>;

/**
 * The validated row as an object of one fixed shape: the engine reads these fields for every month, and rows
 * built field by field (blank cells filled in other orders, integers beside decimals) would give the engine many
 * hidden classes to handle instead of one.
 */
function functionInputs(v: Readonly<RowValues>): FunctionInputs {
  const n = (key: keyof FunctionInputs): number => +(v[key] as number); // "+": every number as a double
  return {
    function: v.function as string,
    headcount: n("headcount"),
    saHourlyRate: n("saHourlyRate"),
    bpoMonthlyFeePerFte: n("bpoMonthlyFeePerFte"),
    processDocumented: v.processDocumented as boolean,
    managementCapacity: v.managementCapacity as boolean,
    scope: v.scope as FunctionInputs["scope"],
    saRampDays: n("saRampDays"),
    saMgmtShare: n("saMgmtShare"),
    saOverheadPerFteMonth: n("saOverheadPerFteMonth"),
    saOnboardingCostPerFte: n("saOnboardingCostPerFte"),
    saAnnualAttrition: n("saAnnualAttrition"),
    saAnnualEscalation: n("saAnnualEscalation"),
    bpoRampWeeks: n("bpoRampWeeks"),
    bpoTransitionCost: n("bpoTransitionCost"),
    bpoGovernanceShare: n("bpoGovernanceShare"),
    bpoChangeOrdersPerYear: n("bpoChangeOrdersPerYear"),
    bpoChangeOrderCost: n("bpoChangeOrderCost"),
    bpoAnnualEscalation: n("bpoAnnualEscalation"),
    delayCostPerFteMonth: n("delayCostPerFteMonth"),
  };
}

export interface ParsedRow {
  /** 1-based data row number. */
  row: number;
  inputs: FunctionInputs;
  /** The row's `<key>Min` / `<key>Max` columns (or their assumption defaults); empty when none is given. */
  ranges: RowRanges;
}

/** A row's values before its cells are read: every function field, none given yet. */
const EMPTY_ROW_VALUES: Readonly<RowValues> = Object.fromEntries(FUNCTION_FIELDS.map((f) => [f.key, undefined]));

export interface ParsedFunctions {
  /** Which column holds which key: hosts put an error on its cell with it, without mapping the headers again. */
  columns: ColumnMapping;
  rows: ParsedRow[];
  errors: InputError[];
  warnings: InputWarning[];
  /** A token of this parse's rows, for ParseOptions.previous (they are kept only with ParseOptions.remember). */
  rowsParsedFrom: object;
}

/** How to parse a table that was parsed before, e.g. after one cell changed. */
export interface ParseOptions {
  /**
   * An earlier parse of the same table, made with `remember`: each row whose cells are unchanged (same headers,
   * per-function defaults and change-order assumptions too) takes that parse's outcome instead of being read and
   * validated again. The result is the same as a parse from scratch.
   */
  previous?: Pick<ParsedInput, "rowsParsedFrom">;
  /** Keep this parse's rows (a copy of their cells) for a later parse's `previous`. */
  remember?: boolean;
}

/**
 * What one data row parses to on its own, before the names of the other rows are compared: its name, its cell
 * errors, and (when it has none) its inputs and ranges with their warnings.
 */
interface RowOutcome {
  /** The row's cells as parsed (a copy), to tell an unchanged row in a later parse of the same table. */
  cells: readonly CellValue[];
  blank: boolean;
  name: string | undefined;
  errors: readonly InputError[];
  parsed: { inputs: FunctionInputs; ranges: RowRanges; warnings: readonly InputWarning[] } | undefined;
}

/**
 * The rows of a parse kept for the next parse of the same table (ParseOptions.previous), with what their outcomes
 * depend on besides their cells: the headers, the per-function defaults and the change-order assumptions.
 */
interface RowMemory {
  headers: readonly CellValue[];
  context: string;
  outcomes: readonly RowOutcome[];
}

const rowMemory = new WeakMap<object, RowMemory>();

/** The errors and warnings of the (many) rows that have none: one shared list each, never added to. */
const NO_ERRORS: readonly InputError[] = Object.freeze([]);
const NO_WARNINGS: readonly InputWarning[] = Object.freeze([]);

const sameCells = (a: readonly CellValue[], b: readonly CellValue[]): boolean =>
  a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

/** Everything a row's outcome depends on besides its cells and the headers, as a comparable text. */
const rowContext = (assumptions: Assumptions, rowDefaults: AssumptionOverrides): string =>
  JSON.stringify([assumptions.changeOrdersPerYearStable, assumptions.changeOrdersPerYearEvolving, rowDefaults]);

/** The outcomes of the previous parse, when they apply to this table: the same headers and context. */
function reusableOutcomes(
  previous: object | undefined,
  headers: readonly CellValue[],
  context: string,
): readonly RowOutcome[] | undefined {
  const memory = previous === undefined ? undefined : rowMemory.get(previous);
  if (!memory || memory.context !== context || !sameCells(memory.headers, headers)) return undefined;
  return memory.outcomes;
}

export function parseFunctions(
  table: TableInput,
  assumptions: Assumptions,
  rowDefaults: AssumptionOverrides,
  options: ParseOptions = {},
): ParsedFunctions {
  const mapping = mapFunctionHeaders(table.headers);
  const { indexByKey, ignored } = mapping;
  const missingColumns = missingColumnMessages(
    mapping,
    FUNCTION_FIELDS.filter((f) => f.defaultValue === undefined && f.key !== "bpoChangeOrdersPerYear"),
  );
  const warnings: InputWarning[] = ignored.map((i) => ({ column: i.header, message: i.reason }));
  const errors: InputError[] = [];
  const rows: ParsedRow[] = [];
  const firstRowByName = new Map<string, number>();
  const columns = FUNCTION_FIELDS.map((field) => ({ field, index: indexByKey.get(field.key) }));
  // Ranges are read only when the table or the assumptions give one: most tables have none.
  const anyRange = UNCERTAINTY_FIELDS.some((f) => indexByKey.has(f.key) || !isBlank(rowDefaults[f.key] as CellValue));
  const context = rowContext(assumptions, rowDefaults);
  const earlier = reusableOutcomes(options.previous?.rowsParsedFrom, table.headers, context);

  /** One row on its own: every cell checked, and its inputs and ranges when no cell is wrong. */
  function parseRow(cells: readonly CellValue[], rowNumber: number): RowOutcome {
    if (!cells || cells.every(isBlank))
      return { cells: cells ? [...cells] : [], blank: true, name: undefined, errors: NO_ERRORS, parsed: undefined };
    const copy = options.remember ? [...cells] : cells;
    // Every key present from the start: stores then replace values instead of growing the object key by key.
    const values: RowValues = { ...EMPTY_ROW_VALUES };
    const rowErrors: InputError[] = [];
    for (const { field, index } of columns) {
      const raw = index === undefined ? undefined : cells[index];
      if (isBlank(raw)) {
        const fallback = rowDefaults[field.key] ?? field.defaultValue;
        if (fallback !== undefined) values[field.key] = fallback;
        else if (field.key !== "bpoChangeOrdersPerYear") {
          const message = missingColumns.get(field.key) ?? `${field.label} is required; the cell is blank.`;
          rowErrors.push({ row: rowNumber, column: field.key, value: raw ?? null, message });
        }
        continue;
      }
      const checked = checkField(field, raw);
      if (checked !== undefined) values[field.key] = checked;
      else rowErrors.push({ row: rowNumber, column: field.key, value: raw, message: invalidMessage(field, raw) });
    }
    const name = typeof values.function === "string" ? values.function : undefined;
    if (rowErrors.length > 0) return { cells: copy, blank: false, name, errors: rowErrors, parsed: undefined };
    let rangeWarnings = NO_WARNINGS;
    let ranges: RowRanges = {};
    if (anyRange) {
      const found: InputWarning[] = [];
      ranges = parseRanges(rowNumber, cells, indexByKey, rowDefaults, values, found);
      rangeWarnings = found;
    }
    if (values.bpoChangeOrdersPerYear === undefined) {
      values.bpoChangeOrdersPerYear =
        values.scope === "evolving" ? assumptions.changeOrdersPerYearEvolving : assumptions.changeOrdersPerYearStable;
    }
    const parsed = { inputs: functionInputs(values), ranges, warnings: rangeWarnings };
    return { cells: copy, blank: false, name, errors: NO_ERRORS, parsed };
  }

  const outcomes = table.rows.map((cells, i) => {
    const before = earlier?.[i];
    // An unchanged row of the same table is not read or validated again.
    return before !== undefined && cells && sameCells(before.cells, cells) ? before : parseRow(cells, i + 1);
  });

  outcomes.forEach((outcome, i) => {
    if (outcome.blank) return; // an empty table row is not a function
    const rowNumber = i + 1;
    errors.push(...outcome.errors);
    let valid = outcome.parsed !== undefined;
    if (outcome.name !== undefined) {
      const identity = outcome.name.toLowerCase();
      const first = firstRowByName.get(identity);
      if (first === undefined) firstRowByName.set(identity, rowNumber);
      else {
        valid = false;
        errors.push({
          row: rowNumber,
          column: "function",
          value: table.rows[i][indexByKey.get("function") as number],
          message: `Function "${outcome.name}" already appears in row ${first}; names must be unique, so only row ${first} is modelled.`,
        });
      }
    }
    if (!valid || outcome.parsed === undefined) return;
    warnings.push(...outcome.parsed.warnings);
    rows.push({ row: rowNumber, inputs: outcome.parsed.inputs, ranges: outcome.parsed.ranges });
  });

  // Errors in row order, and within a row in the table's column order.
  const order = new Map(
    [...FUNCTION_FIELDS, ...UNCERTAINTY_FIELDS].map((f) => [f.key, indexByKey.get(f.key) ?? Number.MAX_SAFE_INTEGER]),
  );
  errors.sort(
    (a, b) =>
      (a.row as number) - (b.row as number) || (order.get(a.column) as number) - (order.get(b.column) as number),
  );
  const parsedFrom = {};
  if (options.remember) rowMemory.set(parsedFrom, { headers: [...table.headers], context, outcomes });
  return { columns: mapping, rows, errors, warnings, rowsParsedFrom: parsedFrom };
}

// ---- Ranges (uncertainty) ----------------------------------------------------------------------------------

/**
 * The row's range columns: each end valid as its field, and min ≤ most likely ≤ max. A blank cell takes the
 * assumption of the same key, else the most likely value (no uncertainty on that side).
 *
 * Ranges are not inputs of the cost model (docs/model.md §2), only of the simulation and the tornado, so a bad range
 * never stops a row from being modelled: a CFO who types a new fee below the old minimum should see the answer
 * move, not an error. An end that is not valid for its field is ignored; an end on the wrong side of the most
 * likely value is moved to it. Both are reported as warnings on the cell.
 */
function parseRanges(
  rowNumber: number,
  cells: readonly CellValue[],
  indexByKey: ReadonlyMap<string, number>,
  rowDefaults: AssumptionOverrides,
  values: Readonly<RowValues>,
  warnings: InputWarning[],
): RowRanges {
  const ranges: RowRanges = {};
  for (const field of UNCERTAINTY_FIELDS) {
    const index = indexByKey.get(field.key);
    const raw = index === undefined ? undefined : cells[index];
    const fromCell = !isBlank(raw);
    const given: CellValue = fromCell ? raw : (rowDefaults[field.key] as CellValue);
    if (isBlank(given)) continue;
    const origin = fromCell ? "" : " (from the assumptions)";
    const outcome = validateField(field, given);
    if (!outcome.ok) {
      warnings.push({
        row: rowNumber,
        column: field.key,
        message: `${outcome.message.replace(/\.$/, "")}${origin}; the simulation ignores it.`,
      });
      continue;
    }
    const { key, end } = RANGE_FIELD_OF.get(field.key) as { key: UncertainKey; end: "min" | "max" };
    const mostLikely = values[key];
    if (typeof mostLikely !== "number") continue; // the most likely value is itself invalid: reported already
    const bound = outcome.value as number;
    const range = (ranges[key] ??= { min: mostLikely, max: mostLikely });
    if (end === "min" ? bound > mostLikely : bound < mostLikely) {
      const base = FUNCTION_FIELDS.find((f) => f.key === key) as FieldSpec;
      warnings.push({
        row: rowNumber,
        column: field.key,
        message: `${field.label} (${bound})${origin} is ${end === "min" ? "above" : "below"} the most likely value, ${base.label} = ${mostLikely}; the simulation uses ${mostLikely} as the ${end}.`,
      });
      continue; // the end stays at the most likely value
    }
    range[end] = bound;
  }
  return ranges;
}

// ---- Whole input -------------------------------------------------------------------------------------------

/**
 * A whole input parsed and validated once (parseModelInput), for evaluateParsed() to model as often as needed:
 * nothing in it is read from the cells again.
 */
export interface ParsedInput {
  assumptions: Assumptions;
  rowDefaults: AssumptionOverrides;
  /** The rows to model: none when an assumption is invalid (every row depends on it), as in evaluate(). */
  rows: ParsedRow[];
  errors: InputError[];
  warnings: InputWarning[];
  /** The functions table's header mapping, from the same parse (see ParsedFunctions.columns). */
  columns: ColumnMapping;
  /** See ParsedFunctions.rowsParsedFrom and ParseOptions. */
  rowsParsedFrom: object;
}

/** Parses and validates a whole input exactly as evaluate() does, for the analyses that run the engine themselves. */
export function parseModelInput(input: ModelInput, options: ParseOptions = {}): ParsedInput {
  const parsedAssumptions = parseAssumptions(input.assumptions);
  const { assumptions, rowDefaults } = parsedAssumptions;
  const parsedRows = parseFunctions(toTable(input.functions ?? []), assumptions, rowDefaults, options);
  return {
    assumptions,
    rowDefaults,
    rows: parsedAssumptions.errors.length > 0 ? [] : parsedRows.rows,
    errors: [...parsedAssumptions.errors, ...parsedRows.errors],
    warnings: [...parsedAssumptions.warnings, ...parsedRows.warnings],
    columns: parsedRows.columns,
    rowsParsedFrom: parsedRows.rowsParsedFrom,
  };
}
