/**
 * Where the model's errors live in the workbook. The model reports (data row, column key); the read remembers
 * where the tables are, so an error becomes a cell address the pane can select and the marks can highlight.
 */
import { sheetAddress, cellRef } from "../layout/address";
import {
  assumptionKeyMatcher,
  mapFunctionHeaders,
  type CellValue,
  type ColumnMapping,
  type InputError,
} from "../model";

export interface FunctionsSource {
  /** Where the table was found: the SourcingFunctions table, the "Functions" sheet, or the region around the selection. */
  kind: "table" | "sheet" | "selection";
  sheet: string;
  /** 0-based sheet row of the header row, and sheet column of the first column. */
  headerRow: number;
  firstColumn: number;
  headers: CellValue[];
  /** Number of data rows read. */
  rowCount: number;
  /** Full address, header included, e.g. 'Sourcing Inputs'!A4:M8. */
  address: string;
}

export interface AssumptionsSource {
  kind: "table" | "sheet";
  sheet: string;
  /** 0-based sheet column of the key column (the value is the next column). */
  keyColumn: number;
  /** Key cell text and 0-based sheet row of each assumption pair, in the order handed to the model. */
  keys: { key: CellValue; row: number }[];
  address: string;
}

export interface LocatedError extends InputError {
  /** Sheet and cell, e.g. 'Sourcing Inputs'!C6; null when no cell can be named. */
  address: string | null;
  sheet: string | null;
  /** The cell part alone, e.g. C6, or the row's range when the column is missing. */
  cell: string | null;
}

/**
 * The column mapping of each header row the model parsed, by the row's identity: the read hands the same header
 * array to the model and to the locator, so locating a run's errors and warnings reuses the parse's mapping
 * instead of matching the headers again for every call.
 */
const columnsByHeaders = new WeakMap<readonly CellValue[], ColumnMapping>();

/** Remembers the mapping the model's parse made of `headers` (ParsedInput.columns) for locateErrors. */
export function rememberColumns(headers: readonly CellValue[], columns: ColumnMapping): void {
  columnsByHeaders.set(headers, columns);
}

function columnsOf(headers: readonly CellValue[]): ColumnMapping {
  let columns = columnsByHeaders.get(headers);
  if (columns === undefined) {
    columns = mapFunctionHeaders(headers);
    columnsByHeaders.set(headers, columns);
  }
  return columns;
}

/** Puts each error on its cell: function errors on (data row, column), assumption errors on the value cell. */
export function locateErrors(
  errors: readonly InputError[],
  functions: FunctionsSource | null,
  assumptions: AssumptionsSource | null,
): LocatedError[] {
  const indexByKey = functions ? columnsOf(functions.headers).indexByKey : new Map<string, number>();
  return errors.map((error) => {
    const none = { ...error, address: null, sheet: null, cell: null };
    if (error.row === null) {
      if (!assumptions) return none;
      const pair = assumptions.keys.find((k) => assumptionKeyMatcher.match(k.key)?.key === error.column);
      if (!pair) return none;
      const cell = cellRef(pair.row, assumptions.keyColumn + 1);
      return {
        ...error,
        sheet: assumptions.sheet,
        cell,
        address: sheetAddress(assumptions.sheet, {
          row: pair.row,
          column: assumptions.keyColumn + 1,
          rowCount: 1,
          columnCount: 1,
        }),
      };
    }
    if (!functions) return none;
    const row = functions.headerRow + error.row;
    const index = indexByKey.get(error.column);
    // A required column that is missing altogether: point at the whole row.
    const rect =
      index === undefined
        ? { row, column: functions.firstColumn, rowCount: 1, columnCount: Math.max(1, functions.headers.length) }
        : { row, column: functions.firstColumn + index, rowCount: 1, columnCount: 1 };
    const address = sheetAddress(functions.sheet, rect);
    return { ...error, sheet: functions.sheet, cell: address.slice(address.lastIndexOf("!") + 1), address };
  });
}
