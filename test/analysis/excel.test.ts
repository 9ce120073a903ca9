import { describe, expect, it } from "vitest";
import { SourcingUserError } from "../../src/excel";
import { readScenarioRows } from "../../src/excel/read-scenarios";
import { writeAnalysis } from "../../src/excel/write-analysis";
import type { AnalysisReport } from "../../src/layout/analysis-sheet";
import { VOI_TABLE } from "../../src/layout/voi-sheet";
import {
  ANALYSIS_SHEET,
  HISTOGRAM_TABLE,
  SCENARIO_COMPARISON_TABLE,
  SIMULATION_TABLE,
  TORNADO_TABLE,
} from "../../src/layout/workbook";
import { compareScenarios, parseScenarios, sensitivity, simulate } from "../../src/model";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { asRun, functionRows, workbookWith } from "../excel/helpers";
import { sampleWithRanges } from "./helpers";

function report(): AnalysisReport {
  const input = sampleWithRanges();
  input.functions[0].function = "=Payroll"; // text that looks like a formula must stay text
  const { scenarios } = parseScenarios([{ scenario: "Slow ramp", key: "bpoRampWeeks", value: 12 }]);
  return {
    simulation: simulate(input, { trials: 500, seed: 4 }),
    sensitivity: sensitivity(input),
    scenarios: compareScenarios(input, scenarios),
  };
}

describe("writeAnalysis", () => {
  it("writes the five tables and native charts in one prepare sync and one write sync", async () => {
    const { standin, run, model } = workbookWith(functionRows(4));
    const r = report();
    const summary = await writeAnalysis(r, run);
    expect(standin.stats.syncCount).toBe(2);
    expect(summary).toMatchObject({ requests: 1, simulationRows: 8, histogramRows: 80, scenarioRows: 4, charts: 8 });
    expect(summary.tornadoRows).toBe(r.sensitivity.results.reduce((n, f) => n + f.bars.length, 0));
    const tables = model.tables.filter((t) => t.sheet.name === ANALYSIS_SHEET).map((t) => t.name);
    expect(tables).toEqual([SIMULATION_TABLE, HISTOGRAM_TABLE, TORNADO_TABLE, VOI_TABLE, SCENARIO_COMPARISON_TABLE]);
    const charts = model.charts.filter((c) => c.sheet.name === ANALYSIS_SHEET);
    expect(charts.map((c) => c.type)).toEqual([
      "ColumnClustered",
      "BarClustered",
      "ColumnClustered",
      "BarClustered",
      "ColumnClustered",
      "BarClustered",
      "ColumnClustered",
      "BarClustered",
    ]);
    expect(charts[1].seriesNames).toEqual(["Input at low", "Input at high"]);
    expect(charts[0].title).toMatch(/^=Payroll: BPO saving over 500 trials/);

    const sheet = model.requireSheet(ANALYSIS_SHEET);
    const table = model.table(SIMULATION_TABLE);
    const firstData = (table?.rect.row as number) + 1;
    const cell = sheet.cell(firstData, 0);
    expect(cell).toMatchObject({ value: "=Payroll", formula: undefined });
    expect(sheet.cell(firstData, 2).value).toBe(r.simulation.results[0].BPO.probabilityCheaper);
  });

  it("replaces its own sheet on the next run, and refuses a table name the user already took", async () => {
    const { standin, run, model } = workbookWith(functionRows(4));
    await writeAnalysis(report(), run);
    await writeAnalysis(report(), run);
    expect(model.sheets.filter((s) => s.name === ANALYSIS_SHEET)).toHaveLength(1);
    expect(model.charts.filter((c) => c.sheet.name === ANALYSIS_SHEET)).toHaveLength(8);
    // 2 + 3: the second run's prepare looks up its tables, then reads their sheet (they exist).
    expect(standin.stats.syncCount).toBe(5);

    const clash = new WorkbookModel(["Mine"]);
    clash.userInput("Mine", "A1:B2", [
      ["a", "b"],
      [1, 2],
    ]);
    clash.userAddTable("Mine", "A1:B2", TORNADO_TABLE);
    await expect(writeAnalysis(report(), asRun(createStandin(clash)))).rejects.toThrow(SourcingUserError);
  });

  it("reads the SourcingScenarios table by its headers", async () => {
    const model = new WorkbookModel(["Inputs"]);
    model.userInput("Inputs", "A1:D3", [
      ["Scenario", "Key", "Value", "Function"],
      ["Slow ramp", "bpoRampWeeks", 12, ""],
      ["Fee cut", "BPO monthly fee per FTE", 3900, "Bookkeeping"],
    ]);
    model.userAddTable("Inputs", "A1:D3", "SourcingScenarios");
    const standin = createStandin(model);
    expect(await readScenarioRows(asRun(standin))).toEqual([
      { scenario: "Slow ramp", key: "bpoRampWeeks", value: 12, function: "" },
      { scenario: "Fee cut", key: "BPO monthly fee per FTE", value: 3900, function: "Bookkeeping" },
    ]);
    expect(standin.stats.syncCount).toBe(3); // look up, shape, values
    expect(await readScenarioRows(asRun(createStandin(new WorkbookModel(["Empty"]))))).toEqual([]);
  });
});
