/** Monte Carlo standard errors of the simulated figures (model/convergence.ts) in the pane's report and on the sheet. */
import { describe, expect, it } from "vitest";
import { writeAnalysis } from "../../src/excel/write-analysis";
import { simulationColumns } from "../../src/layout/analysis-sheet";
import { SIMULATION_TABLE, ANALYSIS_SHEET } from "../../src/layout/workbook";
import {
  MAX_TRIALS,
  mulberry32,
  percentileStandardErrors,
  proportionStandardError,
  sampleInput,
  trialsForPrecision,
} from "../../src/model";
import { type AnalysisMessage, handleAnalysisRequest } from "../../src/taskpane/analysis.worker";
import { summaryLines } from "../../src/taskpane/analysis-panel";
import { functionRows, workbookWith } from "../excel/helpers";
import { sampleWithRanges } from "./helpers";

function analyse(input = sampleWithRanges(), trials = 4000) {
  const messages: AnalysisMessage[] = [];
  handleAnalysisRequest({ type: "analyse", id: 1, input, scenarios: [], trials, seed: 6 }, (m) => messages.push(m));
  const done = messages[messages.length - 1];
  if (done.type !== "done") throw new Error("the analysis did not finish");
  return done.report;
}

describe("standard errors of the simulated figures", () => {
  it("gives the binomial standard error of a share", () => {
    expect(proportionStandardError(0.5, 10_000)).toBeCloseTo(0.005, 12);
    expect(proportionStandardError(1, 10_000)).toBe(0);
  });

  it("estimates a percentile's standard error by batch means close to the known one (the median of a uniform)", () => {
    const random = mulberry32(12);
    const n = 40_000;
    const values = Float64Array.from({ length: n }, () => random());
    const { p10, p50, p90 } = percentileStandardErrors(values);
    // Var(median) ≈ 1/(4 n f(m)²) = 1/(4n) for the uniform; P10 and P90: q(1 − q)/n. Twenty batches: about ±35%.
    expect(p50).toBeGreaterThan((0.5 * 0.5) / Math.sqrt(n));
    expect(p50).toBeLessThan((1.6 * 0.5) / Math.sqrt(n));
    for (const se of [p10, p90]) {
      expect(se).toBeGreaterThan(0.5 * Math.sqrt(0.09 / n));
      expect(se).toBeLessThan(1.6 * Math.sqrt(0.09 / n));
    }
    expect(percentileStandardErrors(new Float64Array(1))).toEqual({ p10: null, p50: null, p90: null });
  });

  it("asks for enough trials in whole batches for a target standard error, at most 1,000,000", () => {
    // √(0.25/n) < 0.005 needs n > 10,000: 11,000 in batches of 1,000.
    expect(trialsForPrecision(0.5, 0.005, 5000, 1000)).toBe(11_000);
    expect(proportionStandardError(0.5, 11_000)).toBeLessThan(0.005);
    // Always grows by a batch at least, never past the cap.
    expect(trialsForPrecision(0.5, 0.1, 5000, 1000)).toBe(6000);
    expect(trialsForPrecision(0.5, 1e-6, 5000, 1000)).toBe(MAX_TRIALS);
  });

  it("reports each function's standard errors in the pane's report, 0 where the figures are exact", () => {
    const report = analyse();
    const errors = report.standardErrors ?? [];
    expect(errors).toHaveLength(report.simulation.results.length);
    report.simulation.results.forEach((r, i) => {
      expect(errors[i].function).toBe(r.function);
      expect(errors[i].BPO.probabilityCheaper).toBe(proportionStandardError(r.BPO.probabilityCheaper, r.trialsRun));
      if (r.trialsRun > 0) expect(errors[i].BPO.p50).toBeGreaterThan(0);
    });
    const withoutAnyRange = sampleInput();
    for (const row of withoutAnyRange.functions)
      for (const key of Object.keys(row)) if (/(Min|Max)$/.test(key)) delete row[key];
    const fixed = analyse(withoutAnyRange, 100);
    const withoutRanges = fixed.simulation.results.findIndex((r) => r.trialsRun === 0);
    expect(withoutRanges).toBeGreaterThanOrEqual(0);
    expect(fixed.standardErrors?.[withoutRanges].BPO).toEqual({ probabilityCheaper: 0, p10: 0, p50: 0, p90: 0 });
  });

  it("shows them as ± x in finance format in the pane and beside each figure on the sheet", async () => {
    const report = analyse();
    const [first] = summaryLines(report);
    expect(first).toMatch(/BPO cheaper than staff augmentation in \d+\.\d% ± \d+\.\d% of trials/);
    expect(first).toMatch(/saving P10 USD [\d,()]+ ± [\d,]+, P50 USD [\d,()]+ ± [\d,]+, P90 USD [\d,()]+ ± [\d,]+;/);
    const { run, model } = workbookWith(functionRows(4));
    await writeAnalysis(report, run);
    const columns = simulationColumns("USD");
    const table = model.table(SIMULATION_TABLE);
    if (!table) throw new Error("no simulation table");
    const sheet = model.requireSheet(ANALYSIS_SHEET);
    const at = (header: string) => columns.findIndex((c) => c.header === header);
    const row = table.rect.row + 1;
    expect(at("Probability ± (standard error)")).toBe(at("Probability cheaper (NPV)") + 1);
    expect(at("Saving P50 ± (USD)")).toBe(at("Saving P50 (USD)") + 1);
    expect(sheet.cell(row, at("Probability ± (standard error)"))).toMatchObject({
      value: report.standardErrors?.[0].BPO.probabilityCheaper,
      numberFormat: '"± "0.0%',
    });
    expect(sheet.cell(row, at("Saving P50 ± (USD)"))).toMatchObject({
      value: report.standardErrors?.[0].BPO.p50,
      numberFormat: '"± "#,##0',
    });
  });
});
