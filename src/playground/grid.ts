/**
 * The workbook beside the pane: sheet tabs, a name box and formula bar, a grid of cells and the charts the
 * add-in wrote, all drawn from the stand-in's WorkbookModel (values calculated by the FormulaEngine).
 *
 * The user's typing goes in through WorkbookModel.userInput, exactly like typing into Excel: the text is parsed
 * as typed input and the input tables' onChanged handlers fire (Live mode). Cell text is always put on the page
 * with textContent, never as HTML; styles are set through the CSSOM (element.style), which the page's
 * Content-Security-Policy allows, never through style attributes.
 *
 * The cell elements are built once per sheet and size and then updated in place: selecting a cell only moves
 * classes, so a click and a double-click reach the cell that was pressed (double-click edits, as in Excel).
 *
 * Keyboard, as in Excel: arrows move (Shift extends the selection, Ctrl jumps to the edge of the data), Home,
 * Ctrl+Home, Page Up/Down; F2 or Enter edits, typing replaces, Delete clears the selection, Backspace clears and
 * edits, Escape cancels an edit; Ctrl+C and Ctrl+V copy and paste tab-separated text (Excel's clipboard text).
 * While editing, Enter and Tab commit and move (Enter after a run of Tabs goes back to the run's first column);
 * within a selection of several cells Tab and Enter move inside it. Otherwise Tab leaves the grid: the grid is
 * one tab stop (roving tabindex, only the active cell is tabbable), so the pane and the sheet tabs are one Tab
 * away. The name box takes an address (B12, 'Sourcing Results'!A3) to go to; shift-click and dragging select.
 */
