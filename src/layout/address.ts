/**
 * Workbook geometry: cell rectangles and their A1 addresses as Excel writes them, e.g. `'Sourcing Inputs'!A4:M8`.
 *
 * One convention throughout: rows and columns are 0-based indexes (row 0 is Excel's row 1, column 0 is column A);
 * letters and A1 text are Excel's. Code that holds Excel's own 1-based numbers (an XLSX part's `r="5"`, `<col min>`)
 * subtracts 1 where it calls in.
 */

export interface CellRect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** Excel's limits (XLSX): 1,048,576 rows × 16,384 columns. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 0, "aa" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A sheet name as it appears before "!" in a reference: quoted (with ' doubled) unless it is a plain word. */
export function quoteSheetName(sheet: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet) && !/^[RrCc]([0-9]|$)/.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** (4, 2) → `C5`. */
export const cellRef = (row: number, column: number): string => `${columnLetters(column)}${row + 1}`;

/** ("Sourcing Inputs", 4, 2) → `'Sourcing Inputs'!C5`. */
export const cellAddress = (sheet: string, row: number, column: number): string =>
  `${quoteSheetName(sheet)}!${cellRef(row, column)}`;

/** `A1` for one cell, `A1:C3` otherwise. */
export function rectRef(rect: CellRect): string {
  const first = cellRef(rect.row, rect.column);
  if (rect.rowCount === 1 && rect.columnCount === 1) return first;
  return `${first}:${cellRef(rect.row + rect.rowCount - 1, rect.column + rect.columnCount - 1)}`;
}

export const sheetAddress = (sheet: string, rect: CellRect): string => `${quoteSheetName(sheet)}!${rectRef(rect)}`;

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/;
const COLUMN_ONLY = /^\$?([A-Za-z]{1,3})$/;
const ROW_ONLY = /^\$?([0-9]+)$/;

/** Parses `A1`, `A1:C3`, `A:C` or `2:5` (no sheet part). Throws on anything else. */
export function parseRef(ref: string): CellRect {
  const [startText, endText = startText] = ref.trim().split(":");
  const start = CELL.exec(startText);
  const end = CELL.exec(endText);
  if (start && end) {
    const r0 = Number(start[2]) - 1;
    const r1 = Number(end[2]) - 1;
    const c0 = columnIndex(start[1]);
    const c1 = columnIndex(end[1]);
    if (r0 < 0 || r1 < 0 || r0 >= MAX_ROWS || r1 >= MAX_ROWS || c0 >= MAX_COLUMNS || c1 >= MAX_COLUMNS)
      throw new Error(`Address out of range: ${ref}`);
    return {
      row: Math.min(r0, r1),
      column: Math.min(c0, c1),
      rowCount: Math.abs(r1 - r0) + 1,
      columnCount: Math.abs(c1 - c0) + 1,
    };
  }
  const colStart = COLUMN_ONLY.exec(startText);
  const colEnd = COLUMN_ONLY.exec(endText);
  if (colStart && colEnd) {
    const c0 = columnIndex(colStart[1]);
    const c1 = columnIndex(colEnd[1]);
    return { row: 0, column: Math.min(c0, c1), rowCount: MAX_ROWS, columnCount: Math.abs(c1 - c0) + 1 };
  }
  const rowStart = ROW_ONLY.exec(startText);
  const rowEnd = ROW_ONLY.exec(endText);
  if (rowStart && rowEnd) {
    const r0 = Number(rowStart[1]) - 1;
    const r1 = Number(rowEnd[1]) - 1;
    return { row: Math.min(r0, r1), column: 0, rowCount: Math.abs(r1 - r0) + 1, columnCount: MAX_COLUMNS };
  }
  throw new Error(`Not an A1 address: ${ref}`);
}

/** Splits `'My sheet'!A1:B2` into the sheet name (undefined when absent) and the cell part. */
export function splitAddress(address: string): { sheet: string | undefined; ref: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: undefined, ref: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: address.slice(bang + 1) };
}

export const intersects = (a: CellRect, b: CellRect): boolean =>
  a.row < b.row + b.rowCount &&
  b.row < a.row + a.rowCount &&
  a.column < b.column + b.columnCount &&
  b.column < a.column + a.columnCount;

export const contains = (outer: CellRect, inner: CellRect): boolean =>
  inner.row >= outer.row &&
  inner.column >= outer.column &&
  inner.row + inner.rowCount <= outer.row + outer.rowCount &&
  inner.column + inner.columnCount <= outer.column + outer.columnCount;
