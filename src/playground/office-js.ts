/**
 * The playground's "office.js": the task pane page (dist/taskpane.html, the add-in's own page, unchanged) loads
 * this script where Excel would give it Microsoft's Office.js. It defines the globals the add-in uses:
 *
 *  - `Office.onReady` (resolves once the page is parsed; host Excel, platform OfficeOnline);
 *  - `Excel.run` over the strict stand-in (src/office-standin): proxies, load before read, values after sync,
 *    change events, charts. Its workbook is the playground page's workbook (the grid beside the pane), reached
 *    through `window.parent.sourcingPlayground`; opened on its own, the pane gets an empty in-memory workbook;
 *  - `CustomFunctions.associate/Error/ErrorCode`, so the shared runtime's functions bundle loads (the grid
 *    calculates SOURCING.* with the same core through HyperFormula).
 *
 * How the page gets this script instead of Microsoft's: the end-to-end tests answer the office.js CDN URL with
 * it (page.route); `npm run playground` and the dev server serve taskpane.html?office=standin with that one
 * script URL rewritten (scripts/playground.js). The pane's Content-Security-Policy allows both ('self').
 */
import { StandinError, WorkbookModel, createStandin } from "../office-standin";
import type { RequestContext } from "../office-standin";

/** What the playground page offers the pane's window. */
export interface PlaygroundHost {
  model: WorkbookModel;
  /** The pane's controller is wired (after Office.onReady's callback). */
  paneReady?(paneWindow: Window): void;
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
const standin = createStandin(host?.model ?? new WorkbookModel(["Sheet1"]));

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
  if (args.length !== 1 || typeof batch !== "function") {
    throw new StandinError("NotImplemented", "The playground's Excel.run takes one argument, the batch function.");
  }
  try {
    return await standin.run(batch as (context: RequestContext) => Promise<T>);
  } catch (error) {
    throw localError(error);
  }
}

const info = { host: "Excel", platform: "OfficeOnline" };
const domReady = new Promise<void>((resolve) => {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => resolve(), { once: true });
  else resolve();
});

const Office = {
  HostType: { Excel: "Excel" },
  PlatformType: { OfficeOnline: "OfficeOnline" },
  context: {
    host: "Excel",
    platform: "OfficeOnline",
    diagnostics: { host: "Excel", platform: "OfficeOnline", version: "playground" },
    requirements: { isSetSupported: (name: string) => name === "ExcelApi" || name === "CustomFunctionsRuntime" || name === "SharedRuntime" },
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
globals.Excel = { run, ErrorCodes: { propertyNotLoaded: "PropertyNotLoaded", itemNotFound: "ItemNotFound", invalidArgument: "InvalidArgument" } };
globals.CustomFunctions = CustomFunctions;
