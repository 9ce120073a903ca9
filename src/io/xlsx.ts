/**
 * Workbook input (.xlsx), laid out as src/layout/workbook.ts says:
 *  - functions: the table named SourcingFunctions on any sheet, else the sheet named "Functions" (its first
 *    non-empty row is the header row);
 *  - assumptions: the table named SourcingAssumptions, else the sheet named "Assumptions" (column 1 the key or
 *    label, column 2 the value; a first row "Assumption | Value" is a header and skipped).
 * Values are read as Excel last saved them (cached formula results); nothing is recalculated.
 *
 * ExcelJS caveats, checked on 4.4.0: a table read from a file has no `rows` or `ref`, only `tableRef` (the
 * range, header and totals included), so the cells are read from the sheet; and `headerRow` comes back false
 * for tables Excel wrote (Excel omits headerRowCount, whose default is 1), so the first row of a table's range
 * is always taken as its header row.
 */
import ExcelJS from "exceljs";
import { assumptionKeyMatcher, mapFunctionHeaders } from "../model/headers";
import { isBlank } from "../model/parse";
import type { CellValue } from "../model/types";
import {
  ASSUMPTIONS_SHEET_FALLBACK,
  ASSUMPTIONS_TABLE,
  FUNCTIONS_SHEET_FALLBACK,
  FUNCTIONS_TABLE,
  isAssumptionHeaderRow,
} from "../layout/workbook";
import { cellAddress, parseRange, rangeAddress, type RangeBounds } from "../layout/address";
import { convertCell } from "./cell-values";
import { InputFileError } from "./errors";
import type { ErrorLocation, LoadedInput } from "./types";

/** Where the functions table sits: enough to turn (row, column key) back into a cell. */
export interface FunctionsPlacement {
  sheet: string;
  /** Table name, when read from a table. */
  table?: string;
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
  headers: CellValue[];
  /** Sheet row of each data row: dataRows[0] is the model's row 1. */
  dataRows: number[];
}

export interface AssumptionsPlacement {
  sheet: string;
  table?: string;
  /** Sheet row and key text of each assumption row read, in order. */
  rows: { sheetRow: number; key: CellValue }[];
  valueColumn: number;
}

export interface WorkbookLayout {
  functions: FunctionsPlacement;
  assumptions?: AssumptionsPlacement;
}

/** The cell an error points at, e.g. `'Sourcing Inputs'!C5`; a whole row when the column is not in the table. */
export function errorCellAddress(layout: WorkbookLayout, { row, column }: ErrorLocation): string | undefined {
  if (row === null) {
    const placement = layout.assumptions;
    if (!placement) return undefined;
    const found = placement.rows.find((r) => assumptionKeyMatcher.match(typeof r.key === "string" ? r.key.trim() : r.key)?.key === column);
    return found ? cellAddress(placement.sheet, found.sheetRow, placement.valueColumn) : undefined;
  }
  const f = layout.functions;
  const sheetRow = f.dataRows[row - 1];
  if (sheetRow === undefined) return undefined;
  const index = mapFunctionHeaders(f.headers).indexByKey.get(column);
  return index === undefined ? rangeAddress(f.sheet, sheetRow, f.firstColumn, sheetRow, f.lastColumn) : cellAddress(f.sheet, sheetRow, f.firstColumn + index);
}

interface FoundTable {
  worksheet: ExcelJS.Worksheet;
  name: string;
  bounds: RangeBounds;
  hasTotalsRow: boolean;
}

interface TableModel {
  name?: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
  totalsRow?: boolean;
}

/** A table by name on any sheet; Excel table names are case-insensitive. */
function findTable(workbook: ExcelJS.Workbook, name: string): FoundTable | undefined {
  const wanted = name.toLowerCase();
  for (const worksheet of workbook.worksheets) {
    // getTables() is typed as [Table, void][] but returns Table objects; read their plain model.
    const tables = Object.values((worksheet as unknown as { tables?: Record<string, { model?: TableModel }> }).tables ?? {});
    for (const table of tables) {
      const model = table.model;
      if (!model) continue;
      const names = [model.name, model.displayName].filter((n): n is string => typeof n === "string");
      if (!names.some((n) => n.toLowerCase() === wanted)) continue;
      const bounds = parseRange(model.tableRef ?? model.ref ?? "");
      if (bounds) return { worksheet, name: model.name ?? name, bounds, hasTotalsRow: model.totalsRow === true };
    }
  }
  return undefined;
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return workbook.getWorksheet(name) ?? workbook.worksheets.find((ws) => ws.name.toLowerCase() === name.toLowerCase());
}

class CellReader {
  readonly notes: string[] = [];

  read(worksheet: ExcelJS.Worksheet, row: number, column: number): CellValue {
    // findCell, not getCell: reading must not create cells (a sheet formatted down to row 1,048,576 stays cheap).
    const converted = convertCell(worksheet.findCell(row, column)?.value ?? null);
    if (converted.uncalculatedFormula) {
      this.notes.push(
        `${cellAddress(worksheet.name, row, column)} holds a formula with no saved result (${converted.uncalculatedFormula}): the file was saved without being calculated. Open and save it in Excel, or type the value.`,
      );
    }
    return converted.value;
  }

