/**
 * An .xlsx file as its parts (ECMA-376 / OPC): the workbook's sheets, their tables, shared texts and number
 * formats, read with bounds (src/io/limits.ts) and streaming, walking only the cells the sheet holds. Which table
 * or sheet holds the model's input is src/io/xlsx.ts's business; this module knows the file format only.
 *
 * Every problem with the file is an {@link InputFileError} naming the part, the sheet or the cell concerned.
 */
import { cellAddress } from "../layout/address";
import type { CellValue } from "../model/types";
import { InputFileError } from "./errors";
import {
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  WORKBOOK_TOTAL_FACTOR,
  cellsLimitText,
  count,
  megabytes,
  partLimitText,
  type ReadLimits,
} from "./limits";
import { XmlPartError, decodeCellText, parseXmlPart, xmlElements, type XmlElement } from "./xml-parts";
import { ZipArchive, ZipFormatError, ZipPartTooLargeError, type ZipEntry } from "./zip";

/** A rectangle in Excel's own 1-based row and column numbers, as the file's XML writes them. */
export interface RangeBounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetInfo {
  name: string;
  /** The part the workbook's relationships name for this sheet (resolved), e.g. "xl/worksheets/sheet1.xml". */
  partName: string | undefined;
}

export interface TableInfo {
  name: string;
  sheet: SheetInfo;
  /** The ref attribute as written. */
  ref: string;
  /** Undefined when the ref is not a range of Excel's grid. */
  bounds: RangeBounds | undefined;
  headerRowCount: number;
  totalsRowCount: number;
  /** Column names from the table part (the header when the table shows no header row). */
  columns: string[];
}

/** Which cells of a sheet to keep: a list of rectangles, or every cell. */
export type SheetRegion = readonly RangeBounds[] | "all";

const REL_TYPE = (type: string): string => type.slice(type.lastIndexOf("/") + 1);

/** Formats whose numbers are dates (ECMA-376 §18.8.30 built-ins, with the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A custom format is a date when, outside quotes and [brackets], it has a date or time letter (as ExcelJS decides). */
const isDateFormatCode = (code: string): boolean =>
  /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));

/** A `t="s"` cell before the shared texts are read: only the texts of kept cells are looked up. */
class SharedText {
  constructor(readonly index: number) {}
}

/** A formula cell saved without its result. */
class Uncalculated {
  constructor(readonly formula: string) {}
}

type StoredValue = string | number | boolean | SharedText | Uncalculated;

/**
 * The kept cells of one sheet, blank cells left out. Stored flat (row, column and value in parallel arrays, in
 * file order) rather than as an object per row: a sheet of a million rows then costs a few typed arrays, not a
 * million small objects for the garbage collector to walk.
 */
export class SheetCells {
  private rowOf = new Int32Array(1024);
  private columnOf = new Int32Array(1024);
  private readonly values: StoredValue[] = [];
  private inRowOrder = true;
  private index: { order: Int32Array; rows: Int32Array; starts: Int32Array } | undefined;
  /** Addresses of formulas without a saved result that were read (for the reader's notes). */
  readonly uncalculated: { address: string; formula: string }[] = [];

  constructor(readonly sheet: string) {}

  get size(): number {
    return this.values.length;
  }

  store(row: number, column: number, value: StoredValue): void {
    const at = this.values.length;
    if (at === this.rowOf.length) {
      const rows = new Int32Array(at * 2);
      rows.set(this.rowOf);
      this.rowOf = rows;
      const columns = new Int32Array(at * 2);
      columns.set(this.columnOf);
      this.columnOf = columns;
    }
    if (at > 0 && row < this.rowOf[at - 1]) this.inRowOrder = false;
    this.rowOf[at] = row;
    this.columnOf[at] = column;
    this.values.push(value);
    this.index = undefined;
  }

  /** Each stored cell: row, column, value, and a setter for the value (shared texts are filled in later). */
  forEach(visit: (row: number, column: number, value: StoredValue, slot: number) => void): void {
    for (let i = 0; i < this.values.length; i++) visit(this.rowOf[i], this.columnOf[i], this.values[i], i);
  }

