/** Excel.WorksheetCollection and Excel.Worksheet: sheets by name, and the ranges, tables and charts on one. */
import { type CellRect, MAX_COLUMNS, MAX_ROWS, parseRef, splitAddress } from "../layout/address";
import { ChartCollection } from "./chart";
import { ClientObject, type StandinContext } from "./context";
import { ChangedEvent } from "./events";
import { type SheetModel, StandinError } from "./model";
import { Collection, invalidArgument, notFound, quote } from "./proxy-common";
import { Range } from "./range";
import { TableCollection } from "./table";

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
