/**
 * The workbook beside the pane: sheet tabs, a name box and formula bar, a grid of cells and the charts the
 * add-in wrote, all drawn from the stand-in's WorkbookModel (values calculated by the FormulaEngine).
 *
 * The user's typing goes in through WorkbookModel.userInput, exactly like typing into Excel: the text is parsed
 * as typed input and the input tables' onChanged handlers fire (Live mode). Cell text is always put on the page
 * with textContent, never as HTML; styles are set through the CSSOM (element.style), which the page's
 * Content-Security-Policy allows, never through style attributes.
 *
 * Keyboard: arrows move, Enter or F2 edits, typing replaces, Delete clears, Escape cancels an edit, Tab and
 * Enter commit and move. The name box takes an address (B12, 'Sourcing Results'!A3) to go to.
 */
import {
  type CellRect,
  cellRef,
  columnLetters,
  intersects,
  parseRef,
  sheetAddress,
  splitAddress,
} from "../layout/address";
import type {
  ChartModel,
  ConditionalFormatModel,
  ScalarValue,
  SheetModel,
  TableModel,
  WorkbookModel,
  WorkbookObserver,
} from "../office-standin/model";
import { renderLineChart } from "../taskpane/line-chart";
import { renderBarChart } from "./bar-chart";
import type { FormulaEngine } from "./formula-engine";
import { displayText } from "./number-format";

export interface WorkbookElements {
  nameBox: HTMLInputElement;
  formulaBar: HTMLInputElement;
  grid: HTMLElement;
  tabs: HTMLElement;
  note: HTMLElement;
}

const MIN_ROWS = 40;
const MIN_COLUMNS = 14;
const MAX_RENDERED_ROWS = 600;
const DEFAULT_COLUMN_PX = 72;
const ROW_HEADER_PX = 44;
/** Excel column widths are in points; the grid draws pixels. */
const PX_PER_POINT = 4 / 3;

/** What a cell's look depends on besides the cell itself, gathered once per drawing. */
interface CellSurroundings {
  tables: TableModel[];
  marks: ConditionalFormatModel[];
  selection: CellRect;
  cursor: { row: number; column: number };
}

export class WorkbookView implements WorkbookObserver {
  private editing: { input: HTMLInputElement; row: number; column: number } | undefined;
  private frame: number | undefined;
  /** Where each sheet's cursor was, so switching tabs comes back to it. */
  private readonly cursors = new Map<SheetModel, { row: number; column: number }>();
  private cells = new Map<number, HTMLTableCellElement>();
  /** Renders so far (the page's footer and the tests read it). */
  renders = 0;

