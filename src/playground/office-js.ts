/**
 * The playground's "office.js": the task pane page (dist/taskpane.html, the add-in's own page, unchanged) loads
 * this script where Excel would give it Microsoft's Office.js. It defines the globals the add-in uses:
 *
 *  - `Office.onReady` (resolves once the page is parsed; host Excel, platform OfficeOnline);
 *  - `Excel.run` over the strict stand-in (src/office-standin): proxies, load before read, values after sync,
 *    change events, charts. Its workbook is the playground page's workbook (the grid beside the pane), reached
 *    through `window.parent.sourcingPlayground`; opened on its own, the pane gets an empty in-memory workbook;
 *  - `CustomFunctions.associate/Error/ErrorCode`, so the shared runtime's functions bundle loads (the grid
 *    calculates SOURCING.* with the same core through HyperFormula);
 *  - `Excel.createWorkbook` (the export panel): Excel opens a new window, the playground downloads the .xlsx;
 *  - `Office.context.requirements.isSetSupported` as Excel on the web answers it (the stand-in's "web"
 *    platform): no CompressedFile, so the pane does not offer Freeze values and says where it works;
 *  - `Office.context.document.getFileAsync` (Freeze values): the playground's workbook lives in the page and
 *    has no file, so it fails as Office.js does, with a message saying so and what to do instead.
 *
 * How the page gets this script instead of Microsoft's: the end-to-end tests answer the office.js CDN URL with
 * it (page.route); `npm run playground` and the dev server serve taskpane.html?office=standin with that one
 * script URL rewritten (scripts/playground.js). The pane's Content-Security-Policy allows both ('self').
 */
import { StandinError, WorkbookModel, createStandin } from "../office-standin";
import { offerWorkbook } from "./downloads";
import type { RequestContext } from "../office-standin";

/** What the playground page offers the pane's window. */
export interface PlaygroundHost {
  model: WorkbookModel;
  /** The pane's controller is wired (after Office.onReady's callback). */
  paneReady?(paneWindow: Window): void;
  /** Excel.createWorkbook: offers the .xlsx (base64) as a download; returns the file name. */
  openWorkbook?(base64: string): string;
}

function findHost(): PlaygroundHost | undefined {
  try {
    if (window.parent === window) return undefined;
    return (window.parent as unknown as { sourcingPlayground?: PlaygroundHost }).sourcingPlayground;
  } catch {
    return undefined; // another origin: no host
  }
}

const host = findHost();
// The playground plays Excel on the web: its requirement sets and platform follow the stand-in's "web".
const standin = createStandin(host?.model ?? new WorkbookModel(["Sheet1"]), { platform: "web" });

/**
 * Errors raised by the host window's code belong to its realm: `instanceof Error` is false in this window.
 * Re-create them here so the pane reads them as Office.js errors (code, message, debugInfo).
 */
function localError(error: unknown): unknown {
  if (error instanceof Error) return error;
  if (typeof error === "object" && error !== null && "message" in error) {
    const { code, message } = error as { code?: unknown; message: unknown };
    if (typeof code === "string") return new StandinError(code, String(message));
    return new Error(String(message));
  }
  return error;
}

async function run<T>(...args: unknown[]): Promise<T> {
  const batch = args[args.length - 1];
  if (args.length < 1 || args.length > 2 || typeof batch !== "function") {
    throw new StandinError(
      "NotImplemented",
      "The playground's Excel.run takes the batch function, optionally after a context (or an object) to reuse.",
    );
  }
  try {
    // Excel.run(context or object, batch) reuses that request context (the adapter removes Live's handlers so).
    if (args.length === 2)
      return await standin.run(
        args[0] as RequestContext | { context: RequestContext },
        batch as (context: RequestContext) => Promise<T>,
      );
    return await standin.run(batch as (context: RequestContext) => Promise<T>);
  } catch (error) {
    throw localError(error);
  }
}

let downloads = 0;

/** Excel opens the workbook in a new window; the playground hands it over as a download (see downloads.ts). */
async function createWorkbook(base64?: string): Promise<void> {
  if (typeof base64 !== "string" || base64 === "") {
    throw new StandinError(
      "NotImplemented",
      "The playground's Excel.createWorkbook needs the workbook as base64 (a blank new workbook cannot be shown here).",
    );
  }
  downloads++;
  if (host?.openWorkbook) host.openWorkbook(base64);
  else offerWorkbook(document, base64, downloads);
}

const NO_FILE_MESSAGE =
  "the playground's workbook lives in this browser page and has no file to copy. Freeze values needs Excel; for a saved workbook, the command line does the same: sourcing-model freeze IN.xlsx OUT.xlsx";

interface AsyncResult {
  status: "succeeded" | "failed";
  value?: unknown;
  error?: { code: number; name: string; message: string };
}

/** Office.js calls back asynchronously, never within the call: so does the stand-in. */
function getFileAsync(_fileType: string, ...rest: unknown[]): void {
  const callback = rest.find((arg): arg is (result: AsyncResult) => void => typeof arg === "function");
  const result: AsyncResult = {
    status: "failed",
    error: { code: 5001, name: "Internal Error", message: NO_FILE_MESSAGE },
  };
  if (callback) setTimeout(() => callback(result), 0);
}

const info = { host: "Excel", platform: "OfficeOnline" };
const domReady = new Promise<void>((resolve) => {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => resolve(), { once: true });
  else resolve();
});

const Office = {
  HostType: { Excel: "Excel" },
  PlatformType: { OfficeOnline: "OfficeOnline" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
  context: {
    document: { getFileAsync },
    host: "Excel",
    platform: "OfficeOnline",
    diagnostics: { host: "Excel", platform: "OfficeOnline", version: "playground" },
    requirements: standin.office.context.requirements,
  },
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }> {
    return domReady.then(() => {
      callback?.(info);
      host?.paneReady?.(window);
      return info;
    });
  },
};

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

class CustomFunctionsError extends Error {
  constructor(
    readonly code: string = ErrorCode.invalidValue,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "CustomFunctions.Error";
  }
}

/** The functions bundle registers its implementations; kept for inspection (the grid uses HyperFormula). */
const associated = new Map<string, unknown>();
const CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode,
  associate(id: string | Record<string, unknown>, implementation?: unknown): void {
    if (typeof id === "string") associated.set(id.toUpperCase(), implementation);
    else for (const [name, fn] of Object.entries(id)) associated.set(name.toUpperCase(), fn);
  },
  get associatedIds(): string[] {
    return [...associated.keys()];
  },
};

const globals = window as unknown as Record<string, unknown>;
globals.Office = Office;
globals.Excel = {
  run,
  createWorkbook,
  ErrorCodes: {
    propertyNotLoaded: "PropertyNotLoaded",
    itemNotFound: "ItemNotFound",
    invalidArgument: "InvalidArgument",
  },
};
globals.CustomFunctions = CustomFunctions;
