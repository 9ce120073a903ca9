/**
 * The playground's calculation: HyperFormula mirrors the stand-in's workbook (src/office-standin) and computes
 * its formulas, with the SOURCING.* functions registered. The WorkbookModel stays the one copy of what cells
 * hold (values, formulas as typed, formats, tables, charts); HyperFormula only calculates:
 *
 *  - every change to the workbook (the add-in's writes at sync, the user's typing in the grid) marks cells dirty
 *    through the model's observer hook; dirty cells reach HyperFormula in one batch just before the next value
 *    is read, so a run that writes a thousand cells recalculates once;
 *  - formula cells read their value from HyperFormula (WorkbookModel.calculate), and so do cells an array
 *    formula spills into (WorkbookModel.spilledValue): the API, the grid and the pane see the same numbers;
 *  - sheets and tables map onto HyperFormula sheets and A1 ranges (structured references are translated, see
 *    structured-refs.ts); when sheets or tables change, formulas are translated again.
 *
 * HyperFormula is GPLv3 (licenseKey "gpl-v3") or commercial: it lives in the playground, never in the add-in.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import type { RawCellContent } from "hyperformula";
import type { CellRect } from "../layout/address";
import type { ScalarValue, SheetModel, WorkbookModel, WorkbookObserver } from "../office-standin/model";
import { HYPERFORMULA_LICENSE, onPortfolioSolved, registerSourcingPlugin } from "./hyperformula-sourcing";
import { type TableGeometry, translateFormula } from "./structured-refs";

/** A dirty rectangle larger than this re-sends the whole sheet instead of cell by cell. */
const WHOLE_SHEET_THRESHOLD = 20_000;

export class FormulaEngine implements WorkbookObserver {
  readonly hf: HyperFormula;
  /** HyperFormula sheet id of each workbook sheet (by object: a deleted and re-added name is a new sheet). */
  private readonly ids = new Map<SheetModel, number>();
  private readonly names = new Map<SheetModel, string>();
  private readonly dirty = new Map<SheetModel, Set<number> | "all">();
  private flushing = false;
  /** Recalculations (batches sent to HyperFormula), for the benchmark and the page's footer. */
  batches = 0;
  private readonly stopListeningToPortfolio: () => void;

  constructor(readonly model: WorkbookModel) {
    registerSourcingPlugin();
    // smartRounding off: cells read the functions' own numbers, as Excel's values do.
    this.hf = HyperFormula.buildEmpty({
      licenseKey: HYPERFORMULA_LICENSE,
      smartRounding: false,
      evaluateNullToZero: true,
    });
    model.observers.add(this);
    model.calculate = (sheet, row, column) => this.value(sheet, row, column);
    model.spilledValue = (sheet, row, column) => {
      const value = this.value(sheet, row, column);
      return value === "" ? undefined : value;
    };
    this.structureChanged();
    // SOURCING.PORTFOLIO solves in a Worker and first spills "Optimising…": when its solve ends, the cell is marked
    // changed for every observer, so its formula reaches HyperFormula again (now read from the solved cache) and
    // the grid redraws.
    this.stopListeningToPortfolio = onPortfolioSolved((cell) => {
      const sheet = [...this.ids].find(([, id]) => id === cell.sheet)?.[0];
      if (sheet) this.model.cellsChanged(sheet, { row: cell.row, column: cell.col, rowCount: 1, columnCount: 1 });
    });
  }

  // ---- WorkbookObserver ---------------------------------------------------------------------------------------

