/**
 * A strict stand-in for the Excel JavaScript API (the subset the add-in uses), for tests, benchmarks and the
 * browser playground. Pure TypeScript: no Node APIs, no DOM.
 *
 *   const standin = createStandin();                       // or createStandin(new WorkbookModel(["Inputs"]), { platform: "web" })
 *   await standin.run(async (context) => { … await context.sync(); });
 *   standin.stats.syncCount; standin.stats.maxRequestBytes;
 *
 * Code typed against @types/office-js takes `standin.run` through one cast at the injection boundary
 * (`standin.run as unknown as typeof Excel.run`); see src/excel/host.ts.
 */
import { DECLARED_REQUIREMENTS } from "../layout/requirements";
import { type ApiLevel, StandinContext, StandinStats, isSetWithin } from "./context";
import { Application, Workbook } from "./excel";
import { StandinError, WorkbookModel } from "./model";

export {
  REQUEST_PAYLOAD_LIMIT,
  RESPONSE_PAYLOAD_LIMIT,
  StandinStats,
  utf8Length,
  versionAtMost,
  isSetWithin,
  type SyncRecord,
  type ApiLevel,
} from "./context";
export {
  WorkbookModel,
  SheetModel,
  StandinError,
  parseCellInput,
  tableParts,
  tableColumnNames,
  type WorkbookObserver,
  type ChangeEvent,
  type CellFormat,
  type ScalarValue,
  type TableModel,
  type ChartModel,
  type ChartSeriesLook,
  type ChartAxisKind,
  type ConditionalFormatModel,
} from "./model";
export { MEMBER_API_SETS, OFFICE_TYPE_OF } from "./api-sets";

/** Excel.RequestContext: the workbook, the application and sync(). */
export class RequestContext extends StandinContext {
  readonly workbook: Workbook;
  readonly application: Application;
  constructor(model: WorkbookModel, stats: StandinStats, apiLevel: ApiLevel) {
    super(model, stats, apiLevel);
    this.workbook = new Workbook(this);
    this.application = this.workbook.application;
  }
}

/** Where the add-in runs: Excel on Windows or Mac ("desktop"), or Excel on the web. */
export type StandinPlatform = "desktop" | "web";

/**
 * Requirement sets beyond the Excel API that each platform supports. Excel on the web hands out the file only
 * as Pdf (getFileAsync's table in @types/office-js), so it lacks CompressedFile.
 */
const COMMON_SETS: Record<StandinPlatform, ApiLevel> = {
  desktop: { CompressedFile: "1.1", File: "1.1", TextFile: "1.1" },
  web: { File: "1.1" },
};

export interface StandinOptions {
  /** Requirement sets the host supports, with versions; default: what manifest.xml declares. */
  apiLevel?: ApiLevel;
  /** Default desktop. */
  platform?: StandinPlatform;
  /** The bytes getFileAsync(Compressed) hands over on the desktop (an .xlsx); without it the call fails. */
  workbookFile?: () => Uint8Array;
}

interface AsyncResult<V> {
  status: "succeeded" | "failed";
  value: V;
  error: { code: number; name: string; message: string };
}

interface StandinFile {
  size: number;
  sliceCount: number;
  getSliceAsync(
    index: number,
    callback: (result: AsyncResult<{ data: number[]; index: number; size: number }>) => void,
  ): void;
  closeAsync(callback?: (result: AsyncResult<void>) => void): void;
}

/** The part of the `Office` namespace the add-in uses, following the platform. */
export interface StandinOffice {
  FileType: { Compressed: "compressed"; Pdf: "pdf"; Text: "text" };
  AsyncResultStatus: { Succeeded: "succeeded"; Failed: "failed" };
  context: {
    host: "Excel";
    platform: "PC" | "OfficeOnline";
    diagnostics: { host: "Excel"; platform: "PC" | "OfficeOnline"; version: string };
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    document: {
      getFileAsync(
        fileType: string,
        options: { sliceSize?: number } | ((result: AsyncResult<StandinFile>) => void),
        callback?: (result: AsyncResult<StandinFile>) => void,
      ): void;
    };
  };
}

export interface Standin {
  model: WorkbookModel;
  stats: StandinStats;
  platform: StandinPlatform;
  apiLevel: ApiLevel;
  /**
   * Excel.run: runs the batch, then syncs whatever it left queued (as Office.js does); the context is dead
   * afterwards. Excel.run(context or object, batch) reuses that object's context for the batch.
   */
  run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T>;
  run<T>(
    reuse: StandinContext | { context: StandinContext },
    batch: (context: RequestContext) => Promise<T>,
  ): Promise<T>;
  /** The Office namespace for this platform: requirements, getFileAsync. */
  office: StandinOffice;
  /**
   * Excel.createWorkbook: on the desktop the copy opens at once; on the web Excel asks the user first, and
   * `webUserAnswer` plays that answer ("decline" rejects the call, as a declined or blocked window would).
   */
  createWorkbook(base64?: string): Promise<void>;
  webUserAnswer: "open" | "decline";
  /** Every workbook createWorkbook opened (base64), for tests. */
  readonly openedWorkbooks: string[];
}

