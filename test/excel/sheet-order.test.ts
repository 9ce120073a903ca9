/** Run model from every sheet: where the user lands, and the order of the tabs afterwards (the stand-in). */
import { describe, expect, it } from "vitest";
import { type ExcelRun, readInputs, runModel } from "../../src/excel";
import { ownedSheetsPosition } from "../../src/excel/sheet-order";
import { writeAnalysis, writeGoalSeek } from "../../src/excel/write-analysis";
import { writePortfolio } from "../../src/excel/write-portfolio";
import { PORTFOLIO_SHEET } from "../../src/layout/portfolio-sheet";
import { ANALYSIS_SHEET, CHARTS_SHEET, INPUT_SHEET, RESULTS_SHEET, SCHEDULE_SHEET } from "../../src/layout/workbook";
import { goalSeek } from "../../src/model";
import { type AnalysisMessage, handleAnalysisRequest } from "../../src/taskpane/analysis.worker";
import { type PortfolioMessage, handlePortfolioRequest } from "../../src/taskpane/portfolio.worker";
import { functionRows, workbookWith } from "./helpers";
import { portfolioWorkbook } from "./portfolio-helpers";

const tabs = (model: { sheets: { name: string }[] }) => model.sheets.map((sheet) => sheet.name);
const OUTPUTS = [RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET];

describe("Run model keeps the user's place and the tabs' order", () => {
  it("from an input or user sheet the user stays where they were", async () => {
    const { run, model } = workbookWith(functionRows(2));
    model.userSelect("Inputs", "C4");
    await runModel(run);
    expect(model.activeSheet?.name).toBe("Inputs");
    expect(model.selection).toMatchObject({ sheet: model.sheet("Inputs") });
    expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS]);
  });

  it.each(OUTPUTS)(
    "from %s, which the run replaces, the user lands on Sourcing Results, not on a blank sheet",
    async (sheet) => {
      const { run, model } = workbookWith(functionRows(2));
      await runModel(run);
      model.userSelect(sheet, "B7");
      await runModel(run);
      expect(model.activeSheet?.name).toBe(RESULTS_SHEET);
      expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS]);
    },
  );

  it("output sheets stay before the analysis sheet, and a sheet the user added after them stays after them", async () => {
    const { run, model } = workbookWith(functionRows(2));
    await runModel(run);
    model.addSheet(ANALYSIS_SHEET);
    model.addSheet("My summary");
    model.userSelect(ANALYSIS_SHEET, "A1");
    await runModel(run);
    expect(model.activeSheet?.name).toBe(ANALYSIS_SHEET);
    expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS, ANALYSIS_SHEET, "My summary"]);
    model.userSelect(SCHEDULE_SHEET, "A1");
    await runModel(run);
    expect(model.activeSheet?.name).toBe(RESULTS_SHEET);
    expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS, ANALYSIS_SHEET, "My summary"]);
  });

  it("a first run after an analysis puts the outputs before the analysis sheet", async () => {
    const { run, model } = workbookWith(functionRows(2));
    model.addSheet(ANALYSIS_SHEET);
    await runModel(run);
    expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS, ANALYSIS_SHEET]);
  });

  it("places the outputs where the first add-in sheet stood among the sheets that stay", () => {
    expect(ownedSheetsPosition([INPUT_SHEET, "Notes"])).toBeUndefined();
    expect(ownedSheetsPosition([INPUT_SHEET, RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET, "Notes"])).toBe(1);
    expect(ownedSheetsPosition(["Notes", INPUT_SHEET, ANALYSIS_SHEET, RESULTS_SHEET])).toBe(2);
    expect(ownedSheetsPosition([RESULTS_SHEET.toUpperCase(), INPUT_SHEET])).toBe(0);
  });
});

/** What the portfolio panel does: read, optimise (the worker's handler), write. */
async function runPortfolio(run: ExcelRun): Promise<void> {
  const { input } = await readInputs(run);
  const messages: PortfolioMessage[] = [];
  await handlePortfolioRequest({ type: "portfolio", id: 1, input }, (m) => messages.push(m));
  const done = messages.find((m) => m.type === "done");
  if (!done || done.type !== "done") throw new Error(`no portfolio: ${JSON.stringify(messages.at(-1))}`);
  await writePortfolio(done.result, run);
}

/** What the analysis panel does: read, analyse (the worker's handler), write. */
async function runAnalysis(run: ExcelRun): Promise<void> {
  const { input } = await readInputs(run);
  const messages: AnalysisMessage[] = [];
  handleAnalysisRequest({ type: "analyse", id: 1, input, scenarios: [], trials: 200, seed: 5 }, (m) =>
    messages.push(m),
  );
  const done = messages.at(-1);
  if (done?.type !== "done") throw new Error(`no analysis: ${JSON.stringify(done)}`);
  await writeAnalysis(done.report, run);
}

describe("the analysis sheet's tab", () => {
  it("goes before the portfolio sheet when the analysis runs after a portfolio run", async () => {
    const { run, model } = portfolioWorkbook(functionRows(2), { capacity: 1.5, transitions: 1 });
    await runModel(run);
    model.addSheet("My notes");
    await runPortfolio(run);
    expect(tabs(model)).toEqual(["Inputs", ...OUTPUTS, PORTFOLIO_SHEET, "My notes"]);
    await runAnalysis(run);
    expect(tabs(model)).toEqual(["Inputs", ...OUTPUTS, ANALYSIS_SHEET, PORTFOLIO_SHEET, "My notes"]);
    // Run again, each in turn: the order holds.
    await runAnalysis(run);
    await runPortfolio(run);
    await runModel(run);
    expect(tabs(model)).toEqual(["Inputs", ...OUTPUTS, ANALYSIS_SHEET, PORTFOLIO_SHEET, "My notes"]);
  });

  it("goes before the portfolio sheet when a goal seek creates it", async () => {
    const { run, model } = portfolioWorkbook(functionRows(2), { capacity: 1.5, transitions: 1 });
    await runModel(run);
    await runPortfolio(run);
    const { input } = await readInputs(run);
    await writeGoalSeek({ result: goalSeek(input, 24), targets: ["bpoMonthlyFeePerFte"] }, run);
    expect(tabs(model)).toEqual(["Inputs", ...OUTPUTS, ANALYSIS_SHEET, PORTFOLIO_SHEET]);
  });
});
