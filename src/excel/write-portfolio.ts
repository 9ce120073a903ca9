/**
 * Writing the portfolio (docs/model.md §8) to the "Sourcing Portfolio" sheet: the outcome in its first line (kept in
 * view), the summary figures, two native charts where the eye lands next (management load against capacity; each
 * function's staff augmentation → transition → BPO months), then the plan, the timeline and the monthly tables. The
 * only place that calls Excel.run for the portfolio; rows and words come from src/layout/portfolio-sheet.ts.
 *
 * Conventions as in write-analysis.ts: the sheet is the add-in's (deleted and recreated on every portfolio run,
 * never read as input), one prepare sync (the sheets in tab order, and whether one of our table names is taken
 * elsewhere), then the writes in requests under REQUEST_BUDGET_BYTES (RequestBatcher: a sync only when a request is
 * full, never one per row or month); text columns are formatted as Text ("@") before their values.
 */
import { displayText } from "../layout/displayed-text";
import { type ColumnFit, fitColumns, shownColumn, widestOf } from "../layout/column-widths";
import {
  MONTH_COLUMNS,
  PORTFOLIO_CHART_SIZE,
  PORTFOLIO_MONTHS_TABLE,
  PORTFOLIO_PLAN_TABLE,
  PORTFOLIO_SHEET,
  PORTFOLIO_SUMMARY_TABLE,
  PORTFOLIO_TIMELINE_TABLE,
  ROW_POINTS,
  SUMMARY_COLUMNS,
  TIMELINE_BAR_POINTS,
  TIMELINE_COLUMNS,
  TIMELINE_MAX_HEIGHT,
  TIMELINE_PHASES,
  headline,
  monthRows,
  planColumns,
  planRows,
  summaryRows,
  timelineRows,
} from "../layout/portfolio-sheet";
import { asText, type ColumnSpec, type OutputCell } from "../layout/table-columns";
import type { PortfolioResult } from "../model";
import { type ExcelRun, SourcingUserError, excelRun } from "./host";
import { RequestBatcher, SMALL_ACTION_BYTES } from "./request-batcher";
import { REQUEST_BUDGET_BYTES, jsonBytes } from "./result-tables";
import { addinSheetPosition } from "./sheet-order";

export interface PortfolioWriteSummary {
  requests: number;
  planRows: number;
  monthRows: number;
  charts: number;
}

const OUR_TABLES = [PORTFOLIO_SUMMARY_TABLE, PORTFOLIO_PLAN_TABLE, PORTFOLIO_TIMELINE_TABLE, PORTFOLIO_MONTHS_TABLE];

interface Block {
  title: string;
  table: string;
  columns: readonly ColumnSpec[];
  rows: OutputCell[][];
  /** Per-cell formats of one column (the summary's values: money, FTE, counts or words, row by row). */
  cellFormats?: { column: number; formats: string[] };
}

interface Placed {
  firstDataRow: number;
  rows: number;
  fits: ColumnFit[];
}

/** A title, the header, the formats, the values in budget-sized slices, and the table over them. */
async function writeBlock(budget: RequestBatcher, sheet: Excel.Worksheet, top: number, block: Block): Promise<Placed> {
  const { columns } = block;
  const width = columns.length;
  const body = block.rows.length > 0 ? block.rows : [columns.map(() => "")];
  await budget.room(SMALL_ACTION_BYTES * (width + 6) + jsonBytes(columns) + jsonBytes(block.title));
  const title = sheet.getRangeByIndexes(top, 0, 1, 1);
  title.numberFormat = [["@"]];
  title.values = [[block.title]];
  title.format.font.bold = true;
  const headerRow = top + 1;
  const header = sheet.getRangeByIndexes(headerRow, 0, 1, width);
  header.numberFormat = [["@"]];
  header.values = [columns.map((c) => asText(c.header))];
  header.format.wrapText = true;
  columns.forEach((column, c) => {
    sheet.getRangeByIndexes(headerRow + 1, c, body.length, 1).numberFormat = [[column.format]];
  });
  if (block.cellFormats) {
    const { column, formats } = block.cellFormats;
    await budget.room(jsonBytes(formats) + SMALL_ACTION_BYTES);
    sheet.getRangeByIndexes(headerRow + 1, column, formats.length, 1).numberFormat = formats.map((f) => [f]);
  }
  // One write per table: the portfolio's tables are a row per function or per month, far under one request.
  await budget.room(jsonBytes(body) + SMALL_ACTION_BYTES);
  sheet.getRangeByIndexes(headerRow + 1, 0, body.length, width).values = body;
  await budget.room(SMALL_ACTION_BYTES * (width + 3));
  sheet.tables.add(sheet.getRangeByIndexes(headerRow, 0, body.length + 1, width), true).name = block.table;
  const fits = block.cellFormats ? fitShown(block, body) : fitColumns(columns, body);
  fits.forEach((fit, c) => {
    if (fit.wrap) sheet.getRangeByIndexes(headerRow + 1, c, body.length, 1).format.wrapText = true;
  });
  return { firstDataRow: headerRow + 1, rows: body.length, fits };
}

