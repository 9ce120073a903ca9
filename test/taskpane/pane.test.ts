/** The pane end to end on a fake DOM, with the real adapter over the Excel stand-in. */
import { describe, expect, it } from "vitest";
import * as excel from "../../src/excel";
import { parseRef } from "../../src/layout/address";
import { INPUT_SHEET, RESULTS_SHEET, sampleFunctionHeaders } from "../../src/layout/workbook";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { type PaneDeps, createPane } from "../../src/taskpane/controller";
import type { Timers } from "../../src/taskpane/live";
import { functionRows } from "../excel/helpers";
import { FakeDocument, asDocument } from "./fake-dom";

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

function setup() {
  const model = new WorkbookModel(["Sheet1"]);
  const standin = createStandin(model);
  const run = standin.run as unknown as excel.ExcelRun;
  const timers: { callback: () => void }[] = [];
  const fakeTimers: Timers = {
    set: (callback) => {
      const timer = { callback };
      timers.push(timer);
      return timer;
    },
    clear: (handle) => {
      const i = timers.indexOf(handle as { callback: () => void });
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const deps: PaneDeps = {
    insertSample: () => excel.insertSample(run),
    runModel: () => excel.runModel(run),
    onInputsChanged: (handler) => excel.onInputsChanged(handler, run),
    markResultsIfInputsChanged: (previousKey) => excel.markResultsIfInputsChanged(previousKey, run),
    selectCell: (address) => excel.selectCell(address, run),
    timers: fakeTimers,
    liveDelayMs: 500,
  };
  const doc = new FakeDocument();
  const pane = createPane(asDocument(doc), deps);
  const fireTimers = () => timers.splice(0).forEach((t) => t.callback());
  return { model, standin, doc, pane, fireTimers };
}

describe("task pane", () => {
  it("starts empty, explains the empty workbook, inserts the sample and runs it", async () => {
    const { doc, model, fireTimers } = setup();
    expect(doc.el("results-empty").hidden).toBe(false);
    expect(doc.el("errors-section").hidden).toBe(true);
    expect(doc.el("progress").hidden).toBe(true);

    doc.el("run-model").dispatch("click");
    await settle();
    expect(doc.el("status").textContent).toBe("No functions table found: insert the sample or select your table.");
    expect(doc.el("status").getAttribute("data-kind")).toBe("empty");

    doc.el("insert-sample").dispatch("click");
    await settle();
    expect(doc.el("status").textContent).toMatch(/^Sample model inserted on the sheet "Sourcing Inputs"/);

    doc.el("run-model").dispatch("click");
    // The bar appears only once the run has lasted PROGRESS_DELAY_MS (here: when the test fires the timer).
    expect(doc.el("progress").hidden).toBe(true);
    expect(doc.el("status").textContent).toBe("Running the model…");
    expect(doc.el("insert-sample").getAttribute("aria-disabled")).toBe("true");
    fireTimers();
    expect(doc.el("progress").hidden).toBe(false);
    await settle();
    expect(doc.el("progress").hidden).toBe(true);
    expect(doc.el("insert-sample").getAttribute("aria-disabled")).toBe("false");
    expect(doc.el("status").textContent).toBe("Modelled 4 functions. Results are on the Sourcing Results sheet.");
    const names = doc
      .el("results")
      .findAll("result-name")
      .map((e) => e.textContent);
    expect(names).toEqual(["Customer support", "React developer", "Bookkeeping", "Data entry"]);
    expect(
      doc
        .el("results")
        .findAll("result-breakeven")
        .map((e) => e.textContent),
    ).toEqual([
      "Break-even in month 6",
      "Break-even: none within 36 months",
      "Break-even in month 2",
      "Break-even in month 1",
    ]);
    // The results sheet holds one row per function, under its header, in the table's order.
    const resultsSheet = model.sheet(RESULTS_SHEET);
    const firstColumn = [...(resultsSheet?.filledCells() ?? [])]
      .filter(([, column]) => column === 0)
      .map(([row]) => resultsSheet?.cell(row, 0).value);
    expect(firstColumn).toEqual(
      expect.arrayContaining(["Customer support", "React developer", "Bookkeeping", "Data entry"]),
    );
  });

  it("lists errors as buttons that select their cells, and renders cell text as text", async () => {
    const { doc, model } = setup();
    doc.el("insert-sample").dispatch("click");
    await settle();
    // The user types a bad headcount and an HTML-looking name.
    model.userInput(INPUT_SHEET, "A6:B6", [["<img src=x onerror=alert(1)>", "many"]]);
    doc.el("run-model").dispatch("click");
    await settle();
    expect(doc.el("errors-section").hidden).toBe(false);
    const buttons = doc.el("errors").findAll("error-button");
    expect(buttons).toHaveLength(1);
    expect(buttons[0].findAll("error-where")[0].textContent).toBe("'Sourcing Inputs'!B6");
    expect(buttons[0].findAll("error-message")[0].textContent).toMatch(/^Headcount \(FTE\) must be/);
    buttons[0].dispatch("click");
    await settle();
    expect(model.selection).toEqual({ sheet: model.sheet(INPUT_SHEET), rect: parseRef("B6") });

    model.userInput(INPUT_SHEET, "B6", [[3]]);
    doc.el("run-model").dispatch("click");
    await settle();
    const names = doc
      .el("results")
      .findAll("result-name")
      .map((e) => e.textContent);
    expect(names).toContain("<img src=x onerror=alert(1)>");
    expect(doc.el("errors-section").hidden).toBe(true);
  });

  it("Live mode re-runs after edits (debounced) and stops when switched off", async () => {
    const { doc, model, standin, fireTimers } = setup();
    doc.el("insert-sample").dispatch("click");
    await settle();
    const live = doc.el("live-toggle");
    live.checked = true;
    live.dispatch("change");
    await settle();
    expect(doc.el("status").textContent).toMatch(/^Modelled 4 functions/);

    const syncsBefore = standin.stats.syncCount;
    model.userInput(INPUT_SHEET, "B5", [[20]]);
    model.userInput(INPUT_SHEET, "B6", [[4]]);
    await settle();
    expect(standin.stats.syncCount).toBe(syncsBefore); // waiting for the quiet period
    fireTimers();
    await settle();
    expect(standin.stats.syncCount).toBe(syncsBefore + 6); // one run: read 3, prepare 2, one write

    live.checked = false;
    live.dispatch("change");
    await settle();
    expect(doc.el("status").textContent).toBe("Live mode is off: select Run model to update the results.");
    const afterOff = standin.stats.syncCount;
    const resultsId = model.sheet(RESULTS_SHEET)?.id;
    model.userInput(INPUT_SHEET, "B5", [[21]]);
    await settle();
    fireTimers();
    await settle();
    // No run with Live off: the inputs are read (3 syncs) and the Results sheet gets its out-of-date note (1).
    expect(standin.stats.syncCount).toBe(afterOff + 4);
    expect(model.sheet(RESULTS_SHEET)?.id).toBe(resultsId);
    expect(doc.el("status").getAttribute("data-kind")).toBe("stale");
  });

  it("with Live off, an edit after a run marks the pane and the Results sheet out of date, once, until Run model", async () => {
    const { doc, model, standin, fireTimers } = setup();
    doc.el("insert-sample").dispatch("click");
    await settle();
    // A run with an input error: its own error marks raise change events, which must not mark anything stale.
    model.userInput(INPUT_SHEET, "B6", [["many"]]);
    doc.el("run-model").dispatch("click");
    await settle();
    await settle();
    fireTimers();
    await settle();
    expect(doc.el("status").getAttribute("data-kind")).toBe("error");
    expect(doc.el("run-model").getAttribute("data-stale")).toBe("false");
    const resultsNote = () => model.sheet(RESULTS_SHEET)?.cell(0, 0).value;
    expect(resultsNote()).not.toBe(excel.STALE_RESULTS_NOTE);
    // Again, now that the pane listens: the marks are replaced (change events), the inputs are not.
    const resultsId = model.sheet(RESULTS_SHEET)?.id;
    doc.el("run-model").dispatch("click");
    await settle();
    expect(model.sheet(RESULTS_SHEET)?.id).not.toBe(resultsId);
    fireTimers();
    await settle();
    expect(doc.el("status").getAttribute("data-kind")).toBe("error");
    expect(resultsNote()).not.toBe(excel.STALE_RESULTS_NOTE);

    // The user fixes the headcount and changes a fee: the pane and the sheet say the results are out of date.
    model.userInput(INPUT_SHEET, "B6", [[3]]);
    model.userInput(INPUT_SHEET, "D5", [[4000]]);
    await settle();
    fireTimers();
    await settle();
    expect(doc.el("status").textContent).toBe(
      "Inputs changed since the last run: these results are out of date. Select Run model to update them.",
    );
    expect(doc.el("status").getAttribute("data-kind")).toBe("stale");
    expect(doc.el("run-model").getAttribute("data-stale")).toBe("true");
    expect(resultsNote()).toBe("Inputs changed since this run — select Run model to update.");
    expect(model.sheet(RESULTS_SHEET)?.style(0, 0).bold).toBe(true);

    // Further edits in the same burst read and write nothing more.
    const syncs = standin.stats.syncCount;
    model.userInput(INPUT_SHEET, "D5", [[4100]]);
    await settle();
    fireTimers();
    await settle();
    expect(standin.stats.syncCount).toBe(syncs);

    // Run model: fresh results, no note, the button back to normal.
    doc.el("run-model").dispatch("click");
    await settle();
    expect(doc.el("status").textContent).toBe("Modelled 4 functions. Results are on the Sourcing Results sheet.");
    expect(doc.el("run-model").getAttribute("data-stale")).toBe("false");
    expect(resultsNote()).not.toBe(excel.STALE_RESULTS_NOTE);
    // And the next edit marks them again.
    model.userInput(INPUT_SHEET, "D5", [[4200]]);
    await settle();
    fireTimers();
    await settle();
    expect(resultsNote()).toBe(excel.STALE_RESULTS_NOTE);
  });

  it("after Insert sample the stale check listens to the new tables, not only to the sheet it watched before", async () => {
    const { doc, model, fireTimers } = setup();
    // The user's own block on Sheet1, no tables: the run finds it around the selection.
    model.userInput("Sheet1", "A1:S3", [sampleFunctionHeaders(), ...functionRows(2)]);
    model.userSelect("Sheet1", "B2");
    doc.el("run-model").dispatch("click");
    await settle();
    expect(doc.el("status").textContent).toMatch(/^Modelled 2 functions/);
    doc.el("insert-sample").dispatch("click");
    await settle();
    model.userInput(INPUT_SHEET, "D5", [[4000]]);
    await settle();
    fireTimers();
    await settle();
    expect(doc.el("status").getAttribute("data-kind")).toBe("stale");
  });

  it("keeps keyboard focus on Run model after a run, even when the host takes it away meanwhile", async () => {
    const { doc } = setup();
    doc.el("insert-sample").dispatch("click");
    await settle();
    doc.el("run-model").focus();
    doc.el("run-model").dispatch("click");
    // Excel (or the playground's grid) re-renders the sheets and focus falls to the pane's body.
    doc.activeElement = doc.body;
    await settle();
    expect(doc.el("status").textContent).toMatch(/^Modelled 4 functions/);
    expect(doc.activeElement).toBe(doc.el("run-model"));
  });

  it("does not take focus when it was elsewhere (a Live run while the user types in the workbook)", async () => {
    const { doc } = setup();
    doc.el("insert-sample").dispatch("click");
    await settle();
    const chartSelect = doc.createElement("select");
    chartSelect.focus();
    doc.el("run-model").dispatch("click");
    await settle();
    expect(doc.activeElement).toBe(chartSelect);
  });
});
