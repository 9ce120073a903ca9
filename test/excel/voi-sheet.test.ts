/** Value of information on the "Sourcing Analysis" sheet, written through the strict stand-in. */
import { describe, expect, it } from "vitest";
import { writeAnalysis } from "../../src/excel/write-analysis";
import { parseRef } from "../../src/layout/address";
import { ANALYSIS_CHART_ROWS, ANALYSIS_CHART_SIZE, type AnalysisReport } from "../../src/layout/analysis-sheet";
import { VOI_CHART_BARS, VOI_TABLE, voiColumns, voiRows, voiVerdict } from "../../src/layout/voi-sheet";
import { ANALYSIS_SHEET, HISTOGRAM_TABLE, SIMULATION_TABLE } from "../../src/layout/workbook";
import { type AnalysisMessage, handleAnalysisRequest } from "../../src/taskpane/analysis.worker";
import { sampleWithRanges } from "../analysis/helpers";
import { functionRows, workbookWith } from "./helpers";

function report(): AnalysisReport {
  const messages: AnalysisMessage[] = [];
  const input = sampleWithRanges();
  handleAnalysisRequest({ type: "analyse", id: 1, input, scenarios: [], trials: 1000, seed: 8 }, (m) =>
    messages.push(m),
  );
  const done = messages[messages.length - 1];
  if (done.type !== "done") throw new Error("the analysis did not finish");
  return done.report;
}

describe("value of information on the analysis sheet", () => {
  it("writes the ranked table with amounts in the currency, and a bar chart under each histogram", async () => {
    const r = report();
    const voi = r.voi;
    if (!voi) throw new Error("no value of information in the report");
    const { run, model } = workbookWith(functionRows(4));
    const summary = await writeAnalysis(r, run);
    const table = model.table(VOI_TABLE);
    if (!table) throw new Error("no value-of-information table");
    const columns = voiColumns("USD");
    expect(table.rect.columnCount).toBe(columns.length);
    expect(summary.voiRows).toBe(voiRows(voi.functions, "USD").length);
    expect(table.rect.rowCount).toBe(summary.voiRows + 1);
    const sheet = model.requireSheet(ANALYSIS_SHEET);
    const header = table.rect.row;
    expect(columns.map((_, c) => sheet.cell(header, c).value)).toEqual(columns.map((c) => c.header));
    const evppiColumn = columns.findIndex((c) => c.header === "Worth knowing (EVPPI) (USD)");
    expect(sheet.cell(header + 1, evppiColumn).numberFormat).toBe("#,##0;(#,##0)");

    const worth = voi.functions.filter((f) => voiVerdict(f) === "worth");
    expect(worth.length).toBeGreaterThan(0);
    const charts = model.charts.filter(
      (c) => c.sheet.name === ANALYSIS_SHEET && /could change the decision/.test(c.title),
    );
    expect(charts).toHaveLength(worth.length);
    const [chart] = charts;
    const f = worth[0];
    expect(chart.type).toBe("BarClustered");
    expect(chart.title).toMatch(
      new RegExp(`^${f.function}: what could change the decision; knowing every range is worth USD [\\d,]+$`),
    );
    expect(chart.axisTitles).toEqual({ category: "Input", value: "Worth knowing before signing (USD)" });
    expect(chart.reversePlotOrder.category).toBe(true);
    expect(chart.seriesNames).toEqual(["Worth knowing (EVPPI)"]);
    // Its bars are the function's first rows of the table: the EVPPI column, short labels as categories.
    const shown = Math.min(f.inputs.length, VOI_CHART_BARS);
    expect(chart.source.rect).toMatchObject({ column: evppiColumn, rowCount: shown, columnCount: 1 });
    const first = chart.source.rect.row;
    expect(sheet.cell(first, 0).value).toBe(f.function);
    expect(sheet.cell(first, evppiColumn).value).toBe(f.inputs[0].evppi);
    const labels = chart.categories?.rect;
    expect(labels?.row).toBe(first);
    const shortLabels = Array.from({ length: shown }, (_, k) =>
      String(sheet.cell(first + k, labels?.column ?? 0).value),
    );
    expect(shortLabels.every((label) => label.length > 0 && label.length <= 14)).toBe(true);
    // Under the function's histogram, a second row of charts at column A, as wide as the histogram: within A–P.
    const histogram = model.charts.find((c) => c.type === "ColumnClustered" && c.title.startsWith(`${f.function}: `));
    if (!histogram) throw new Error("no histogram for the function");
    const rowOf = (c: typeof chart) => parseRef(c.position?.start ?? "").row;
    expect(parseRef(chart.position?.start ?? "").column).toBe(0);
    expect(chart.left ?? 0).toBe(0);
    expect(chart.size.width).toBe(histogram.size.width);
    expect(chart.size.width).toBe(ANALYSIS_CHART_SIZE.width);
    expect(rowOf(chart)).toBe(rowOf(histogram) + ANALYSIS_CHART_ROWS);
    // 18 rows of 15 pt: the histogram ends above the chart under it.
    expect(ANALYSIS_CHART_ROWS * 15).toBeGreaterThanOrEqual(ANALYSIS_CHART_SIZE.height);
  });

  it("keeps every chart within columns A–P, none over another or over a table", async () => {
    const r = report();
    const { run, model } = workbookWith(functionRows(4));
    await writeAnalysis(r, run);
    const charts = model.charts.filter((c) => c.sheet.name === ANALYSIS_SHEET);
    expect(charts.some((c) => /could change the decision/.test(c.title))).toBe(true);
    const firstScreen = 16 * 48; // columns A–P at Excel's default width, in points
    const ROW = 15; // Excel's default row height, in points
    // Each chart as a box in points from A1 (the stand-in's columns are at their default width under a chart's anchor).
    const boxes = charts.map((c) => {
      const top = parseRef(c.position?.start ?? "").row * ROW;
      const left = c.left ?? 0;
      return { title: c.title, top, bottom: top + c.size.height, left, right: left + c.size.width };
    });
    for (const box of boxes) expect(box.right, box.title).toBeLessThanOrEqual(firstScreen);
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const apart = a.bottom <= b.top || b.bottom <= a.top || a.right <= b.left || b.right <= a.left;
        expect(apart, `${a.title} and ${b.title}`).toBe(true);
      }),
    );
    // Under the summary table, and above the first table after the charts (its title row included).
    const summary = model.table(SIMULATION_TABLE)?.rect;
    const histogramTable = model.table(HISTOGRAM_TABLE)?.rect;
    if (!summary || !histogramTable) throw new Error("analysis tables missing");
    for (const box of boxes) {
      expect(box.top, box.title).toBeGreaterThanOrEqual((summary.row + summary.rowCount) * ROW);
      expect(box.bottom, box.title).toBeLessThanOrEqual((histogramTable.row - 1) * ROW);
    }
  });

  it("writes an empty table, and no value-of-information chart, for a report made without it", async () => {
    const { voi: _dropped, ...withoutVoi } = report();
    const { run, model } = workbookWith(functionRows(4));
    const summary = await writeAnalysis(withoutVoi, run);
    expect(summary.voiRows).toBe(0);
    expect(model.table(VOI_TABLE)?.rect.rowCount).toBe(2);
    expect(model.charts.some((c) => /could change the decision/.test(c.title))).toBe(false);
  });
});
