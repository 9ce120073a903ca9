/** Excel.Range and its format (fill, font, column width): cells read and written as 2-D arrays. */
import { type CellRect, MAX_COLUMNS, MAX_ROWS, sheetAddress } from "../layout/address";
import { ConditionalFormatCollection } from "./conditional-format";
import { ClientObject } from "./context";
import { type ScalarValue, type SheetModel, StandinError } from "./model";
import { type RangeTarget, invalidArgument } from "./proxy-common";
import { Worksheet } from "./worksheet";

const RANGE_PROPERTIES = ["address", "values", "formulas", "numberFormat", "rowCount", "columnCount", "rowIndex", "columnIndex"] as const;
/** Loading more cells than this at once is refused (Excel on the web would run out of its response budget). */
const MAX_LOADED_CELLS = 5_000_000;

function grid<V>(target: RangeTarget, read: (row: number, column: number) => V): V[][] {
  const { rect } = target;
  if (rect.rowCount * rect.columnCount > MAX_LOADED_CELLS) throw new StandinError("ResponsePayloadSizeLimitExceeded", "The range is too large to load.");
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
  if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) throw invalidArgument(`${name} must be a two-dimensional array`);
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
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw invalidArgument(`${name} holds a ${typeof value}`);
      sheet.input(rect.row + r, rect.column + c, value);
    }),
  );
  sheet.workbook.notifyChanged(sheet, rect);
}

export class Range extends ClientObject<RangeTarget> {
  protected readonly scalarProperties = RANGE_PROPERTIES;

  protected readProperty(target: RangeTarget, name: string): unknown {
    const { sheet, rect } = target;
    switch (name) {
      case "address":
        return sheetAddress(sheet.name, rect);
      case "values":
        return grid(target, (r, c) => sheet.cell(r, c).value);
      case "formulas":
        return grid(target, (r, c) => {
          const cell = sheet.cell(r, c);
          return cell.formula ?? cell.value;
        });
      case "numberFormat":
        return grid(target, (r, c) => sheet.cell(r, c).numberFormat);
      case "rowCount":
        return rect.rowCount;
      case "columnCount":
        return rect.columnCount;
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      default:
        throw invalidArgument(`Range.${name} is not available in the stand-in`);
    }
  }

  get address(): string {
    return this.loaded("address");
  }
  get rowCount(): number {
    return this.loaded("rowCount");
  }
  get columnCount(): number {
    return this.loaded("columnCount");
  }
  get rowIndex(): number {
    return this.loaded("rowIndex");
  }
  get columnIndex(): number {
    return this.loaded("columnIndex");
  }
  get values(): ScalarValue[][] {
    return this.loaded("values");
  }
  /** Strings are read as typed input: "=…", "+…", "-…" become formulas unless the cell is Text ("@") or starts with '. */
  set values(values: ScalarValue[][]) {
    this.queueSet("values", values, (target) => writeCells(target, values, "values"));
  }
  get formulas(): ScalarValue[][] {
    return this.loaded("formulas");
  }
  set formulas(formulas: ScalarValue[][]) {
    this.queueSet("formulas", formulas, (target) => writeCells(target, formulas, "formulas"));
  }
  get numberFormat(): string[][] {
    return this.loaded("numberFormat");
  }
  /** A 1×1 array applies to every cell of the range (as Excel does). */
  set numberFormat(formats: string[][]) {
    this.queueSet("numberFormat", formats, (target) => {
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
    });
  }

  get worksheet(): Worksheet {
    return new Worksheet(this.context, `${this.path}.worksheet`, () => this.navigate().sheet);
  }
  get format(): RangeFormat {
    return new RangeFormat(this.context, `${this.path}.format`, () => this.navigate());
  }
  get conditionalFormats(): ConditionalFormatCollection {
    return new ConditionalFormatCollection(this.context, `${this.path}.conditionalFormats`, () => this.navigate());
  }