  replace(slot: number, value: StoredValue): void {
    this.values[slot] = value;
  }

  /** Slots grouped by row, rows ascending, file order kept within a row (so the last duplicate cell wins). */
  private rowIndex(): { order: Int32Array; rows: Int32Array; starts: Int32Array } {
    if (this.index) return this.index;
    const n = this.values.length;
    let order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (!this.inRowOrder) order = order.sort((a, b) => this.rowOf[a] - this.rowOf[b] || a - b);
    const rows: number[] = [];
    const starts: number[] = [];
    for (let k = 0; k < n; k++) {
      const row = this.rowOf[order[k]];
      if (rows.length === 0 || rows[rows.length - 1] !== row) {
        rows.push(row);
        starts.push(k);
      }
    }
    starts.push(n);
    this.index = { order, rows: Int32Array.from(rows), starts: Int32Array.from(starts) };
    return this.index;
  }

  /** The slots of `row`, or none. */
  private slotsOf(row: number): { order: Int32Array; from: number; to: number } {
    const { order, rows, starts } = this.rowIndex();
    let low = 0;
    let high = rows.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (rows[mid] === row) return { order, from: starts[mid], to: starts[mid + 1] };
      if (rows[mid] < row) low = mid + 1;
      else high = mid - 1;
    }
    return { order, from: 0, to: 0 };
  }

  /**
   * The values of `row` from `left` to `right` as the model reads them (blank cells null). A formula without a
   * saved result reads as its text, and is noted.
   */
  rowValues(row: number, left: number, right: number): CellValue[] {
    const values: CellValue[] = new Array<CellValue>(right - left + 1).fill(null);
    const { order, from, to } = this.slotsOf(row);
    for (let k = from; k < to; k++) {
      const slot = order[k];
      const column = this.columnOf[slot];
      if (column < left || column > right) continue;
      const value = this.values[slot];
      if (value instanceof Uncalculated) {
        this.uncalculated.push({ address: cellAddress(this.sheet, row - 1, column - 1), formula: value.formula });
        values[column - left] = value.formula;
      } else values[column - left] = value instanceof SharedText ? null : value;
    }
    return values;
  }

  /** Row numbers with at least one non-blank cell between the columns `left` and `right`, ascending. */
  populatedRows(left: number, right: number): number[] {
    const { order, rows, starts } = this.rowIndex();
    const populated: number[] = [];
    for (let r = 0; r < rows.length; r++) {
      for (let k = starts[r]; k < starts[r + 1]; k++) {
        const slot = order[k];
        const column = this.columnOf[slot];
        if (column >= left && column <= right && !isBlankStored(this.values[slot])) {
          populated.push(rows[r]);
          break;
        }
      }
    }
    return populated;
  }

  /** The last column of `row` holding a non-blank value (0 when none). */
  lastColumn(row: number): number {
    const { order, from, to } = this.slotsOf(row);
    let last = 0;
    for (let k = from; k < to; k++) {
      const slot = order[k];
      if (this.columnOf[slot] > last && !isBlankStored(this.values[slot])) last = this.columnOf[slot];
    }
    return last;
  }
}

const isBlankStored = (value: StoredValue): boolean => typeof value === "string" && value.trim() === "";

/** "B12" → { row: 12, column: 2 }; undefined when it is not a cell of Excel's grid. Char codes: this runs per cell. */
function parseCellRef(ref: string): { row: number; column: number } | undefined {
  let column = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  if (i === 0 || i > 3 || i === ref.length) return undefined;
  let row = 0;
  for (let j = i; j < ref.length; j++) {
    const digit = ref.charCodeAt(j) - 0x30;
    if (digit < 0 || digit > 9 || j - i >= 7) return undefined;
    row = row * 10 + digit;
  }
  if (row < 1 || row > EXCEL_MAX_ROWS || column > EXCEL_MAX_COLUMNS) return undefined;
  return { row, column };
}

