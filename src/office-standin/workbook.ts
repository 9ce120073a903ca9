/** Excel.Workbook and Excel.Application: the roots every other proxy is reached from. */
import { ClientObject, type StandinContext } from "./context";
import { StandinError, invalidArgument } from "./model";
import { Range } from "./range";
import { TableCollection } from "./table";
import { WorksheetCollection } from "./worksheet";

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
      if (!selection || !("sheet" in selection))
        throw new StandinError("InvalidSelection", "The current selection is invalid for this operation.");
      return { sheet: selection.sheet, rect: { ...selection.rect } };
    });
  }
}
