/** Excel.WorksheetCollection and Excel.Worksheet: sheets by name, and the ranges, tables and charts on one. */
import { type CellRect, MAX_COLUMNS, MAX_ROWS, parseRef, splitAddress } from "../layout/address";
import { ChartCollection } from "./chart";
import type { StandinContext } from "./context";
import { ChangedEvent } from "./events";
import { type SheetModel, StandinError, type WorkbookModel, invalidArgument, notFound, quote } from "./model";
import { Collection, noProperties, propertyFamily, proxyWithProperties } from "./proxy-common";
import { Range } from "./range";
import { TableCollection } from "./table";

const WORKSHEET = propertyFamily<SheetModel>()({
  name: "Worksheet",
  unknownNote: " is not available in the stand-in",
  properties: {
    name: {
      read: (sheet): string => sheet.name,
      write: (sheet, value: string) => {
        const other = sheet.workbook.sheet(value);
        if (other && other !== sheet)
          throw new StandinError(
            "ItemAlreadyExists",
            `A resource with the same name or identifier already exists. (sheet ${quote(value)})`,
          );
        sheet.name = value;
      },
    },
    id: { read: (sheet): string => sheet.id },
    position: {
      read: (sheet): number => sheet.workbook.sheets.indexOf(sheet),
      // Office.js moves the sheet to that zero-based place; one outside the workbook's sheets is refused.
      write: (sheet, position: number) => sheet.workbook.moveSheet(sheet, position),
    },
    visibility: { read: (sheet): string => sheet.visibility },
  },
});

export class WorksheetCollection extends Collection<SheetModel, Worksheet, WorkbookModel> {
  protected readonly itemType = { Proxy: Worksheet, addressedAs: "worksheet", family: WORKSHEET };
  constructor(context: StandinContext) {
    super(context, "workbook.worksheets", () => context.model);
  }
  protected itemsOf(model: WorkbookModel): SheetModel[] {
    return model.sheets.slice();
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
    return new Worksheet(
      this.context,
      `worksheets.getItemOrNullObject(${quote(name)})`,
      () => model.sheet(name) ?? null,
      { instantiate: true },
    );
  }
  getActiveWorksheet(): Worksheet {
    const model = this.context.model;
    return new Worksheet(this.context, "worksheets.getActiveWorksheet()", () => {
      if (!model.activeSheet) throw notFound("active worksheet");
      return model.activeSheet;
    });
  }
  add(name?: string): Worksheet {
    return this.queueAdd(`worksheets.add(${quote(name ?? "")})`, [name], "worksheet", () =>
      this.context.model.addSheet(name),
    );
  }
}

export class Worksheet extends proxyWithProperties(WORKSHEET) {
  get tables(): TableCollection {
    return this.child(TableCollection, "tables");
  }
  get charts(): ChartCollection {
    return this.child(ChartCollection, "charts");
  }
  get freezePanes(): WorksheetFreezePanes {
    return this.child(WorksheetFreezePanes, "freezePanes");
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
      if (address === undefined || address === "")
        return { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS };
      const { sheet, ref } = splitAddress(address);
      if (sheet !== undefined && sheet.toLowerCase() !== this.resolve()?.name.toLowerCase())
        throw invalidArgument(`address ${address} is on another sheet`);
      try {
        return parseRef(ref);
      } catch {
        throw invalidArgument(`address ${quote(address)}`);
      }
    });
  }
  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): Range {
    return this.range(`getRangeByIndexes(${row},${column},${rowCount},${columnCount})`, () => {
      if (
        row < 0 ||
        column < 0 ||
        rowCount < 1 ||
        columnCount < 1 ||
        row + rowCount > MAX_ROWS ||
        column + columnCount > MAX_COLUMNS
      ) {
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
    return this.range(
      `getUsedRange(${valuesOnly})`,
      (sheet) => sheet.usedRect(valuesOnly) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
    );
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

/**
 * Excel.WorksheetFreezePanes: the rows and columns that stay in view. Counts are checked against the sheet's size;
 * freezeAt takes a range object (an address string, also allowed by Office.js, is not modelled).
 */
export class WorksheetFreezePanes extends proxyWithProperties(noProperties<SheetModel>("WorksheetFreezePanes")) {
  freezeRows(count = 1): void {
    this.queueCall("freezeRows", [count], (sheet) => {
      if (!Number.isInteger(count) || count < 0 || count > MAX_ROWS) throw invalidArgument("row count");
      sheet.frozen = { ...sheet.frozen, rows: count };
    });
  }
  freezeColumns(count = 1): void {
    this.queueCall("freezeColumns", [count], (sheet) => {
      if (!Number.isInteger(count) || count < 0 || count > MAX_COLUMNS) throw invalidArgument("column count");
      sheet.frozen = { ...sheet.frozen, columns: count };
    });
  }
  /** Freezes the rows and columns from A1 to the range's bottom-right cell. */
  freezeAt(frozenRange: Range): void {
    this.queueCall("freezeAt", ["range"], (sheet) => {
      const { sheet: rangeSheet, rect } = frozenRange.navigate();
      if (rangeSheet !== sheet) throw invalidArgument("the range is on another sheet");
      sheet.frozen = { rows: rect.row + rect.rowCount, columns: rect.column + rect.columnCount };
    });
  }
  unfreeze(): void {
    this.queueCall("unfreeze", [], (sheet) => {
      sheet.frozen = { rows: 0, columns: 0 };
    });
  }
}