/** "A1:D20" or "B3" as bounds inside Excel's grid; undefined for anything else ("ZZZ", "A1:AAAA3", "A0:D3"). */
export function parseGridRange(ref: string): RangeBounds | undefined {
  const [first, second, ...rest] = ref.trim().replace(/\$/g, "").split(":");
  if (rest.length > 0 || first === undefined) return undefined;
  const a = parseCellRef(first);
  const b = second === undefined ? a : parseCellRef(second);
  if (!a || !b) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}

/** A relationship target as a part name: absolute ("/xl/tables/table1.xml", as openpyxl writes) or relative to the source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  const base = decoded.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const segment of decoded.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") base.pop();
    else base.push(segment);
  }
  return base.join("/");
}

const relsPartOf = (part: string): string => {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

/** The attribute whose name, without its prefix, is `local` and which has a prefix (r:id, whatever the prefix). */
const prefixedAttribute = (attributes: Readonly<Record<string, string>>, local: string): string | undefined => {
  for (const [name, value] of Object.entries(attributes)) if (name.endsWith(`:${local}`)) return value;
  return undefined;
};

const isTrue = (value: string | undefined): boolean => value === "1" || value === "true";

export class WorkbookPackage {
  readonly sheets: SheetInfo[] = [];
  private workbookPart = "xl/workbook.xml";
  private sharedStringsPart: string | undefined;
  private stylesPart: string | undefined;
  private date1904 = false;
  private tableList: TableInfo[] | undefined;
  private dateStyles: boolean[] | undefined;

  private constructor(
    private readonly zip: ZipArchive,
    readonly path: string,
    readonly limits: ReadLimits,
  ) {}

  /** Opens the package and reads its workbook part and relationships; throws {@link InputFileError}. */
  static open(bytes: Uint8Array, path: string, limits: ReadLimits): WorkbookPackage {
    return withFileErrors(path, limits, () => {
      const pkg = new WorkbookPackage(openZip(bytes, limits.maxPartBytes * WORKBOOK_TOTAL_FACTOR), path, limits);
      pkg.readWorkbookPart();
      return pkg;
    });
  }

  private fail(problem: "malformed" | "unreadable", detail: string): never {
    throw new InputFileError(problem, this.path, detail);
  }

  private entry(part: string): ZipEntry | undefined {
    return this.zip.entry(part);
  }

  private requiredEntry(part: string, what: string): ZipEntry {
    const entry = this.entry(part);
    if (!entry)
      this.fail(
        "malformed",
        `the workbook is damaged: ${what} should be in the part ${part}, which the file does not have. Open and save it in Excel to repair it.`,
      );
    return entry;
  }

  /** The elements named `wanted` of a small part; as many as there may be cells (a table may have 16,384 columns). */
  private elements(part: string, what: string, wanted: readonly string[]): XmlElement[] {
    return xmlElements(
      this.zip,
      this.requiredEntry(part, what),
      this.limits.maxPartBytes,
      new Set(wanted),
      Math.max(this.limits.maxCells, EXCEL_MAX_COLUMNS),
    );
  }

  /** Relationships of a part: id → { type, target part }; none when the part has no relationships part. */
  private relationships(part: string): Map<string, { type: string; target: string }> {
    const rels = new Map<string, { type: string; target: string }>();
    const relsPart = relsPartOf(part);
    if (!this.entry(relsPart)) return rels;
    for (const element of this.elements(relsPart, `the relationships of ${part}`, ["Relationship"])) {
      if (element.name !== "Relationship" || element.attributes.TargetMode === "External") continue;
      const { Id: id, Type: type, Target: target } = element.attributes;
      if (id && type && target) rels.set(id, { type: REL_TYPE(type), target: resolveTarget(part, target) });
    }
    return rels;
  }