/** Office.js calls back asynchronously, never within the call. */
const later = (callback: () => void) => void Promise.resolve().then(callback);

function failed<V>(code: number, name: string, message: string): AsyncResult<V> {
  return { status: "failed", value: undefined as V, error: { code, name, message } };
}

const ok = <V>(value: V): AsyncResult<V> => ({
  status: "succeeded",
  value,
  error: undefined as unknown as AsyncResult<V>["error"],
});

export function createStandin(model: WorkbookModel = new WorkbookModel(), options: StandinOptions = {}): Standin {
  const stats = new StandinStats();
  const platform = options.platform ?? "desktop";
  const apiLevel: ApiLevel = options.apiLevel ?? DECLARED_REQUIREMENTS;
  const supported: ApiLevel = { ...COMMON_SETS[platform], ...apiLevel };
  const officePlatform = platform === "web" ? "OfficeOnline" : "PC";

  async function runBatch<T>(context: RequestContext, batch: (context: RequestContext) => Promise<T>): Promise<T> {
    context.open = true;
    try {
      const result = await batch(context);
      if (context.pendingActions > 0) await context.sync();
      return result;
    } finally {
      context.open = false;
    }
  }

  function getFileAsync(
    fileType: string,
    second: { sliceSize?: number } | ((result: AsyncResult<StandinFile>) => void),
    third?: (result: AsyncResult<StandinFile>) => void,
  ): void {
    const callback = typeof second === "function" ? second : third;
    const sliceSize = typeof second === "object" && second.sliceSize ? second.sliceSize : 4 * 1024 * 1024;
    if (!callback) return;
    if (fileType === "compressed" && !isSetWithin(supported, "CompressedFile")) {
      later(() =>
        callback(
          failed(
            5009,
            "Unsupported file type",
            `This platform (${officePlatform}) cannot hand over the document as a compressed file.`,
          ),
        ),
      );
      return;
    }
    const bytes = fileType === "compressed" ? options.workbookFile?.() : undefined;
    if (!bytes) {
      later(() => callback(failed(5001, "Internal Error", "The stand-in has no file for this workbook.")));
      return;
    }
    const sliceCount = Math.max(1, Math.ceil(bytes.length / sliceSize));
    let closed = false;
    const file: StandinFile = {
      size: bytes.length,
      sliceCount,
      getSliceAsync(index, done) {
        if (closed || index < 0 || index >= sliceCount) {
          later(() => done(failed(5001, "Internal Error", "No such slice (or the file was closed).")));
          return;
        }
        const data = Array.from(bytes.subarray(index * sliceSize, (index + 1) * sliceSize));
        later(() => done(ok({ data, index, size: data.length })));
      },
      closeAsync(done) {
        closed = true;
        if (done) later(() => done(ok(undefined)));
      },
    };
    later(() => callback(ok(file)));
  }

  const standin: Standin = {
    model,
    stats,
    platform,
    apiLevel,
    run: (async <T>(first: unknown, second?: unknown): Promise<T> => {
      if (typeof first === "function")
        return runBatch(new RequestContext(model, stats, apiLevel), first as (context: RequestContext) => Promise<T>);
      const reused = first instanceof RequestContext ? first : (first as { context?: unknown } | null)?.context;
      if (!(reused instanceof RequestContext) || typeof second !== "function") {
        throw new StandinError(
          "InvalidArgument",
          "Excel.run takes a batch function, or a request context (or an object from one) and a batch function.",
        );
      }
      return runBatch(reused, second as (context: RequestContext) => Promise<T>);
    }) as Standin["run"],
    office: {
      FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      context: {
        host: "Excel",
        platform: officePlatform,
        diagnostics: { host: "Excel", platform: officePlatform, version: "stand-in" },
        requirements: {
          isSetSupported: (name, minVersion) =>
            isSetWithin(supported, name, minVersion === undefined ? "1.1" : String(minVersion)),
        },
        document: { getFileAsync },
      },
    },
    webUserAnswer: "open",
    openedWorkbooks: [],
    async createWorkbook(base64?: string): Promise<void> {
      await Promise.resolve();
      if (!isSetWithin(apiLevel, "ExcelApi", "1.8"))
        throw new StandinError("ApiNotFound", "Excel.createWorkbook needs ExcelApi 1.8.");
      if (platform === "web" && standin.webUserAnswer === "decline") {
        // Microsoft documents no error code for a declined or blocked window; the adapter handles any failure.
        throw new StandinError(
          "GeneralException",
          "The new workbook was not opened: the user declined, or the browser blocked the window.",
        );
      }
      standin.openedWorkbooks.push(base64 ?? "");
    },
  };
  return standin;
}
