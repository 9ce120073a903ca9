/**
 * The goal-seek form and "Add a scenarios table" on the pane's fake DOM, with the real adapter over the strict
 * stand-in (reading the inputs, writing the SourcingGoalSeek and SourcingScenarios tables).
 */
import { describe, expect, it } from "vitest";
import { type ExcelRun, NO_FUNCTIONS_TABLE, insertSample, readInputs } from "../../src/excel";
import { readScenarioRows } from "../../src/excel/read-scenarios";
import { addScenariosTable } from "../../src/excel/scenarios-template";
import { addCorrelationsTable } from "../../src/excel/correlations-template";
import { writeAnalysis, writeGoalSeek } from "../../src/excel/write-analysis";
import { ANALYSIS_SHEET, GOAL_SEEK_TABLE, SCENARIOS_TABLE } from "../../src/layout/workbook";
import { SAMPLE_FUNCTIONS, goalSeek, sampleInput } from "../../src/model";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { type AnalysisPanelDeps, mountAnalysisPanel } from "../../src/taskpane/analysis-panel";
import { FakeDocument, type FakeElement } from "../taskpane/fake-dom";
import { functionRows, workbookWith } from "../excel/helpers";

type Field = FakeElement & { value: string };

function mount(run: ExcelRun) {
  const doc = new FakeDocument();
  const container = doc.createElement("div");
  const deps: AnalysisPanelDeps = {
    readInputs: async () => {
      const { input, notFoundReason } = await readInputs(run);
      return { input, notFoundReason, scenarios: await readScenarioRows(run) };
    },
    createWorker: () => {
      throw new Error("the goal seek and the template never start the analysis worker");
    },
    writeAnalysis: (report) => writeAnalysis(report, run),
    addScenariosTable: () => addScenariosTable(run),
    addCorrelationsTable: () => addCorrelationsTable(run),
    writeGoalSeek: (report) => writeGoalSeek(report, run),
  };
  const panel = mountAnalysisPanel(container as unknown as HTMLElement, deps, doc as unknown as Document);
  const form = panel.goalSeek.elements as unknown as Record<keyof typeof panel.goalSeek.elements, Field>;
  return { panel, form, container: container as FakeElement };
}

async function sampleWorkbook() {
  const model = new WorkbookModel(["Sheet1"]);
  const run = createStandin(model).run as unknown as ExcelRun;
  await insertSample(run);
  return { model, run };
}

const options = (select: FakeElement) => select.children.map((o) => o.textContent);