  private readWorkbookPart(): void {
    for (const rel of this.relationships("").values())
      if (rel.type === "officeDocument") this.workbookPart = rel.target;
    if (!this.entry(this.workbookPart)) {
      // No workbook part at all: not a spreadsheet (a Word or PowerPoint file also is a zip of XML parts).
      this.fail(
        "unreadable",
        `not an .xlsx workbook that can be opened (it has no workbook part ${this.workbookPart}). Save it from Excel as "Excel Workbook (.xlsx)".`,
      );
    }
    const rels = this.relationships(this.workbookPart);
    for (const rel of rels.values()) {
      if (rel.type === "sharedStrings") this.sharedStringsPart = rel.target;
      if (rel.type === "styles") this.stylesPart = rel.target;
    }
    for (const element of this.elements(this.workbookPart, "the list of sheets", ["sheet", "workbookPr"])) {
      if (element.name === "workbookPr") this.date1904 = isTrue(element.attributes.date1904);
      if (element.name !== "sheet") continue;
      const id = prefixedAttribute(element.attributes, "id");
      const rel = id === undefined ? undefined : rels.get(id);
      this.sheets.push({ name: element.attributes.name ?? "", partName: rel?.target });
    }
  }

  /** Every table of every sheet, read from the sheets' relationships and table parts. */
  tables(): TableInfo[] {
    if (this.tableList) return this.tableList;
    const tables: TableInfo[] = [];
    withFileErrors(this.path, this.limits, () => {
      for (const sheet of this.sheets) {
        if (!sheet.partName || !this.entry(sheet.partName)) continue;
        for (const rel of this.relationships(sheet.partName).values()) {
          if (rel.type !== "table") continue;
          const elements = this.elements(rel.target, `a table of sheet "${sheet.name}"`, ["table", "tableColumn"]);
          const table = elements.find((e) => e.name === "table");
          if (!table)
            this.fail(
              "malformed",
              `the workbook is damaged: the part ${rel.target} (a table of sheet "${sheet.name}") holds no table.`,
            );
          const ref = table.attributes.ref ?? "";
          tables.push({
            name: table.attributes.displayName ?? table.attributes.name ?? "",
            sheet,
            ref,
            bounds: parseGridRange(ref),
            headerRowCount:
              table.attributes.headerRowCount === undefined ? 1 : Number(table.attributes.headerRowCount) || 0,
            totalsRowCount: Number(table.attributes.totalsRowCount ?? 0) || 0,
            columns: elements.filter((e) => e.name === "tableColumn").map((e) => e.attributes.name ?? ""),
          });
        }
      }
    });
    this.tableList = tables;
    return tables;
  }

  /** A table by name (Excel's names are case-insensitive); its ref must be a range of the grid. */
  findTable(name: string): (TableInfo & { bounds: RangeBounds }) | undefined {
    const wanted = name.toLowerCase();
    const table = this.tables().find((t) => t.name.toLowerCase() === wanted);
    if (!table) return undefined;
    if (!table.bounds) {
      this.fail(
        "malformed",
        `the table ${table.name} on sheet "${table.sheet.name}" has the range "${table.ref}", which is not a range of a sheet (expected e.g. A1:D20, within columns A to XFD and rows 1 to ${count(EXCEL_MAX_ROWS)}). Open and save the workbook in Excel to repair the table.`,
      );
    }
    return { ...table, bounds: table.bounds };
  }

