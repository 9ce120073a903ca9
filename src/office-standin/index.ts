/**
 * A strict stand-in for the Excel JavaScript API (the subset the add-in uses), for tests, benchmarks and the
 * browser playground. Pure TypeScript: no Node APIs, no DOM.
 *
 *   const standin = createStandin();                       // or createStandin(new WorkbookModel(["Inputs"]))
 *   await standin.run(async (context) => { … await context.sync(); });
 *   standin.stats.syncCount; standin.stats.maxRequestBytes;
 *
 * Code typed against @types/office-js takes `standin.run` through one cast at the injection boundary
 * (`standin.run as unknown as typeof Excel.run`); see src/excel/host.ts.
 */
import { StandinContext, StandinStats } from "./context";
import { Application, Workbook } from "./excel";
import { WorkbookModel } from "./model";

export { REQUEST_PAYLOAD_LIMIT, RESPONSE_PAYLOAD_LIMIT, StandinStats, utf8Length, type SyncRecord } from "./context";
export { WorkbookModel, SheetModel, StandinError, parseCellInput, type WorkbookObserver, type ChangeEvent, type CellFormat, type ScalarValue, type TableModel, type ChartModel, type ConditionalFormatModel } from "./model";
export * from "./address";

/** Excel.RequestContext: the workbook, the application and sync(). */
export class RequestContext extends StandinContext {
  readonly workbook: Workbook;
  readonly application: Application;
  constructor(model: WorkbookModel, stats: StandinStats) {
    super(model, stats);
    this.workbook = new Workbook(this);
    this.application = this.workbook.application;
  }
}

export interface Standin {
  model: WorkbookModel;
  stats: StandinStats;
  /** Excel.run: runs the batch, then syncs whatever it left queued (as Office.js does). */
  run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T>;
}

export function createStandin(model: WorkbookModel = new WorkbookModel()): Standin {
  const stats = new StandinStats();
  return {
    model,
    stats,
    async run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T> {
      const context = new RequestContext(model, stats);
      const result = await batch(context);
      if (context.pendingActions > 0) await context.sync();
      return result;
    },
  };
}
