/**
 * Input parsing and validation (MODEL.md §2): header matching, cell coercion, the row → assumption → default
 * precedence and per-cell errors a finance user can act on.
 */
import { ASSUMPTION_FIELDS, FUNCTION_FIELDS, inRange, type FieldSpec } from "./fields";
import { assumptionKeyMatcher, mapFunctionHeaders } from "./headers";
import type { Assumptions, CellValue, FunctionInputs, InputError, InputWarning, ModelInput, TableInput } from "./types";

// ---- Cell coercion -----------------------------------------------------------------------------------------

const EXCEL_ERROR = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)$/i;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const GROUPED_NUMBER = /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const TRUE_WORDS = new Set(["yes", "y", "true", "1"]);
const FALSE_WORDS = new Set(["no", "n", "false", "0"]);

export const isBlank = (value: CellValue): boolean =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "");

export const isExcelError = (value: CellValue): boolean => typeof value === "string" && EXCEL_ERROR.test(value.trim());

type Coerced = { ok: true; value: string | number | boolean } | { ok: false; problem: string };

const describe = (value: CellValue): string => {
  if (typeof value === "string") return isExcelError(value) ? `the Excel error ${value.trim().toUpperCase()}` : `"${value}" (text)`;
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
  const parsed = PLAIN_NUMBER.test(text) ? Number(text) * scale : GROUPED_NUMBER.test(text) ? Number(text.replace(/,/g, "")) * scale : NaN;
  return Number.isFinite(parsed) ? parsed : undefined; // "1e400" overflows to Infinity: not a number a cell can hold

}

function coerce(field: FieldSpec, value: CellValue): Coerced {
  switch (field.type) {
    case "number":
    case "integer": {
      const n = toNumber(value);
      return n === undefined ? { ok: false, problem: describe(value) } : { ok: true, value: n };
    }
    case "boolean": {
      if (typeof value === "boolean") return { ok: true, value };
      if (value === 1 || value === 0) return { ok: true, value: value === 1 };
      if (typeof value === "string") {
        const word = value.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return { ok: true, value: true };
        if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      }
      return { ok: false, problem: describe(value) };
    }
    case "enum": {
      const word = typeof value === "string" ? value.trim().toLowerCase() : undefined;
      return word !== undefined && field.values?.includes(word) ? { ok: true, value: word } : { ok: false, problem: describe(value) };
    }
    case "text": {
      if (typeof value === "string" && !isExcelError(value)) return { ok: true, value: value.trim() };
      if (typeof value === "number" && Number.isFinite(value)) return { ok: true, value: String(value) };
      return { ok: false, problem: describe(value) };
    }
  }
}

export type FieldOutcome = { ok: true; value: string | number | boolean } | { ok: false; message: string };