  constructor(
    private readonly doc: Document,
    private readonly model: WorkbookModel,
    private readonly engine: FormulaEngine,
    private readonly el: WorkbookElements,
  ) {
    model.observers.add(this);
    el.grid.tabIndex = 0;
    el.grid.setAttribute("role", "grid");
    el.grid.setAttribute("aria-label", "Workbook cells");
    el.grid.addEventListener("keydown", (event) => this.onKey(event));
    el.grid.addEventListener("mousedown", (event) => this.onPointer(event));
    el.grid.addEventListener("dblclick", (event) => {
      const cell = this.cellOf(event.target);
      if (cell) this.beginEdit(cell.row, cell.column);
    });
    el.formulaBar.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        const { row, column } = this.cursor();
        this.commit(row, column, el.formulaBar.value);
        this.move(1, 0);
        el.grid.focus();
      } else if (event.key === "Escape") {
        this.render();
        el.grid.focus();
      }
    });
    el.nameBox.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      this.goTo(el.nameBox.value);
      el.grid.focus();
    });
    this.render();
  }

  // ---- Observer: redraw once per frame, whatever changed ------------------------------------------------

  cellsChanged(): void {
    this.schedule();
  }
  structureChanged(): void {
    this.schedule();
  }
  synced(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.render();
    });
  }

  // ---- Selection -------------------------------------------------------------------------------------------

  private sheet(): SheetModel {
    const sheet = this.model.activeSheet ?? this.model.sheets[0];
    return sheet;
  }

  private selection(): CellRect {
    const selection = this.model.selection;
    if (selection && "sheet" in selection && selection.sheet === this.sheet()) return selection.rect;
    const cursor = this.cursors.get(this.sheet()) ?? { row: 0, column: 0 };
    return { row: cursor.row, column: cursor.column, rowCount: 1, columnCount: 1 };
  }

  private cursor(): { row: number; column: number } {
    const rect = this.selection();
    return { row: rect.row, column: rect.column };
  }

  private select(row: number, column: number): void {
    const sheet = this.sheet();
    const r = Math.max(0, row);
    const c = Math.max(0, column);
    this.cursors.set(sheet, { row: r, column: c });
    this.model.userSelect(sheet.name, cellRef(r, c));
    this.render();
    this.cells.get(r * 16384 + c)?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  private move(rows: number, columns: number): void {
    const { row, column } = this.cursor();
    this.select(row + rows, column + columns);
  }

  /** Goes to an address typed in the name box (another sheet's too). */
  goTo(address: string): void {
    try {
      const { sheet, ref } = splitAddress(address.trim());
      const target = sheet === undefined ? this.sheet() : this.model.requireSheet(sheet);
      const rect = parseRef(ref);
      this.model.activeSheet = target;
      this.cursors.set(target, { row: rect.row, column: rect.column });
      this.model.userSelect(target.name, ref);
      this.render();
    } catch {
      this.el.note.textContent = `"${address}" is not a cell address on this workbook (for example B12 or 'Sourcing Results'!A3).`;
    }
  }

  showSheet(sheet: SheetModel): void {
    this.model.activeSheet = sheet;
    const cursor = this.cursors.get(sheet) ?? { row: 0, column: 0 };
    this.model.userSelect(sheet.name, cellRef(cursor.row, cursor.column));
    this.render();
  }

  // ---- Editing ---------------------------------------------------------------------------------------------

  /** What the formula bar and the editor show: the formula, or the value as typed. */
  private rawText(row: number, column: number): string {
    const { value, formula } = this.sheet().raw(row, column);
    if (formula !== undefined) return formula;
    if (value === undefined) return "";
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    return String(value);
  }

  private commit(row: number, column: number, text: string): void {
    const sheet = this.sheet();
    if (text === this.rawText(row, column)) return;
    // The user types: parsed as typed input, change events fire (Live mode listens).
    this.model.userInput(sheet.name, cellRef(row, column), [[text]]);
  }

  private beginEdit(row: number, column: number, initial?: string): void {
    this.endEdit(false);
    const td = this.cells.get(row * 16384 + column);
    if (!td) return;
    const input = this.doc.createElement("input");
    input.type = "text";
    input.className = "cell-editor";
    input.value = initial ?? this.rawText(row, column);
    input.setAttribute("aria-label", `Edit ${cellRef(row, column)}`);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        this.endEdit(true);
        if (event.key === "Enter") this.move(event.shiftKey ? -1 : 1, 0);
        else this.move(0, event.shiftKey ? -1 : 1);
        this.el.grid.focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        this.endEdit(false);
        this.el.grid.focus();
      }
      event.stopPropagation();
    });
    input.addEventListener("input", () => {
      this.el.formulaBar.value = input.value;
    });
    input.addEventListener("blur", () => this.endEdit(true));
    this.editing = { input, row, column };
    td.append(input);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  private endEdit(save: boolean): void {
    const editing = this.editing;
    if (!editing) return;
    this.editing = undefined;
    editing.input.remove();
    if (save) this.commit(editing.row, editing.column, editing.input.value);
    this.render();
  }

  private cellOf(target: EventTarget | null): { row: number; column: number } | undefined {
    const element = target instanceof Element ? target.closest("td[data-row]") : null;
    if (!element) return undefined;
    return { row: Number(element.getAttribute("data-row")), column: Number(element.getAttribute("data-column")) };
  }

  private onPointer(event: MouseEvent): void {
    if (event.target instanceof HTMLInputElement) return;
    const cell = this.cellOf(event.target);
    if (!cell) return;
    this.endEdit(true);
    this.select(cell.row, cell.column);
  }

  private onKey(event: KeyboardEvent): void {
    if (this.editing) return;
    const { row, column } = this.cursor();
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      this.move(move[0], move[1]);
    } else if (event.key === "Tab" && !event.shiftKey && column < this.extent().columns - 1) {
      event.preventDefault();
      this.move(0, 1);
    } else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      this.beginEdit(row, column);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      this.commit(row, column, "");
      this.render();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.beginEdit(row, column, event.key);
    }
  }

  // ---- Drawing ---------------------------------------------------------------------------------------------

  private extent(): { rows: number; columns: number } {
    const sheet = this.sheet();
    const used = sheet.usedRect(false);
    let rows = used ? used.row + used.rowCount + 8 : 0;
    let columns = used ? used.column + used.columnCount + 2 : 0;
    for (const chart of this.model.charts) {
      if (chart.sheet !== sheet || !chart.position) continue;
      const end = parseRef(chart.position.end ?? chart.position.start);
      rows = Math.max(rows, end.row + end.rowCount + 2);
      columns = Math.max(columns, end.column + end.columnCount + 1);
    }
    const cursor = this.selection();
    rows = Math.max(rows, cursor.row + cursor.rowCount + 4, MIN_ROWS);
    columns = Math.max(columns, cursor.column + cursor.columnCount + 2, MIN_COLUMNS);
    return { rows: Math.min(rows, MAX_RENDERED_ROWS), columns };
  }

  render(): void {
    if (this.editing) return; // never redraw under the user's typing
    this.renders++;
    const doc = this.doc;
    const sheet = this.sheet();
    const { rows, columns } = this.extent();
    const selection = this.selection();

    this.renderTabs();
    const cursor = this.cursor();
    this.el.nameBox.value = cellRef(cursor.row, cursor.column);
    if (doc.activeElement !== this.el.formulaBar) this.el.formulaBar.value = this.rawText(cursor.row, cursor.column);

    const table = doc.createElement("table");
    table.className = "grid-table";
    table.append(
      this.columnGroup(table, sheet, columns),
      this.columnHeaders(columns, selection),
      this.gridBody(sheet, rows, columns, selection),
    );

    const canvas = doc.createElement("div");
    canvas.className = "grid-canvas";
    canvas.append(table);
    const scroll = { left: this.el.grid.scrollLeft, top: this.el.grid.scrollTop };
    this.el.grid.replaceChildren(canvas);
    this.el.grid.setAttribute("aria-rowcount", String(rows));
    this.el.grid.setAttribute("aria-colcount", String(columns));
    this.placeCharts(canvas, sheet);
    this.el.grid.scrollLeft = scroll.left;
    this.el.grid.scrollTop = scroll.top;

    const used = sheet.usedRect(false);
    this.el.note.textContent =
      used && used.row + used.rowCount > MAX_RENDERED_ROWS
        ? `Showing the first ${MAX_RENDERED_ROWS} of ${used.row + used.rowCount} rows of "${sheet.name}".`
        : `${sheet.name}: ${used ? sheetAddress(sheet.name, used).split("!")[1] : "empty"} · calculated by HyperFormula`;
  }

  /** Column widths as the sheet sets them; a fixed layout needs the table's width too: the sum of its columns. */
  private columnGroup(table: HTMLTableElement, sheet: SheetModel, columns: number): HTMLTableColElement {
    const colgroup = this.doc.createElement("colgroup");
    const corner = this.doc.createElement("col");
    corner.style.width = `${ROW_HEADER_PX}px`;
    colgroup.append(corner);
    let tableWidth = ROW_HEADER_PX;
    for (let c = 0; c < columns; c++) {
      const col = this.doc.createElement("col");
      const points = sheet.columnWidths.get(c);
      const px = points === undefined ? DEFAULT_COLUMN_PX : Math.round(points * PX_PER_POINT);
      col.style.width = `${px}px`;
      tableWidth += px;
      colgroup.append(col);
    }
    table.style.width = `${tableWidth}px`;
    return colgroup;
  }

  /** The A, B, C… header row, with the selected columns highlighted. */
  private columnHeaders(columns: number, selection: CellRect): HTMLTableSectionElement {
    const head = this.doc.createElement("thead");
    const headRow = this.doc.createElement("tr");
    headRow.append(this.doc.createElement("th"));
    for (let c = 0; c < columns; c++) {
      const th = this.doc.createElement("th");
      th.scope = "col";
      th.textContent = columnLetters(c);
      if (c >= selection.column && c < selection.column + selection.columnCount) th.className = "grid-active-header";
      headRow.append(th);
    }
    head.append(headRow);
    return head;
  }

  /** The rows: a row header, then one cell per column; remembers each cell element for editing. */
  private gridBody(sheet: SheetModel, rows: number, columns: number, selection: CellRect): HTMLTableSectionElement {
    const tables = this.model.tablesOn(sheet);
    const marks = this.model.conditionalFormats.filter((f) => f.sheet === sheet && this.ruleHolds(sheet, f.formula));
    const cursor = this.cursor();
    const body = this.doc.createElement("tbody");
    this.cells = new Map();
    for (let r = 0; r < rows; r++) {
      const tr = this.doc.createElement("tr");
      const th = this.doc.createElement("th");
      th.scope = "row";
      th.textContent = String(r + 1);
      if (r >= selection.row && r < selection.row + selection.rowCount) th.className = "grid-active-header";
      tr.append(th);
      for (let c = 0; c < columns; c++) {
        const td = this.gridCell(sheet, r, c, columns, { tables, marks, selection, cursor });
        tr.append(td);
        this.cells.set(r * 16384 + c, td);
      }
      body.append(tr);
    }
    return body;
  }

  /** One cell as Excel would show it: value formatted, table banding, error marks, selection and cursor. */
  private gridCell(
    sheet: SheetModel,
    r: number,
    c: number,
    columns: number,
    around: CellSurroundings,
  ): HTMLTableCellElement {
    const td = this.doc.createElement("td");
    td.setAttribute("data-row", String(r));
    td.setAttribute("data-column", String(c));
    td.setAttribute("data-cell", cellRef(r, c));
    td.setAttribute("role", "gridcell");
    const snapshot = sheet.cell(r, c);
    const value = snapshot.value;
    const here = { row: r, column: c, rowCount: 1, columnCount: 1 };
    const classes = ["cell"];
    if (typeof value === "number") classes.push("cell-number");
    if (typeof value === "boolean") classes.push("cell-boolean");
    if (typeof value === "string" && /^#[A-Z/0!?]+[!?A]?$/.test(value) && snapshot.formula !== undefined) {
      classes.push("cell-error");
      const message = this.engine.errorMessage(sheet, r, c);
      if (message) td.title = message;
    }
    if (snapshot.formula !== undefined) classes.push("cell-formula");
    const style = sheet.style(r, c);
    if (style.bold) classes.push("cell-bold");
    if (style.italic) classes.push("cell-italic");
    const inTable = around.tables.find((t) => intersects(t.rect, here));
    if (inTable)
      classes.push(
        r === inTable.rect.row
          ? "cell-table-header"
          : (r - inTable.rect.row) % 2 === 0
            ? "cell-table-band"
            : "cell-table-row",
      );
    if (style.fill) td.style.backgroundColor = style.fill;
    if (style.fontColor) td.style.color = style.fontColor;
    const mark = around.marks.find((f) => intersects(f.rect, here));
    if (mark) {
      classes.push("cell-marked");
      if (mark.fill) td.style.backgroundColor = mark.fill;
      if (mark.fontColor) td.style.color = mark.fontColor;
    }
    if (intersects(around.selection, here)) classes.push("cell-selected");
    if (r === around.cursor.row && c === around.cursor.column) {
      classes.push("cell-cursor");
      td.setAttribute("aria-selected", "true");
    }
    const text = displayText(value, snapshot.numberFormat);
    // Text runs over empty neighbours, as in Excel.
    if (
      typeof value === "string" &&
      text !== "" &&
      c + 1 < columns &&
      sheet.isEmpty(r, c + 1) &&
      sheet.cell(r, c + 1).value === ""
    )
      classes.push("cell-overflow");
    td.className = classes.join(" ");
    td.textContent = text;
    return td;
  }

  /** Conditional-format rules are formulas: HyperFormula evaluates them (the add-in's marks are always true). */
  private ruleHolds(sheet: SheetModel, formula: string): boolean {
    if (formula === "") return false;
    try {
      const id = this.engine.hf.getSheetId(sheet.name);
      return id !== undefined && this.engine.hf.calculateFormula(formula, id) === true;
    } catch {
      return false;
    }
  }

  private renderTabs(): void {
    const active = this.sheet();
    const tabs = this.model.sheets
      .filter((s) => s.visibility === "Visible")
      .map((sheet) => {
        const button = this.doc.createElement("button");
        button.type = "button";
        button.className = sheet === active ? "sheet-tab sheet-tab-active" : "sheet-tab";
        button.setAttribute("role", "tab");
        button.setAttribute("aria-selected", String(sheet === active));
        button.textContent = sheet.name;
        button.addEventListener("click", () => this.showSheet(sheet));
        return button;
      });
    this.el.tabs.setAttribute("role", "tablist");
    this.el.tabs.setAttribute("aria-label", "Sheets");
    this.el.tabs.replaceChildren(...tabs);
  }

  /** Each chart of the sheet, drawn as SVG over the cells its position names (A3:I18). */
  private placeCharts(canvas: HTMLElement, sheet: SheetModel): void {
    const charts = this.model.charts.filter((c) => c.sheet === sheet);
    charts.forEach((chart, i) => {
      const start = parseRef(chart.position?.start ?? cellRef(2 + i * 18, 0));
      const end = chart.position?.end
        ? parseRef(chart.position.end)
        : { ...start, row: start.row + 15, column: start.column + 8 };
      const first = this.cells.get(start.row * 16384 + start.column);
      const last = this.cells.get(end.row * 16384 + end.column);
      if (!first || !last) return;
      const box = this.doc.createElement("div");
      box.className = "grid-chart";
      box.setAttribute("data-chart", chart.name);
      const left = first.offsetLeft;
      const top = first.offsetTop;
      const width = Math.max(200, last.offsetLeft + last.offsetWidth - left);
      const height = Math.max(140, last.offsetTop + last.offsetHeight - top);
      box.style.left = `${left}px`;
      box.style.top = `${top}px`;
      box.style.width = `${width}px`;
      box.style.height = `${height}px`;
      box.setAttribute("data-chart-type", chart.type);
      const data = { ...chartSeries(chart), width: width - 16, height: height - 64 };
      const orientation =
        chart.type === "ColumnClustered" ? "column" : chart.type === "BarClustered" ? "bar" : undefined;
      box.append(orientation ? renderBarChart(this.doc, { ...data, orientation }) : renderLineChart(this.doc, data));
      canvas.append(box);
    });
  }
}

