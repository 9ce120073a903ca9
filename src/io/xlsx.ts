/**
 * Workbook input (.xlsx), laid out as src/layout/workbook.ts says:
 *  - functions: the table named SourcingFunctions on any sheet, else the sheet named "Functions" (its first
 *    non-empty row is the header row);
 *  - assumptions: the table named SourcingAssumptions, else the sheet named "Assumptions" (column 1 the key or
 *    label, column 2 the value; a first row "Assumption | Value" is a header and skipped).
 * Values are read as Excel last saved them (cached formula results); nothing is recalculated.
 *
 * The file is read part by part with bounds (src/io/workbook-package.ts, docs/limits.md "Reading files"): only
 * the cells a sheet holds are walked, never the rectangle a table ref or a stray cell at XFD1048576 declares.
 */
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
import { cellAddress, cellRef } from "../layout/address";
import { InputFileError } from "./errors";
import { DEFAULT_READ_LIMITS, cellsLimitText, count, type ReadLimits } from "./limits";
import type { ErrorLocation, LoadedInput } from "./types";
import {
  WorkbookPackage,
  type RangeBounds,
  type SheetCells,
  type SheetInfo,
  type SheetRegion,
  type TableInfo,
} from "./workbook-package";

/** Where the functions table sits: enough to turn (row, column key) back into a cell. */
export interface FunctionsPlacement {
  sheet: string;
  /** Table name, when read from a table. */
  table?: string;
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
  headers: CellValue[];
  /** Sheet row of the model's row 1; data rows follow one per sheet row (blank ones included, as Excel counts them). */
  firstDataRow: number;
  dataRowCount: number;
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
    const found = placement.rows.find(
      (r) => assumptionKeyMatcher.match(typeof r.key === "string" ? r.key.trim() : r.key)?.key === column,
    );
    return found ? cellAddress(placement.sheet, found.sheetRow - 1, placement.valueColumn - 1) : undefined;
  }
  const f = layout.functions;
  if (row < 1 || row > f.dataRowCount) return undefined;
  const sheetRow = f.firstDataRow + row - 1;
  const index = mapFunctionHeaders(f.headers).indexByKey.get(column);
  // Sheet rows and columns here are Excel's 1-based numbers; the whole row keeps both corners even for one column.
  return index === undefined
    ? `${cellAddress(f.sheet, sheetRow - 1, f.firstColumn - 1)}:${cellRef(sheetRow - 1, f.lastColumn - 1)}`
    : cellAddress(f.sheet, sheetRow - 1, f.firstColumn + index - 1);
}

/** Rows Excel counts but nothing fills: one shared empty row (the model skips blank rows and never writes to them). */
const BLANK_ROW: CellValue[] = [];

/** A header and data rows read from a sheet's kept cells. */
interface ReadTable {
  headers: CellValue[];
  rows: CellValue[][];
  headerRow: number;
  firstDataRow: number;
  left: number;
  right: number;
}

/** Refuses a table whose populated rows times its width would exceed the cells limit (a wide header row and many rows). */
function checkMaterialized(
  path: string,
  limits: ReadLimits,
  sheet: string,
  populatedRows: number,
  width: number,
): void {
  if (populatedRows * width > limits.maxCells) {
    throw new InputFileError(
      "too-large",
      path,
      `the table read on sheet "${sheet}" spans ${count(populatedRows)} rows by ${count(width)} columns, ${cellsLimitText(limits)}.`,
    );
  }
}

/** The data rows from `top` to `bottom`, columns `left`..`right`: populated rows read, the others blank. */
function dataRows(
  cells: SheetCells,
  top: number,
  bottom: number,
  left: number,
  right: number,
  path: string,
  limits: ReadLimits,
): CellValue[][] {
  const populated = cells.populatedRows(left, right).filter((r) => r >= top && r <= bottom);
  checkMaterialized(path, limits, cells.sheet, populated.length, right - left + 1);
  const rows: CellValue[][] = [];
  let next = 0;
  for (let row = top; row <= bottom; row++) {
    if (populated[next] === row) {
      rows.push(cells.rowValues(row, left, right));
      next++;
    } else rows.push(BLANK_ROW);
  }
  return rows;
}