  readRow(worksheet: ExcelJS.Worksheet, row: number, left: number, right: number): CellValue[] {
    const values: CellValue[] = [];
    for (let column = left; column <= right; column++) values.push(this.read(worksheet, row, column));
    return values;
  }
}

/** Last column of a sheet that holds anything (ExcelJS's columnCount). */
const lastColumnOf = (worksheet: ExcelJS.Worksheet): number => Math.max(worksheet.columnCount, 1);

function readFunctions(workbook: ExcelJS.Workbook, reader: CellReader, path: string): { headers: CellValue[]; rows: CellValue[][]; placement: FunctionsPlacement } {
  const table = findTable(workbook, FUNCTIONS_TABLE);
  if (table) {
    const { worksheet, bounds } = table;
    const lastDataRow = bounds.bottom - (table.hasTotalsRow ? 1 : 0);
    const headers = reader.readRow(worksheet, bounds.top, bounds.left, bounds.right);
    const dataRows: number[] = [];
    const rows: CellValue[][] = [];
    for (let row = bounds.top + 1; row <= lastDataRow; row++) {
      dataRows.push(row);
      rows.push(reader.readRow(worksheet, row, bounds.left, bounds.right));
    }
    return {
      headers,
      rows,
      placement: { sheet: worksheet.name, table: table.name, headerRow: bounds.top, firstColumn: bounds.left, lastColumn: bounds.right, headers, dataRows },
    };
  }

  const worksheet = findSheet(workbook, FUNCTIONS_SHEET_FALLBACK);
  if (!worksheet) {
    throw new InputFileError(
      "malformed",
      path,
      `no functions found: the workbook has no table named ${FUNCTIONS_TABLE} and no sheet named "${FUNCTIONS_SHEET_FALLBACK}".`,
    );
  }
  const lastColumn = lastColumnOf(worksheet);
  const lastRow = worksheet.rowCount;
  let headerRow = 1;
  while (headerRow < lastRow && reader.readRow(worksheet, headerRow, 1, lastColumn).every(isBlank)) headerRow++;
  const headers = reader.readRow(worksheet, headerRow, 1, lastColumn);
  const dataRows: number[] = [];
  const rows: CellValue[][] = [];
  for (let row = headerRow + 1; row <= lastRow; row++) {
    dataRows.push(row);
    rows.push(reader.readRow(worksheet, row, 1, lastColumn));
  }
  return { headers, rows, placement: { sheet: worksheet.name, headerRow, firstColumn: 1, lastColumn, headers, dataRows } };
}

function readAssumptions(workbook: ExcelJS.Workbook, reader: CellReader): { pairs: [CellValue, CellValue][]; placement?: AssumptionsPlacement } {
  let worksheet: ExcelJS.Worksheet;
  let top: number;
  let bottom: number;
  let keyColumn: number;
  let tableName: string | undefined;
  const table = findTable(workbook, ASSUMPTIONS_TABLE);
  if (table) {
    ({ worksheet } = table);
    ({ top, left: keyColumn } = table.bounds);
    bottom = table.bounds.bottom - (table.hasTotalsRow ? 1 : 0);
    tableName = table.name;
  } else {
    const sheet = findSheet(workbook, ASSUMPTIONS_SHEET_FALLBACK);
    if (!sheet) return { pairs: [] };
    worksheet = sheet;
    top = 1;
    bottom = sheet.rowCount;
    keyColumn = 1;
  }
  const valueColumn = keyColumn + 1;
  const pairs: [CellValue, CellValue][] = [];
  const rows: AssumptionsPlacement["rows"] = [];
  for (let row = top; row <= bottom; row++) {
    const key = reader.read(worksheet, row, keyColumn);
    const value = reader.read(worksheet, row, valueColumn);
    if (row === top && isAssumptionHeaderRow([key, value])) continue;
    pairs.push([key, value]);
    rows.push({ sheetRow: row, key });
  }
  return { pairs, placement: { sheet: worksheet.name, table: tableName, rows, valueColumn } };
}

/** A loaded ExcelJS workbook → the model's input and the layout that maps errors back to cells. */
export function readWorkbook(workbook: ExcelJS.Workbook, path: string): LoadedInput & { layout: WorkbookLayout } {
  const reader = new CellReader();
  const functions = readFunctions(workbook, reader, path);
  const assumptions = readAssumptions(workbook, reader);
  const notes = reader.notes;
  if (!assumptions.placement) {
    notes.push(`${path}: no ${ASSUMPTIONS_TABLE} table and no "${ASSUMPTIONS_SHEET_FALLBACK}" sheet; the model's default assumptions apply.`);
  }
  const layout: WorkbookLayout = { functions: functions.placement, assumptions: assumptions.placement };
  return {
    path,
    format: "xlsx",
    input: { assumptions: assumptions.pairs, functions: { headers: functions.headers, rows: functions.rows } },
    notes,
    locate: (error) => errorCellAddress(layout, error),
    layout,
  };
}

/** Reads .xlsx bytes; throws {@link InputFileError} when they are not a workbook ExcelJS can open. */
export async function readXlsxBuffer(data: Buffer | ArrayBuffer, path: string): Promise<LoadedInput & { layout: WorkbookLayout }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputFileError("unreadable", path, `not an .xlsx workbook that can be opened (${reason}). Save it from Excel as "Excel Workbook (.xlsx)" without a password.`);
  }
  return readWorkbook(workbook, path);
}
