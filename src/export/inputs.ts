/**
 * The input side of the export: the "Sourcing Inputs" sheet (the SourcingFunctions and SourcingAssumptions tables,
 * laid out as the add-in's sample) and the "Sourcing Assumptions Used" sheet (each assumption's value after the
 * given → default precedence, as a named cell the formulas use).
 *
 * Exported values are normalised to what the model read: numbers as numbers ("1,250" → 1250, "5%" → 0.05),
 * yes/no fields as "yes"/"no", scope and ramp shape in lower case, text trimmed; blank cells stay blank, so
 * the row → assumption → default precedence stays live in the formulas. The formulas also accept every spelling
 * the model accepts (yes/y/true/1, no/n/false/0, any case), so a reader may type them too.
 */
import { columnLetters } from "../layout/address";
import { ASSUMPTION_HEADERS, ASSUMPTIONS_TABLE, FUNCTIONS_TABLE, INPUT_SHEET } from "../layout/workbook";
import {
  ASSUMPTION_FIELDS,
  FUNCTION_FIELDS,
  OPTIONAL_FUNCTION_FIELDS,
  UNCERTAINTY_FIELDS,
  type FieldSpec,
  mapFunctionHeaders,
  isBlank,
  toTable,
  validateField,
  type CellValue,
  type ModelInput,
  type ModelResult,
} from "../model";
import {
  ASSUMPTION_LABELS_NAME,
  ASSUMPTION_VALUES_NAME,
  ASSUMPTIONS_USED_SHEET,
  GLOBAL_NAMES,
  MAX_HORIZON_NAME,
  TOLERANCE_NAME,
  absoluteCell,
  columnRange,
  defaultName,
  inputName,
} from "./names";
import {
  type CellSpec,
  type CellStyle,
  type DefinedName,
  type SheetSpec,
  bool,
  formula,
  newSheet,
  num,
  setCell,
  text,
} from "./spec";

type Plain = string | number | boolean;

/** The value the model read from a non-blank cell, as the export writes it (booleans as yes/no). */
function normalised(field: FieldSpec, raw: CellValue): Plain | undefined {
  if (isBlank(raw)) return undefined;
  const outcome = validateField(field, raw);
  if (!outcome.ok) return undefined; // not reached for rows the model accepted
  return typeof outcome.value === "boolean" ? (outcome.value ? "yes" : "no") : outcome.value;
}

export const styleOf = (field: FieldSpec | undefined): CellStyle | undefined =>
  field?.format === "money" ? "money" : field?.format === "share" ? "share" : undefined;

const plainCell = (value: Plain, style?: CellStyle): CellSpec =>
  typeof value === "number" ? num(value, style) : typeof value === "boolean" ? bool(value) : text(value);

/** The assumptions the formulas use: docs/model.md §2.1 and the per-function defaults. */
export const COST_ASSUMPTION_FIELDS: readonly FieldSpec[] = [...ASSUMPTION_FIELDS, ...OPTIONAL_FUNCTION_FIELDS];

export interface InputRows {
  /** Columns of the functions table: every docs/model.md §2.2 field, then the range columns the input fills. */
  functionFields: FieldSpec[];
  /** Rows of the functions table: one value (or undefined for blank) per column. */
  functions: (Plain | undefined)[][];
  /** Rows of the assumptions table: every cost assumption, then the range ends the input gives. */
  assumptionFields: FieldSpec[];
  /** Value per assumption row; undefined = blank (the model's default applies). */
  assumptions: (Plain | undefined)[];
}

/**
 * The rows to export: every row the model modelled (rows with input errors and blank rows are left out), and the
 * assumptions the model used: every §2.1 assumption explicitly, per-function defaults only when given.
 */
export function exportedInputs(input: ModelInput, result: ModelResult): InputRows {
  const table = toTable(input.functions ?? []);
  const { indexByKey } = mapFunctionHeaders(table.headers);
  const rejected = new Set(result.errors.map((e) => e.row));
  const kept = table.rows.filter((cells, i) => cells && !cells.every(isBlank) && !rejected.has(i + 1));
  // Range columns (for the add-in's simulation) travel with the inputs when the input fills them; no formula reads them.
  const ranges = UNCERTAINTY_FIELDS.filter((field) => {
    const index = indexByKey.get(field.key);
    return index !== undefined && kept.some((cells) => !isBlank(cells[index]));
  });
  const functionFields = [...FUNCTION_FIELDS, ...ranges];
  const functions = kept.map((cells) =>
    functionFields.map((field) => {
      const index = indexByKey.get(field.key);
      return index === undefined ? undefined : normalised(field, cells[index]);
    }),
  );
  const used = result.assumptions as unknown as Record<string, Plain | undefined>;
  const assumptionFields = [
    ...COST_ASSUMPTION_FIELDS,
    ...UNCERTAINTY_FIELDS.filter((field) => used[field.key] !== undefined),
  ];
  const assumptions = assumptionFields.map((field) => {
    const value = used[field.key];
    return typeof value === "boolean" ? (value ? "yes" : "no") : value;
  });
  return { functionFields, functions, assumptionFields, assumptions };
}

