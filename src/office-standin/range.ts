/** Excel.Range and its format (fill, font, column width): cells read and written as 2-D arrays. */
import { type CellRect, MAX_COLUMNS, MAX_ROWS, sheetAddress } from "../layout/address";
import { ConditionalFormatCollection } from "./conditional-format";
import { type ScalarValue, type SheetModel, StandinError, invalidArgument } from "./model";
import { type RangeTarget, propertyFamily, proxyWithProperties } from "./proxy-common";
import { Worksheet } from "./worksheet";

/** Loading more cells than this at once is refused (Excel on the web would run out of its response budget). */
const MAX_LOADED_CELLS = 5_000_000;

function grid<V>(target: RangeTarget, read: (row: number, column: number) => V): V[][] {
  const { rect } = target;
  if (rect.rowCount * rect.columnCount > MAX_LOADED_CELLS)
    throw new StandinError("ResponsePayloadSizeLimitExceeded", "The range is too large to load.");
  const out: V[][] = new Array(rect.rowCount);
  for (let r = 0; r < rect.rowCount; r++) {
    const row: V[] = new Array(rect.columnCount);
    for (let c = 0; c < rect.columnCount; c++) row[c] = read(rect.row + r, rect.column + c);
    out[r] = row;
  }
  return out;
}