  findSheet(name: string): SheetInfo | undefined {
    return (
      this.sheets.find((s) => s.name === name) ?? this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())
    );
  }

  /** Which cell styles show numbers as dates, by style index. */
  private dateStyleFlags(): boolean[] {
    if (this.dateStyles) return this.dateStyles;
    const flags: boolean[] = [];
    if (this.stylesPart && this.entry(this.stylesPart)) {
      const customDates = new Map<number, boolean>();
      let inCellXfs = false;
      for (const element of this.elements(this.stylesPart, "the cell styles", [
        "numFmt",
        "cellXfs",
        "xf",
        "cellStyles",
        "dxfs",
        "cellStyleXfs",
      ])) {
        if (element.name === "numFmt")
          customDates.set(Number(element.attributes.numFmtId), isDateFormatCode(element.attributes.formatCode ?? ""));
        // cellXfs holds the styles cells point at; its xf elements come before any other list of xf.
        if (element.name === "cellXfs") inCellXfs = true;
        else if (element.name === "cellStyles" || element.name === "dxfs" || element.name === "cellStyleXfs")
          inCellXfs = false;
        if (element.name === "xf" && inCellXfs) {
          const id = Number(element.attributes.numFmtId ?? 0);
          flags.push(customDates.get(id) ?? BUILT_IN_DATE_FORMATS.has(id));
        }
      }
    }
    this.dateStyles = flags;
    return flags;
  }

  /**
   * Reads the cells of these sheets that fall in their regions, counting every cell scanned against the cells
   * limit, then resolves the shared texts of the kept cells in one pass over the shared-strings part.
   */
  readSheets(requests: ReadonlyMap<SheetInfo, SheetRegion>): Map<SheetInfo, SheetCells> {
    return withFileErrors(this.path, this.limits, () => {
      const dates = this.dateStyleFlags();
      const budget = { scanned: 0 };
      const result = new Map<SheetInfo, SheetCells>();
      for (const [sheet, region] of requests) result.set(sheet, this.readSheet(sheet, region, dates, budget));
      this.resolveSharedTexts([...result.values()]);
      return result;
    });
  }

  private readSheet(
    sheet: SheetInfo,
    region: SheetRegion,
    dateStyles: readonly boolean[],
    budget: { scanned: number },
  ): SheetCells {
    if (!sheet.partName)
      this.fail(
        "malformed",
        `the workbook is damaged: sheet "${sheet.name}" has no part in the workbook's relationships.`,
      );
    const entry = this.requiredEntry(sheet.partName, `sheet "${sheet.name}"`);
    const cells = new SheetCells(sheet.name);
    const keep =
      region === "all"
        ? () => true
        : (row: number, column: number) =>
            region.some((b) => row >= b.top && row <= b.bottom && column >= b.left && column <= b.right);
    const sharedFormulas = new Map<string, string>();
    const outsideGrid: (what: string) => never = (what) =>
      this.fail(
        "malformed",
        `sheet "${sheet.name}" has ${what}, outside Excel's grid (columns A to XFD, rows 1 to ${count(EXCEL_MAX_ROWS)}); the file was not written correctly.`,
      );

    let done = false;
    let row = 0;
    let column = 0;
    let cellRow = 0;
    let type = "n";
    let style = 0;
    let valueText: string | undefined;
    let formula: string | undefined;
    let sharedIndex: string | undefined;
    let masterFormula = false;
    let inlineText: string | undefined;
    let inInline = false;
    let inPhonetic = false;
    let capture: "v" | "f" | "t" | undefined;
    let buffer = "";

    const finishCell = (): void => {
      if (!keep(cellRow, column)) return;
      let value: StoredValue | null = null;
      const hasFormula = formula !== undefined || sharedIndex !== undefined;
      const uncalculated = (): Uncalculated | null => {
        if (!hasFormula) return null;
        const text = formula !== undefined && formula !== "" ? formula : (sharedFormulas.get(sharedIndex ?? "") ?? "");
        return new Uncalculated(`=${text}`);
      };
      switch (type) {
        case "s": {
          if (valueText === undefined) break;
          const index = Number(valueText);
          if (!Number.isInteger(index) || index < 0) {
            this.fail(
              "malformed",
              `the workbook is damaged: cell ${cellAddress(sheet.name, cellRow - 1, column - 1)} points at shared text "${valueText.slice(0, 20)}", which is not a number.`,
            );
          }
          value = new SharedText(index);
          break;
        }
        case "inlineStr":
          value = inlineText !== undefined ? decodeCellText(inlineText) : (valueText ?? null);
          break;
        case "b":
          value =
            valueText === undefined
              ? uncalculated()
              : valueText === "1" || valueText === "true"
                ? true
                : valueText === "0" || valueText === "false"
                  ? false
                  : valueText;
          break;
        case "e":
        case "str":
        case "d":
          value = valueText ?? uncalculated();
          break;
        default: {
          if (valueText === undefined) {
            value = uncalculated();
            break;
          }
          const number = Number(valueText);
          // Text the file calls a number stays text: the model then reports the cell rather than reading NaN.
          if (valueText.trim() === "" || Number.isNaN(number)) value = valueText;
          else value = dateStyles[style] && Number.isFinite(number) ? this.dateText(number) : number;
        }
      }
      if (value !== null) cells.store(cellRow, column, value);
    };

    parseXmlPart(
      this.zip,
      entry,
      this.limits.maxPartBytes,
      {
        open: (name, attributes) => {
          switch (name) {
            case "row": {
              const r = attributes.r;
              row = r === undefined ? row + 1 : Number(r);
              if (!Number.isInteger(row) || row < 1 || row > EXCEL_MAX_ROWS)
                outsideGrid(`a row numbered "${r ?? row}"`);
              column = 0;
              break;
            }
            case "c": {
              budget.scanned++;
              if (budget.scanned > this.limits.maxCells) {
                throw new InputFileError(
                  "too-large",
                  this.path,
                  `sheet "${sheet.name}" holds ${cellsLimitText(this.limits)}.`,
                );
              }
              const r = attributes.r;
              if (r !== undefined) {
                const at = parseCellRef(r);
                if (!at) outsideGrid(`a cell at "${r}"`);
                cellRow = at.row;
                column = at.column;
              } else {
                cellRow = Math.max(row, 1);
                column++;
                if (column > EXCEL_MAX_COLUMNS) outsideGrid(`a cell after column XFD in row ${cellRow}`);
              }
              type = attributes.t ?? "n";
              style = attributes.s === undefined ? 0 : Number(attributes.s);
              valueText = formula = sharedIndex = inlineText = undefined;
              masterFormula = false;
              break;
            }
            case "v":
              capture = "v";
              buffer = "";
              break;
            case "f":
              capture = "f";
              buffer = "";
              if (attributes.t === "shared") {
                sharedIndex = attributes.si;
                masterFormula = attributes.ref !== undefined;
              }
              break;
            case "is":
              inInline = true;
              inlineText = "";
              break;
            case "rPh":
              inPhonetic = true;
              break;
            case "t":
              if (inInline && !inPhonetic) {
                capture = "t";
                buffer = "";
              }
              break;
          }
        },
        text: (text) => {
          if (capture) buffer += text;
        },
        close: (name) => {
          switch (name) {
            case "v":
              if (capture === "v") valueText = buffer;
              capture = undefined;
              break;
            case "f":
              if (capture === "f") {
                formula = buffer;
                if (masterFormula && sharedIndex !== undefined) sharedFormulas.set(sharedIndex, buffer);
              }
              capture = undefined;
              break;
            case "t":
              if (capture === "t") inlineText = (inlineText ?? "") + buffer;
              capture = undefined;
              break;
            case "rPh":
              inPhonetic = false;
              break;
            case "is":
              inInline = false;
              break;
            case "c":
              finishCell();
              break;
            case "sheetData":
              done = true;
              break;
          }
        },
      },
      () => done,
    );
    return cells;
  }

  /** An Excel serial date as ISO text (the model rejects it in a number column rather than reading a serial). */
  private dateText(serial: number): string {
    const date = new Date(Math.round((serial - 25_569 + (this.date1904 ? 1_462 : 0)) * 86_400_000));
    return Number.isNaN(date.getTime()) ? "(invalid date)" : date.toISOString();
  }

  /** Replaces the SharedText markers of kept cells by their texts, reading only those items of the part. */
  private resolveSharedTexts(sheets: SheetCells[]): void {
    const wanted = new Map<number, string>();
    let firstUse: { sheet: string; row: number; column: number; index: number } | undefined;
    for (const cells of sheets) {
      cells.forEach((row, column, value) => {
        if (!(value instanceof SharedText)) return;
        wanted.set(value.index, "");
        if (!firstUse || (firstUse.sheet === cells.sheet && row < firstUse.row))
          firstUse = { sheet: cells.sheet, row, column, index: value.index };
      });
    }
    if (!firstUse) return;
    const part = this.sharedStringsPart ?? "xl/sharedStrings.xml";
    const entry = this.entry(part);
    if (!entry) {
      this.fail(
        "malformed",
        `the workbook is damaged: cell ${cellAddress(firstUse.sheet, firstUse.row - 1, firstUse.column - 1)} holds shared text number ${firstUse.index}, but the shared texts part ${part} is missing. Open and save the workbook in Excel to repair it.`,
      );
    }

    let index = -1;
    let depth = 0; // depth inside <si>
    let inPhonetic = false;
    let capture = false;
    let text = "";
    parseXmlPart(this.zip, entry, this.limits.maxPartBytes, {
      open: (name) => {
        if (name === "si") {
          index++;
          depth = 1;
          text = "";
        } else if (depth > 0) {
          depth++;
          if (name === "rPh") inPhonetic = true;
          else if (name === "t" && !inPhonetic && wanted.has(index)) capture = true;
        }
      },
      text: (chunk) => {
        if (capture) text += chunk;
      },
      close: (name) => {
        if (depth === 0) return;
        depth--;
        if (name === "t") capture = false;
        else if (name === "rPh") inPhonetic = false;
        else if (name === "si" && wanted.has(index)) wanted.set(index, decodeCellText(text));
      },
    });

    const itemCount = index + 1;
    for (const cells of sheets) {
      cells.forEach((row, column, value, slot) => {
        if (!(value instanceof SharedText)) return;
        if (value.index >= itemCount) {
          this.fail(
            "malformed",
            `the workbook is damaged: cell ${cellAddress(cells.sheet, row - 1, column - 1)} holds shared text number ${value.index}, but ${part} has only ${count(itemCount)}.`,
          );
        }
        cells.replace(slot, wanted.get(value.index) ?? "");
      });
    }
  }
}