/** Trims a header row's trailing blank cells: columns without a header are not read (the model ignores them). */
function lastHeaderColumn(headers: readonly CellValue[]): number {
  let last = headers.length;
  while (last > 1 && isBlank(headers[last - 1])) last--;
  return Math.max(last, 1);
}

function readTable(
  table: TableInfo & { bounds: RangeBounds },
  cells: SheetCells,
  path: string,
  limits: ReadLimits,
): ReadTable {
  const { top, left, bottom } = table.bounds;
  const shown = table.headerRowCount > 0;
  // A table that hides its header row keeps the column names in its own part.
  const fullHeaders: CellValue[] = shown
    ? cells.rowValues(top, left, table.bounds.right)
    : table.columns.slice(0, table.bounds.right - left + 1);
  const width = lastHeaderColumn(fullHeaders);
  const right = left + width - 1;
  const firstDataRow = shown ? top + 1 : top;
  const lastDataRow = bottom - table.totalsRowCount;
  return {
    headers: fullHeaders.slice(0, width),
    rows: dataRows(cells, firstDataRow, lastDataRow, left, right, path, limits),
    headerRow: firstDataRow - 1,
    firstDataRow,
    left,
    right,
  };
}

/** The fallback sheet: its first non-empty row is the header; data rows run to the last row filled under the header. */
function readSheetTable(cells: SheetCells, path: string, limits: ReadLimits): ReadTable {
  const headerRow = cells.populatedRows(1, Number.MAX_SAFE_INTEGER)[0] ?? 1;
  const right = Math.max(cells.lastColumn(headerRow), 1);
  const headers = cells.rowValues(headerRow, 1, right);
  const filled = cells.populatedRows(1, right);
  const lastRow = Math.max(filled[filled.length - 1] ?? headerRow, headerRow);
  return {
    headers,
    rows: dataRows(cells, headerRow + 1, lastRow, 1, right, path, limits),
    headerRow,
    firstDataRow: headerRow + 1,
    left: 1,
    right,
  };
}

/** Adds a rectangle (or the whole sheet) to what is read of a sheet. */
function addRegion(requests: Map<SheetInfo, SheetRegion>, sheet: SheetInfo, region: RangeBounds | "all"): void {
  const existing = requests.get(sheet);
  if (existing === "all" || region === "all") requests.set(sheet, "all");
  else requests.set(sheet, [...(existing ?? []), region]);
}

