/** The self-test's host inside Excel: Office.js itself. */
import { excelRun, officeWorkbookBytes } from "../excel";
import { browserTimers } from "../taskpane/live";
import type { SelftestHost } from "./scenarios";

export function officeHost(): SelftestHost {
  const diagnostics = Office.context.diagnostics;
  return {
    run: excelRun,
    diagnostics: {
      host: String(diagnostics.host),
      platform: String(diagnostics.platform),
      version: diagnostics.version,
    },
    isSetSupported: (name, minVersion) => Office.context.requirements.isSetSupported(name, minVersion),
    readWorkbookBytes: officeWorkbookBytes,
    canCreateWorkbook: typeof Excel.createWorkbook === "function",
    timers: browserTimers,
  };
}
