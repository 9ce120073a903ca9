/**
 * The Diagnostics page: a Run button, the environment, one line per scenario as it finishes, and the report as
 * text to copy. Everything shown is set with textContent: cell data and error messages stay text.
 */
import { type ScenarioResult, type SelftestHost, formatReport, runSelftest } from "./scenarios";

type Doc = Pick<Document, "getElementById" | "createElement" | "execCommand">;

function find<T extends HTMLElement>(doc: Doc, id: string): T {
  const element = doc.getElementById(id);
  if (!element) throw new Error(`selftest.html lacks #${id}.`);
  return element as T;
}

const STATUS_LABEL: Record<ScenarioResult["status"], string> = { pass: "Pass", fail: "Fail", skip: "Skipped" };

/** Wires the page to a host: the self-test runs only when the user selects Run. */
export function mountSelftest(
  doc: Doc,
  host: SelftestHost,
  clipboard: Pick<Clipboard, "writeText"> | undefined,
): { run(): Promise<void> } {
  const button = find<HTMLButtonElement>(doc, "run-selftest");
  const status = find<HTMLElement>(doc, "selftest-status");
  const list = find<HTMLOListElement>(doc, "selftest-results");
  const reportSection = find<HTMLElement>(doc, "report-section");
  const reportText = find<HTMLTextAreaElement>(doc, "report-text");
  const copy = find<HTMLButtonElement>(doc, "copy-report");
  const copied = find<HTMLElement>(doc, "copy-status");
  find<HTMLElement>(doc, "environment").textContent =
    `Excel on ${host.diagnostics.platform}, version ${host.diagnostics.version}.`;
  button.disabled = false;

  const show = (result: ScenarioResult) => {
    const item = doc.createElement("li");
    item.className = `scenario scenario-${result.status}`;
    item.dataset.status = result.status;
    const word = doc.createElement("strong");
    word.textContent = `${STATUS_LABEL[result.status]}: `;
    const title = doc.createElement("span");
    title.textContent = result.title;
    const detail = doc.createElement("p");
    detail.className = "help";
    detail.textContent = result.detail;
    item.append(word, title, detail);
    list.append(item);
  };

  async function run(): Promise<void> {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    list.replaceChildren();
    reportSection.hidden = true;
    copied.textContent = "";
    status.dataset.kind = "running";
    status.textContent =
      "Running the self-test: it adds sheets, runs the model and removes what it added. Leave the workbook alone for about a minute.";
    try {
      const report = await runSelftest(host, show);
      const failed = report.results.filter((r) => r.status === "fail").length;
      status.dataset.kind = failed === 0 ? "success" : "error";
      status.textContent =
        failed === 0
          ? `All ${report.results.length} checks passed or were skipped.`
          : `${failed} of ${report.results.length} checks failed. Copy the report and send it with your problem report.`;
      reportText.value = formatReport(report);
      reportSection.hidden = false;
    } catch (error) {
      status.dataset.kind = "error";
      status.textContent = `The self-test stopped: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
      button.setAttribute("aria-busy", "false");
    }
  }

  button.addEventListener("click", () => void run());
  copy.addEventListener("click", () => {
    const text = reportText.value;
    const fallback = () => {
      // Office's web views may refuse the clipboard API: select the text and let the browser copy it.
      reportText.focus();
      reportText.select();
      copied.textContent = doc.execCommand("copy")
        ? "Report copied."
        : "Select the report text and copy it (Ctrl+C, or Cmd+C on a Mac).";
    };
    if (!clipboard) return fallback();
    clipboard.writeText(text).then(() => void (copied.textContent = "Report copied."), fallback);
  });
  return { run };
}

export const OUTSIDE_EXCEL_SELFTEST =
  "This page runs inside Excel only. In Excel (desktop or on the web), with Sourcing Modeler added, open a new blank workbook and select Home > Sourcing > Diagnostics, or open Diagnostics from the Sourcing Modeler pane.";

/** Outside Excel (or without Office.js) the page has no workbook: it says so, and how to open it where it works. */
export function showOutsideExcel(
  doc: Pick<Document, "getElementById">,
  message: string = OUTSIDE_EXCEL_SELFTEST,
): void {
  const button = doc.getElementById("run-selftest") as HTMLButtonElement | null;
  if (button) button.disabled = true;
  const status = doc.getElementById("selftest-status");
  if (status) {
    status.dataset.kind = "error";
    status.textContent = message;
  }
}