/** An opened workbook → the model's input and the layout that maps errors back to cells. */
export function readWorkbookPackage(pkg: WorkbookPackage): LoadedInput & { layout: WorkbookLayout } {
  const { path, limits } = pkg;
  const functionsTable = pkg.findTable(FUNCTIONS_TABLE);
  const functionsSheet = functionsTable?.sheet ?? pkg.findSheet(FUNCTIONS_SHEET_FALLBACK);
  if (!functionsSheet) {
    throw new InputFileError(
      "malformed",
      path,
      `no functions found: the workbook has no table named ${FUNCTIONS_TABLE} and no sheet named "${FUNCTIONS_SHEET_FALLBACK}".`,
    );
  }
  const assumptionsTable = pkg.findTable(ASSUMPTIONS_TABLE);
  const assumptionsSheet = assumptionsTable?.sheet ?? pkg.findSheet(ASSUMPTIONS_SHEET_FALLBACK);
  // Key and value columns: the table's first two, else the sheet's A and B.
  const assumptionsBounds: RangeBounds | undefined = assumptionsTable
    ? { ...assumptionsTable.bounds, right: assumptionsTable.bounds.left + 1 }
    : assumptionsSheet
      ? { top: 1, left: 1, bottom: Number.MAX_SAFE_INTEGER, right: 2 }
      : undefined;

  const requests = new Map<SheetInfo, SheetRegion>();
  addRegion(requests, functionsSheet, functionsTable?.bounds ?? "all");
  if (assumptionsSheet && assumptionsBounds) addRegion(requests, assumptionsSheet, assumptionsBounds);
  const sheets = pkg.readSheets(requests);
  const functionCells = sheets.get(functionsSheet) as SheetCells;

  const functions = functionsTable
    ? readTable(functionsTable, functionCells, path, limits)
    : readSheetTable(functionCells, path, limits);
  const functionsPlacement: FunctionsPlacement = {
    sheet: functionsSheet.name,
    table: functionsTable?.name,
    headerRow: functions.headerRow,
    firstColumn: functions.left,
    lastColumn: functions.right,
    headers: functions.headers,
    firstDataRow: functions.firstDataRow,
    dataRowCount: functions.rows.length,
  };

  const pairs: [CellValue, CellValue][] = [];
  let assumptionsPlacement: AssumptionsPlacement | undefined;
  if (assumptionsSheet && assumptionsBounds) {
    const cells = sheets.get(assumptionsSheet) as SheetCells;
    const { top, left: keyColumn } = assumptionsBounds;
    const bottom = assumptionsTable
      ? assumptionsTable.bounds.bottom - assumptionsTable.totalsRowCount
      : Number.MAX_SAFE_INTEGER;
    const rows: AssumptionsPlacement["rows"] = [];
    for (const row of cells.populatedRows(keyColumn, keyColumn + 1)) {
      if (row < top || row > bottom) continue;
      const [key, value] = cells.rowValues(row, keyColumn, keyColumn + 1);
      if (row === top && isAssumptionHeaderRow([key, value])) continue;
      pairs.push([key, value]);
      rows.push({ sheetRow: row, key });
    }
    assumptionsPlacement = {
      sheet: assumptionsSheet.name,
      table: assumptionsTable?.name,
      rows,
      valueColumn: keyColumn + 1,
    };
  }

  const notes = [...sheets.values()].flatMap((cells) =>
    cells.uncalculated.map(
      ({ address, formula }) =>
        `${address} holds a formula with no saved result (${formula}): the file was saved without being calculated. Open and save it in Excel, or type the value.`,
    ),
  );
  if (!assumptionsPlacement) {
    notes.push(
      `${path}: no ${ASSUMPTIONS_TABLE} table and no "${ASSUMPTIONS_SHEET_FALLBACK}" sheet; the model's default assumptions apply.`,
    );
  }
  const layout: WorkbookLayout = { functions: functionsPlacement, assumptions: assumptionsPlacement };
  return {
    path,
    format: "xlsx",
    input: { assumptions: pairs, functions: { headers: functions.headers, rows: functions.rows } },
    notes,
    locate: (error) => errorCellAddress(layout, error),
    layout,
  };
}

/** A named table's header and data rows (e.g. SourcingScenarios); undefined when the workbook has no such table. */
export function readNamedTable(
  pkg: WorkbookPackage,
  name: string,
): { headers: CellValue[]; rows: CellValue[][] } | undefined {
  const table = pkg.findTable(name);
  if (!table) return undefined;
  const cells = pkg.readSheets(new Map([[table.sheet, [table.bounds]]])).get(table.sheet) as SheetCells;
  const { headers, rows } = readTable(table, cells, pkg.path, pkg.limits);
  return { headers, rows };
}

/** Reads .xlsx bytes within `limits`; throws {@link InputFileError} when they are not a workbook that can be read. */
export async function readXlsxBuffer(
  data: Uint8Array | ArrayBuffer,
  path: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<LoadedInput & { layout: WorkbookLayout }> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  return readWorkbookPackage(WorkbookPackage.open(bytes, path, limits));
}