/** Checks a 2-D array against the range's shape; `broadcast` allows a 1×1 array for every cell (numberFormat). */
function checkShape(target: RangeTarget, values: unknown, name: string, broadcast: boolean): unknown[][] {
  const { rowCount, columnCount } = target.rect;
  if (!Array.isArray(values) || values.some((row) => !Array.isArray(row)))
    throw invalidArgument(`${name} must be a two-dimensional array`);
  const rows = values as unknown[][];
  if (broadcast && rows.length === 1 && rows[0].length === 1) return rows;
  if (rows.length !== rowCount || rows.some((row) => row.length !== columnCount)) {
    throw new StandinError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range. (${name}: ${rows.length}×${rows[0]?.length ?? 0} for ${rowCount}×${columnCount})`,
    );
  }
  return rows;
}

function writeCells(target: RangeTarget, values: unknown, name: string): void {
  const rows = checkShape(target, values, name, false);
  const { sheet, rect } = target;
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === null || value === undefined) return; // null leaves the cell as it is (Office.js)
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
        throw invalidArgument(`${name} holds a ${typeof value}`);
      sheet.input(rect.row + r, rect.column + c, value);
    }),
  );
  sheet.workbook.notifyChanged(sheet, rect);
}

/** A 1×1 array applies to every cell of the range (as Excel does). */
function writeNumberFormats(target: RangeTarget, formats: string[][]): void {
  const rows = checkShape(target, formats, "numberFormat", true) as string[][];
  const { sheet, rect } = target;
  const single = rows.length === 1 && rows[0].length === 1 ? rows[0][0] : undefined;
  for (let r = 0; r < rect.rowCount; r++) {
    for (let c = 0; c < rect.columnCount; c++) {
      const format = single ?? rows[r][c];
      if (format === null || format === undefined) continue;
      if (typeof format !== "string") throw invalidArgument("numberFormat holds a non-string");
      sheet.setNumberFormat(rect.row + r, rect.column + c, format);
    }
  }
  sheet.workbook.notifyChanged(sheet, rect);
}

const RANGE = propertyFamily<RangeTarget>()({
  name: "Range",
  unknownNote: " is not available in the stand-in",
  properties: {
    address: { read: ({ sheet, rect }): string => sheetAddress(sheet.name, rect) },
    /** Strings are read as typed input: "=…", "+…", "-…" become formulas unless the cell is Text ("@") or starts with '. */
    values: {
      read: (target): ScalarValue[][] => grid(target, (r, c) => target.sheet.cell(r, c).value),
      write: (target, values: ScalarValue[][]) => writeCells(target, values, "values"),
    },
    formulas: {
      read: (target): ScalarValue[][] =>
        grid(target, (r, c) => {
          const cell = target.sheet.cell(r, c);
          return cell.formula ?? cell.value;
        }),
      write: (target, formulas: ScalarValue[][]) => writeCells(target, formulas, "formulas"),
    },
    numberFormat: {
      read: (target): string[][] => grid(target, (r, c) => target.sheet.cell(r, c).numberFormat),
      write: writeNumberFormats,
    },
    rowCount: { read: ({ rect }): number => rect.rowCount },
    columnCount: { read: ({ rect }): number => rect.columnCount },
    rowIndex: { read: ({ rect }): number => rect.row },
    columnIndex: { read: ({ rect }): number => rect.column },
  },
});

export class Range extends proxyWithProperties(RANGE) {
  get worksheet(): Worksheet {
    return this.child(Worksheet, "worksheet", ({ sheet }) => sheet);
  }
  get format(): RangeFormat {
    return this.child(RangeFormat, "format");
  }
  get conditionalFormats(): ConditionalFormatCollection {
    return this.child(ConditionalFormatCollection, "conditionalFormats");
  }

  private derived(path: string, make: (target: RangeTarget) => CellRect): Range {
    return new Range(this.context, `${this.path}.${path}`, () => {
      const target = this.navigate();
      const rect = make(target);
      if (
        rect.row < 0 ||
        rect.column < 0 ||
        rect.rowCount < 1 ||
        rect.columnCount < 1 ||
        rect.row + rect.rowCount > MAX_ROWS ||
        rect.column + rect.columnCount > MAX_COLUMNS
      ) {
        throw invalidArgument(`${path} falls outside the sheet`);
      }
      return { sheet: target.sheet, rect };
    });
  }
  /** Relative to the range's top-left cell (may fall outside the range, as in Excel). */
  getCell(row: number, column: number): Range {
    return this.derived(`getCell(${row},${column})`, ({ rect }) => ({
      row: rect.row + row,
      column: rect.column + column,
      rowCount: 1,
      columnCount: 1,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, ({ rect }) => ({
      ...rect,
      rowCount: rect.rowCount + deltaRows,
      columnCount: rect.columnCount + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, ({ rect }) => ({
      ...rect,
      row: rect.row + rowOffset,
      column: rect.column + columnOffset,
    }));
  }
  /** Excel's CurrentRegion around the range's top-left cell. */
  getSurroundingRegion(): Range {
    return this.derived("getSurroundingRegion()", ({ sheet, rect }) => sheet.surroundingRegion(rect));
  }
  select(): void {
    this.queueCall("select", [], ({ sheet, rect }) => {
      sheet.workbook.activeSheet = sheet;
      sheet.workbook.selection = { sheet, rect: { ...rect } };
    });
  }
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.queueCall("clear", [applyTo], ({ sheet, rect }) => {
      if (applyTo === "Formats")
        throw new StandinError("NotImplemented", "clear(Formats) is not modelled by the stand-in.");
      sheet.clear(rect, applyTo === "All");
      sheet.workbook.notifyChanged(sheet, rect);
    });
  }
}

const RANGE_FORMAT = propertyFamily<RangeTarget>()({
  name: "RangeFormat",
  properties: {
    columnWidth: {
      read: ({ sheet, rect }): number => sheet.columnWidths.get(rect.column) ?? 48,
      write: ({ sheet, rect }, points: number) => {
        for (let c = rect.column; c < rect.column + rect.columnCount; c++) sheet.columnWidths.set(c, points);
        sheet.workbook.notifyChanged(sheet, rect);
      },
    },
    wrapText: {
      read: ({ sheet, rect }): boolean => sheet.style(rect.row, rect.column).wrapText ?? false,
      write: (target, wrap: boolean) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { wrapText: wrap })),
    },
  },
});

export class RangeFormat extends proxyWithProperties(RANGE_FORMAT) {
  get fill(): RangeFill {
    return this.child(RangeFill, "fill");
  }
  get font(): RangeFont {
    return this.child(RangeFont, "font");
  }
  autofitColumns(): void {
    this.queueCall("autofitColumns", [], () => undefined);
  }
}

function eachCell(target: RangeTarget, visit: (sheet: SheetModel, row: number, column: number) => void): void {
  const { sheet, rect } = target;
  if (rect.rowCount * rect.columnCount > MAX_LOADED_CELLS)
    throw new StandinError("NotImplemented", "Formatting whole rows or columns is not modelled by the stand-in.");
  for (let r = rect.row; r < rect.row + rect.rowCount; r++)
    for (let c = rect.column; c < rect.column + rect.columnCount; c++) visit(sheet, r, c);
  // Excel raises onChanged for format changes too, the add-in's own included.
  sheet.workbook.notifyChanged(sheet, rect);
}

/** The style of the range's top-left cell: what Office.js reads for a range's format. */
const topLeftStyle = ({ sheet, rect }: RangeTarget) => sheet.style(rect.row, rect.column);

const RANGE_FILL = propertyFamily<RangeTarget>()({
  name: "RangeFill",
  properties: {
    color: {
      read: (target): string => topLeftStyle(target).fill ?? "#FFFFFF",
      write: (target, color: string) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { fill: color })),
    },
  },
});

export class RangeFill extends proxyWithProperties(RANGE_FILL) {
  clear(): void {
    this.queueCall("clear", [], (target) =>
      eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { fill: undefined })),
    );
  }
}

const RANGE_FONT = propertyFamily<RangeTarget>()({
  name: "RangeFont",
  properties: {
    bold: {
      read: (target): boolean => topLeftStyle(target).bold ?? false,
      write: (target, bold: boolean) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { bold })),
    },
    italic: {
      read: (target): boolean => topLeftStyle(target).italic ?? false,
      write: (target, italic: boolean) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { italic })),
    },
    color: {
      read: (target): string => topLeftStyle(target).fontColor ?? "#000000",
      write: (target, color: string) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { fontColor: color })),
    },
  },
});

export class RangeFont extends proxyWithProperties(RANGE_FONT) {}
