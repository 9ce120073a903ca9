/**
 * The "Send without the add-in" panel: two buttons that open a copy of the workbook for people who do not have
 * the add-in, and a status line. Text goes in with textContent only. index.ts mounts it in the pane (more-panels.ts).
 */
import type { CopyOutcome } from "../excel/export";
import { FREEZE_NEEDS_DESKTOP, exportNativeWorkbook, freezeAvailable, freezeWorkbookCopy } from "../excel/export";

export interface ExportPanelDeps {
  exportNative: () => Promise<CopyOutcome>;
  freezeValues: () => Promise<CopyOutcome>;
  /** False where Excel cannot hand over the open workbook (Excel on the web): Freeze is not offered. Default true. */
  freezeAvailable?: boolean;
}

export const officeExportDeps = (): ExportPanelDeps => ({
  exportNative: () => exportNativeWorkbook(),
  freezeValues: () => freezeWorkbookCopy(),
  freezeAvailable: freezeAvailable(Office),
});

/** The DOM parts the panel uses (a real document, or the tests' fake). */
type PanelDocument = Pick<Document, "createElement">;

export interface ExportPanel {
  /** Resolves when the action has finished and the status is shown (for tests). */
  exportNative(): Promise<void>;
  freezeValues(): Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function mountExportPanel(
  container: HTMLElement,
  deps: ExportPanelDeps,
  doc: PanelDocument = container.ownerDocument ?? document,
): ExportPanel {
  const section = doc.createElement("section");
  section.className = "panel export-panel";
  section.setAttribute("aria-labelledby", "export-title");

  const title = doc.createElement("h2");
  title.id = "export-title";
  title.textContent = "Send without the add-in";
  const help = doc.createElement("p");
  help.className = "help";
  help.textContent =
    "Native formulas: a new workbook that recalculates everywhere when a reader changes an input. Freeze values: a copy of this workbook with every SOURCING formula replaced by its current value.";

  const exportButton = doc.createElement("button");
  exportButton.type = "button";
  exportButton.className = "button";
  exportButton.textContent = "Export as native formulas";
  const freezeButton = doc.createElement("button");
  freezeButton.type = "button";
  freezeButton.className = "button";
  freezeButton.textContent = "Freeze values";

  const status = doc.createElement("p");
  status.className = "status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.setAttribute("data-kind", "idle");

  section.append(title, help, exportButton, freezeButton, status);
  if (deps.freezeAvailable === false) {
    // Not offered rather than failing on click; the note says where it works.
    freezeButton.hidden = true;
    const note = doc.createElement("p");
    note.className = "help freeze-unavailable";
    note.textContent = FREEZE_NEEDS_DESKTOP;
    section.append(note);
  }
  container.append(section);

  let busy = false;
  const act = (working: string, action: () => Promise<CopyOutcome>) => async () => {
    if (busy) return;
    busy = true;
    exportButton.disabled = true;
    freezeButton.disabled = true;
    section.setAttribute("aria-busy", "true");
    status.setAttribute("data-kind", "busy");
    status.textContent = working;
    try {
      const outcome = await action();
      status.setAttribute("data-kind", "ok");
      status.textContent = outcome.message;
    } catch (error) {
      status.setAttribute("data-kind", "error");
      status.textContent = messageOf(error);
    } finally {
      busy = false;
      exportButton.disabled = false;
      freezeButton.disabled = false;
      section.setAttribute("aria-busy", "false");
    }
  };
  const exportNative = act("Building the native-formula workbook…", deps.exportNative);
  const freezeValues = act("Freezing the SOURCING formulas in a copy…", deps.freezeValues);
  // Buttons are focusable and fire "click" on Enter and Space: keyboard users need nothing more.
  exportButton.addEventListener("click", () => void exportNative());
  freezeButton.addEventListener("click", () => void freezeValues());
  return { exportNative, freezeValues };
}