/** Widths of a block whose column mixes formats: each cell as its own format shows it. */
function fitShown(block: Block, body: OutputCell[][]): ColumnFit[] {
  const formatOf = (r: number, c: number) =>
    block.cellFormats && c === block.cellFormats.column ? block.cellFormats.formats[r] : block.columns[c].format;
  const shown = body.map((row, r) => row.map((value, c) => displayText(value, formatOf(r, c))));
  return fitColumns(
    block.columns.map((c) => shownColumn(c.header)),
    shown,
  );
}

/** Replaces the "Sourcing Portfolio" sheet with the result. */
export async function writePortfolio(
  result: PortfolioResult,
  run: ExcelRun = excelRun,
  limit = REQUEST_BUDGET_BYTES,
): Promise<PortfolioWriteSummary> {
  const currency = result.assumptions.currency;
  const summary = summaryRows(result);
  const blocks: Block[] = [
    {
      title: "Summary: what the limits cost and what one more manager or transition is worth",
      table: PORTFOLIO_SUMMARY_TABLE,
      columns: SUMMARY_COLUMNS,
      rows: summary.map((s) => [s.figure, s.value, s.reading]),
      cellFormats: { column: 1, formats: summary.map((s) => s.format) },
    },
    {
      title: "The plan: each function's strategy in the portfolio, beside what it would do alone",
      table: PORTFOLIO_PLAN_TABLE,
      columns: planColumns(currency),
      rows: planRows(result),
    },
    {
      title: "Timeline: months of each phase per function (the chart's numbers)",
      table: PORTFOLIO_TIMELINE_TABLE,
      columns: TIMELINE_COLUMNS,
      rows: timelineRows(result),
    },
    {
      title:
        result.status === "infeasible"
          ? "Month by month: no plan meets the limits, so there is no load or transition to show (the limits for reference)"
          : "Month by month: management load against capacity, transitions in flight against the limit",
      table: PORTFOLIO_MONTHS_TABLE,
      columns: MONTH_COLUMNS,
      rows: monthRows(result),
    },
  ];
  const [summaryBlock, ...tableBlocks] = blocks;
  const timelineCount = blocks[2].rows.length;
  const timelineHeight = Math.min(
    TIMELINE_MAX_HEIGHT,
    Math.max(PORTFOLIO_CHART_SIZE.height, 90 + TIMELINE_BAR_POINTS * timelineCount),
  );
  // An infeasible portfolio has no plan: a chart of its zero load would mislead, so it gets none and no band.
  const drawsCharts = result.status !== "infeasible" && result.months.length > 0;
  const chartRows = drawsCharts ? Math.ceil(Math.max(PORTFOLIO_CHART_SIZE.height, timelineHeight) / ROW_POINTS) + 2 : 0;

  return run(async (context) => {
    const workbook = context.workbook;
    // ---- Prepare (one sync): the tabs, the old sheet, and whether one of our table names is taken elsewhere ----
    const sheets = workbook.worksheets.load("items/name");
    const existing = workbook.worksheets.getItemOrNullObject(PORTFOLIO_SHEET);
    const lookups = OUR_TABLES.map((name) => ({ name, table: workbook.tables.getItemOrNullObject(name) }));
    await context.sync();
    const found = lookups
      .filter((t) => !t.table.isNullObject)
      .map((t) => ({ ...t, sheet: t.table.worksheet.load("name") }));
    if (found.length > 0) await context.sync();
    for (const { name, sheet } of found) {
      if (sheet.name.toLowerCase() !== PORTFOLIO_SHEET.toLowerCase())
        throw new SourcingUserError(
          `A table named ${name} already exists on the sheet "${sheet.name}"; the portfolio needs that name. Rename that table and run the portfolio again.`,
        );
    }

    // ---- Writes ----
    const budget = new RequestBatcher(context, limit);
    if (!existing.isNullObject) existing.delete();
    const sheet = workbook.worksheets.add(PORTFOLIO_SHEET);
    // Tabs: inputs, Results, Schedule, Charts, Analysis, then Portfolio (ADDIN_SHEETS' order).
    const position = addinSheetPosition(
      sheets.items.map((s) => s.name),
      PORTFOLIO_SHEET,
    );
    if (position !== undefined) sheet.position = position;
    await budget.room(SMALL_ACTION_BYTES * 4 + jsonBytes(headline(result)));
    const first = sheet.getRangeByIndexes(0, 0, 1, 1);
    first.numberFormat = [["@"]];
    first.values = [[headline(result)]];
    first.format.font.bold = true;
    // The outcome stays in view while the tables scroll under it, and column A (each figure's and function's
    // name) while the wider tables scroll sideways, as on Sourcing Results.
    sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, 1, 1));

    const placedSummary = await writeBlock(budget, sheet, 2, summaryBlock);
    const chartBand = placedSummary.firstDataRow + placedSummary.rows + 1;
    let top = chartBand + chartRows;
    const placed: Placed[] = [];
    for (const block of tableBlocks) {
      const at = await writeBlock(budget, sheet, top, block);
      placed.push(at);
      top = at.firstDataRow + at.rows + 2;
    }
    const [, timeline, months] = placed;
    await budget.room(SMALL_ACTION_BYTES * 8);
    widestOf([placedSummary.fits, ...placed.map((p) => p.fits)]).forEach(
      (fit, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = fit.width),
    );

    // ---- Charts, side by side under the summary ----
    let charts = 0;
    const withCapacity = result.limits.managementCapacityFte !== null;
    if (drawsCharts) {
      await budget.room(SMALL_ACTION_BYTES * 16);
      const load = sheet.charts.add(
        "Line",
        sheet.getRangeByIndexes(months.firstDataRow, 1, months.rows, withCapacity ? 2 : 1),
        "Columns",
      );
      load.title.text = withCapacity
        ? "Management load against capacity, month by month"
        : "Management load month by month (capacity unlimited)";
      load.axes.categoryAxis.setCategoryNames(sheet.getRangeByIndexes(months.firstDataRow, 0, months.rows, 1));
      load.axes.categoryAxis.title.text = "Month";
      load.axes.valueAxis.title.text = "Manager FTE";
      const loadSeries = load.series.getItemAt(0);
      loadSeries.name = "Management load";
      loadSeries.format.line.lineStyle = "Continuous";
      if (withCapacity) {
        const capacity = load.series.getItemAt(1);
        capacity.name = "Management capacity";
        // Dashed, so the limit reads apart from the load in grey print too.
        capacity.format.line.lineStyle = "Dash";
      }
      load.setPosition(`A${chartBand + 2}`);
      load.width = PORTFOLIO_CHART_SIZE.width;
      load.height = PORTFOLIO_CHART_SIZE.height;
      charts++;
    }
    if (drawsCharts && timelineCount > 0) {
      await budget.room(SMALL_ACTION_BYTES * 20);
      const chart = sheet.charts.add(
        "BarStacked",
        sheet.getRangeByIndexes(timeline.firstDataRow, 1, timeline.rows, TIMELINE_PHASES.length),
        "Columns",
      );
      chart.title.text = "Each function's months: staff augmentation → transition → BPO";
      chart.axes.categoryAxis.setCategoryNames(sheet.getRangeByIndexes(timeline.firstDataRow, 0, timeline.rows, 1));
      chart.axes.categoryAxis.title.text = "Function";
      // The first function on top, in the plan table's order (a bar chart draws its categories bottom-up).
      chart.axes.categoryAxis.reversePlotOrder = true;
      chart.axes.valueAxis.title.text = "Months";
      TIMELINE_PHASES.forEach((phase, s) => {
        const series = chart.series.getItemAt(s);
        series.name = phase;
        // Each segment says its months. Its phase is told by its place (the phases run left to right in the order the
        // title names) as well as by the legend's colour; the phase's name on each segment overlapped on short ones.
        series.hasDataLabels = true;
        series.dataLabels.showSeriesName = false;
        series.dataLabels.showValue = true;
      });
      chart.setPosition(`A${chartBand + 2}`);
      chart.width = PORTFOLIO_CHART_SIZE.width;
      chart.height = timelineHeight;
      // Placed by points, not by cells: the fitted column widths would otherwise move it.
      chart.left = PORTFOLIO_CHART_SIZE.width + PORTFOLIO_CHART_SIZE.gap;
      charts++;
    }
    if (charts > 0) {
      await budget.room(SMALL_ACTION_BYTES * 2);
      const band = sheet.getRangeByIndexes(chartBand, 0, 1, 1);
      band.numberFormat = [["@"]];
      band.values = [
        [
          "Charts: management load against capacity (left); each function's months by phase (right). The numbers are in the tables below.",
        ],
      ];
      band.format.font.bold = true;
    }
    sheet.activate();
    await budget.finish();
    return { requests: budget.requests, planRows: blocks[1].rows.length, monthRows: result.months.length, charts };
  });
}
