/**
 * "Sourcing Drivers": one row per function with every docs/model.md §2.2 input after the row → assumption → default
 * precedence. A blank cell in SourcingFunctions takes the Default_… assumption (Sourcing Assumptions Used), which
 * itself falls back to the model's default; the change orders per year fall back to the assumption for the row's
 * scope. Each resolved column is a defined name (Headcount, SaRampDays, …) that Sourcing Calc reads with
 * INDEX(name, function #).
 */
import { columnLetters } from "../layout/address";
import { FUNCTION_FIELDS, REQUIRED_FUNCTION_KEYS } from "../model";
import { resolvedValue, styleOf } from "./inputs";
import { BPO_RAMP_DAYS, DRIVERS_SHEET, GLOBAL_NAMES, columnRange, defaultName, driverName, inputName } from "./names";
import { type CellSpec, type DefinedName, type SheetSpec, formula, newSheet, num, setCell, text } from "./spec";

interface DriverColumn {
  header: string;
  /** Defined name of the column (resolved values only). */
  name?: string;
  width: number;
  cell(i: number, row: number, at: (key: string) => string): CellSpec;
}

const REQUIRED = new Set<string>(REQUIRED_FUNCTION_KEYS);

function driverColumns(): { key: string; column: DriverColumn }[] {
  const columns: { key: string; column: DriverColumn }[] = [];
  const add = (key: string, column: DriverColumn) => columns.push({ key, column });
  add("#", { header: "Function #", width: 11, cell: (i) => num(i, "integer") });

  for (const field of FUNCTION_FIELDS) {
    const given = (i: number) => `INDEX(${inputName(field.key)},${i})`;
    const typedText = (i: number) => `TRIM(${given(i)}&"")`;
    if (field.key === "function") {
      add(field.key, { header: field.label, name: driverName(field.key), width: 24, cell: (i) => formula(given(i)) });
    } else if (REQUIRED.has(field.key)) {
      // Required: a blank cell is #N/A, never zero.
      add(field.key, {
        header: field.label,
        name: driverName(field.key),
        width: 16,
        cell: (i) => formula(`IF(${typedText(i)}="",NA(),${given(i)})`, styleOf(field)),
      });
    } else if (field.type === "boolean" || field.type === "enum") {
      const typedKey = `${field.key}:typed`;
      add(typedKey, { header: `${field.label} (as typed)`, width: 14, cell: (i) => formula(typedText(i)) });
      add(field.key, {
        header: field.label,
        name: driverName(field.key),
        width: 14,
        cell: (i, _row, at) => formula(resolvedValue(field, at(typedKey), given(i), defaultName(field.key))),
      });
    } else if (field.key === "bpoChangeOrdersPerYear") {
      add(field.key, {
        header: field.label,
        name: driverName(field.key),
        width: 16,
        cell: (i, _row, at) =>
          formula(
            `IF(${typedText(i)}<>"",${given(i)},IF(ISNUMBER(${defaultName(field.key)}),${defaultName(field.key)},IF(${at("scope")}="evolving",${GLOBAL_NAMES.changeOrdersPerYearEvolving},${GLOBAL_NAMES.changeOrdersPerYearStable})))`,
          ),
      });
    } else {
      add(field.key, {
        header: field.label,
        name: driverName(field.key),
        width: 16,
        cell: (i) => formula(`IF(${typedText(i)}="",${defaultName(field.key)},${given(i)})`, styleOf(field)),
      });
    }
  }
  add("bpoRampDays", {
    header: "BPO ramp (business days)",
    name: BPO_RAMP_DAYS,
    width: 14,
    cell: (_i, _row, at) => formula(`5*${at("bpoRampWeeks")}`),
  });
  return columns;
}

const COLUMNS = driverColumns();

export function driversSheet(functionCount: number, names: DefinedName[]): SheetSpec {
  const columns = COLUMNS;
  const letter = new Map(columns.map(({ key }, c) => [key, columnLetters(c)]));
  const sheet = newSheet(DRIVERS_SHEET);
  columns.forEach(({ column }, c) => {
    setCell(sheet, 1, c + 1, text(column.header, "header"));
    sheet.widths.set(c + 1, column.width);
    if (column.name)
      names.push({ name: column.name, refersTo: columnRange(DRIVERS_SHEET, columnLetters(c), 2, functionCount + 1) });
  });
  for (let i = 1; i <= functionCount; i++) {
    const row = i + 1;
    const at = (key: string) => `$${letter.get(key) as string}${row}`;
    columns.forEach(({ column }, c) => setCell(sheet, row, c + 1, column.cell(i, row, at)));
  }
  return sheet;
}
