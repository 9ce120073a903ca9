/**
 * The in-memory workbook under the stand-in: sheets of cells (value, formula, number format, a little
 * formatting), tables, charts, conditional formats, the selection and change events. Plain data and plain
 * functions: no Office, no DOM, no Node APIs, so a browser playground can host it.
 *
 * Cells behave like cells typed into Excel (Range.values documents it: a string starting with "=", "+" or "-"
 * becomes a formula): see {@link parseCellInput}. Formulas are stored as text and not calculated; a later
 * calculation engine plugs in through {@link WorkbookModel.calculate}.
 */
import { type CellRect, MAX_ROWS, contains, intersects, parseRef, sheetAddress } from "../layout/address";

export type ScalarValue = string | number | boolean;

/** An error Excel would raise, with Office.js's error codes. */
export class StandinError extends Error {
  override readonly name = "RichApi.Error";
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

export const quote = (text: string) => JSON.stringify(text);
export const notFound = (what: string) =>
  new StandinError("ItemNotFound", `The requested resource doesn't exist. (${what})`);
export const invalidArgument = (what: string) =>
  new StandinError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${what})`);

interface RowData {
  values: (ScalarValue | undefined)[];
  formulas?: (string | undefined)[];
  formats?: (string | undefined)[];
}

export interface CellFormat {
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  wrapText?: boolean;
}

export interface CellSnapshot {
  value: ScalarValue | "";
  formula: string | undefined;
  numberFormat: string;
}

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * What Excel stores when a value is typed (or written through Range.values / Range.formulas) into a cell whose
 * number format is `numberFormat`:
 *  - a leading apostrophe means "text": it is not part of the value (in a Text cell too);
 *  - a cell formatted as Text ("@") keeps the rest as it is;
 *  - "=…" is a formula; "+…", "-…" and "@…" that are not numbers are formulas too (Excel prefixes "=");
 *  - numbers ("12", "-3.5", "1e3", "5%") become numbers and TRUE/FALSE booleans (dates are not modelled);
 *  - "" clears the cell.
 */
export function parseCellInput(
  input: ScalarValue,
  numberFormat: string,
): { value: ScalarValue | undefined; formula?: string } {
  if (typeof input === "number") {
    if (!Number.isFinite(input))
      throw new StandinError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
    return { value: input };
  }
  if (typeof input === "boolean") return { value: input };
  if (input === "") return { value: undefined };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (numberFormat === "@") return { value: input };
  if (input.startsWith("=") && input.length > 1) return { value: undefined, formula: input };
  const trimmed = input.trim();
  if (NUMBER_TEXT.test(trimmed)) return { value: Number(trimmed) };
  if (/%$/.test(trimmed) && NUMBER_TEXT.test(trimmed.slice(0, -1).trim()))
    return { value: Number(trimmed.slice(0, -1)) / 100 };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === "true" };
  if (/^[+\-@]./.test(input)) return { value: undefined, formula: `=${input}` };
  return { value: input };
}

let nextId = 1;
const newId = (prefix: string): string => `{${prefix}-${(nextId++).toString(16).padStart(8, "0")}}`;

export class SheetModel {
  readonly id = newId("sheet");
  private readonly rows = new Map<number, RowData>();
  private readonly styles = new Map<string, CellFormat>();
  readonly columnWidths = new Map<number, number>();
  /** Rows and columns frozen at the top and left of the sheet's view (Worksheet.freezePanes). */
  frozen = { rows: 0, columns: 0 };
  visibility: "Visible" | "Hidden" = "Visible";

  private sheetName: string;

  constructor(
    readonly workbook: WorkbookModel,
    name: string,
  ) {
    this.sheetName = name;
  }

  get name(): string {
    return this.sheetName;
  }
  set name(value: string) {
    this.sheetName = value;
    this.workbook.structureChanged();
  }

  cell(row: number, column: number): CellSnapshot {
    const data = this.rows.get(row);
    const formula = data?.formulas?.[column];
    const numberFormat = data?.formats?.[column] ?? "General";
    if (formula !== undefined) {
      const calculated = this.workbook.calculate?.(this, row, column, formula);
      return { value: calculated ?? "", formula, numberFormat };
    }
    const value = data?.values[column] ?? this.workbook.spilledValue?.(this, row, column);
    return { value: value ?? "", formula: undefined, numberFormat };
  }

  /** What the cell holds, as typed (no calculation): for an engine that mirrors the workbook. */
  raw(row: number, column: number): { value: ScalarValue | undefined; formula: string | undefined } {
    const data = this.rows.get(row);
    return { value: data?.values[column], formula: data?.formulas?.[column] };
  }

  /** Every cell holding a value or a formula (row, column), in no particular order. */
  *filledCells(): Generator<[number, number]> {
    for (const [row, data] of this.rows) {
      const width = Math.max(data.values.length, data.formulas?.length ?? 0);
      for (let c = 0; c < width; c++)
        if (data.values[c] !== undefined || data.formulas?.[c] !== undefined) yield [row, c];
    }
  }

  private rowData(row: number): RowData {
    let data = this.rows.get(row);
    if (!data) {
      data = { values: [] };
      this.rows.set(row, data);
    }
    return data;
  }

  /** Writes one cell as Excel does for typed input (see parseCellInput). */
  input(row: number, column: number, input: ScalarValue): void {
    const data = this.rowData(row);
    const parsed = parseCellInput(input, data.formats?.[column] ?? "General");
    data.values[column] = parsed.value;
    if (parsed.formula !== undefined) (data.formulas ??= [])[column] = parsed.formula;
    else if (data.formulas) data.formulas[column] = undefined;
    this.workbook.cellsChanged(this, { row, column, rowCount: 1, columnCount: 1 });
  }

  setNumberFormat(row: number, column: number, format: string): void {
    const data = this.rowData(row);
    (data.formats ??= [])[column] = format === "" || format === "General" ? undefined : format;
  }

  style(row: number, column: number): CellFormat {
    return this.styles.get(`${row},${column}`) ?? {};
  }

  setStyle(row: number, column: number, change: Partial<CellFormat>): void {
    const key = `${row},${column}`;
    this.styles.set(key, { ...this.styles.get(key), ...change });
  }

  /** Removes contents (and, when `all`, formats) of a rectangle. */
  clear(rect: CellRect, all: boolean): void {
    for (const [row, data] of this.rows) {
      if (row < rect.row || row >= rect.row + rect.rowCount) continue;
      for (
        let c = rect.column;
        c <
        Math.min(
          rect.column + rect.columnCount,
          Math.max(data.values.length, data.formulas?.length ?? 0, data.formats?.length ?? 0),
        );
        c++
      ) {
        data.values[c] = undefined;
        if (data.formulas) data.formulas[c] = undefined;
        if (all && data.formats) data.formats[c] = undefined;
        if (all) this.styles.delete(`${row},${c}`);
      }
    }
    this.workbook.cellsChanged(this, rect);
  }

  /** Smallest rectangle holding every non-empty cell (and, unless valuesOnly, every formatted cell). */
  usedRect(valuesOnly: boolean): CellRect | null {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    const take = (row: number, column: number) => {
      r0 = Math.min(r0, row);
      r1 = Math.max(r1, row);
      c0 = Math.min(c0, column);
      c1 = Math.max(c1, column);
    };
    for (const [row, data] of this.rows) {
      const width = Math.max(
        data.values.length,
        data.formulas?.length ?? 0,
        valuesOnly ? 0 : (data.formats?.length ?? 0),
      );
      for (let c = 0; c < width; c++) {
        if (
          data.values[c] !== undefined ||
          data.formulas?.[c] !== undefined ||
          (!valuesOnly && data.formats?.[c] !== undefined)
        )
          take(row, c);
      }
    }
    if (!valuesOnly) {
      for (const key of this.styles.keys()) {
        const [row, column] = key.split(",").map(Number);
        take(row, column);
      }
    }
    return r1 < 0 ? null : { row: r0, column: c0, rowCount: r1 - r0 + 1, columnCount: c1 - c0 + 1 };
  }

  /**
   * Excel's CurrentRegion around the top-left cell of `rect`: grown until it is bounded by blank rows and
   * columns (or the sheet's edge). An empty cell with no non-empty neighbours is its own region.
   */
  surroundingRegion(rect: CellRect): CellRect {
    let r0 = rect.row;
    let r1 = rect.row;
    let c0 = rect.column;
    let c1 = rect.column;
    const filled = (r: number, c: number) => r >= 0 && c >= 0 && !this.isEmpty(r, c);
    for (let grown = true; grown;) {
      grown = false;
      for (let c = c0 - 1; c <= c1 + 1; c++) {
        if (filled(r0 - 1, c)) {
          r0--;
          grown = true;
          break;
        }
      }
      for (let c = c0 - 1; c <= c1 + 1; c++) {
        if (filled(r1 + 1, c)) {
          r1++;
          grown = true;
          break;
        }
      }
      for (let r = r0 - 1; r <= r1 + 1; r++) {
        if (filled(r, c0 - 1)) {
          c0--;
          grown = true;
          break;
        }
      }
      for (let r = r0 - 1; r <= r1 + 1; r++) {
        if (filled(r, c1 + 1)) {
          c1++;
          grown = true;
          break;
        }
      }
    }
    return { row: r0, column: c0, rowCount: r1 - r0 + 1, columnCount: c1 - c0 + 1 };
  }

  isEmpty(row: number, column: number): boolean {
    const data = this.rows.get(row);
    return data === undefined || (data.values[column] === undefined && data.formulas?.[column] === undefined);
  }

  /** Moves the cells of columns c0..c1 at rows ≥ fromRow down by `count` rows (Excel's "shift cells down"). */
  shiftDown(fromRow: number, column: number, columnCount: number, count: number): void {
    const rows = [...this.rows.keys()].filter((r) => r >= fromRow).sort((a, b) => b - a);
    for (const row of rows) {
      const source = this.rows.get(row) as RowData;
      const target = this.rowData(row + count);
      for (let c = column; c < column + columnCount; c++) {
        target.values[c] = source.values[c];
        source.values[c] = undefined;
        if (source.formulas?.[c] !== undefined || target.formulas) {
          (target.formulas ??= [])[c] = source.formulas?.[c];
          if (source.formulas) source.formulas[c] = undefined;
        }
      }
    }
    this.workbook.cellsChanged(this, { row: fromRow, column, rowCount: MAX_ROWS - fromRow, columnCount });
  }

  /** Every cell that holds something, for byte-for-byte comparisons in tests. */
  snapshot(): Record<string, CellSnapshot & { style?: CellFormat }> {
    const out: Record<string, CellSnapshot & { style?: CellFormat }> = {};
    const used = this.usedRect(false);
    if (!used) return out;
    for (let r = used.row; r < used.row + used.rowCount; r++) {
      for (let c = used.column; c < used.column + used.columnCount; c++) {
        const cell = this.cell(r, c);
        const style = this.styles.get(`${r},${c}`);
        if (cell.value === "" && cell.formula === undefined && cell.numberFormat === "General" && !style) continue;
        out[`${r},${c}`] = style ? { ...cell, style } : cell;
      }
    }
    return out;
  }
}

export interface TableModel {
  id: string;
  name: string;
  sheet: SheetModel;
  /** The whole table (Table.getRange()): the header row when shown, the data body, the totals row when shown. */
  rect: CellRect;
  style: string;
  showHeaders: boolean;
  showTotals: boolean;
  /** Column names kept while the header row is hidden (shown headers are read from their cells). */
  hiddenHeaders?: string[];
}

/** The parts of a table, as Table.getHeaderRowRange() / getDataBodyRange() / getTotalRowRange() give them. */
export function tableParts(table: TableModel): { header: CellRect | null; body: CellRect; totals: CellRect | null } {
  const { rect } = table;
  const top = table.showHeaders ? 1 : 0;
  const bottom = table.showTotals ? 1 : 0;
  return {
    header: table.showHeaders ? { ...rect, rowCount: 1 } : null,
    body: { ...rect, row: rect.row + top, rowCount: rect.rowCount - top - bottom },
    totals: table.showTotals ? { ...rect, row: rect.row + rect.rowCount - 1, rowCount: 1 } : null,
  };
}

/** Column names of a table: the header cells when shown, else the names kept when they were hidden. */
export function tableColumnNames(table: TableModel): string[] {
  if (!table.showHeaders) return [...(table.hiddenHeaders ?? [])];
  return Array.from({ length: table.rect.columnCount }, (_, c) =>
    String(table.sheet.cell(table.rect.row, table.rect.column + c).value),
  );
}

export interface ChartModel {
  id: string;
  name: string;
  sheet: SheetModel;
  type: string;
  source: { sheet: SheetModel; rect: CellRect };
  seriesBy: "Rows" | "Columns";
  title: string;
  seriesNames: string[];
  categories?: { sheet: SheetModel; rect: CellRect };
  /** Set by setPosition: the cell under the top-left corner and, when given, the cell the chart stretches to. */
  position?: { start: string; end?: string };
  /** Axis titles ("" when the axis has none). */
  axisTitles: Record<ChartAxisKind, string>;
  /** ChartAxis.reversePlotOrder: a bar chart's first category at the top rather than the bottom. */
  reversePlotOrder: Record<ChartAxisKind, boolean>;
  /** How each series is drawn, index for index with `seriesNames`. */
  seriesLooks: ChartSeriesLook[];
  /** Size in points (Excel's new chart: 360 × 216); `left` in points from column A once set, overriding the start cell's. */
  size: { width: number; height: number };
  left?: number;
}

export type ChartAxisKind = "category" | "value";

/** What the add-in sets on a series beyond its name: marker, line dashes and data labels (Office.js names). */
export interface ChartSeriesLook {
  markerStyle: string;
  lineStyle: string;
  hasDataLabels: boolean;
  dataLabels: { showSeriesName: boolean; showValue: boolean };
}

export interface ConditionalFormatModel {
  id: string;
  sheet: SheetModel;
  rect: CellRect;
  type: string;
  formula: string;
  fill?: string;
  fontColor?: string;
}

export interface ChangeEvent {
  type: "WorksheetChanged" | "TableChanged";
  address: string;
  changeType: "RangeEdited";
  source: "Local" | "Remote";
  worksheetId: string;
  tableId?: string;
}

export interface ChangeListener {
  kind: "worksheet" | "table";
  targetId: string;
  handler: (event: ChangeEvent) => Promise<unknown> | unknown;
}

/**
 * Told about every change to the workbook, whoever makes it (the API at sync, or the user): a calculation
 * engine mirrors the cells through it, a grid redraws. Observers must not change the workbook.
 */
export interface WorkbookObserver {
  /** Cells of `rect` were written or cleared (rect may be far larger than what was there). */
  cellsChanged?(sheet: SheetModel, rect: CellRect): void;
  /** Sheets or tables were added, removed, renamed, moved or resized. */
  structureChanged?(): void;
  /** A request (sync) ended, whether it succeeded or failed. */
  synced?(): void;
}

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/;

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly charts: ChartModel[] = [];
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly listeners = new Set<ChangeListener>();
  activeSheet: SheetModel | undefined;
  /** The selection: a range, or a chart/shape (then getSelectedRange fails as in Excel). */
  selection: { sheet: SheetModel; rect: CellRect } | { kind: "chart" } | undefined;
  /** Optional formula engine; without one, formula cells read as "" (no calculation). */
  calculate?: (sheet: SheetModel, row: number, column: number, formula: string) => ScalarValue | undefined;
  /** With an engine: the value an array formula spills into an otherwise empty cell. */
  spilledValue?: (sheet: SheetModel, row: number, column: number) => ScalarValue | undefined;
  readonly observers = new Set<WorkbookObserver>();
  private tableCounter = 0;
  private chartCounter = 0;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const name of sheetNames) this.addSheet(name);
  }

  cellsChanged(sheet: SheetModel, rect: CellRect): void {
    for (const observer of this.observers) observer.cellsChanged?.(sheet, rect);
  }

  structureChanged(): void {
    for (const observer of this.observers) observer.structureChanged?.();
  }

  synced(): void {
    for (const observer of this.observers) observer.synced?.();
  }

  sheet(name: string): SheetModel | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  requireSheet(name: string): SheetModel {
    const sheet = this.sheet(name);
    if (!sheet) throw new StandinError("ItemNotFound", `The requested resource doesn't exist. (worksheet "${name}")`);
    return sheet;
  }

  addSheet(name?: string): SheetModel {
    let sheetName = name;
    if (sheetName === undefined) {
      let n = this.sheets.length + 1;
      while (this.sheet(`Sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    if (sheetName.length === 0 || sheetName.length > 31 || /[\\/?*[\]:]/.test(sheetName) || /^'|'$/.test(sheetName)) {
      throw new StandinError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format. (sheet name "${sheetName}")`,
      );
    }
    if (this.sheet(sheetName))
      throw new StandinError(
        "ItemAlreadyExists",
        `A resource with the same name or identifier already exists. (sheet "${sheetName}")`,
      );
    const sheet = new SheetModel(this, sheetName);
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    this.selection ??= { sheet, rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 } };
    this.structureChanged();
    return sheet;
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.sheets.filter((s) => s.visibility === "Visible" && s !== sheet);
    if (visible.length === 0)
      throw new StandinError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    removeWhere(this.tables, (t) => t.sheet === sheet);
    removeWhere(this.charts, (c) => c.sheet === sheet);
    removeWhere(this.conditionalFormats, (f) => f.sheet === sheet);
    for (const listener of [...this.listeners]) if (listener.targetId === sheet.id) this.listeners.delete(listener);
    if (this.activeSheet === sheet) this.activeSheet = visible[0];
    if (this.selection && "sheet" in this.selection && this.selection.sheet === sheet) {
      this.selection = { sheet: visible[0], rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 } };
    }
    this.structureChanged();
  }

  /** Worksheet.position's setter: the sheet moves to `position`, the others keep their order around it. */
  moveSheet(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length)
      throw new StandinError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format. (position ${position})`,
      );
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
    this.structureChanged();
  }

  table(name: string): TableModel | undefined {
    const key = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === key);
  }

  /** Excel's ListObject.Add with headers: the first row becomes the header row (blank headers get ColumnN). */
  addTable(sheet: SheetModel, rect: CellRect, hasHeaders: boolean): TableModel {
    if (!hasHeaders)
      throw new StandinError("NotImplemented", "The stand-in only creates tables whose first row holds the headers.");
    if (rect.rowCount < 2)
      throw new StandinError("InvalidArgument", "A table needs a header row and at least one data row.");
    if (this.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) {
      throw new StandinError("InvalidOperation", "A table can't overlap another table.");
    }
    const seen = new Set<string>();
    for (let c = 0; c < rect.columnCount; c++) {
      const column = rect.column + c;
      let header = String(sheet.cell(rect.row, column).value);
      if (header === "") header = `Column${c + 1}`;
      let unique = header;
      for (let n = 2; seen.has(unique.toLowerCase()); n++) unique = `${header}${n}`;
      seen.add(unique.toLowerCase());
      sheet.input(rect.row, column, `'${unique}`);
    }
    let name: string;
    do name = `Table${++this.tableCounter}`;
    while (this.table(name));
    const table: TableModel = {
      id: newId("table"),
      name,
      sheet,
      rect: { ...rect },
      style: "TableStyleMedium2",
      showHeaders: true,
      showTotals: false,
    };
    this.tables.push(table);
    this.structureChanged();
    return table;
  }

  /**
   * Shows or hides a table's header row and totals row as Excel's Table Design options do. Hiding the header
   * row removes it from the table (its cells are cleared, the names kept); showing the totals row adds a row
   * below the data with "Total" in the first column and a SUBTOTAL of the last column.
   */
  setTableOptions(table: TableModel, options: { showHeaders?: boolean; showTotals?: boolean }): void {
    const sheet = table.sheet;
    if (options.showHeaders !== undefined && options.showHeaders !== table.showHeaders) {
      if (!options.showHeaders) {
        table.hiddenHeaders = tableColumnNames(table);
        sheet.clear({ ...table.rect, rowCount: 1 }, true);
        table.rect = { ...table.rect, row: table.rect.row + 1, rowCount: table.rect.rowCount - 1 };
      } else {
        if (table.rect.row === 0)
          throw new StandinError("InvalidOperation", "There is no row above the table for its header row.");
        const names = table.hiddenHeaders ?? [];
        table.rect = { ...table.rect, row: table.rect.row - 1, rowCount: table.rect.rowCount + 1 };
        names.forEach((name, c) => sheet.input(table.rect.row, table.rect.column + c, `'${name}`));
        table.hiddenHeaders = undefined;
      }
      table.showHeaders = options.showHeaders;
    }
    if (options.showTotals !== undefined && options.showTotals !== table.showTotals) {
      const names = tableColumnNames(table);
      if (options.showTotals) {
        const row = table.rect.row + table.rect.rowCount;
        const last = table.rect.column + table.rect.columnCount - 1;
        sheet.input(row, table.rect.column, "Total");
        sheet.input(row, last, `=SUBTOTAL(109,${table.name}[${names[names.length - 1] ?? ""}])`);
        table.rect = { ...table.rect, rowCount: table.rect.rowCount + 1 };
      } else {
        sheet.clear({ ...table.rect, row: table.rect.row + table.rect.rowCount - 1, rowCount: 1 }, true);
        table.rect = { ...table.rect, rowCount: table.rect.rowCount - 1 };
      }
      table.showTotals = options.showTotals;
    }
    this.structureChanged();
    this.notifyChanged(sheet, table.rect);
  }

  renameTable(table: TableModel, name: string): void {
    if (!TABLE_NAME.test(name) || /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[RC]$/i.test(name)) {
      throw new StandinError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format. (table name "${name}")`,
      );
    }
    const other = this.table(name);
    if (other && other !== table)
      throw new StandinError(
        "ItemAlreadyExists",
        `A resource with the same name or identifier already exists. (table "${name}")`,
      );
    table.name = name;
    this.structureChanged();
  }

  deleteTable(table: TableModel): void {
    table.sheet.clear(table.rect, true);
    removeWhere(this.tables, (t) => t === table);
    for (const listener of [...this.listeners]) if (listener.targetId === table.id) this.listeners.delete(listener);
    this.structureChanged();
  }

  addChart(
    sheet: SheetModel,
    type: string,
    source: { sheet: SheetModel; rect: CellRect },
    seriesBy: "Rows" | "Columns",
  ): ChartModel {
    const count = seriesBy === "Columns" ? source.rect.columnCount : source.rect.rowCount;
    const chart: ChartModel = {
      id: newId("chart"),
      name: `Chart ${++this.chartCounter}`,
      sheet,
      type,
      source,
      seriesBy,
      title: "",
      seriesNames: Array.from({ length: count }, (_, i) => `Series${i + 1}`),
      axisTitles: { category: "", value: "" },
      reversePlotOrder: { category: false, value: false },
      // Excel's defaults: markers and dashes chosen by the chart type, no data labels.
      seriesLooks: Array.from({ length: count }, () => ({
        markerStyle: "Automatic",
        lineStyle: "Automatic",
        hasDataLabels: false,
        dataLabels: { showSeriesName: false, showValue: false },
      })),
      size: { width: 360, height: 216 },
    };
    this.charts.push(chart);
    return chart;
  }

  deleteChart(chart: ChartModel): void {
    removeWhere(this.charts, (c) => c === chart);
  }

  addConditionalFormat(sheet: SheetModel, rect: CellRect, type: string): ConditionalFormatModel {
    const format: ConditionalFormatModel = { id: newId("cf"), sheet, rect: { ...rect }, type, formula: "" };
    this.conditionalFormats.push(format);
    this.notifyChanged(sheet, format.rect);
    return format;
  }

  deleteConditionalFormat(format: ConditionalFormatModel): void {
    removeWhere(this.conditionalFormats, (f) => f === format);
    this.notifyChanged(format.sheet, format.rect);
  }

  /** Tells listeners that cells changed (Excel raises onChanged for edits by the user and by add-ins alike). */
  notifyChanged(sheet: SheetModel, rect: CellRect, source: "Local" | "Remote" = "Local"): void {
    const address = sheetAddress(sheet.name, rect);
    for (const listener of this.listeners) {
      let event: ChangeEvent | undefined;
      if (listener.kind === "worksheet" && listener.targetId === sheet.id) {
        event = { type: "WorksheetChanged", address, changeType: "RangeEdited", source, worksheetId: sheet.id };
      } else if (listener.kind === "table") {
        const table = this.tables.find((t) => t.id === listener.targetId);
        if (table && table.sheet === sheet && intersects(table.rect, rect)) {
          event = {
            type: "TableChanged",
            address,
            changeType: "RangeEdited",
            source,
            worksheetId: sheet.id,
            tableId: table.id,
          };
        }
      }
      if (event) {
        const payload = event;
        // Excel delivers events asynchronously, after the change.
        void Promise.resolve().then(() => listener.handler(payload));
      }
    }
  }

  // ---- Helpers for tests and the playground: what a user does in the grid, outside the API ----------------

  /** The user types values into a range (row by row), as in the grid; raises change events. */
  userInput(sheetName: string, ref: string, values: ScalarValue[][], source: "Local" | "Remote" = "Local"): void {
    const sheet = this.requireSheet(sheetName);
    const rect = parseRef(ref);
    values.forEach((row, r) => row.forEach((value, c) => sheet.input(rect.row + r, rect.column + c, value)));
    this.notifyChanged(
      sheet,
      { row: rect.row, column: rect.column, rowCount: values.length, columnCount: values[0]?.length ?? 0 },
      source,
    );
  }

  /** A co-author edits the workbook elsewhere: the change arrives with source Remote (co-authoring). */
  remoteInput(sheetName: string, ref: string, values: ScalarValue[][]): void {
    this.userInput(sheetName, ref, values, "Remote");
  }

  /** The user selects a range (or a chart, with "chart"). */
  userSelect(sheetName: string, ref: string | "chart"): void {
    if (ref === "chart") {
      this.selection = { kind: "chart" };
      return;
    }
    const sheet = this.requireSheet(sheetName);
    this.activeSheet = sheet;
    this.selection = { sheet, rect: parseRef(ref) };
  }

  /** The user makes a table of a range whose first row holds headers. */
  userAddTable(sheetName: string, ref: string, name: string): TableModel {
    const table = this.addTable(this.requireSheet(sheetName), parseRef(ref), true);
    this.renameTable(table, name);
    return table;
  }

  tablesOn(sheet: SheetModel): TableModel[] {
    return this.tables.filter((t) => t.sheet === sheet);
  }

  conditionalFormatsIn(sheet: SheetModel, rect: CellRect): ConditionalFormatModel[] {
    return this.conditionalFormats.filter((f) => f.sheet === sheet && intersects(f.rect, rect));
  }

  /** Tables that contain the rectangle entirely. */
  tableContaining(sheet: SheetModel, rect: CellRect): TableModel | undefined {
    return this.tables.find((t) => t.sheet === sheet && contains(t.rect, rect));
  }
}

function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) items.splice(i, 1);
}
