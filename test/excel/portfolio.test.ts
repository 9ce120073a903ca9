/**
 * The Sourcing Portfolio sheet in the strict stand-in: read the workbook as the panel does, optimise as its worker
 * does (handlePortfolioRequest), write the sheet; its words, formats, charts, tab order, the infeasible case, and
 * requests that do not grow with the functions (no sync in a loop).
 */
import { describe, expect, it } from "vitest";
import { readInputs, runModel } from "../../src/excel";
import { writePortfolio } from "../../src/excel/write-portfolio";
import { addinSheetPosition } from "../../src/excel/sheet-order";
import {
  PORTFOLIO_MONTHS_TABLE,
  PORTFOLIO_PLAN_TABLE,
  PORTFOLIO_SHEET,
  PORTFOLIO_SUMMARY_TABLE,
  PORTFOLIO_TIMELINE_TABLE,
  TIMELINE_PHASES,
} from "../../src/layout/portfolio-sheet";
import { FRACTION_FORMAT, MONEY_FORMAT } from "../../src/layout/table-columns";
import { ANALYSIS_SHEET, CHARTS_SHEET, RESULTS_SHEET, SCHEDULE_SHEET } from "../../src/layout/workbook";
import { type ScalarValue, type SheetModel, WorkbookModel } from "../../src/office-standin";
import { type PortfolioMessage, handlePortfolioRequest } from "../../src/taskpane/portfolio.worker";
import { functionRows } from "./helpers";
import { portfolioWorkbook as workbook } from "./portfolio-helpers";

/** What the panel does: read, optimise (the worker's handler), then write. */
async function optimiseAndWrite(built: ReturnType<typeof workbook>) {
  const { input } = await readInputs(built.run);
  const messages: PortfolioMessage[] = [];
  await handlePortfolioRequest({ type: "portfolio", id: 1, input }, (m) => messages.push(m));
  const done = messages.find((m) => m.type === "done");
  if (!done || done.type !== "done") throw new Error(`no result: ${JSON.stringify(messages.at(-1))}`);
  built.standin.stats.reset();
  const summary = await writePortfolio(done.result, built.run);
  return { result: done.result, summary, messages, syncs: built.standin.stats.syncCount };
}

const sheetOf = (model: WorkbookModel): SheetModel => {
  const sheet = model.sheet(PORTFOLIO_SHEET);
  if (!sheet) throw new Error("no portfolio sheet");
  return sheet;
};

/** A table's header and data rows as the cells hold them. */
function tableValues(model: WorkbookModel, name: string): ScalarValue[][] {
  const table = model.tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name}`);
  return Array.from({ length: table.rect.rowCount }, (_, r) =>
    Array.from(
      { length: table.rect.columnCount },
      (_, c) => table.sheet.cell(table.rect.row + r, table.rect.column + c).value,
    ),
  );
}

const tableFormats = (model: WorkbookModel, name: string, column: number): string[] => {
  const table = model.tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name}`);
  return Array.from(
    { length: table.rect.rowCount - 1 },
    (_, r) => table.sheet.cell(table.rect.row + 1 + r, table.rect.column + column).numberFormat,
  );
};

const tabs = (model: WorkbookModel) => model.sheets.map((s) => s.name);