  cellsChanged(sheet: SheetModel, rect: CellRect): void {
    const current = this.dirty.get(sheet);
    if (current === "all") return;
    if (rect.rowCount * rect.columnCount > WHOLE_SHEET_THRESHOLD) {
      this.dirty.set(sheet, "all");
      return;
    }
    const set = current ?? new Set<number>();
    for (let r = rect.row; r < rect.row + rect.rowCount; r++)
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) set.add(key(r, c));
    this.dirty.set(sheet, set);
  }

  /** Sheets added, removed or renamed; tables moved: align HyperFormula's sheets, re-send every formula. */
  structureChanged(): void {
    for (const [sheet, id] of this.ids) {
      if (!this.model.sheets.includes(sheet)) {
        this.hf.removeSheet(id);
        this.ids.delete(sheet);
        this.names.delete(sheet);
        this.dirty.delete(sheet);
      }
    }
    for (const sheet of this.model.sheets) {
      const id = this.ids.get(sheet);
      if (id === undefined) {
        const name = this.hf.addSheet(sheet.name);
        this.ids.set(sheet, this.hf.getSheetId(name) as number);
        this.names.set(sheet, sheet.name);
        this.dirty.set(sheet, "all");
      } else if (this.names.get(sheet) !== sheet.name) {
        this.hf.renameSheet(id, sheet.name);
        this.names.set(sheet, sheet.name);
      }
    }
    // Formulas may name the sheets or tables that changed: translate them all again (there are few).
    for (const sheet of this.model.sheets) {
      const current = this.dirty.get(sheet);
      if (current === "all") continue;
      const set = current ?? new Set<number>();
      for (const [row, column] of sheet.filledCells())
        if (sheet.raw(row, column).formula !== undefined) set.add(key(row, column));
      if (set.size > 0) this.dirty.set(sheet, set);
    }
  }

  // ---- Values -------------------------------------------------------------------------------------------------

  /** The calculated value of a cell: a number, text, boolean, an error's text ("#VALUE!"), or "" when blank. */
  value(sheet: SheetModel, row: number, column: number): ScalarValue {
    this.flush();
    const id = this.ids.get(sheet);
    if (id === undefined) return "";
    const value = this.hf.getCellValue({ sheet: id, row, col: column });
    if (value instanceof DetailedCellError) return value.value;
    if (value === null || value === undefined) return "";
    return value as ScalarValue;
  }

  /** The message behind an error value (HyperFormula keeps the custom functions' reasons), or undefined. */
  errorMessage(sheet: SheetModel, row: number, column: number): string | undefined {
    this.flush();
    const id = this.ids.get(sheet);
    if (id === undefined) return undefined;
    const value = this.hf.getCellValue({ sheet: id, row, col: column });
    return value instanceof DetailedCellError ? value.message || undefined : undefined;
  }

  /** Sends the dirty cells to HyperFormula in one batch (one recalculation). */
  flush(): void {
    if (this.dirty.size === 0 || this.flushing) return;
    this.flushing = true;
    const work = [...this.dirty];
    this.dirty.clear();
    try {
      this.hf.batch(() => {
        for (const [sheet, cells] of work) {
          const id = this.ids.get(sheet);
          if (id === undefined) continue;
          if (cells === "all") {
            this.hf.setSheetContent(id, []);
            for (const [row, column] of sheet.filledCells()) this.send(sheet, id, row, column);
          } else {
            for (const cell of cells) this.send(sheet, id, Math.floor(cell / COLUMNS), cell % COLUMNS);
          }
        }
      });
      this.batches++;
    } finally {
      this.flushing = false;
    }
  }

  private send(sheet: SheetModel, id: number, row: number, column: number): void {
    const address = { sheet: id, row, col: column };
    const content = this.content(sheet, row, column);
    // A cell inside another formula's spill cannot be set while the spill stands; Excel shows #SPILL! there.
    if (!this.hf.isItPossibleToSetCellContents(address)) return;
    this.hf.setCellContents(address, [[content]]);
  }

  /** What HyperFormula gets for a cell: translated formulas; text always as text (a leading ' says so). */
  private content(sheet: SheetModel, row: number, column: number): RawCellContent {
    const { value, formula } = sheet.raw(row, column);
    if (formula !== undefined) return translateFormula(formula, { table: (name) => this.table(name), row });
    if (value === undefined) return null;
    if (typeof value === "string") return `'${value}`;
    return value;
  }

  private table(name: string): TableGeometry | undefined {
    const table = this.model.table(name);
    if (!table) return undefined;
    const headers: string[] = [];
    for (let c = 0; c < table.rect.columnCount; c++)
      headers.push(String(table.sheet.raw(table.rect.row, table.rect.column + c).value ?? ""));
    return { sheet: table.sheet.name, rect: table.rect, headers };
  }

  dispose(): void {
    this.stopListeningToPortfolio();
    this.model.observers.delete(this);
    this.model.calculate = undefined;
    this.model.spilledValue = undefined;
    this.hf.destroy();
  }
}

/** Cells are keyed row * COLUMNS + column (Excel's 16,384 columns). */
const COLUMNS = 16_384;
const key = (row: number, column: number) => row * COLUMNS + column;
