/**
 * Proxies for the part of the Excel JavaScript API the add-in uses, over the in-memory {@link WorkbookModel}.
 * Names, signatures and error codes follow Office.js (ExcelApi 1.1–1.14). Anything not listed here does not
 * exist on the stand-in: code that calls it fails loudly, which is the point.
 */
import { type CellRect, MAX_COLUMNS, MAX_ROWS, parseRef, sheetAddress, splitAddress } from "../layout/address";
import { guardApiSets } from "./api-sets";
import { ClientObject, ClientResult, type StandinContext } from "./context";
import {
  type ChangeEvent,
  type ChartModel,
  type ConditionalFormatModel,
  type ScalarValue,
  type SheetModel,
  StandinError,
  type TableModel,
  tableColumnNames,
  tableParts,
} from "./model";

interface RangeTarget {
  sheet: SheetModel;
  rect: CellRect;
}

const quote = (text: string) => JSON.stringify(text);
const notFound = (what: string) => new StandinError("ItemNotFound", `The requested resource doesn't exist. (${what})`);
const invalidArgument = (what: string) => new StandinError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${what})`);

// ---- Events --------------------------------------------------------------------------------------------------

export class EventHandlerResult {
  constructor(
    readonly context: StandinContext,
    private readonly onRemove: () => void,
  ) {}
  /** Queues the removal; it takes effect at the next sync of `context`. */
  remove(): void {
    this.context.enqueue({ op: "removeHandler" }, this.onRemove);
  }
}

export class ChangedEvent {
  constructor(
    private readonly context: StandinContext,
    private readonly kind: "worksheet" | "table",
    private readonly targetId: () => string,
  ) {}
  add(handler: (event: ChangeEvent) => Promise<unknown>): EventHandlerResult {
    const model = this.context.model;
    const listener = { kind: this.kind, targetId: "", handler };
    this.context.enqueue({ op: "addHandler", kind: this.kind }, () => {
      listener.targetId = this.targetId();
      model.listeners.add(listener);
    });
    return new EventHandlerResult(this.context, () => model.listeners.delete(listener));
  }
}

// ---- Workbook, application -----------------------------------------------------------------------------------

export class Application extends ClientObject<true> {
  protected readonly scalarProperties = [] as const;
  constructor(context: StandinContext) {
    super(context, "application", () => true, { bound: true });
  }
  protected readProperty(_target: true, name: string): unknown {
    throw invalidArgument(`application.${name}`);
  }
  /** Calculation stays suspended until the next sync; recorded in that sync's stats. */
  suspendApiCalculationUntilNextSync(): void {
    this.queueCall("suspendApiCalculationUntilNextSync", [], () => undefined, true);
  }
}

export class Workbook extends ClientObject<true> {
  protected readonly scalarProperties = [] as const;
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly application: Application;
  constructor(context: StandinContext) {
    super(context, "workbook", () => true, { bound: true });
    this.worksheets = new WorksheetCollection(context);
    this.tables = new TableCollection(context, "workbook.tables", () => undefined);
    this.application = new Application(context);
  }
  protected readProperty(_target: true, name: string): unknown {
    throw invalidArgument(`workbook.${name}`);
  }
  /** Fails at sync with InvalidSelection when the selection is not a range (a chart, a shape). */
  getSelectedRange(): Range {
    const model = this.context.model;
    return new Range(this.context, "workbook.getSelectedRange()", () => {
      const selection = model.selection;
      if (!selection || !("sheet" in selection)) throw new StandinError("InvalidSelection", "The current selection is invalid for this operation.");
      return { sheet: selection.sheet, rect: { ...selection.rect } };
    });
  }
}

// ---- Worksheets ----------------------------------------------------------------------------------------------

abstract class Collection<T, P extends ClientObject<T>> extends ClientObject<T[]> {
  protected readonly scalarProperties = ["items"] as const;
  protected abstract itemProxy(item: T): P;
  /** Scalar properties of one item, for load("items/…"). */
  protected abstract readItem(item: T, name: string): unknown;
  protected abstract readonly itemProperties: readonly string[];

  get items(): P[] {
    return this.loaded<P[]>("items");
  }

  override load(option?: string | string[] | { select?: string | string[] }): this {
    const raw = option === undefined ? [] : typeof option === "string" ? option.split(",") : Array.isArray(option) ? option : [];
    const names = raw.map((n) => n.trim().replace(/^items\/?/, "")).filter((n) => n !== "");
    const itemNames = names.length === 0 ? [...this.itemProperties] : names;
    this.context.enqueue({ path: this.path, op: "load", names: itemNames.map((n) => `items/${n}`) }, () => {
      const list = this.resolve();
      if (list === null) return null;
      const data = list.map((item) => Object.fromEntries(itemNames.map((n) => [n, this.readItem(item, n)])));
      const proxies = list.map((item, i) => {
        const proxy = this.itemProxy(item);
        proxy.acceptLoaded(data[i]);
        return proxy;
      });
      this.loadedValues.set("items", proxies);
      return data;
    });
    return this;
  }

  protected readProperty(): unknown {
    return undefined;
  }

  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.queueCall("getCount", [], (list) => result.set(list.length));
    return result;
  }
}

export class WorksheetCollection extends Collection<SheetModel, Worksheet> {
  protected readonly itemProperties = ["name", "id", "position", "visibility"] as const;
  constructor(context: StandinContext) {
    super(context, "workbook.worksheets", () => context.model.sheets.slice(), { bound: false });
  }
  protected itemProxy(sheet: SheetModel): Worksheet {
    return Worksheet.bound(this.context, sheet);
  }
  protected readItem(sheet: SheetModel, name: string): unknown {
    return readSheet(sheet, name);
  }
  getItem(name: string): Worksheet {
    const model = this.context.model;
    return new Worksheet(this.context, `worksheets.getItem(${quote(name)})`, () => {
      const sheet = model.sheet(name);
      if (!sheet) throw notFound(`worksheet ${quote(name)}`);
      return sheet;
    });
  }
  getItemOrNullObject(name: string): Worksheet {
    const model = this.context.model;
    return new Worksheet(this.context, `worksheets.getItemOrNullObject(${quote(name)})`, () => model.sheet(name) ?? null, { instantiate: true });
  }
  getActiveWorksheet(): Worksheet {
    const model = this.context.model;
    return new Worksheet(this.context, "worksheets.getActiveWorksheet()", () => {
      if (!model.activeSheet) throw notFound("active worksheet");
      return model.activeSheet;
    });
  }
  add(name?: string): Worksheet {
    let created: SheetModel | undefined;
    this.queueCall("add", [name], () => {
      created = this.context.model.addSheet(name);
    });
    return new Worksheet(this.context, `worksheets.add(${quote(name ?? "")})`, () => {
      if (!created) throw new StandinError("InvalidOperation", "The worksheet was not added.");
      return created;
    });
  }
}

function readSheet(sheet: SheetModel, name: string): unknown {
  switch (name) {
    case "name":
      return sheet.name;
    case "id":
      return sheet.id;
    case "position":
      return sheet.workbook.sheets.indexOf(sheet);
    case "visibility":
      return sheet.visibility;
    default:
      throw invalidArgument(`Worksheet.${name} is not available in the stand-in`);
  }
}

export class Worksheet extends ClientObject<SheetModel> {
  protected readonly scalarProperties = ["name", "id", "position", "visibility"] as const;

  static bound(context: StandinContext, sheet: SheetModel): Worksheet {
    return new Worksheet(context, `worksheet(${quote(sheet.id)})`, () => sheet, { bound: true });
  }

  protected readProperty(sheet: SheetModel, name: string): unknown {
    return readSheet(sheet, name);
  }

  get name(): string {
    return this.loaded("name");
  }
  set name(value: string) {
    this.queueSet("name", value, (sheet) => {
      const other = sheet.workbook.sheet(value);
      if (other && other !== sheet) throw new StandinError("ItemAlreadyExists", `A resource with the same name or identifier already exists. (sheet ${quote(value)})`);
      sheet.name = value;
    });
  }
  get id(): string {
    return this.loaded("id");
  }
  get position(): number {
    return this.loaded("position");
  }
  get visibility(): string {
    return this.loaded("visibility");
  }

  get tables(): TableCollection {
    return new TableCollection(this.context, `${this.path}.tables`, () => this.navigate());
  }
  get charts(): ChartCollection {
    return new ChartCollection(this.context, `${this.path}.charts`, () => this.navigate());
  }
  get onChanged(): ChangedEvent {
    return new ChangedEvent(this.context, "worksheet", () => this.target("onChanged.add").id);
  }

  private range(path: string, rect: (sheet: SheetModel) => CellRect | null, orNull = false): Range {
    return new Range(
      this.context,
      `${this.path}.${path}`,
      () => {
        const sheet = this.navigate();
        const r = rect(sheet);
        return r === null ? null : { sheet, rect: r };
      },
      { instantiate: orNull },
    );
  }

  /** The whole sheet when no address is given. */
  getRange(address?: string): Range {
    return this.range(`getRange(${quote(address ?? "")})`, () => {
      if (address === undefined || address === "") return { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS };
      const { sheet, ref } = splitAddress(address);
      if (sheet !== undefined && sheet.toLowerCase() !== this.resolve()?.name.toLowerCase()) throw invalidArgument(`address ${address} is on another sheet`);
      try {
        return parseRef(ref);
      } catch {
        throw invalidArgument(`address ${quote(address)}`);
      }
    });
  }
  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): Range {
    return this.range(`getRangeByIndexes(${row},${column},${rowCount},${columnCount})`, () => {
      if (row < 0 || column < 0 || rowCount < 1 || columnCount < 1 || row + rowCount > MAX_ROWS || column + columnCount > MAX_COLUMNS) {
        throw invalidArgument("range indexes");
      }
      return { row, column, rowCount, columnCount };
    });
  }
  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  /** A1 on an empty sheet, as in Excel. */
  getUsedRange(valuesOnly = false): Range {
    return this.range(`getUsedRange(${valuesOnly})`, (sheet) => sheet.usedRect(valuesOnly) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 });
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this.range(`getUsedRangeOrNullObject(${valuesOnly})`, (sheet) => sheet.usedRect(valuesOnly), true);
  }
  activate(): void {
    this.queueCall("activate", [], (sheet) => {
      sheet.workbook.activeSheet = sheet;
    });
  }
  delete(): void {
    this.queueCall("delete", [], (sheet) => sheet.workbook.deleteSheet(sheet));
  }
}

// ---- Tables --------------------------------------------------------------------------------------------------

export class TableCollection extends Collection<TableModel, Table> {
  protected readonly itemProperties = ["name", "id", "style", "showHeaders", "showTotals"] as const;
  /** `scope` undefined: the workbook's tables; a sheet: only the tables on it. */
  constructor(
    context: StandinContext,
    path: string,
    private readonly scope: () => SheetModel | null | undefined,
  ) {
    super(context, path, () => {
      const sheet = scope();
      if (sheet === null) return null;
      return context.model.tables.filter((t) => sheet === undefined || t.sheet === sheet);
    });
  }
  protected itemProxy(table: TableModel): Table {
    return Table.bound(this.context, table);
  }
  protected readItem(table: TableModel, name: string): unknown {
    return readTable(table, name);
  }
  private find(name: string): TableModel | null | undefined {
    const sheet = this.scope();
    if (sheet === null) return null;
    const table = this.context.model.table(name);
    return table && (sheet === undefined || table.sheet === sheet) ? table : undefined;
  }
  getItem(name: string): Table {
    return new Table(this.context, `${this.path}.getItem(${quote(name)})`, () => {
      const table = this.find(name);
      if (table === undefined) throw notFound(`table ${quote(name)}`);
      return table;
    });
  }
  getItemOrNullObject(name: string): Table {
    return new Table(this.context, `${this.path}.getItemOrNullObject(${quote(name)})`, () => this.find(name) ?? null, { instantiate: true });
  }
  /** `address` is a Range or an address; on the workbook's collection it must name its sheet. */
  add(address: Range | string, hasHeaders: boolean): Table {
    let created: TableModel | undefined;
    const where = typeof address === "string" ? address : address.path;
    this.queueCall("add", [where, hasHeaders], () => {
      const model = this.context.model;
      let target: RangeTarget;
      if (typeof address === "string") {
        const { sheet: sheetName, ref } = splitAddress(address);
        const scoped = this.scope();
        const sheet = sheetName !== undefined ? model.requireSheet(sheetName) : scoped;
        if (!sheet) throw invalidArgument(`table address ${quote(address)} needs a sheet`);
        target = { sheet, rect: parseRef(ref) };
      } else {
        const resolved = address.resolve();
        if (resolved === null) throw invalidArgument("null range");
        target = resolved;
      }
      created = model.addTable(target.sheet, target.rect, hasHeaders);
    });
    return new Table(this.context, `${this.path}.add(${quote(where)})`, () => {
      if (!created) throw new StandinError("InvalidOperation", "The table was not added.");
      return created;
    });
  }
}

function readTable(table: TableModel, name: string): unknown {
  switch (name) {
    case "name":
      return table.name;
    case "id":
      return table.id;
    case "style":
      return table.style;
    case "showHeaders":
      return table.showHeaders;
    case "showTotals":
      return table.showTotals;
    default:
      throw invalidArgument(`Table.${name} is not available in the stand-in`);
  }
}

export class Table extends ClientObject<TableModel> {
  protected readonly scalarProperties = ["name", "id", "style", "showHeaders", "showTotals"] as const;
  static bound(context: StandinContext, table: TableModel): Table {
    return new Table(context, `table(${quote(table.id)})`, () => table, { bound: true });
  }
  protected readProperty(table: TableModel, name: string): unknown {
    return readTable(table, name);
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(value: string) {
    this.queueSet("name", value, (table) => table.sheet.workbook.renameTable(table, value));
  }
  get id(): string {
    return this.loaded("id");
  }
  get style(): string {
    return this.loaded("style");
  }
  set style(value: string) {
    this.queueSet("style", value, (table) => {
      table.style = value;
    });
  }
  get showHeaders(): boolean {
    return this.loaded("showHeaders");
  }
  set showHeaders(show: boolean) {
    this.queueSet("showHeaders", show, (table) => table.sheet.workbook.setTableOptions(table, { showHeaders: show }));
  }
  get showTotals(): boolean {
    return this.loaded("showTotals");
  }
  set showTotals(show: boolean) {
    this.queueSet("showTotals", show, (table) => table.sheet.workbook.setTableOptions(table, { showTotals: show }));
  }
  get worksheet(): Worksheet {
    return new Worksheet(this.context, `${this.path}.worksheet`, () => this.navigate().sheet);
  }
  get columns(): TableColumnCollection {
    return new TableColumnCollection(this.context, `${this.path}.columns`, () => this.navigate());
  }
  get rows(): TableRowCollection {
    return new TableRowCollection(this.context, `${this.path}.rows`, () => this.navigate());
  }
  get onChanged(): ChangedEvent {
    return new ChangedEvent(this.context, "table", () => this.target("onChanged.add").id);
  }
  private part(path: string, pick: (t: TableModel) => CellRect | null): Range {
    return new Range(this.context, `${this.path}.${path}`, () => {
      const table = this.navigate();
      const rect = pick(table);
      // Office.js is silent on a hidden header row or totals row; the stand-in fails, the stricter reading.
      if (rect === null) throw new StandinError("InvalidOperation", `${path}: the table does not show that row.`, this.path);
      return { sheet: table.sheet, rect };
    });
  }
  /** The whole table: header row and totals row included when they are shown. */
  getRange(): Range {
    return this.part("getRange()", (t) => ({ ...t.rect }));
  }
  getHeaderRowRange(): Range {
    return this.part("getHeaderRowRange()", (t) => tableParts(t).header);
  }
  getDataBodyRange(): Range {
    return this.part("getDataBodyRange()", (t) => tableParts(t).body);
  }
  getTotalRowRange(): Range {
    return this.part("getTotalRowRange()", (t) => tableParts(t).totals);
  }
  delete(): void {
    this.queueCall("delete", [], (table) => table.sheet.workbook.deleteTable(table));
  }
}

/** Table.columns: the column names (load("items/name")) and their count. */
export class TableColumnCollection extends ClientObject<TableModel> {
  protected readonly scalarProperties = ["items", "count"] as const;
  protected readProperty(table: TableModel, name: string): unknown {
    if (name === "count") return table.rect.columnCount;
    throw invalidArgument(`TableColumnCollection.${name}`);
  }
  get count(): number {
    return this.loaded("count");
  }
  get items(): { name: string }[] {
    return this.loaded("items");
  }
  override load(option?: string | string[] | { select?: string | string[] }): this {
    const raw = option === undefined ? ["count"] : typeof option === "string" ? option.split(",") : Array.isArray(option) ? option : ["count"];
    const names = raw.map((n) => n.trim()).filter((n) => n !== "");
    this.context.enqueue({ path: this.path, op: "load", names }, () => {
      const table = this.navigate();
      const data: Record<string, unknown> = {};
      for (const name of names) {
        if (name === "count") data.count = table.rect.columnCount;
        else if (name === "items/name" || name === "items") data.items = tableColumnNames(table).map((n) => ({ name: n }));
        else throw invalidArgument(`TableColumnCollection: ${name} is not available in the stand-in`);
      }
      this.acceptLoaded(data);
      return data;
    });
    return this;
  }
}

export class TableRowCollection extends ClientObject<TableModel> {
  protected readonly scalarProperties = ["count"] as const;
  protected readProperty(table: TableModel, name: string): unknown {
    if (name === "count") return tableParts(table).body.rowCount;
    throw invalidArgument(`TableRowCollection.${name}`);
  }
  get count(): number {
    return this.loaded("count");
  }
  /** Adds rows at the end (index null/undefined) or at a data-row index; cells below shift down. */
  add(index: number | null | undefined, values: ScalarValue[][]): void {
    this.queueCall("add", [index ?? null, values], (table) => {
      const body = tableParts(table).body;
      const dataRows = body.rowCount;
      const at = index === null || index === undefined ? dataRows : index;
      if (at < 0 || at > dataRows) throw invalidArgument("row index");
      if (!Array.isArray(values) || values.some((row) => !Array.isArray(row) || row.length !== table.rect.columnCount)) {
        throw invalidArgument("the number of columns in the values doesn't match the table");
      }
      const sheet = table.sheet;
      const firstNew = body.row + at;
      sheet.shiftDown(firstNew, table.rect.column, table.rect.columnCount, values.length);
      values.forEach((row, r) => row.forEach((v, c) => sheet.input(firstNew + r, table.rect.column + c, v)));
      table.rect = { ...table.rect, rowCount: table.rect.rowCount + values.length };
      sheet.workbook.structureChanged();
      sheet.workbook.notifyChanged(sheet, { row: firstNew, column: table.rect.column, rowCount: values.length, columnCount: table.rect.columnCount });
    });
  }
}

// ---- Ranges --------------------------------------------------------------------------------------------------

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

// ---- Conditional formats -------------------------------------------------------------------------------------

export class ConditionalFormatCollection extends Collection<ConditionalFormatModel, ConditionalFormat> {
  protected readonly itemProperties = ["id", "type"] as const;
  constructor(
    context: StandinContext,
    path: string,
    private readonly range: () => RangeTarget,
  ) {
    super(context, path, () => {
      const target = range();
      return context.model.conditionalFormatsIn(target.sheet, target.rect);
    });
  }
  protected itemProxy(format: ConditionalFormatModel): ConditionalFormat {
    return ConditionalFormat.bound(this.context, format);
  }
  protected readItem(format: ConditionalFormatModel, name: string): unknown {
    return readConditionalFormat(format, name);
  }
  /** Only "Custom" (a formula rule) is modelled. */
  add(type: string): ConditionalFormat {
    let created: ConditionalFormatModel | undefined;
    this.queueCall("add", [type], () => {
      const target = this.range();
      if (type !== "Custom") throw new StandinError("NotImplemented", `Conditional format type ${type} is not modelled by the stand-in.`);
      created = this.context.model.addConditionalFormat(target.sheet, target.rect, type);
    });
    return new ConditionalFormat(this.context, `${this.path}.add(${quote(type)})`, () => {
      if (!created) throw new StandinError("InvalidOperation", "The conditional format was not added.");
      return created;
    });
  }
  private find(id: string): ConditionalFormatModel | undefined {
    return this.navigate().find((f) => f.id === id);
  }
  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, `${this.path}.getItem(${quote(id)})`, () => {
      const format = this.find(id);
      if (format === undefined) throw notFound(`conditional format ${quote(id)}`);
      return format;
    });
  }
  getItemOrNullObject(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, `${this.path}.getItemOrNullObject(${quote(id)})`, () => this.find(id) ?? null, { instantiate: true });
  }
}

function readConditionalFormat(format: ConditionalFormatModel, name: string): unknown {
  if (name === "id") return format.id;
  if (name === "type") return format.type;
  throw invalidArgument(`ConditionalFormat.${name}`);
}

export class ConditionalFormat extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = ["id", "type"] as const;
  static bound(context: StandinContext, format: ConditionalFormatModel): ConditionalFormat {
    return new ConditionalFormat(context, `conditionalFormat(${quote(format.id)})`, () => format, { bound: true });
  }
  protected readProperty(format: ConditionalFormatModel, name: string): unknown {
    return readConditionalFormat(format, name);
  }
  get id(): string {
    return this.loaded("id");
  }
  get type(): string {
    return this.loaded("type");
  }
  /** Fails at sync on a format that is not of type Custom, as Excel does. */
  get custom(): CustomConditionalFormat {
    return new CustomConditionalFormat(this.context, `${this.path}.custom`, () => {
      const format = this.navigate();
      if (format.type !== "Custom") throw new StandinError("InvalidOperation", "The conditional format is not of type Custom.");
      return format;
    });
  }
  getRange(): Range {
    return new Range(this.context, `${this.path}.getRange()`, () => {
      const format = this.navigate();
      return { sheet: format.sheet, rect: { ...format.rect } };
    });
  }
  delete(): void {
    this.queueCall("delete", [], (format) => format.sheet.workbook.deleteConditionalFormat(format));
  }
}

export class CustomConditionalFormat extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = [] as const;
  protected readProperty(_format: ConditionalFormatModel, name: string): unknown {
    throw invalidArgument(`CustomConditionalFormat.${name}`);
  }
  get rule(): ConditionalFormatRule {
    return new ConditionalFormatRule(this.context, `${this.path}.rule`, () => this.navigate());
  }
  get format(): ConditionalRangeFormat {
    return new ConditionalRangeFormat(this.context, `${this.path}.format`, () => this.navigate());
  }
}

export class ConditionalFormatRule extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = ["formula"] as const;
  protected readProperty(format: ConditionalFormatModel, name: string): unknown {
    if (name === "formula") return format.formula;
    throw invalidArgument(`ConditionalFormatRule.${name}`);
  }
  get formula(): string {
    return this.loaded("formula");
  }
  set formula(formula: string) {
    this.queueSet("formula", formula, (format) => {
      if (!formula.startsWith("=")) throw invalidArgument("a conditional format rule is a formula starting with =");
      format.formula = formula;
      format.sheet.workbook.notifyChanged(format.sheet, format.rect);
    });
  }
}

export class ConditionalRangeFormat extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = [] as const;
  protected readProperty(_format: ConditionalFormatModel, name: string): unknown {
    throw invalidArgument(`ConditionalRangeFormat.${name}`);
  }
  get fill(): ConditionalColor {
    return new ConditionalColor(this.context, `${this.path}.fill`, () => this.navigate(), "fill");
  }
  get font(): ConditionalColor {
    return new ConditionalColor(this.context, `${this.path}.font`, () => this.navigate(), "fontColor");
  }
}

export class ConditionalColor extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = ["color"] as const;
  constructor(
    context: StandinContext,
    path: string,
    resolver: () => ConditionalFormatModel | null,
    private readonly slot: "fill" | "fontColor",
  ) {
    super(context, path, resolver);
  }
  protected readProperty(format: ConditionalFormatModel, name: string): unknown {
    if (name === "color") return format[this.slot] ?? null;
    throw invalidArgument(`color.${name}`);
  }
  get color(): string {
    return this.loaded("color");
  }
  set color(color: string) {
    this.queueSet("color", color, (format) => {
      format[this.slot] = color;
      format.sheet.workbook.notifyChanged(format.sheet, format.rect);
    });
  }
}

// ---- Charts --------------------------------------------------------------------------------------------------

const CHART_TYPES = new Set(["Line", "LineMarkers", "ColumnClustered", "BarClustered", "Pie", "XYScatter", "Area"]);

export class ChartCollection extends Collection<ChartModel, Chart> {
  protected readonly itemProperties = ["name", "id"] as const;
  constructor(
    context: StandinContext,
    path: string,
    private readonly sheet: () => SheetModel,
  ) {
    super(context, path, () => {
      const s = sheet();
      return context.model.charts.filter((c) => c.sheet === s);
    });
  }
  protected itemProxy(chart: ChartModel): Chart {
    return new Chart(this.context, `chart(${quote(chart.id)})`, () => chart, { bound: true });
  }
  protected readItem(chart: ChartModel, name: string): unknown {
    return readChart(chart, name);
  }
  add(type: string, sourceData: Range, seriesBy: "Auto" | "Columns" | "Rows" = "Auto"): Chart {
    let created: ChartModel | undefined;
    this.queueCall("add", [type, sourceData.path, seriesBy], () => {
      const sheet = this.sheet();
      if (!CHART_TYPES.has(type)) throw invalidArgument(`chart type ${quote(type)}`);
      const source = sourceData.resolve();
      if (source === null) throw invalidArgument("chart source is a null range");
      const by = seriesBy === "Auto" ? (source.rect.rowCount >= source.rect.columnCount ? "Columns" : "Rows") : seriesBy;
      created = this.context.model.addChart(sheet, type, source, by);
    });
    return new Chart(this.context, `${this.path}.add(${quote(type)})`, () => {
      if (!created) throw new StandinError("InvalidOperation", "The chart was not added.");
      return created;
    });
  }
}

function readChart(chart: ChartModel, name: string): unknown {
  if (name === "name") return chart.name;
  if (name === "id") return chart.id;
  if (name === "chartType") return chart.type;
  throw invalidArgument(`Chart.${name}`);
}

export class Chart extends ClientObject<ChartModel> {
  protected readonly scalarProperties = ["name", "id", "chartType"] as const;
  protected readProperty(chart: ChartModel, name: string): unknown {
    return readChart(chart, name);
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(value: string) {
    this.queueSet("name", value, (chart) => {
      chart.name = value;
    });
  }
  get id(): string {
    return this.loaded("id");
  }
  get title(): ChartTitle {
    return new ChartTitle(this.context, `${this.path}.title`, () => this.navigate());
  }
  get series(): ChartSeriesCollection {
    return new ChartSeriesCollection(this.context, `${this.path}.series`, () => this.navigate());
  }
  get axes(): ChartAxes {
    return new ChartAxes(this.context, `${this.path}.axes`, () => this.navigate());
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    const text = (cell: Range | string | undefined) => (cell === undefined ? undefined : typeof cell === "string" ? cell : cell.path);
    this.queueCall("setPosition", [text(startCell), text(endCell)], (chart) => {
      const start = text(startCell) as string;
      if (typeof startCell === "string") parseRef(startCell);
      if (typeof endCell === "string") parseRef(endCell);
      chart.position = { start, end: text(endCell) };
    });
  }
  delete(): void {
    this.queueCall("delete", [], (chart) => chart.sheet.workbook.deleteChart(chart));
  }
}

export class ChartTitle extends ClientObject<ChartModel> {
  protected readonly scalarProperties = ["text"] as const;
  protected readProperty(chart: ChartModel, name: string): unknown {
    if (name === "text") return chart.title;
    throw invalidArgument(`ChartTitle.${name}`);
  }
  get text(): string {
    return this.loaded("text");
  }
  set text(text: string) {
    this.queueSet("text", text, (chart) => {
      chart.title = text;
    });
  }
}

export class ChartSeriesCollection extends ClientObject<ChartModel> {
  protected readonly scalarProperties = ["count"] as const;
  protected readProperty(chart: ChartModel, name: string): unknown {
    if (name === "count") return chart.seriesNames.length;
    throw invalidArgument(`ChartSeriesCollection.${name}`);
  }
  get count(): number {
    return this.loaded("count");
  }
  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, `${this.path}.getItemAt(${index})`, () => {
      const chart = this.navigate();
      if (index < 0 || index >= chart.seriesNames.length) throw notFound(`series ${index}`);
      return { chart, index };
    });
  }
}

export class ChartSeries extends ClientObject<{ chart: ChartModel; index: number }> {
  protected readonly scalarProperties = ["name"] as const;
  protected readProperty(target: { chart: ChartModel; index: number }, name: string): unknown {
    if (name === "name") return target.chart.seriesNames[target.index];
    throw invalidArgument(`ChartSeries.${name}`);
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(value: string) {
    this.queueSet("name", value, ({ chart, index }) => {
      chart.seriesNames[index] = value;
    });
  }
}

export class ChartAxes extends ClientObject<ChartModel> {
  protected readonly scalarProperties = [] as const;
  protected readProperty(_chart: ChartModel, name: string): unknown {
    throw invalidArgument(`ChartAxes.${name}`);
  }
  get categoryAxis(): ChartAxis {
    return new ChartAxis(this.context, `${this.path}.categoryAxis`, () => this.navigate());
  }
}

export class ChartAxis extends ClientObject<ChartModel> {
  protected readonly scalarProperties = [] as const;
  protected readProperty(_chart: ChartModel, name: string): unknown {
    throw invalidArgument(`ChartAxis.${name}`);
  }
  setCategoryNames(sourceData: Range): void {
    this.queueCall("setCategoryNames", [sourceData.path], (chart) => {
      const source = sourceData.resolve();
      if (source === null) throw invalidArgument("category names from a null range");
      chart.categories = source;
    });
  }
}

guardApiSets({
  Application,
  Chart,
  ChartAxis,
  ChartCollection,
  ConditionalColor,
  ConditionalFormat,
  ConditionalFormatCollection,
  ConditionalFormatRule,
  ConditionalRangeFormat,
  CustomConditionalFormat,
  Range,
  RangeFormat,
  Table,
  TableCollection,
  Worksheet,
  WorksheetCollection,
});