const defaultText = (field: FieldSpec): string =>
  field.defaultValue === undefined
    ? "the change-orders assumption for the row's scope"
    : typeof field.defaultValue === "boolean"
      ? field.defaultValue
        ? "yes"
        : "no"
      : String(field.defaultValue);

export interface InputsPlacement {
  functionCount: number;
  /** Sheet rows of the assumptions table's data. */
  assumptionsTop: number;
  assumptionsBottom: number;
}

/** The "Sourcing Inputs" sheet and the names of its columns. */
export function inputsSheet(rows: InputRows, names: DefinedName[]): { sheet: SheetSpec; placement: InputsPlacement } {
  const sheet = newSheet(INPUT_SHEET);
  const n = rows.functions.length;
  // Column widths: the functions table's, widened for the assumption labels below it.
  rows.functionFields.forEach((field, c) => {
    setCell(sheet, 1, c + 1, text(field.label, "header"));
    rows.functions.forEach((values, r) => {
      const value = values[c];
      if (value !== undefined) setCell(sheet, r + 2, c + 1, plainCell(value, styleOf(field)));
    });
    sheet.widths.set(c + 1, Math.min(Math.max(field.label.length + 2, 12), 40));
    if (FUNCTION_FIELDS.includes(field))
      names.push({ name: inputName(field.key), refersTo: columnRange(INPUT_SHEET, columnLetters(c), 2, n + 1) });
  });
  sheet.tables.push({
    name: FUNCTIONS_TABLE,
    top: 1,
    left: 1,
    columns: rows.functionFields.map((f) => f.label),
    rowCount: n,
    style: "TableStyleMedium2",
  });

  // Two blank rows, then the assumptions table, as in the add-in's sample.
  const header = n + 4;
  ASSUMPTION_HEADERS.forEach((h, c) => setCell(sheet, header, c + 1, text(h, "header")));
  rows.assumptionFields.forEach((field, i) => {
    const row = header + 1 + i;
    const value = rows.assumptions[i];
    setCell(sheet, row, 1, text(field.label));
    if (value !== undefined) setCell(sheet, row, 2, plainCell(value, styleOf(field)));
    setCell(sheet, row, 3, text(value === undefined ? `${field.source}. Blank: ${defaultText(field)}.` : field.source));
  });
  const bottom = header + rows.assumptionFields.length;
  sheet.tables.push({
    name: ASSUMPTIONS_TABLE,
    top: header,
    left: 1,
    columns: [...ASSUMPTION_HEADERS],
    rowCount: rows.assumptionFields.length,
    style: "TableStyleMedium4",
  });
  sheet.widths.set(1, Math.max(sheet.widths.get(1) ?? 0, ...rows.assumptionFields.map((f) => f.label.length + 2)));
  names.push({ name: ASSUMPTION_LABELS_NAME, refersTo: columnRange(INPUT_SHEET, "A", header + 1, bottom) });
  names.push({ name: ASSUMPTION_VALUES_NAME, refersTo: columnRange(INPUT_SHEET, "B", header + 1, bottom) });
  return { sheet, placement: { functionCount: n, assumptionsTop: header + 1, assumptionsBottom: bottom } };
}

// ---- Value tests shared with the Drivers sheet ---------------------------------------------------------------

const TRUE_WORDS = ["yes", "y", "true", "1"];
const FALSE_WORDS = ["no", "n", "false", "0"];
const anyOf = (cell: string, words: readonly string[]): string => `OR(${words.map((w) => `${cell}="${w}"`).join(",")})`;

/**
 * The value used for a field, from `typed` (the trimmed text of the cell, "" when blank), `raw` (the cell itself)
 * and `fallback` (what a blank means). Text comparisons in Excel and LibreOffice ignore case, as the model does;
 * a value the model would reject gives #N/A rather than a silent default.
 */