describe("goal-seek form", () => {
  it("answers for every function and both inputs by default, in words, and writes the table", async () => {
    const { model, run } = await sampleWorkbook();
    const { panel, form, container } = mount(run);
    expect(container.findAll("goal-seek-panel")).toHaveLength(1);
    expect(form.month.value).toBe("6");
    const running = panel.goalSeek.run();
    // Busy without `disabled` (which would drop keyboard focus); a second click meanwhile does nothing.
    expect(form.run.getAttribute("aria-disabled")).toBe("true");
    expect(form.run.disabled).toBe(false);
    await panel.goalSeek.run();
    await running;
    expect(form.run.getAttribute("aria-disabled")).toBe("false");
    const expected = goalSeek(sampleInput(), 6);
    const support = expected.results[0];
    expect(form.answers.children.map((li) => li.textContent)).toEqual(
      expected.results.flatMap((r) => [`${r.function}: ${r.fee.message}`, `${r.function}: ${r.rate.message}`]),
    );
    expect(form.answers.children[0].textContent).toBe(`Customer support: ${support.fee.message}`);
    expect(support.fee.message).toMatch(/at most USD 4,3\d\d per FTE-month makes BPO pay back by month 6/);
    expect(form.status.textContent).toMatch(
      /^Done: 8 answer\(s\) for month 6, on the Sourcing Analysis sheet \(table SourcingGoalSeek at A4:I4\)\.$/,
    );
    expect(form.status.className).toMatch(/success/);
    expect(model.table(GOAL_SEEK_TABLE)?.sheet.name).toBe(ANALYSIS_SHEET);
    expect(model.table(GOAL_SEEK_TABLE)?.rect.rowCount).toBe(9);
    // The list of functions now names the workbook's functions.
    expect(options(form.functionChoice)).toEqual(["All functions", ...SAMPLE_FUNCTIONS.map((f) => f.function)]);
  });

  it("solves for one input of one chosen function", async () => {
    const { model, run } = await sampleWorkbook();
    const { panel, form } = mount(run);
    form.functionChoice.dispatch("focus");
    await new Promise((resolve) => setTimeout(resolve, 0));
    await panel.goalSeek.refreshFunctions();
    expect(options(form.functionChoice)).toContain("Bookkeeping");
    form.functionChoice.value = "Bookkeeping";
    form.target.value = "saHourlyRate";
    form.month.value = "12";
    await panel.goalSeek.run();
    const bookkeeping = goalSeek(sampleInput(), 12).results.find((r) => r.function === "Bookkeeping");
    expect(form.answers.children.map((li) => li.textContent)).toEqual([`Bookkeeping: ${bookkeeping?.rate.message}`]);
    expect(model.table(GOAL_SEEK_TABLE)?.rect.rowCount).toBe(2);
    expect(form.functionChoice.value).toBe("Bookkeeping");
  });

  it.each([
    ["40", '"40"'],
    ["6.5", '"6.5"'],
    ["0", '"0"'],
    ["", '""'],
    ["six", '"six"'],
  ])("refuses month %j with a message naming the horizon, and writes nothing", async (typed, quoted) => {
    const { model, run } = await sampleWorkbook();
    const { panel, form } = mount(run);
    form.month.value = typed;
    await panel.goalSeek.run();
    expect(form.status.textContent).toBe(
      `Break-even by month must be a whole number from 1 to 36 (the horizon in the assumptions); got ${quoted}.`,
    );
    expect(form.status.className).toMatch(/error/);
    expect(form.answers.children).toHaveLength(0);
    expect(model.sheets.map((s) => s.name)).not.toContain(ANALYSIS_SHEET);
    expect(form.run.getAttribute("aria-disabled")).toBe("false");
  });

  it("says what is missing when the workbook has no functions table", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    const { panel, form } = mount(createStandin(model).run as unknown as ExcelRun);
    await panel.goalSeek.run();
    expect(form.status.textContent).toBe(NO_FUNCTIONS_TABLE);
    expect(form.status.className).toMatch(/error/);
    expect(model.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

describe("Add a scenarios table (button)", () => {
  it("adds the template once, then says the workbook already has one", async () => {
    const { model, run } = workbookWith(functionRows(2));
    const { panel } = mount(run);
    const status = panel.elements.status as unknown as FakeElement;
    (panel.elements.addScenarios as unknown as FakeElement).dispatch("click");
    await new Promise((resolve) => setTimeout(resolve, 0));
    await panel.addScenarios(); // a second click while the first is done: the workbook has one now
    expect(model.tables.filter((t) => t.name === SCENARIOS_TABLE)).toHaveLength(1);
    expect(status.textContent).toMatch(/already has a SourcingScenarios table \(on the sheet "Inputs"\)/);
  });

  it("reports the added table with its place", async () => {
    const { model, run } = workbookWith(functionRows(2));
    const { panel } = mount(run);
    await panel.addScenarios();
    const status = panel.elements.status as unknown as FakeElement;
    expect(status.textContent).toMatch(/^Added a SourcingScenarios table on the sheet "Inputs" at A\d+:D\d+/);
    expect(status.className).toMatch(/success/);
    expect(model.table(SCENARIOS_TABLE)?.sheet.name).toBe("Inputs");
  });
});