/** Coerces and validates one non-blank value for a field; the message names the field, the rule and the value. */
export function validateField(field: FieldSpec, value: CellValue): FieldOutcome {
  const coerced = coerce(field, value);
  const valid = !coerced.ok
    ? false
    : field.range && typeof coerced.value === "number"
      ? inRange(coerced.value, field.range)
      : field.schema.safeParse(coerced.value).success;
  const problem = !coerced.ok ? coerced.problem : valid ? undefined : describe(coerced.value as CellValue);
  if (problem === undefined && coerced.ok) return { ok: true, value: coerced.value };
  return { ok: false, message: `${field.label} must be ${field.rule}; got ${problem}.` };
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

const DEFAULT_ASSUMPTIONS = Object.fromEntries(ASSUMPTION_FIELDS.map((f) => [f.key, f.defaultValue])) as unknown as Assumptions;

function assumptionPairs(input: ModelInput["assumptions"]): [CellValue, CellValue][] {
  if (!input) return [];
  if (Array.isArray(input)) return input.map((pair) => [pair[0], pair[1]] as [CellValue, CellValue]);
  return Object.entries(input as Record<string, CellValue>);
}

export function parseAssumptions(input: ModelInput["assumptions"]): ParsedAssumptions {
  const values: Record<string, string | number | boolean> = { ...DEFAULT_ASSUMPTIONS } as unknown as Record<string, string | number | boolean>;
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
      warnings.push({ column: keyText, message: `Assumption "${keyText}" is not an input of the model; it was ignored.` });
      continue;
    }
    if (seen.has(field.key)) {
      warnings.push({ column: field.key, message: `Assumption "${keyText}" repeats ${field.label}; only the first one is used.` });
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

/** Turns JSON rows (objects) into a header row and data rows; keys in order of first appearance. */
export function toTable(functions: ModelInput["functions"]): TableInput {
  if (!Array.isArray(functions)) return functions as TableInput;
  const headers: string[] = [];
  const index = new Map<string, number>();
  for (const row of functions as ReadonlyArray<Record<string, CellValue>>) {
    for (const key of Object.keys(row ?? {})) {
      if (!index.has(key)) {
        index.set(key, headers.length);
        headers.push(key);
      }
    }
  }
  const rows = (functions as ReadonlyArray<Record<string, CellValue>>).map((row) => headers.map((h) => (row ?? {})[h]));
  return { headers, rows };
}

export interface ParsedRow {
  /** 1-based data row number. */
  row: number;
  inputs: FunctionInputs;
}

export interface ParsedFunctions {
  rows: ParsedRow[];
  errors: InputError[];
  warnings: InputWarning[];
}

export function parseFunctions(table: TableInput, assumptions: Assumptions, rowDefaults: AssumptionOverrides): ParsedFunctions {
  const { indexByKey, ignored } = mapFunctionHeaders(table.headers);
  const warnings: InputWarning[] = ignored.map((i) => ({ column: i.header, message: i.reason }));
  const errors: InputError[] = [];
  const rows: ParsedRow[] = [];
  const firstRowByName = new Map<string, number>();
  const columns = FUNCTION_FIELDS.map((field) => ({ field, index: indexByKey.get(field.key) }));

  table.rows.forEach((cells, i) => {
    const rowNumber = i + 1;
    if (!cells || cells.every(isBlank)) return; // an empty table row is not a function
    const values: Record<string, string | number | boolean> = {};
    let valid = true;
    for (const { field, index } of columns) {
      const raw = index === undefined ? undefined : cells[index];
      if (isBlank(raw)) {
        const fallback = rowDefaults[field.key] ?? field.defaultValue;
        if (fallback !== undefined) values[field.key] = fallback;
        else if (field.key !== "bpoChangeOrdersPerYear") {
          valid = false;
          errors.push({ row: rowNumber, column: field.key, value: raw ?? null, message: `${field.label} is required; the cell is blank.` });
        }
        continue;
      }
      const outcome = validateField(field, raw);
      if (outcome.ok) values[field.key] = outcome.value;
      else {
        valid = false;
        errors.push({ row: rowNumber, column: field.key, value: raw, message: outcome.message });
      }
    }

    const name = values.function;
    if (typeof name === "string") {
      const identity = name.toLowerCase();
      const first = firstRowByName.get(identity);
      if (first === undefined) firstRowByName.set(identity, rowNumber);
      else {
        valid = false;
        errors.push({
          row: rowNumber,
          column: "function",
          value: cells[indexByKey.get("function") as number],
          message: `Function "${name}" already appears in row ${first}; names must be unique, so only row ${first} is modelled.`,
        });
      }
    }
    if (!valid) return;

    if (values.bpoChangeOrdersPerYear === undefined) {
      values.bpoChangeOrdersPerYear =
        values.scope === "evolving" ? assumptions.changeOrdersPerYearEvolving : assumptions.changeOrdersPerYearStable;
    }
    rows.push({ row: rowNumber, inputs: values as unknown as FunctionInputs });
  });

  // Errors in row order, and within a row in the table's column order.
  const order = new Map(FUNCTION_FIELDS.map((f) => [f.key, indexByKey.get(f.key) ?? Number.MAX_SAFE_INTEGER]));
  errors.sort((a, b) => (a.row as number) - (b.row as number) || (order.get(a.column) as number) - (order.get(b.column) as number));
  return { rows, errors, warnings };
}