import {
  type CellRect,
  cellRef,
  columnLetters,
  contains,
  intersects,
  parseRef,
  rectRef,
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
import { type AxisTitles, renderLineChart } from "../taskpane/line-chart";
import { svgDashOf } from "../layout/chart-looks";
import { type BarSeries, renderBarChart } from "./bar-chart";
import type { FormulaEngine } from "./formula-engine";
import { displayText } from "../layout/displayed-text";

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
/** Rows Page Up and Page Down move, about a screenful. */
const PAGE_ROWS = 20;

interface CellPosition {
  row: number;
  column: number;
}

/** What a cell's look depends on besides the cell itself, gathered once per drawing. */
interface CellSurroundings {
  tables: TableModel[];
  marks: ConditionalFormatModel[];
}

/** What the drawn table was built for: while these stay the same, the cells are updated in place. */
interface DrawnShape {
  sheet: SheetModel;
  rows: number;
  columns: number;
  widths: string;
}

const cellKey = (row: number, column: number): number => row * 16384 + column;

/** The rectangle with these two opposite corners. */
function span(a: CellPosition, b: CellPosition): CellRect {
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return { row, column, rowCount: Math.abs(a.row - b.row) + 1, columnCount: Math.abs(a.column - b.column) + 1 };
}

const isSingleCell = (rect: CellRect): boolean => rect.rowCount === 1 && rect.columnCount === 1;

export class WorkbookView implements WorkbookObserver {
  private editing: { input: HTMLInputElement; row: number; column: number } | undefined;
  private frame: number | undefined;
  /** Each sheet's active cell, so switching tabs comes back to it. */
  private readonly cursors = new Map<SheetModel, CellPosition>();
  /** The corner of the selection that Shift+arrow and dragging move (the other corner is the active cell). */
  private selectionEnd: CellPosition | undefined;
  /** Where a run of Tabs started: Enter then goes down to this column, as in Excel. */
  private tabRunColumn: number | undefined;
  private dragging = false;
  private drawn: DrawnShape | undefined;
  private canvas: HTMLElement | undefined;
  private cells = new Map<number, HTMLTableCellElement>();
  private columnHeaderCells: HTMLTableCellElement[] = [];
  private rowHeaderCells: HTMLTableCellElement[] = [];
  /** The elements paintSelection marked last time, to unmark them without visiting every cell. */
  private marked: HTMLElement[] = [];
  /** Renders so far (the page's footer and the tests read it). */
  renders = 0;
  /** Times the cell elements were built anew (a test checks that selecting never does it). */
  rebuilds = 0;

  constructor(
    private readonly doc: Document,
    private readonly model: WorkbookModel,
    private readonly engine: FormulaEngine,
    private readonly el: WorkbookElements,
  ) {
    model.observers.add(this);
    el.grid.setAttribute("role", "grid");
    el.grid.setAttribute("aria-label", "Workbook cells");
    el.grid.addEventListener("keydown", (event) => this.onKey(event));
    el.grid.addEventListener("mousedown", (event) => this.onPointerDown(event));
    el.grid.addEventListener("mouseover", (event) => this.onPointerOver(event));
    doc.addEventListener("mouseup", () => {
      this.dragging = false;
    });
    el.grid.addEventListener("copy", (event) => this.onCopy(event));
    el.grid.addEventListener("paste", (event) => this.onPaste(event));
    el.grid.addEventListener("dblclick", (event) => {
      const cell = this.cellOf(event.target);
      if (cell && !(this.editing?.row === cell.row && this.editing.column === cell.column))
        this.beginEdit(cell.row, cell.column);
    });
    el.formulaBar.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        const { row, column } = this.cursor();
        this.commit(row, column, el.formulaBar.value);
        this.move(1, 0);
        this.focusGrid();
      } else if (event.key === "Escape") {
        event.preventDefault();
        el.formulaBar.value = this.rawText(this.cursor().row, this.cursor().column);
        this.focusGrid();
      }
    });
    el.nameBox.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      this.goTo(el.nameBox.value);
      this.focusGrid();
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

  /** The active cell: where the user started the selection, or its top-left cell when the add-in selected it. */
  private cursor(): CellPosition {
    const rect = this.selection();
    const active = this.cursors.get(this.sheet());
    if (active && contains(rect, { ...active, rowCount: 1, columnCount: 1 })) return active;
    return { row: rect.row, column: rect.column };
  }

  /** Selects one cell, or with `extend` the range from the active cell to it. */
  private select(row: number, column: number, extend = false): void {
    const sheet = this.sheet();
    const target = { row: Math.max(0, row), column: Math.max(0, column) };
    if (extend) {
      this.selectionEnd = target;
      this.model.userSelect(sheet.name, rectRef(span(this.cursor(), target)));
    } else {
      this.selectionEnd = undefined;
      this.cursors.set(sheet, target);
      this.model.userSelect(sheet.name, cellRef(target.row, target.column));
    }
    this.refresh();
    this.cells.get(cellKey(target.row, target.column))?.scrollIntoView({ block: "nearest", inline: "nearest" });
    if (this.el.grid.contains(this.doc.activeElement)) this.focusGrid();
  }

  private move(rows: number, columns: number): void {
    this.tabRunColumn = undefined;
    const { row, column } = this.cursor();
    this.select(row + rows, column + columns);
  }

  /** Shift+arrow: moves the selection's far corner, the active cell stays. */
  private extend(rows: number, columns: number): void {
    const end = this.selectionEnd ?? this.cursor();
    this.select(end.row + rows, end.column + columns, true);
  }

  /**
   * Enter or Tab after an edit, or inside a selection of several cells: inside a selection the active cell
   * walks it row by row (Tab) or column by column (Enter) and wraps, as in Excel; otherwise it moves one cell,
   * and Enter after a run of Tabs goes back to the column where the run started.
   */
  private advance(key: "Enter" | "Tab", backwards: boolean): void {
    const rect = this.selection();
    const { row, column } = this.cursor();
    if (!isSingleCell(rect)) {
      const step = backwards ? -1 : 1;
      const across = key === "Tab";
      const size = rect.rowCount * rect.columnCount;
      const index = across
        ? (row - rect.row) * rect.columnCount + (column - rect.column)
        : (column - rect.column) * rect.rowCount + (row - rect.row);
      const next = (index + step + size) % size;
      const position = across
        ? { row: rect.row + Math.floor(next / rect.columnCount), column: rect.column + (next % rect.columnCount) }
        : { row: rect.row + (next % rect.rowCount), column: rect.column + Math.floor(next / rect.rowCount) };
      // The selection stays; only the active cell moves within it.
      this.cursors.set(this.sheet(), position);
      this.refresh();
      if (this.el.grid.contains(this.doc.activeElement)) this.focusGrid();
      this.cells.get(cellKey(position.row, position.column))?.scrollIntoView({ block: "nearest", inline: "nearest" });
      return;
    }
    if (key === "Tab") {
      const runColumn = this.tabRunColumn ?? column;
      this.move(0, backwards ? -1 : 1);
      this.tabRunColumn = backwards ? undefined : runColumn;
    } else {
      const returnColumn = this.tabRunColumn ?? column;
      this.tabRunColumn = undefined;
      this.select(row + (backwards ? -1 : 1), backwards ? column : returnColumn);
    }
  }

  /** Goes to an address typed in the name box (another sheet's too). */
  goTo(address: string): void {
    try {
      const { sheet, ref } = splitAddress(address.trim());
      const target = sheet === undefined ? this.sheet() : this.model.requireSheet(sheet);
      const rect = parseRef(ref);
      this.model.activeSheet = target;
      this.cursors.set(target, { row: rect.row, column: rect.column });
      this.selectionEnd = undefined;
      this.model.userSelect(target.name, ref);
      this.render();
      this.cells.get(cellKey(rect.row, rect.column))?.scrollIntoView({ block: "nearest", inline: "nearest" });
    } catch {
      this.el.note.textContent = `"${address}" is not a cell address on this workbook (for example B12 or 'Sourcing Results'!A3).`;
    }
  }

  showSheet(sheet: SheetModel): void {
    this.endEdit(true);
    this.model.activeSheet = sheet;
    const cursor = this.cursors.get(sheet) ?? { row: 0, column: 0 };
    this.selectionEnd = undefined;
    this.model.userSelect(sheet.name, cellRef(cursor.row, cursor.column));
    this.render();
  }

  /** Puts keyboard focus on the active cell, the grid's one tab stop. */
  private focusGrid(): void {
    const { row, column } = this.cursor();
    (this.cells.get(cellKey(row, column)) ?? this.cells.get(0))?.focus({ preventScroll: true });
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

  /** Delete: empties every cell of the selection that holds something, in one change (one Live run). */
  private clearSelection(): void {
    const rect = this.selection();
    let holdsSomething = false;
    for (let r = rect.row; r < rect.row + rect.rowCount && !holdsSomething; r++)
      for (let c = rect.column; c < rect.column + rect.columnCount && !holdsSomething; c++)
        holdsSomething = this.rawText(r, c) !== "";
    if (!holdsSomething) return;
    const blanks = Array.from({ length: rect.rowCount }, () => Array.from({ length: rect.columnCount }, () => ""));
    this.model.userInput(this.sheet().name, rectRef(rect), blanks);
  }

  /** Ctrl+C: the selection as tab-separated text, as Excel puts it on the clipboard (formulas as their values). */
  private onCopy(event: ClipboardEvent): void {
    if (this.editing || !event.clipboardData) return;
    const rect = this.selection();
    const sheet = this.sheet();
    const lines: string[] = [];
    for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
      const texts: string[] = [];
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
        const snapshot = sheet.cell(r, c);
        texts.push(snapshot.formula === undefined ? this.rawText(r, c) : displayText(snapshot.value, "General"));
      }
      lines.push(texts.join("\t"));
    }
    event.clipboardData.setData("text/plain", lines.join("\r\n"));
    event.preventDefault();
  }

  /** Ctrl+V: tab-separated text goes in from the active cell as typed input (one change, one Live run). */
  private onPaste(event: ClipboardEvent): void {
    if (this.editing || !event.clipboardData) return;
    const text = event.clipboardData.getData("text/plain").replace(/(\r?\n)+$/, "");
    if (text === "") return;
    event.preventDefault();
    const rows = text.split(/\r?\n/).map((line) => line.split("\t"));
    const width = Math.max(...rows.map((r) => r.length));
    const values = rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => "")]);
    const { row, column } = this.cursor();
    const pasted = { row, column, rowCount: values.length, columnCount: width };
    this.model.userInput(this.sheet().name, rectRef(pasted), values);
    // The pasted range stays selected, as in Excel.
    this.selectionEnd = { row: row + values.length - 1, column: column + width - 1 };
    this.model.userSelect(this.sheet().name, rectRef(pasted));
    this.refresh();
  }

  private beginEdit(row: number, column: number, initial?: string): void {
    this.endEdit(true);
    const td = this.cells.get(cellKey(row, column));
    if (!td) return;
    const input = this.doc.createElement("input");
    input.type = "text";
    input.className = "cell-editor";
    input.value = initial ?? this.rawText(row, column);
    input.spellcheck = false;
    input.autocomplete = "off";
    input.setAttribute("aria-label", `Edit ${cellRef(row, column)}`);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        this.endEdit(true);
        this.advance(event.key, event.shiftKey);
        this.focusGrid();
      } else if (event.key === "Escape") {
        event.preventDefault();
        this.endEdit(false);
        this.focusGrid();
      }
      event.stopPropagation();
    });
    input.addEventListener("input", () => {
      this.el.formulaBar.value = input.value;
    });
    input.addEventListener("blur", () => this.endEdit(true));
    this.editing = { input, row, column };
    td.classList.add("cell-editing");
    td.append(input);
    this.el.formulaBar.value = input.value;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  /**
   * Closes the editor; with `save`, the text goes in (the model's change then redraws the cells in place on
   * the next frame). Without it, the cell and the formula bar show what they showed before (Escape).
   */
  private endEdit(save: boolean): void {
    const editing = this.editing;
    if (!editing) return;
    this.editing = undefined;
    const hadFocus = this.doc.activeElement === editing.input;
    editing.input.parentElement?.classList.remove("cell-editing");
    editing.input.remove();
    if (save) this.commit(editing.row, editing.column, editing.input.value);
    if (hadFocus) this.focusGrid();
    this.paintSelection();
  }

  private cellOf(target: EventTarget | null): CellPosition | undefined {
    const element = target instanceof Element ? target.closest("td[data-row]") : null;
    if (!element) return undefined;
    return { row: Number(element.getAttribute("data-row")), column: Number(element.getAttribute("data-column")) };
  }

  private onPointerDown(event: MouseEvent): void {
    if (event.button !== 0 || event.target instanceof HTMLInputElement) return;
    const cell = this.cellOf(event.target);
    if (!cell) return;
    this.endEdit(true);
    this.tabRunColumn = undefined;
    this.select(cell.row, cell.column, event.shiftKey);
    this.dragging = true;
  }

  /** Dragging with the button held selects the range from the pressed cell. */
  private onPointerOver(event: MouseEvent): void {
    if (!this.dragging || this.editing || (event.buttons & 1) === 0) return;
    const cell = this.cellOf(event.target);
    const end = this.selectionEnd ?? this.cursor();
    if (cell && (cell.row !== end.row || cell.column !== end.column)) this.select(cell.row, cell.column, true);
  }

  private onKey(event: KeyboardEvent): void {
    if (this.editing || event.target instanceof HTMLInputElement) return;
    const { row, column } = this.cursor();
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageUp: [-PAGE_ROWS, 0],
      PageDown: [PAGE_ROWS, 0],
    };
    const move = moves[event.key];
    const command = event.ctrlKey || event.metaKey;
    if (move && command && event.key.startsWith("Arrow")) {
      // Ctrl+arrow jumps to the edge of the data, as in Excel (Shift too extends the selection there).
      event.preventDefault();
      const from = event.shiftKey ? (this.selectionEnd ?? this.cursor()) : this.cursor();
      const to = this.dataEdge(from, move[0], move[1]);
      if (event.shiftKey) this.select(to.row, to.column, true);
      else {
        this.tabRunColumn = undefined;
        this.select(to.row, to.column);
      }
    } else if (move) {
      event.preventDefault();
      if (event.shiftKey) this.extend(move[0], move[1]);
      else this.move(move[0], move[1]);
    } else if (event.key === "Home") {
      event.preventDefault();
      this.tabRunColumn = undefined;
      this.select(command ? 0 : row, 0);
    } else if (event.key === "Tab") {
      // One tab stop: Tab leaves the grid, except inside a selection of several cells (Excel walks it).
      if (isSingleCell(this.selection())) return;
      event.preventDefault();
      this.advance("Tab", event.shiftKey);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (isSingleCell(this.selection())) this.beginEdit(row, column);
      else this.advance("Enter", event.shiftKey);
    } else if (event.key === "F2") {
      event.preventDefault();
      this.beginEdit(row, column);
    } else if (event.key === "Delete") {
      event.preventDefault();
      this.clearSelection();
    } else if (event.key === "Backspace") {
      event.preventDefault();
      this.beginEdit(row, column, "");
    } else if (event.key.length === 1 && !command && !event.altKey) {
      event.preventDefault();
      this.beginEdit(row, column, event.key);
    }
  }

  /**
   * Where Ctrl+arrow lands: from a filled cell with a filled neighbour, the last filled cell of that run; otherwise
   * the next filled cell, or the edge of the drawn grid when there is none.
   */
  private dataEdge(from: CellPosition, rows: number, columns: number): CellPosition {
    const sheet = this.sheet();
    const { rows: rowCount, columns: columnCount } = this.extent();
    const inside = (p: CellPosition) => p.row >= 0 && p.column >= 0 && p.row < rowCount && p.column < columnCount;
    const filled = (p: CellPosition) => !sheet.isEmpty(p.row, p.column);
    const step = (p: CellPosition) => ({ row: p.row + rows, column: p.column + columns });
    let here = from;
    let next = step(here);
    if (!inside(next)) return here;
    if (filled(here) && filled(next)) {
      while (inside(next) && filled(next)) {
        here = next;
        next = step(here);
      }
      return here;
    }
    here = next;
    while (!filled(here) && inside(step(here))) here = step(here);
    return here;
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
      // A chart sized in points covers about this many rows (22 px) and default columns beyond its start cell.
      const sized = chart.position.end === undefined;
      const rowsDown = sized ? Math.ceil((chart.size.height * PX_PER_POINT) / 22) : 0;
      const columnsAcross = sized
        ? Math.ceil((((chart.left ?? 0) + chart.size.width) * PX_PER_POINT) / DEFAULT_COLUMN_PX)
        : 0;
      rows = Math.max(rows, end.row + end.rowCount + rowsDown + 2);
      columns = Math.max(columns, end.column + end.columnCount + columnsAcross + 1);
    }
    const cursor = this.selection();
    rows = Math.max(rows, cursor.row + cursor.rowCount + 4, MIN_ROWS);
    columns = Math.max(columns, cursor.column + cursor.columnCount + 2, MIN_COLUMNS);
    return { rows: Math.min(rows, MAX_RENDERED_ROWS), columns };
  }

  /** Column widths in pixels as the sheet sets them. */
  private columnWidths(sheet: SheetModel, columns: number): number[] {
    return Array.from({ length: columns }, (_, c) => {
      const points = sheet.columnWidths.get(c);
      return points === undefined ? DEFAULT_COLUMN_PX : Math.round(points * PX_PER_POINT);
    });
  }

  /** The selection moved: repaints it, or rebuilds the cells when the grid must grow to show it. */
  private refresh(): void {
    const { rows, columns } = this.extent();
    const drawn = this.drawn;
    if (drawn && drawn.sheet === this.sheet() && drawn.rows === rows && drawn.columns === columns)
      this.paintSelection();
    else this.render();
  }

  render(): void {
    if (this.editing) return; // never redraw under the user's typing
    this.renders++;
    const sheet = this.sheet();
    const { rows, columns } = this.extent();
    const widths = this.columnWidths(sheet, columns);
    const hadFocus = this.el.grid.contains(this.doc.activeElement);

    this.renderTabs();
    const around: CellSurroundings = {
      tables: this.model.tablesOn(sheet),
      marks: this.model.conditionalFormats.filter((f) => f.sheet === sheet && this.ruleHolds(sheet, f.formula)),
    };
    const shape: DrawnShape = { sheet, rows, columns, widths: widths.join(",") };
    const drawn = this.drawn;
    const canvas =
      this.canvas &&
      drawn &&
      drawn.sheet === shape.sheet &&
      drawn.rows === shape.rows &&
      drawn.columns === shape.columns &&
      drawn.widths === shape.widths
        ? this.canvas
        : this.build(shape, widths);
    for (const [key, td] of this.cells) {
      const row = Math.floor(key / 16384);
      this.paintCell(td, sheet, row, key - row * 16384, columns, around);
    }
    this.placeCharts(canvas, sheet);
    this.paintSelection();
    if (hadFocus && !this.el.grid.contains(this.doc.activeElement)) this.focusGrid();

    const used = sheet.usedRect(false);
    this.el.note.textContent =
      used && used.row + used.rowCount > MAX_RENDERED_ROWS
        ? `Showing the first ${MAX_RENDERED_ROWS} of ${used.row + used.rowCount} rows of "${sheet.name}".`
        : `${sheet.name}: ${used ? sheetAddress(sheet.name, used).split("!")[1] : "empty"} · calculated by HyperFormula`;
  }

  /** New cell elements for another sheet or size (the only time the grid's elements are replaced). */
  private build(shape: DrawnShape, widths: number[]): HTMLElement {
    this.rebuilds++;
    const doc = this.doc;
    const table = doc.createElement("table");
    table.className = "grid-table";
    table.setAttribute("role", "presentation");
    table.append(this.columnGroup(table, widths), this.columnHeaders(shape.columns), this.gridBody(shape));
    const canvas = doc.createElement("div");
    canvas.className = "grid-canvas";
    canvas.append(table);
    const scroll = { left: this.el.grid.scrollLeft, top: this.el.grid.scrollTop };
    this.el.grid.replaceChildren(canvas);
    this.el.grid.setAttribute("aria-rowcount", String(shape.rows));
    this.el.grid.setAttribute("aria-colcount", String(shape.columns));
    this.el.grid.scrollLeft = scroll.left;
    this.el.grid.scrollTop = scroll.top;
    this.marked = [];
    this.drawn = shape;
    this.canvas = canvas;
    return canvas;
  }

  /** Column widths as the sheet sets them; a fixed layout needs the table's width too: the sum of its columns. */
  private columnGroup(table: HTMLTableElement, widths: number[]): HTMLTableColElement {
    const colgroup = this.doc.createElement("colgroup");
    const corner = this.doc.createElement("col");
    corner.style.width = `${ROW_HEADER_PX}px`;
    colgroup.append(corner);
    for (const px of widths) {
      const col = this.doc.createElement("col");
      col.style.width = `${px}px`;
      colgroup.append(col);
    }
    table.style.width = `${widths.reduce((sum, px) => sum + px, ROW_HEADER_PX)}px`;
    return colgroup;
  }

  /** The A, B, C… header row (sticky: it stays above the cells and the charts when the grid scrolls). */
  private columnHeaders(columns: number): HTMLTableSectionElement {
    const head = this.doc.createElement("thead");
    const headRow = this.doc.createElement("tr");
    headRow.setAttribute("role", "row");
    const corner = this.doc.createElement("th");
    corner.className = "grid-corner";
    headRow.append(corner);
    this.columnHeaderCells = [];
    for (let c = 0; c < columns; c++) {
      const th = this.doc.createElement("th");
      th.scope = "col";
      th.setAttribute("role", "columnheader");
      th.textContent = columnLetters(c);
      headRow.append(th);
      this.columnHeaderCells.push(th);
    }
    head.append(headRow);
    return head;
  }

  /** The rows: a row header, then one cell per column; remembers each cell element for editing. */
  private gridBody(shape: DrawnShape): HTMLTableSectionElement {
    const body = this.doc.createElement("tbody");
    this.cells = new Map();
    this.rowHeaderCells = [];
    for (let r = 0; r < shape.rows; r++) {
      const tr = this.doc.createElement("tr");
      tr.setAttribute("role", "row");
      const th = this.doc.createElement("th");
      th.scope = "row";
      th.setAttribute("role", "rowheader");
      th.textContent = String(r + 1);
      tr.append(th);
      this.rowHeaderCells.push(th);
      for (let c = 0; c < shape.columns; c++) {
        const td = this.doc.createElement("td");
        td.setAttribute("data-row", String(r));
        td.setAttribute("data-column", String(c));
        td.setAttribute("data-cell", cellRef(r, c));
        td.setAttribute("role", "gridcell");
        td.tabIndex = -1;
        tr.append(td);
        this.cells.set(cellKey(r, c), td);
      }
      body.append(tr);
    }
    return body;
  }

  /** One cell as Excel would show it: value formatted, table banding, error marks (the selection is apart). */
  private paintCell(
    td: HTMLTableCellElement,
    sheet: SheetModel,
    r: number,
    c: number,
    columns: number,
    around: CellSurroundings,
  ): void {
    const snapshot = sheet.cell(r, c);
    const value = snapshot.value;
    const here = { row: r, column: c, rowCount: 1, columnCount: 1 };
    const classes = ["cell"];
    if (typeof value === "number") classes.push("cell-number");
    if (typeof value === "boolean") classes.push("cell-boolean");
    let title = "";
    if (typeof value === "string" && /^#[A-Z/0!?]+[!?A]?$/.test(value) && snapshot.formula !== undefined) {
      classes.push("cell-error");
      title = this.engine.errorMessage(sheet, r, c) ?? "";
    }
    if (title) td.title = title;
    else td.removeAttribute("title");
    if (snapshot.formula !== undefined) classes.push("cell-formula");
    const style = sheet.style(r, c);
    if (style.bold) classes.push("cell-bold");
    if (style.italic) classes.push("cell-italic");
    // Wrapped text grows its row, as in Excel, instead of running over its neighbours.
    if (style.wrapText) classes.push("cell-wrap");
    const inTable = around.tables.find((t) => intersects(t.rect, here));
    if (inTable)
      classes.push(
        r === inTable.rect.row
          ? "cell-table-header"
          : (r - inTable.rect.row) % 2 === 0
            ? "cell-table-band"
            : "cell-table-row",
      );
    let background = style.fill ?? "";
    let color = style.fontColor ?? "";
    const mark = around.marks.find((f) => intersects(f.rect, here));
    if (mark) {
      classes.push("cell-marked");
      background = mark.fill ?? background;
      color = mark.fontColor ?? color;
    }
    td.style.backgroundColor = background;
    td.style.color = color;
    const text = displayText(value, snapshot.numberFormat);
    // Text runs over empty neighbours, as in Excel.
    if (
      typeof value === "string" &&
      text !== "" &&
      !style.wrapText &&
      c + 1 < columns &&
      sheet.isEmpty(r, c + 1) &&
      sheet.cell(r, c + 1).value === ""
    )
      classes.push("cell-overflow");
    td.className = classes.join(" ");
    if (this.editing?.row === r && this.editing.column === c) return;
    if (td.textContent !== text) td.textContent = text;
  }

  /**
   * The selection as Excel shows it: the range shaded, the active cell outlined (and the grid's one tab stop),
   * the row and column headers of the selection highlighted; the name box and the formula bar follow.
   */
  private paintSelection(): void {
    for (const element of this.marked) {
      element.classList.remove("cell-selected", "cell-cursor", "grid-active-header");
      element.removeAttribute("aria-selected");
      if (element instanceof HTMLTableCellElement && element.tabIndex === 0) element.tabIndex = -1;
    }
    this.marked = [];
    const drawn = this.drawn;
    if (!drawn) return;
    const selection = this.selection();
    const cursor = this.cursor();
    const lastRow = Math.min(selection.row + selection.rowCount, drawn.rows);
    const lastColumn = Math.min(selection.column + selection.columnCount, drawn.columns);
    const mark = (element: HTMLElement | undefined, ...classes: string[]) => {
      if (!element) return;
      element.classList.add(...classes);
      this.marked.push(element);
    };
    for (let r = selection.row; r < lastRow; r++) mark(this.rowHeaderCells[r], "grid-active-header");
    for (let c = selection.column; c < lastColumn; c++) mark(this.columnHeaderCells[c], "grid-active-header");
    if (!isSingleCell(selection))
      for (let r = selection.row; r < lastRow; r++)
        for (let c = selection.column; c < lastColumn; c++) {
          const td = this.cells.get(cellKey(r, c));
          mark(td, "cell-selected");
          td?.setAttribute("aria-selected", "true");
        }
    // The active cell, or the first cell when it lies beyond the drawn rows: the grid always has a tab stop.
    const active = this.cells.get(cellKey(cursor.row, cursor.column));
    if (active) {
      mark(active, "cell-cursor");
      active.setAttribute("aria-selected", "true");
    }
    const tabStop = active ?? this.cells.get(0);
    if (tabStop) {
      tabStop.tabIndex = 0;
      if (!active) this.marked.push(tabStop);
    }
    this.el.nameBox.value = cellRef(cursor.row, cursor.column);
    if (this.doc.activeElement !== this.el.formulaBar && !this.editing)
      this.el.formulaBar.value = this.rawText(cursor.row, cursor.column);
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

  /** The sheet tabs; rebuilt only when the sheets change, so a focused tab keeps its focus. */
  private renderTabs(): void {
    const active = this.sheet();
    const visible = this.model.sheets.filter((s) => s.visibility === "Visible");
    const existing = [...this.el.tabs.querySelectorAll<HTMLButtonElement>("button.sheet-tab")];
    const same =
      existing.length === visible.length && existing.every((button, i) => button.textContent === visible[i].name);
    const buttons = same
      ? existing
      : visible.map((sheet) => {
          const button = this.doc.createElement("button");
          button.type = "button";
          button.setAttribute("role", "tab");
          button.textContent = sheet.name;
          button.addEventListener("click", () => {
            this.showSheet(sheet);
            this.focusGrid();
          });
          return button;
        });
    buttons.forEach((button, i) => {
      const isActive = visible[i] === active;
      button.className = isActive ? "sheet-tab sheet-tab-active" : "sheet-tab";
      button.setAttribute("aria-selected", String(isActive));
    });
    if (!same) {
      this.el.tabs.setAttribute("role", "tablist");
      this.el.tabs.setAttribute("aria-label", "Sheets");
      this.el.tabs.replaceChildren(...buttons);
    }
  }

  /** Each chart of the sheet, drawn as SVG over the cells its position names (A3:I18), under the headers. */
  private placeCharts(canvas: HTMLElement, sheet: SheetModel): void {
    for (const old of canvas.querySelectorAll(".grid-chart")) old.remove();
    const charts = this.model.charts.filter((c) => c.sheet === sheet);
    charts.forEach((chart, i) => {
      const start = parseRef(chart.position?.start ?? cellRef(2 + i * 18, 0));
      const first = this.cells.get(cellKey(start.row, start.column));
      const columnA = this.cells.get(cellKey(start.row, 0));
      if (!first || !columnA) return;
      let box: { left: number; top: number; width: number; height: number };
      if (chart.position?.end) {
        // Stretched over cells (setPosition with an end cell), as on the Charts sheet.
        const end = parseRef(chart.position.end);
        const last = this.cells.get(cellKey(end.row, end.column));
        if (!last) return;
        box = {
          left: first.offsetLeft,
          top: first.offsetTop,
          width: last.offsetLeft + last.offsetWidth - first.offsetLeft,
          height: last.offsetTop + last.offsetHeight - first.offsetTop,
        };
      } else {
        // Sized in points (Chart.width/height), `left` points from column A when set, as on the analysis sheet.
        box = {
          left: chart.left === undefined ? first.offsetLeft : columnA.offsetLeft + chart.left * PX_PER_POINT,
          top: first.offsetTop,
          width: chart.size.width * PX_PER_POINT,
          height: chart.size.height * PX_PER_POINT,
        };
      }
      const width = Math.max(200, box.width);
      const height = Math.max(140, box.height);
      const element = this.doc.createElement("div");
      element.className = "grid-chart";
      element.setAttribute("data-chart", chart.name);
      element.style.left = `${box.left}px`;
      element.style.top = `${box.top}px`;
      element.style.width = `${width}px`;
      element.style.height = `${height}px`;
      element.setAttribute("data-chart-type", chart.type);
      const data = { ...chartSeries(chart), width: width - 16, height: height - 64 };
      const bars = BAR_CHART_TYPES[chart.type];
      element.append(bars ? renderBarChart(this.doc, { ...data, ...bars }) : renderLineChart(this.doc, data));
      canvas.append(element);
    });
  }
}

