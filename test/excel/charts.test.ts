/**
 * Charts that read without a legend hunt (issue #14, item 6): the stand-in's chart members in its strict style, the
 * Charts sheet (axis titles, words for series names, a dash pattern per strategy) and the analysis charts (on the
 * first screen beside each other, short labels, low/high labelled on the bars, axis titles with the currency).
 */
import { describe, expect, it } from "vitest";
import { readInputs, runModel } from "../../src/excel";
import { writePortfolio } from "../../src/excel/write-portfolio";
import { writeAnalysis } from "../../src/excel/write-analysis";
import { parseRef } from "../../src/layout/address";
import {
  ANALYSIS_CHART_SIZE,
  CHART_LABEL_MAX,
  type AnalysisReport,
  TORNADO_CHART_BARS,
  tornadoChartLabel,
} from "../../src/layout/analysis-sheet";
import { STRATEGY_LINES } from "../../src/layout/chart-looks";
import { PORTFOLIO_SHEET, TIMELINE_PHASES } from "../../src/layout/portfolio-sheet";
import {
  ANALYSIS_SHEET,
  CHARTS_SHEET,
  HISTOGRAM_TABLE,
  SIMULATION_TABLE,
  TORNADO_TABLE,
} from "../../src/layout/workbook";
import { sensitivity, simulate } from "../../src/model";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { DECLARED_REQUIREMENTS } from "../../src/layout/requirements";
import { chartSeries } from "../../src/playground/grid";
import { barExtents, renderBarChart } from "../../src/playground/bar-chart";
import { type SvgDoc, renderLineChart } from "../../src/taskpane/line-chart";
import { type PortfolioMessage, handlePortfolioRequest } from "../../src/taskpane/portfolio.worker";
import { FakeElement } from "../taskpane/fake-dom";
import { sampleWithRanges } from "../analysis/helpers";
import { functionRows, workbookWith } from "./helpers";
import { portfolioWorkbook } from "./portfolio-helpers";

/** A sheet with numbers in A1:B4 and one line chart over them, added and synced. */
async function oneChart(apiLevel?: Record<string, string>) {
  const model = new WorkbookModel(["Data"]);
  model.userInput("Data", "A1:B4", [
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
  ]);
  const standin = createStandin(model, apiLevel ? { apiLevel } : {});
  await standin.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Data");
    sheet.charts.add("Line", sheet.getRange("A1:B4"), "Columns");
    await context.sync();
  });
  return { model, standin, chart: model.charts[0] };
}