describe("the Sourcing Portfolio sheet", () => {
  it("writes the outcome, the summary, the plan in words, the timeline and the months, with finance formats", async () => {
    const built = workbook(functionRows(4), { capacity: 1.5, transitions: 1 });
    const { result, summary, messages } = await optimiseAndWrite(built);
    expect(result.status).toBe("optimal");
    // Progress: a message per programme, then the result.
    expect(messages.filter((m) => m.type === "progress").length).toBeGreaterThanOrEqual(4);
    const sheet = sheetOf(built.model);
    expect(String(sheet.cell(0, 0).value)).toMatch(
      /^Sourcing portfolio: optimal; total NPV USD [\d,]+ against USD [\d,]+ without the limits; the limits cost USD [\d,]+\./,
    );
    expect(sheet.frozen).toEqual({ rows: 1, columns: 1 });
    expect(built.model.tables.filter((t) => t.sheet === sheet).map((t) => t.name)).toEqual([
      PORTFOLIO_SUMMARY_TABLE,
      PORTFOLIO_PLAN_TABLE,
      PORTFOLIO_TIMELINE_TABLE,
      PORTFOLIO_MONTHS_TABLE,
    ]);

    // Summary: each figure with its own format; the values are the model's.
    const figures = tableValues(built.model, PORTFOLIO_SUMMARY_TABLE);
    const formats = tableFormats(built.model, PORTFOLIO_SUMMARY_TABLE, 1);
    const valueOf = (figure: string) => figures.find((r) => r[0] === figure)?.[1];
    const formatOf = (figure: string) => formats[figures.findIndex((r) => r[0] === figure) - 1];
    expect(valueOf("Status")).toBe("Optimal");
    expect(figures.find((r) => r[0] === "Status")?.[2]).toBe("Optimal: the least portfolio NPV under both limits.");
    expect(valueOf("Total NPV (USD)")).toBe(result.totalNpv);
    expect(formatOf("Total NPV (USD)")).toBe(MONEY_FORMAT);
    expect(valueOf("NPV without the limits (USD)")).toBe(result.unconstrainedNpv);
    expect(valueOf("What the limits cost (USD)")).toBeCloseTo((result.totalNpv as number) - result.unconstrainedNpv, 6);
    expect(valueOf("Management capacity (manager FTE)")).toBe(1.5);
    expect(formatOf("Management capacity (manager FTE)")).toBe(FRACTION_FORMAT);
    expect(valueOf("Max concurrent transitions")).toBe(1);
    expect(valueOf("Least feasible capacity (manager FTE)")).toBe(result.minimumManagementCapacityFte);
    expect(valueOf("Value of one more manager (USD)")).toBe(result.valueOfOneMoreManager);
    expect(valueOf("Value of one more transition (USD)")).toBe(result.valueOfOneMoreTransition);
    expect(valueOf("One manager over the horizon (USD)")).toBe(result.managerNpv);
    expect(String(figures.find((r) => r[0] === "One manager over the horizon (USD)")?.[2])).toMatch(
      /^One more manager saves USD [\d,]+ against USD [\d,]+ for a manager over the 36-month horizon: hiring (pays|does not pay)\.$/,
    );

    // The plan: words, never codes; the start month and NPV as numbers; a mark where it differs.
    const plan = tableValues(built.model, PORTFOLIO_PLAN_TABLE);
    expect(plan[0]).toEqual([
      "Function",
      "Recommendation, function alone",
      "Portfolio strategy",
      "BPO transition starts (month)",
      "NPV (USD)",
      "Differs from the function alone",
    ]);
    expect(plan.slice(1)).toEqual(
      result.plans.map((p) => [
        p.function,
        { STAFF_AUG: "Staff augmentation", BPO: "BPO", BRIDGE: "Bridge", DOCUMENT_FIRST: "Document the process first" }[
          p.recommendation
        ],
        p.strategy === null
          ? "No plan (no portfolio meets the limits)"
          : {
              STAFF_AUG: "Staff augmentation",
              BPO: "BPO",
              BRIDGE: "Bridge",
              DOCUMENT_FIRST: "Document the process first",
            }[p.strategy],
        p.startMonth ?? "",
        p.npv ?? "",
        p.differsFromRecommendation ? "Yes" : "No",
      ]),
    );
    const flat = plan.flat().map(String);
    for (const code of ["STAFF_AUG", "DOCUMENT_FIRST", "BRIDGE"]) expect(flat).not.toContain(code);
    // With one transition at a time, some function waits: a bridge starting after month 1, marked as differing.
    const delayed = result.plans.find((p) => p.strategy === "BRIDGE" && (p.startMonth ?? 1) > 1);
    expect(delayed?.differsFromRecommendation).toBe(true);
    expect(tableFormats(built.model, PORTFOLIO_PLAN_TABLE, 4).every((f) => f === MONEY_FORMAT)).toBe(true);

    // Timeline: months per phase add up to the horizon for each function with a plan.
    const timeline = tableValues(built.model, PORTFOLIO_TIMELINE_TABLE).slice(1);
    expect(timeline.length).toBe(result.plans.filter((p) => p.strategy !== "DOCUMENT_FIRST").length);
    for (const row of timeline) expect((row[1] as number) + (row[2] as number) + (row[3] as number)).toBe(36);
    if (delayed) expect(timeline.find((r) => r[0] === delayed.function)?.[1]).toBe((delayed.startMonth as number) - 1);

    // Months: the load never exceeds the capacity, the transitions never the limit.
    const months = tableValues(built.model, PORTFOLIO_MONTHS_TABLE).slice(1);
    expect(months.length).toBe(36);
    for (const [month, load, capacity, transitions, limit] of months) {
      expect(month).toBeTypeOf("number");
      expect(load as number).toBeLessThanOrEqual((capacity as number) + 1e-9);
      expect(transitions as number).toBeLessThanOrEqual(limit as number);
    }
    expect(tableFormats(built.model, PORTFOLIO_MONTHS_TABLE, 1).every((f) => f === FRACTION_FORMAT)).toBe(true);

    // Fitted widths on every used column.
    for (let c = 0; c < 6; c++) expect(sheet.columnWidths.get(c)).toBeGreaterThanOrEqual(54);

    // Charts: load against capacity (two lines, the limit dashed) and the stacked timeline, labelled on its bars.
    const charts = built.model.charts.filter((c) => c.sheet === sheet);
    expect(summary.charts).toBe(2);
    const [load, timelineChart] = charts;
    expect(load.type).toBe("Line");
    expect(load.seriesNames).toEqual(["Management load", "Management capacity"]);
    expect(load.seriesLooks.map((l) => l.lineStyle)).toEqual(["Continuous", "Dash"]);
    expect(load.axisTitles).toEqual({ category: "Month", value: "Manager FTE" });
    expect(timelineChart.type).toBe("BarStacked");
    expect(timelineChart.seriesNames).toEqual([...TIMELINE_PHASES]);
    expect(timelineChart.axisTitles).toEqual({ category: "Function", value: "Months" });
    expect(timelineChart.reversePlotOrder.category).toBe(true);
    expect(
      timelineChart.seriesLooks.every((l) => l.hasDataLabels && !l.dataLabels.showSeriesName && l.dataLabels.showValue),
    ).toBe(true);
    // Side by side under the summary, where the eye lands: both start in the same row, the timeline right of the load.
    expect(load.position?.start).toBe(timelineChart.position?.start);
    expect(timelineChart.left).toBeGreaterThanOrEqual(load.size.width);
    const summaryTable = built.model.tables.find((t) => t.name === PORTFOLIO_SUMMARY_TABLE);
    const planTable = built.model.tables.find((t) => t.name === PORTFOLIO_PLAN_TABLE);
    const chartRow = Number(/\d+$/.exec(load.position?.start ?? "")?.[0]) - 1;
    expect(chartRow).toBeGreaterThan((summaryTable?.rect.row ?? 0) + (summaryTable?.rect.rowCount ?? 0));
    expect(chartRow + Math.ceil(timelineChart.size.height / 15)).toBeLessThan(planTable?.rect.row ?? 0);
    expect(built.model.activeSheet?.name).toBe(PORTFOLIO_SHEET);
  });

  it("says in words which limit makes the portfolio infeasible and the least that would not", async () => {
    const built = workbook(functionRows(4), { capacity: 0.5, transitions: 1 });
    const { result, summary } = await optimiseAndWrite(built);
    expect(result.status).toBe("infeasible");
    const sheet = sheetOf(built.model);
    const figures = tableValues(built.model, PORTFOLIO_SUMMARY_TABLE);
    const status = figures.find((r) => r[0] === "Status");
    expect(status?.[1]).toBe("Infeasible");
    expect(String(status?.[2])).toMatch(/^Infeasible: no choice of plans meets both limits\. Management capacity/);
    const least = (result.minimumManagementCapacityFte as number).toFixed(2);
    expect(String(status?.[2])).toContain(
      `Management capacity is too small: 0.5 manager FTE is set; at least ${least} manager FTE would make the portfolio feasible`,
    );
    expect(String(status?.[2])).toMatch(/Too few concurrent transitions: 1 allowed; at least 2 would make/);
    expect(figures.find((r) => r[0] === "Total NPV (USD)")?.[1]).toBe("None: no plan meets the limits");
    expect(String(sheet.cell(0, 0).value)).toMatch(/^Sourcing portfolio: infeasible; no plan meets the limits \(/);
    // No plan chosen: the plan says so in words; no chart (a zero load would mislead), and the tables say why.
    const plan = tableValues(built.model, PORTFOLIO_PLAN_TABLE).slice(1);
    expect(plan.filter((r) => r[2] === "No plan (no portfolio meets the limits)").length).toBe(3);
    expect(summary.charts).toBe(0);
    expect(built.model.charts.filter((c) => c.sheet === sheet)).toEqual([]);
    const months = built.model.tables.find((t) => t.name === PORTFOLIO_MONTHS_TABLE);
    expect(String(sheet.cell((months?.rect.row ?? 1) - 1, 0).value)).toMatch(
      /^Month by month: no plan meets the limits/,
    );
    // No empty band for charts: the plan follows the summary.
    const summaryTable = built.model.tables.find((t) => t.name === PORTFOLIO_SUMMARY_TABLE);
    const planTable = built.model.tables.find((t) => t.name === PORTFOLIO_PLAN_TABLE);
    expect(planTable?.rect.row).toBe((summaryTable?.rect.row ?? 0) + (summaryTable?.rect.rowCount ?? 0) + 2);
  });

  it("with the limits left blank: unlimited in words, no capacity line, nothing for one more manager", async () => {
    const built = workbook(functionRows(4), { capacity: "", transitions: "" });
    const { result } = await optimiseAndWrite(built);
    expect(result.totalNpv).toBe(result.unconstrainedNpv);
    const figures = tableValues(built.model, PORTFOLIO_SUMMARY_TABLE);
    expect(figures.find((r) => r[0] === "Management capacity (manager FTE)")?.[1]).toBe("Unlimited");
    expect(figures.find((r) => r[0] === "Value of one more manager (USD)")?.[1]).toBe(
      "Not applicable: capacity is unlimited",
    );
    const months = tableValues(built.model, PORTFOLIO_MONTHS_TABLE).slice(1);
    expect(months.every((r) => r[2] === "" && r[4] === "")).toBe(true);
    const load = built.model.charts.find((c) => c.type === "Line");
    expect(load?.seriesNames).toEqual(["Management load"]);
    expect(load?.title).toBe("Management load month by month (capacity unlimited)");
  });

  it("keeps a function's name as text (a name like =cmd is never a formula)", async () => {
    const built = workbook(functionRows(2), { capacity: 1, transitions: 1 });
    // Typed with a leading apostrophe, as a user keeps such a name text in Excel.
    built.model.userInput("Inputs", "A2", [["'=cmd|' /C calc'!A0"]]);
    await optimiseAndWrite(built);
    const plan = tableValues(built.model, PORTFOLIO_PLAN_TABLE);
    expect(plan[1][0]).toBe("=cmd|' /C calc'!A0");
    const table = built.model.tables.find((t) => t.name === PORTFOLIO_PLAN_TABLE);
    expect(table?.sheet.cell((table?.rect.row ?? 0) + 1, 0).formula).toBeUndefined();
  });

  it("writes in a fixed number of requests, not one per function or month", async () => {
    const small = await optimiseAndWrite(workbook(functionRows(4), { capacity: 2, transitions: 2 }));
    const large = await optimiseAndWrite(workbook(functionRows(40), { capacity: 6, transitions: 3 }));
    expect(large.result.plans.length).toBe(40);
    expect(small.syncs).toBe(large.syncs);
    expect(small.syncs).toBeLessThanOrEqual(3);
  });

  it("refuses, naming the sheet, when one of its table names is taken elsewhere", async () => {
    const built = workbook(functionRows(2), { capacity: 1, transitions: 1 });
    built.model.addSheet("Mine");
    built.model.userInput("Mine", "A1:A2", [["x"], [1]]);
    built.model.userAddTable("Mine", "A1:A2", PORTFOLIO_PLAN_TABLE);
    await expect(optimiseAndWrite(built)).rejects.toThrow(
      `A table named ${PORTFOLIO_PLAN_TABLE} already exists on the sheet "Mine"`,
    );
    expect(built.model.sheet(PORTFOLIO_SHEET)).toBeUndefined();
  });
});

describe("the portfolio sheet's tab", () => {
  it("tabs read inputs, Results, Schedule, Charts, Analysis, Portfolio, whichever ran first", async () => {
    const built = workbook(functionRows(3), { capacity: 1.5, transitions: 1 });
    await optimiseAndWrite(built);
    built.model.addSheet("My notes");
    expect(tabs(built.model)).toEqual(["Inputs", PORTFOLIO_SHEET, "My notes"]);
    await runModel(built.run);
    const outputs = [RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET];
    expect(tabs(built.model)).toEqual(["Inputs", ...outputs, PORTFOLIO_SHEET, "My notes"]);
    // A portfolio run again after an analysis sheet exists: after it.
    built.model.addSheet(ANALYSIS_SHEET);
    await optimiseAndWrite(built);
    expect(tabs(built.model)).toEqual(["Inputs", ...outputs, "My notes", ANALYSIS_SHEET, PORTFOLIO_SHEET]);
    await runModel(built.run);
    expect(tabs(built.model)).toEqual(["Inputs", ...outputs, "My notes", ANALYSIS_SHEET, PORTFOLIO_SHEET]);
  });

  it("positions the sheet after the add-in sheets that come before it and before those after it", () => {
    expect(addinSheetPosition(["Inputs"], PORTFOLIO_SHEET)).toBeUndefined();
    expect(addinSheetPosition(["Inputs", RESULTS_SHEET, "Notes"], PORTFOLIO_SHEET)).toBe(2);
    expect(addinSheetPosition(["Inputs", ANALYSIS_SHEET, RESULTS_SHEET], PORTFOLIO_SHEET)).toBe(3);
    expect(addinSheetPosition(["Inputs", PORTFOLIO_SHEET, ANALYSIS_SHEET], PORTFOLIO_SHEET)).toBe(2);
    expect(addinSheetPosition(["Inputs", PORTFOLIO_SHEET], ANALYSIS_SHEET)).toBe(1);
  });
});