function openZip(bytes: Uint8Array, totalLimit: number): ZipArchive {
  // An encrypted (password-protected) workbook, or an old .xls, is an OLE compound file, not a zip.
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new ZipFormatError("it is password-protected, or an old .xls workbook");
  }
  return ZipArchive.open(bytes, totalLimit);
}

/** Turns the zip and XML layers' errors into one-line {@link InputFileError}s naming the file and the part. */
function withFileErrors<T>(path: string, limits: ReadLimits, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ZipPartTooLargeError && error.total) {
      throw new InputFileError(
        "too-large",
        path,
        `the workbook parts read unpack to more than ${megabytes(error.limitBytes)} together (at the part ${error.part}), ${WORKBOOK_TOTAL_FACTOR} times the limit per part; if the file is genuine, raise it with --max-part-mb N.`,
      );
    }
    if (error instanceof ZipPartTooLargeError) {
      const size =
        error.declaredSize === undefined
          ? `more than ${megabytes(limits.maxPartBytes)}`
          : megabytes(error.declaredSize);
      throw new InputFileError(
        "too-large",
        path,
        `the workbook part ${error.part} unpacks to ${size}, ${partLimitText(limits, "part", error.declaredSize)}.`,
      );
    }
    if (error instanceof ZipFormatError && error.damaged) {
      throw new InputFileError(
        "unreadable",
        path,
        `the workbook is damaged or forged: ${error.message}. Open and save it in Excel to repair it, or ask for a new copy.`,
      );
    }
    if (error instanceof ZipFormatError) {
      throw new InputFileError(
        "unreadable",
        path,
        `not an .xlsx workbook that can be opened (${error.message}). Save it from Excel as "Excel Workbook (.xlsx)" without a password.`,
      );
    }
    if (error instanceof XmlPartError)
      throw new InputFileError(
        "malformed",
        path,
        `the workbook is damaged: its part ${error.part} ${error.reason}. Open and save it in Excel to repair it.`,
      );
    throw error;
  }
}