describe("stand-in chart members (strict: writes apply at sync, unloaded reads throw)", () => {
  it("axis titles, markers, line dashes and data labels reach the chart only at sync", async () => {
    const { standin, chart } = await oneChart();
    await standin.run(async (context) => {
      const proxy = context.workbook.worksheets.getItem("Data").charts.getItemAt(0);
      proxy.axes.categoryAxis.title.text = "Month";
      proxy.axes.valueAxis.title.text = "Cumulative cost (USD)";
      const series = proxy.series.getItemAt(1);
      series.markerStyle = "Triangle";
      series.format.line.lineStyle = "Dash";
      series.hasDataLabels = true;
      series.dataLabels.showSeriesName = true;
      proxy.width = 300;
      expect(chart.axisTitles).toEqual({ category: "", value: "" });
      expect(chart.seriesLooks[1].lineStyle).toBe("Automatic");
      await context.sync();
    });
    expect(chart.axisTitles).toEqual({ category: "Month", value: "Cumulative cost (USD)" });
    expect(chart.seriesLooks[1]).toEqual({
      markerStyle: "Triangle",
      lineStyle: "Dash",
      hasDataLabels: true,
      dataLabels: { showSeriesName: true, showValue: false },
    });
    expect(chart.seriesLooks[0].lineStyle).toBe("Automatic");
    expect(chart.size.width).toBe(300);
  });

  it("reads throw until loaded and synced, then show what the chart holds", async () => {
    const { standin } = await oneChart();
    await standin.run(async (context) => {
      const proxy = context.workbook.worksheets.getItem("Data").charts.getItemAt(0);
      const title = proxy.axes.valueAxis.title;
      const line = proxy.series.getItemAt(0).format.line;
      expect(() => title.text).toThrow(/not available.*load/i);
      title.load("text");
      line.load("lineStyle");
      proxy.load("left,width,height");
      await context.sync();
      expect(title.text).toBe("");
      expect(line.lineStyle).toBe("Automatic");
      expect([proxy.left, proxy.width, proxy.height]).toEqual([0, 360, 216]);
    });
  });

  it("refuses what Excel refuses: unknown styles, category names on the value axis, setPosition resets left", async () => {
    const { standin, chart } = await oneChart();
    await expect(
      standin.run(async (context) => {
        context.workbook.worksheets.getItem("Data").charts.getItemAt(0).series.getItemAt(0).markerStyle =
          "Hexagon" as Excel.ChartMarkerStyle;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      standin.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Data");
        sheet.charts.getItemAt(0).axes.valueAxis.setCategoryNames(sheet.getRange("A1:A4"));
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await standin.run(async (context) => {
      const proxy = context.workbook.worksheets.getItem("Data").charts.getItemAt(0);
      proxy.left = 120;
      await context.sync();
      expect(chart.left).toBe(120);
      proxy.setPosition("C2");
      proxy.load("left");
      await context.sync();
      expect(proxy.left).toBe(96); // two default columns of 48 pt
    });
  });

  it("a series' data labels need ExcelApi 1.8, the manifest's level", async () => {
    const { standin } = await oneChart({ ...DECLARED_REQUIREMENTS, ExcelApi: "1.7" });
    await expect(
      standin.run(async (context) => {
        context.workbook.worksheets.getItem("Data").charts.getItemAt(0).series.getItemAt(0).dataLabels.showValue = true;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

describe("the Charts sheet", () => {
  it("titles both axes, names the series in words and dashes each strategy differently", async () => {
    const { run, model } = workbookWith(functionRows(2));
    const outcome = await runModel(run);
    expect(outcome.kind).toBe("done");
    const charts = model.charts.filter((c) => c.sheet.name === CHARTS_SHEET);
    expect(charts).toHaveLength(2);
    for (const chart of charts) {
      expect(chart.axisTitles).toEqual({ category: "Month", value: "Cumulative cost (USD)" });
      expect(chart.seriesNames).toEqual(["Staff augmentation", "BPO", "Bridge"]);
      const styles = chart.seriesLooks.map((look) => look.lineStyle);
      expect(styles).toEqual(STRATEGY_LINES.map((line) => line.lineStyle));
      expect(new Set(styles).size).toBe(3);
    }
  });
});

/** The sample with ranges, simulated and put through the tornado; the charts need no scenarios. */
const report = (input = sampleWithRanges()): AnalysisReport => ({
  simulation: simulate(input, { trials: 400, seed: 3 }),
  sensitivity: sensitivity(input),
  scenarios: null,
});

describe("the analysis charts", () => {
  it("sit between the summary and the tables they chart, side by side within columns A–P", async () => {
    const { run, model } = workbookWith(functionRows(4));
    await writeAnalysis(report(), run);
    const charts = model.charts.filter((c) => c.sheet.name === ANALYSIS_SHEET);
    expect(charts).toHaveLength(8);
    const summary = model.table(SIMULATION_TABLE)?.rect;
    const histogram = model.table(HISTOGRAM_TABLE)?.rect;
    if (!summary || !histogram) throw new Error("analysis tables missing");
    const firstScreen = 16 * 48; // columns A–P at Excel's default width, in points
    // Per function one row of charts, the histogram first at column A, the others right of it without overlap.
    const rows = new Map<number, typeof charts>();
    for (const chart of charts) {
      const row = parseRef(chart.position?.start ?? "").row;
      rows.set(row, [...(rows.get(row) ?? []), chart]);
    }
    expect(rows.size).toBe(4);
    for (const [row, inRow] of rows) {
      expect(row).toBeGreaterThan(summary.row + summary.rowCount - 1);
      expect(row).toBeLessThan(histogram.row);
      expect(inRow[0].type).toBe("ColumnClustered");
      expect(inRow[0].left ?? 0).toBe(0);
      inRow.forEach((chart, k) => {
        expect((chart.left ?? 0) + chart.size.width, `chart ${k + 1} of row ${row + 1}`).toBeLessThanOrEqual(
          firstScreen,
        );
        if (k > 0) expect(chart.left ?? 0).toBeGreaterThanOrEqual((inRow[k - 1].left ?? 0) + inRow[k - 1].size.width);
      });
    }
    // The last pair ends above the histogram table's title row.
    const lastRow = parseRef(charts[charts.length - 1].position?.start ?? "").row;
    expect(lastRow + Math.ceil(ANALYSIS_CHART_SIZE.height / 15)).toBeLessThan(histogram.row - 1);
  });

  it("label axes with units, keep labels short, and tell low from high by a label on the bars", async () => {
    const { run, model } = workbookWith(functionRows(4));
    const r = report();
    await writeAnalysis(r, run);
    const [histogram, tornado] = model.charts.filter((c) => c.sheet.name === ANALYSIS_SHEET);
    expect(histogram.axisTitles).toEqual({ category: "BPO saving, NPV (USD)", value: "Trials" });
    expect(tornado.axisTitles).toEqual({ category: "Input", value: "Change in BPO saving (USD)" });
    expect(tornado.seriesLooks.map((look) => [look.hasDataLabels, look.dataLabels.showSeriesName])).toEqual([
      [true, true],
      [true, true],
    ]);
    const labels = (rect: { row: number; column: number; rowCount: number }) =>
      Array.from({ length: rect.rowCount }, (_, i) =>
        String(model.requireSheet(ANALYSIS_SHEET).cell(rect.row + i, rect.column).value),
      );
    const histogramLabels = labels(histogram.categories?.rect ?? { row: 0, column: 0, rowCount: 0 });
    const tornadoLabels = labels(tornado.categories?.rect ?? { row: 0, column: 0, rowCount: 0 });
    expect(histogramLabels).toHaveLength(r.simulation.results[0].histogram.length);
    for (const label of [...histogramLabels, ...tornadoLabels]) {
      expect(label.length).toBeLessThanOrEqual(CHART_LABEL_MAX);
      expect(label).not.toMatch(/…/);
    }
    expect(new Set(histogramLabels).size).toBe(histogramLabels.length);
    // The chart shows the inputs that move the saving most; the table keeps them all, in full words.
    const bars = r.sensitivity.results[0].bars;
    expect(bars.length).toBeGreaterThan(TORNADO_CHART_BARS);
    expect(tornadoLabels).toEqual(bars.slice(0, TORNADO_CHART_BARS).map((b) => tornadoChartLabel(b.key, b.label)));
    expect(tornado.title).toMatch(
      new RegExp(`the ${TORNADO_CHART_BARS} inputs that move the BPO saving most \\(of ${bars.length}`),
    );
    const tornadoTable = model.table(TORNADO_TABLE)?.rect;
    const sheet = model.requireSheet(ANALYSIS_SHEET);
    expect(sheet.cell((tornadoTable?.row ?? 0) + 1, 1).value).toBe(bars[0].label);
    // Low and High read as the inputs do: a share as a percentage, a fee with separators.
    const formatOf = (key: string) => {
      const row = (tornadoTable?.row ?? 0) + 1 + bars.findIndex((b) => b.key === key);
      return [sheet.cell(row, 2).numberFormat, sheet.cell(row, 3).numberFormat];
    };
    expect(formatOf("saMgmtShare")).toEqual(["0.0%", "0.0%"]);
    expect(formatOf("bpoTransitionCost")).toEqual(["#,##0;(#,##0)", "#,##0;(#,##0)"]);
  });
});

/** Enough of a document for the chart drawing: elements that keep their attributes and children. */
const svgDoc = {
  createElement: (tag: string) => new FakeElement(tag),
  createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
} as unknown as SvgDoc;

function texts(root: FakeElement, className: string): string[] {
  const out: string[] = [];
  const visit = (el: FakeElement) => {
    if ((el.getAttribute("class") ?? "").split(" ").includes(className)) out.push(el.textContent);
    el.children.forEach(visit);
  };
  visit(root);
  return out;
}

describe("the playground draws what the writers set", () => {
  it("tornado and histogram: axis titles, uncut category labels, low and high named on the bars", async () => {
    const { run, model } = workbookWith(functionRows(4));
    const r = report();
    await writeAnalysis(r, run);
    const [histogram, tornado] = model.charts.filter((c) => c.sheet.name === ANALYSIS_SHEET);
    const drawnTornado = renderBarChart(svgDoc, {
      ...chartSeries(tornado),
      orientation: "bar",
      width: 480,
      height: 300,
    });
    const tornadoRoot = drawnTornado as unknown as FakeElement;
    // A bar chart's categories run down the side: its value axis title goes under, the input title beside.
    expect(texts(tornadoRoot, "chart-axis-title")).toEqual(["Change in BPO saving (USD)", "Input"]);
    const bars = r.sensitivity.results[0].bars.slice(0, TORNADO_CHART_BARS);
    expect(tornado.reversePlotOrder.category).toBe(true);
    expect(texts(tornadoRoot, "chart-category-label")).toEqual(bars.map((b) => tornadoChartLabel(b.key, b.label)));
    // Reversed as the writer sets it: the first (largest) input is drawn on top.
    const ys: number[] = [];
    const collect = (el: FakeElement) => {
      if (el.getAttribute("class") === "chart-category-label") ys.push(Number(el.getAttribute("y")));
      el.children.forEach(collect);
    };
    collect(tornadoRoot);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    const labels = texts(tornadoRoot, "chart-data-label");
    expect(labels.filter((l) => l === "Input at low")).toHaveLength(bars.length);
    expect(labels.filter((l) => l === "Input at high")).toHaveLength(bars.length);

    const histogramRoot = renderBarChart(svgDoc, {
      ...chartSeries(histogram),
      orientation: "column",
      width: 480,
      height: 300,
    }) as unknown as FakeElement;
    expect(texts(histogramRoot, "chart-axis-title")).toEqual(["BPO saving, NPV (USD)", "Trials"]);
    for (const label of texts(histogramRoot, "chart-category-label"))
      expect(label).toMatch(/^−?[\d.]+[kM]?–−?[\d.]+[kM]?$/);
    expect(texts(histogramRoot, "chart-data-label")).toEqual([]);
  });

  it("portfolio timeline (BarStacked): one bar per function, its phases end to end in order, each labelled", async () => {
    // As the Portfolio panel does: read, optimise in the worker's handler, write the sheet.
    const built = portfolioWorkbook(functionRows(4), { capacity: 1.5, transitions: 1 });
    const { input } = await readInputs(built.run);
    const messages: PortfolioMessage[] = [];
    await handlePortfolioRequest({ type: "portfolio", id: 1, input }, (m) => messages.push(m));
    const done = messages.find((m) => m.type === "done");
    if (!done || done.type !== "done") throw new Error("the portfolio did not finish");
    await writePortfolio(done.result, built.run);
    const timeline = built.model.charts.find((c) => c.sheet.name === PORTFOLIO_SHEET && c.type === "BarStacked");
    if (!timeline) throw new Error("no timeline chart");
    const data = chartSeries(timeline);
    const root = renderBarChart(svgDoc, {
      ...data,
      orientation: "bar",
      stacked: true,
      width: 480,
      height: 300,
    }) as unknown as FakeElement;
    expect(texts(root, "chart-axis-title")).toEqual(["Months", "Function"]);
    expect(texts(root, "chart-category-label")).toEqual(data.categories.map(String));
    expect(data.categories.length).toBeGreaterThan(1);

    // Each segment as drawn: its series, category (its bar's row), span across and data label.
    const segments: { series: number; y: number; height: number; x: number; width: number }[] = [];
    const labels: { series: number; text: string; x: number; y: number }[] = [];
    const groups = root.children
      .find((c) => c.tagName === "svg")
      ?.children.filter((c) => c.getAttribute("class") === "bar-chart-series");
    expect(groups?.map((g) => g.getAttribute("data-series"))).toEqual([...TIMELINE_PHASES]);
    expect(new Set(groups?.map((g) => g.getAttribute("fill"))).size).toBe(TIMELINE_PHASES.length);
    groups?.forEach((group, series) => {
      for (const el of group.children) {
        const at = (name: string) => Number(el.getAttribute(name));
        if (el.tagName === "rect")
          segments.push({ series, y: at("y"), height: at("height"), x: at("x"), width: at("width") });
        if (el.getAttribute("class") === "chart-data-label")
          labels.push({ series, text: el.textContent, x: at("x"), y: at("y") });
      }
    });
    // The value axis's 0 tick, where every bar starts.
    const zeroTick = root.children
      .find((c) => c.tagName === "svg")
      ?.children.find((c) => c.getAttribute("class") === "line-chart-grid")
      ?.children.find(
        (c) => c.tagName === "text" && c.textContent === "0" && c.getAttribute("text-anchor") === "middle",
      );
    const rows = [...new Set(segments.map((s) => s.y))].sort((a, b) => a - b);
    expect(rows).toHaveLength(data.categories.length);
    // Reversed as the writer sets it: the first function's bar is on top.
    const pixelsPerMonth = (() => {
      const first = segments.filter((s) => s.y === rows[0]);
      const months = data.series.reduce((sum, s) => sum + (s.values[0] ?? 0), 0);
      return first.reduce((sum, s) => sum + s.width, 0) / months;
    })();
    let withEveryPhase = 0;
    data.categories.forEach((_, i) => {
      const bar = segments.filter((s) => s.y === rows[i]);
      const nonZero = data.series.map((s, k) => ({ k, months: s.values[i] ?? 0 })).filter((p) => p.months > 0);
      // One segment per phase with months, in series order, left to right, each starting where the last ended.
      expect(bar.map((s) => s.series)).toEqual(nonZero.map((p) => p.k));
      bar.forEach((segment, j) => {
        expect(segment.width).toBeCloseTo(nonZero[j].months * pixelsPerMonth, 6);
        if (j > 0) expect(segment.x).toBeCloseTo(bar[j - 1].x + bar[j - 1].width, 6);
        expect(segment.height).toBe(bar[0].height);
        // Its label inside it, in the middle: its months (the phase is its place in the bar and its legend entry).
        const label = labels.find(
          (l) => l.series === segment.series && l.y > segment.y && l.y < segment.y + segment.height,
        );
        expect(label?.text).toBe(String(nonZero[j].months));
        expect(label?.x).toBeCloseTo(segment.x + segment.width / 2, 6);
      });
      // The bar spans the function's total months (the horizon) from the value axis's zero.
      const total = nonZero.reduce((sum, p) => sum + p.months, 0);
      expect(total).toBe(36);
      expect(bar.at(-1)!.x + bar.at(-1)!.width - bar[0].x).toBeCloseTo(total * pixelsPerMonth, 6);
      expect(bar[0].x).toBeCloseTo(Number(zeroTick?.getAttribute("x")), 6);
      if (nonZero.length === TIMELINE_PHASES.length) withEveryPhase++;
    });
    expect(withEveryPhase).toBeGreaterThan(0);
    expect(labels).toHaveLength(segments.length);
  });

  it("stacked (BarStacked, ColumnStacked): a category's positive values pile up from zero, its negative ones down", () => {
    const series = [
      { name: "a", values: [3, -2, null] },
      { name: "b", values: [4, 5, 1] },
      { name: "c", values: [-1, -3, 2] },
    ];
    expect(barExtents(series, true)).toEqual([
      [{ from: 0, to: 3 }, { from: 0, to: -2 }, null],
      [
        { from: 3, to: 7 },
        { from: 0, to: 5 },
        { from: 0, to: 1 },
      ],
      [
        { from: 0, to: -1 },
        { from: -2, to: -5 },
        { from: 1, to: 3 },
      ],
    ]);
    // Clustered bars each start at zero.
    expect(barExtents(series, false)[1]).toEqual([
      { from: 0, to: 4 },
      { from: 0, to: 5 },
      { from: 0, to: 1 },
    ]);
  });

  it("markers where a series sets them, none where Excel's line chart has none", async () => {
    const { standin, chart } = await oneChart();
    await standin.run(async (context) => {
      context.workbook.worksheets.getItem("Data").charts.getItemAt(0).series.getItemAt(1).markerStyle = "Triangle";
      await context.sync();
    });
    const root = renderLineChart(svgDoc, { ...chartSeries(chart), width: 300, height: 200 }) as unknown as FakeElement;
    const markers: string[] = [];
    const visit = (el: FakeElement) => {
      if (el.getAttribute("class") === "line-chart-point")
        markers.push(`${el.tagName}:${el.getAttribute("data-marker")}`);
      el.children.forEach(visit);
    };
    visit(root);
    expect(markers).toEqual(Array.from({ length: 4 }, () => "polygon:Triangle"));
  });

  it("Charts sheet: axis titles and one dash pattern per strategy", async () => {
    const { run, model } = workbookWith(functionRows(1));
    await runModel(run);
    const chart = model.charts.find((c) => c.sheet.name === CHARTS_SHEET);
    if (!chart) throw new Error("no chart on the Charts sheet");
    const root = renderLineChart(svgDoc, { ...chartSeries(chart), width: 480, height: 300 }) as unknown as FakeElement;
    expect(texts(root, "chart-axis-title")).toEqual(["Month", "Cumulative cost (USD)"]);
    const dashes: string[] = [];
    const visit = (el: FakeElement) => {
      if (el.getAttribute("class") === "line-chart-series") dashes.push(el.getAttribute("stroke-dasharray") ?? "");
      el.children.forEach(visit);
    };
    visit(root);
    expect(dashes).toHaveLength(3);
    expect(new Set(dashes).size).toBe(3);
  });
});