  private derived(path: string, make: (target: RangeTarget) => CellRect): Range {
    return new Range(this.context, `${this.path}.${path}`, () => {
      const target = this.navigate();
      const rect = make(target);
      if (rect.row < 0 || rect.column < 0 || rect.rowCount < 1 || rect.columnCount < 1 || rect.row + rect.rowCount > MAX_ROWS || rect.column + rect.columnCount > MAX_COLUMNS) {
        throw invalidArgument(`${path} falls outside the sheet`);
      }
      return { sheet: target.sheet, rect };
    });
  }
  /** Relative to the range's top-left cell (may fall outside the range, as in Excel). */
  getCell(row: number, column: number): Range {
    return this.derived(`getCell(${row},${column})`, ({ rect }) => ({ row: rect.row + row, column: rect.column + column, rowCount: 1, columnCount: 1 }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, ({ rect }) => ({
      ...rect,
      rowCount: rect.rowCount + deltaRows,
      columnCount: rect.columnCount + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, ({ rect }) => ({ ...rect, row: rect.row + rowOffset, column: rect.column + columnOffset }));
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
      if (applyTo === "Formats") throw new StandinError("NotImplemented", "clear(Formats) is not modelled by the stand-in.");
      sheet.clear(rect, applyTo === "All");
      sheet.workbook.notifyChanged(sheet, rect);
    });
  }
}

export class RangeFormat extends ClientObject<RangeTarget> {
  protected readonly scalarProperties = ["columnWidth", "wrapText"] as const;
  protected readProperty(target: RangeTarget, name: string): unknown {
    const { sheet, rect } = target;
    if (name === "columnWidth") return sheet.columnWidths.get(rect.column) ?? 48;
    if (name === "wrapText") return sheet.style(rect.row, rect.column).wrapText ?? false;
    throw invalidArgument(`RangeFormat.${name}`);
  }
  get fill(): RangeFill {
    return new RangeFill(this.context, `${this.path}.fill`, () => this.navigate());
  }
  get font(): RangeFont {
    return new RangeFont(this.context, `${this.path}.font`, () => this.navigate());
  }
  get columnWidth(): number {
    return this.loaded("columnWidth");
  }
  set columnWidth(points: number) {
    this.queueSet("columnWidth", points, ({ sheet, rect }) => {
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) sheet.columnWidths.set(c, points);
      sheet.workbook.notifyChanged(sheet, rect);
    });
  }
  get wrapText(): boolean {
    return this.loaded("wrapText");
  }
  set wrapText(wrap: boolean) {
    this.queueSet("wrapText", wrap, (target) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { wrapText: wrap })));
  }
  autofitColumns(): void {
    this.queueCall("autofitColumns", [], () => undefined);
  }
}

function eachCell(target: RangeTarget, visit: (sheet: SheetModel, row: number, column: number) => void): void {
  const { sheet, rect } = target;
  if (rect.rowCount * rect.columnCount > MAX_LOADED_CELLS) throw new StandinError("NotImplemented", "Formatting whole rows or columns is not modelled by the stand-in.");
  for (let r = rect.row; r < rect.row + rect.rowCount; r++) for (let c = rect.column; c < rect.column + rect.columnCount; c++) visit(sheet, r, c);
  // Excel raises onChanged for format changes too, the add-in's own included.
  sheet.workbook.notifyChanged(sheet, rect);
}

export class RangeFill extends ClientObject<RangeTarget> {
  protected readonly scalarProperties = ["color"] as const;
  protected readProperty(target: RangeTarget, name: string): unknown {
    if (name === "color") return target.sheet.style(target.rect.row, target.rect.column).fill ?? "#FFFFFF";
    throw invalidArgument(`RangeFill.${name}`);
  }
  get color(): string {
    return this.loaded("color");
  }
  set color(color: string) {
    this.queueSet("color", color, (target) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { fill: color })));
  }
  clear(): void {
    this.queueCall("clear", [], (target) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { fill: undefined })));
  }
}

export class RangeFont extends ClientObject<RangeTarget> {
  protected readonly scalarProperties = ["bold", "italic", "color"] as const;
  protected readProperty(target: RangeTarget, name: string): unknown {
    const style = target.sheet.style(target.rect.row, target.rect.column);
    if (name === "bold") return style.bold ?? false;
    if (name === "italic") return style.italic ?? false;
    if (name === "color") return style.fontColor ?? "#000000";
    throw invalidArgument(`RangeFont.${name}`);
  }
  get bold(): boolean {
    return this.loaded("bold");
  }
  set bold(bold: boolean) {
    this.queueSet("bold", bold, (target) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { bold })));
  }
  get italic(): boolean {
    return this.loaded("italic");
  }
  set italic(italic: boolean) {
    this.queueSet("italic", italic, (target) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { italic })));
  }
  get color(): string {
    return this.loaded("color");
  }
  set color(color: string) {
    this.queueSet("color", color, (target) => eachCell(target, (sheet, r, c) => sheet.setStyle(r, c, { fontColor: color })));
  }
}
