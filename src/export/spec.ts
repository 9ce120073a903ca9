/**
 * A workbook as data: sheets of cells (numbers, text, booleans, formulas), column widths, Excel tables and
 * defined names. Built by the native-formula export, written to .xlsx bytes by xlsx-writer.ts. Pure data: no
 * Node or DOM APIs, so the task pane and the command line share it.
 */

/** A few cell styles; the writer maps each to a number format and font. */
export type CellStyle = "header" | "money" | "share" | "integer" | "decimal" | "text";

export type CellContent =
  | { kind: "number"; value: number }
  | { kind: "text"; value: string }
  | { kind: "boolean"; value: boolean }
  /** Formula text without the leading "=", in the file's (en-US, comma-separated) syntax. */
  | { kind: "formula"; formula: string; shared?: SharedFormula };

/**
 * A run of cells in one column whose formulas are the same up to their relative row references: the file stores
 * the formula once, on the run's first cell, as Excel does (an Excel "shared formula"). The formula text of every
 * cell is still given in full; the maker of the cells guarantees it is the first cell's, moved down.
 */
export interface SharedFormula {
  /** The run, e.g. "H3:H37"; its first cell is the one whose formula is written. */
  ref: string;
}

export interface CellSpec {
  content: CellContent;
  style?: CellStyle;
}

export interface TableSpec {
  /** Table name (also its display name), e.g. SourcingFunctions. */
  name: string;
  /** 1-based top-left cell of the header row. */
  top: number;
  left: number;
  /** Column names: must equal the header cells' text. */
  columns: string[];
  /** Number of data rows (at least 1: Excel tables cannot be empty). */
  rowCount: number;
  style: string;
}

/**
 * Rows made on demand, below the sheet's `rows`: a sheet of millions of formula cells (Sourcing Calc) is never held
 * in memory as cells; the writer asks for one row at a time and lets it go.
 */
export interface GeneratedRows {
  /** First and last sheet row (1-based); every row between them has cells. */
  first: number;
  last: number;
  /** Cells of one row by 0-based column (index 0 is column A); undefined is a blank cell. */
  row(sheetRow: number): readonly (CellSpec | undefined)[];
}

export interface SheetSpec {
  name: string;
  /** Cells by 1-based row, then 1-based column. Sparse: missing cells are blank. */
  rows: Map<number, Map<number, CellSpec>>;
  /** Further rows, made when written (all below the last row of `rows`). */
  generated?: GeneratedRows;
  /** Column widths in characters, by 1-based column. */
  widths: Map<number, number>;
  tables: TableSpec[];
  /** Keep the first row visible while scrolling. */
  freezeHeader: boolean;
}

export interface DefinedName {
  name: string;
  /** What it refers to, e.g. 'Sourcing Inputs'!$B$3 (absolute references). */
  refersTo: string;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  definedNames: DefinedName[];
}

export const newSheet = (name: string): SheetSpec => ({
  name,
  rows: new Map(),
  widths: new Map(),
  tables: [],
  freezeHeader: true,
});

/** Every non-empty row of a sheet in order, held and generated alike, as (row, cells by 1-based column). */
export function* sheetRows(sheet: SheetSpec): Generator<[number, ReadonlyMap<number, CellSpec>]> {
  for (const r of [...sheet.rows.keys()].sort((a, b) => a - b)) {
    const cells = sheet.rows.get(r) as Map<number, CellSpec>;
    if (cells.size > 0) yield [r, cells];
  }
  const generated = sheet.generated;
  if (!generated) return;
  for (let r = generated.first; r <= generated.last; r++) {
    const cells = new Map<number, CellSpec>();
    generated.row(r).forEach((cell, c) => cell && cells.set(c + 1, cell));
    yield [r, cells];
  }
}

export function setCell(sheet: SheetSpec, row: number, column: number, cell: CellSpec): void {
  let cells = sheet.rows.get(row);
  if (!cells) sheet.rows.set(row, (cells = new Map()));
  cells.set(column, cell);
}

export const num = (value: number, style?: CellStyle): CellSpec => ({ content: { kind: "number", value }, style });
export const text = (value: string, style?: CellStyle): CellSpec => ({ content: { kind: "text", value }, style });
export const bool = (value: boolean): CellSpec => ({ content: { kind: "boolean", value } });
export const formula = (f: string, style?: CellStyle): CellSpec => ({
  content: { kind: "formula", formula: f },
  style,
});
