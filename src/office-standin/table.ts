/** Excel.TableCollection, Excel.Table and its columns and rows: header, data body and totals as ranges. */
import { type CellRect, parseRef, splitAddress } from "../layout/address";
import { ClientObject } from "./context";
import { ChangedEvent } from "./events";
import type { ScalarValue, SheetModel, TableModel } from "./model";
import { StandinError, invalidArgument, notFound, quote, tableColumnNames, tableParts } from "./model";
import { Collection, type RangeTarget, modelField, propertyFamily, proxyWithProperties } from "./proxy-common";
import { Range } from "./range";
import { Worksheet } from "./worksheet";

const TABLE = propertyFamily<TableModel>()({
  name: "Table",
  unknownNote: " is not available in the stand-in",
  properties: {
    name: {
      read: (table): string => table.name,
      write: (table, value: string) => table.sheet.workbook.renameTable(table, value),
    },
    id: { read: (table): string => table.id },
    style: modelField("style"),
    showHeaders: {
      read: (table): boolean => table.showHeaders,
      write: (table, show: boolean) => table.sheet.workbook.setTableOptions(table, { showHeaders: show }),
    },
    showTotals: {
      read: (table): boolean => table.showTotals,
      write: (table, show: boolean) => table.sheet.workbook.setTableOptions(table, { showTotals: show }),
    },
  },
});

/** The owner is a sheet (only the tables on it) or undefined (the workbook's tables). */
export class TableCollection extends Collection<TableModel, Table, SheetModel | null | undefined> {
  protected readonly itemType = { Proxy: Table, addressedAs: "table", family: TABLE };
  protected itemsOf(sheet: SheetModel | null | undefined): TableModel[] | null {
    if (sheet === null) return null;
    return this.context.model.tables.filter((t) => sheet === undefined || t.sheet === sheet);
  }
  private find(name: string): TableModel | null | undefined {
    const sheet = this.owner();
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
    return new Table(this.context, `${this.path}.getItemOrNullObject(${quote(name)})`, () => this.find(name) ?? null, {
      instantiate: true,
    });
  }
  /** `address` is a Range or an address; on the workbook's collection it must name its sheet. */
  add(address: Range | string, hasHeaders: boolean): Table {
    const where = typeof address === "string" ? address : address.path;
    return this.queueAdd(`${this.path}.add(${quote(where)})`, [where, hasHeaders], "table", () => {
      const model = this.context.model;
      let target: RangeTarget;
      if (typeof address === "string") {
        const { sheet: sheetName, ref } = splitAddress(address);
        const scoped = this.owner();
        const sheet = sheetName !== undefined ? model.requireSheet(sheetName) : scoped;
        if (!sheet) throw invalidArgument(`table address ${quote(address)} needs a sheet`);
        target = { sheet, rect: parseRef(ref) };
      } else {
        const resolved = address.resolve();
        if (resolved === null) throw invalidArgument("null range");
        target = resolved;
      }
      return model.addTable(target.sheet, target.rect, hasHeaders);
    });
  }
}

export class Table extends proxyWithProperties(TABLE) {
  get worksheet(): Worksheet {
    return this.child(Worksheet, "worksheet", ({ sheet }) => sheet);
  }
  get columns(): TableColumnCollection {
    return this.child(TableColumnCollection, "columns");
  }
  get rows(): TableRowCollection {
    return this.child(TableRowCollection, "rows");
  }
  get onChanged(): ChangedEvent {
    return new ChangedEvent(this.context, "table", () => this.target("onChanged.add").id);
  }
  private part(path: string, pick: (t: TableModel) => CellRect | null): Range {
    return new Range(this.context, `${this.path}.${path}`, () => {
      const table = this.navigate();
      const rect = pick(table);
      // Office.js is silent on a hidden header row or totals row; the stand-in fails, the stricter reading.
      if (rect === null)
        throw new StandinError("InvalidOperation", `${path}: the table does not show that row.`, this.path);
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
    const raw =
      option === undefined
        ? ["count"]
        : typeof option === "string"
          ? option.split(",")
          : Array.isArray(option)
            ? option
            : ["count"];
    const names = raw.map((n) => n.trim()).filter((n) => n !== "");
    this.context.enqueue({ path: this.path, op: "load", names }, () => {
      const table = this.navigate();
      const data: Record<string, unknown> = {};
      for (const name of names) {
        if (name === "count") data.count = table.rect.columnCount;
        else if (name === "items/name" || name === "items")
          data.items = tableColumnNames(table).map((n) => ({ name: n }));
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
      if (
        !Array.isArray(values) ||
        values.some((row) => !Array.isArray(row) || row.length !== table.rect.columnCount)
      ) {
        throw invalidArgument("the number of columns in the values doesn't match the table");
      }
      const sheet = table.sheet;
      const firstNew = body.row + at;
      sheet.shiftDown(firstNew, table.rect.column, table.rect.columnCount, values.length);
      values.forEach((row, r) => row.forEach((v, c) => sheet.input(firstNew + r, table.rect.column + c, v)));
      table.rect = { ...table.rect, rowCount: table.rect.rowCount + values.length };
      sheet.workbook.structureChanged();
      sheet.workbook.notifyChanged(sheet, {
        row: firstNew,
        column: table.rect.column,
        rowCount: values.length,
        columnCount: table.rect.columnCount,
      });
    });
  }
}