/** Excel's chart types drawn as bars: which way the bars run, and whether a category's series stack end to end. */
const BAR_CHART_TYPES: Partial<Record<string, { orientation: "column" | "bar"; stacked: boolean }>> = {
  ColumnClustered: { orientation: "column", stacked: false },
  BarClustered: { orientation: "bar", stacked: false },
  ColumnStacked: { orientation: "column", stacked: true },
  BarStacked: { orientation: "bar", stacked: true },
};

/** A chart's data as Excel would plot it: one series per column (or row) of its source range, drawn as it is set. */
export function chartSeries(chart: ChartModel): {
  title: string;
  categories: (string | number)[];
  series: BarSeries[];
  axisTitles: AxisTitles;
  reversed: boolean;
} {
  const { sheet, rect } = chart.source;
  const byColumns = chart.seriesBy === "Columns";
  const count = byColumns ? rect.columnCount : rect.rowCount;
  const length = byColumns ? rect.rowCount : rect.columnCount;
  const number = (value: ScalarValue | "") => (typeof value === "number" ? value : null);
  const series = Array.from({ length: count }, (_, s): BarSeries => {
    const look = chart.seriesLooks[s];
    return {
      name: chart.seriesNames[s] ?? `Series${s + 1}`,
      values: Array.from({ length }, (_, i) =>
        number(
          byColumns ? sheet.cell(rect.row + i, rect.column + s).value : sheet.cell(rect.row + s, rect.column + i).value,
        ),
      ),
      // Excel draws an "Automatic" line solid; a style set through Office.js shows as its dash pattern.
      dash: svgDashOf(look?.lineStyle ?? "Automatic"),
      marker: look?.markerStyle,
      labels: look?.hasDataLabels
        ? { seriesName: look.dataLabels.showSeriesName, value: look.dataLabels.showValue }
        : undefined,
    };
  });
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
  return {
    title: chart.title,
    categories,
    series,
    axisTitles: { ...chart.axisTitles },
    reversed: chart.reversePlotOrder.category,
  };
}