export function resolvedValue(field: FieldSpec, typed: string, raw: string, fallback: string): string {
  switch (field.type) {
    case "boolean":
      return `IF(${typed}="",${fallback},IF(${anyOf(typed, TRUE_WORDS)},TRUE(),IF(${anyOf(typed, FALSE_WORDS)},FALSE(),NA())))`;
    case "enum": {
      const words = field.values ?? [];
      return `IF(${typed}="",${fallback},${words.map((w) => `IF(${typed}="${w}","${w}",`).join("")}NA()${")".repeat(words.length)})`;
    }
    case "text":
      return `IF(${typed}="",${fallback},${typed})`;
    default:
      return `IF(${typed}="",${fallback},${raw})`;
  }
}

const literal = (value: Plain | undefined): string =>
  value === undefined
    ? '""'
    : typeof value === "boolean"
      ? value
        ? "TRUE()"
        : "FALSE()"
      : typeof value === "number"
        ? String(value)
        : `"${value.replace(/"/g, '""')}"`;

const ASSUMPTIONS_USED_HEADERS = [
  "Key",
  "Assumption",
  "Row in SourcingAssumptions",
  "As typed",
  "Value used",
  "Model default",
  "Name in formulas",
  "Note",
];

/**
 * "Sourcing Assumptions Used": one row per assumption (found in the input table by label, else by key, so the
 * table's rows may be reordered), the value used after the precedence, and the name the formulas know it by.
 */
export function assumptionsUsedSheet(maxHorizon: number, names: DefinedName[]): SheetSpec {
  const sheet = newSheet(ASSUMPTIONS_USED_SHEET);
  ASSUMPTIONS_USED_HEADERS.forEach((h, c) => setCell(sheet, 1, c + 1, text(h, "header")));
  const globalKeys = new Set(ASSUMPTION_FIELDS.map((f) => f.key));
  COST_ASSUMPTION_FIELDS.forEach((field, i) => {
    const r = i + 2;
    const name = globalKeys.has(field.key) ? GLOBAL_NAMES[field.key] : defaultName(field.key);
    const fallback = `F${r}`;
    setCell(sheet, r, 1, text(field.key));
    setCell(sheet, r, 2, text(field.label));
    setCell(
      sheet,
      r,
      3,
      formula(
        `IFERROR(MATCH(B${r},${ASSUMPTION_LABELS_NAME},0),IFERROR(MATCH(A${r},${ASSUMPTION_LABELS_NAME},0),0))`,
        "integer",
      ),
    );
    setCell(sheet, r, 4, formula(`IF(C${r}=0,"",TRIM(INDEX(${ASSUMPTION_VALUES_NAME},C${r})&""))`));
    const value = resolvedValue(field, `D${r}`, `INDEX(${ASSUMPTION_VALUES_NAME},C${r})`, fallback);
    // The horizon must fit the rows of Sourcing Calc: beyond them every result shows #N/A rather than a wrong total.
    const checked =
      field.key === "horizonMonths"
        ? `IF(AND(${value}>=1,${value}<=${MAX_HORIZON_NAME},${value}=INT(${value})),${value},NA())`
        : value;
    setCell(sheet, r, 5, formula(checked, styleOf(field)));
    const def = field.defaultValue;
    if (def !== undefined) setCell(sheet, r, 6, typeof def === "boolean" ? bool(def) : plainCell(def, styleOf(field)));
    else setCell(sheet, r, 6, formula(literal(undefined)));
    setCell(sheet, r, 7, text(name));
    const note =
      field.key === "horizonMonths"
        ? `This export holds ${maxHorizon} months per function: a horizon from 1 to ${maxHorizon} recalculates here; a longer one needs a new export.`
        : field.key === "bpoChangeOrdersPerYear"
          ? "Blank: each row uses the change-orders assumption for its scope."
          : globalKeys.has(field.key)
            ? field.source
            : "Used by rows whose cell in SourcingFunctions is blank.";
    setCell(sheet, r, 8, text(note));
    names.push({ name, refersTo: absoluteCell(ASSUMPTIONS_USED_SHEET, "E", r) });
  });
  const extra = COST_ASSUMPTION_FIELDS.length + 2;
  const constants: [string, string, number, string, string][] = [
    [
      "maxHorizon",
      "Longest horizon of this export (months)",
      maxHorizon,
      MAX_HORIZON_NAME,
      "Rows per function on Sourcing Calc; export again to go beyond it.",
    ],
    [
      "tolerance",
      "Comparison tolerance (currency units)",
      1e-6,
      TOLERANCE_NAME,
      "docs/model.md §5: a ≤ b means a ≤ b + 1e-6.",
    ],
  ];
  constants.forEach(([key, label, value, name, note], i) => {
    const r = extra + i;
    setCell(sheet, r, 1, text(key));
    setCell(sheet, r, 2, text(label));
    setCell(sheet, r, 5, num(value));
    setCell(sheet, r, 7, text(name));
    setCell(sheet, r, 8, text(note));
    names.push({ name, refersTo: absoluteCell(ASSUMPTIONS_USED_SHEET, "E", r) });
  });
  [30, 40, 14, 14, 14, 14, 22, 90].forEach((w, c) => sheet.widths.set(c + 1, w));
  return sheet;
}