/** A chart's data as Excel would plot it: one series per column (or row) of its source range. */
export function chartSeries(chart: ChartModel): {
  title: string;
  categories: (string | number)[];
  series: { name: string; values: (number | null)[] }[];
} {
  const { sheet, rect } = chart.source;
  const byColumns = chart.seriesBy === "Columns";
  const count = byColumns ? rect.columnCount : rect.rowCount;
  const length = byColumns ? rect.rowCount : rect.columnCount;
  const number = (value: ScalarValue | "") => (typeof value === "number" ? value : null);
  const series = Array.from({ length: count }, (_, s) => ({
    name: chart.seriesNames[s] ?? `Series${s + 1}`,
    values: Array.from({ length }, (_, i) =>
      number(
        byColumns ? sheet.cell(rect.row + i, rect.column + s).value : sheet.cell(rect.row + s, rect.column + i).value,
      ),
    ),
  }));
  const categories: (string | number)[] = chart.categories
    ? Array.from({ length }, (_, i) => {
        const source = chart.categories as { sheet: SheetModel; rect: CellRect };
        const vertical = source.rect.rowCount >= source.rect.columnCount;
        const value = source.sheet.cell(
          source.rect.row + (vertical ? i : 0),
          source.rect.column + (vertical ? 0 : i),
        ).value;
        return typeof value === "boolean" ? String(value) : value;
      })
    : Array.from({ length }, (_, i) => i + 1);
  return { title: chart.title, categories, series };
}
