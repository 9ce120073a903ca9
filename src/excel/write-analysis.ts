/**
 * Writing the analysis (simulation summary, histogram, tornado, scenario comparison) to the "Sourcing Analysis"
 * sheet, with native charts. The only place that calls Excel.run for the analysis; the tables' columns and rows
 * come from src/layout/analysis-sheet.ts, their numbers from the model.
 *
 * Conventions as in write.ts: the sheet is owned by the add-in (deleted and recreated on every analysis run,
 * never read as input, placed among the add-in's tabs by addinSheetPosition); one prepare sync (the sheets in tab
 * order, does the sheet exist, is any of our table names taken elsewhere),
 * then the writes in as few requests as the payload allows (REQUEST_BUDGET_BYTES each); text columns are
 * formatted as Text ("@") before their values, so a function named "=x" stays text.
 */
import {
  ANALYSIS_CHART_ROWS,
  ANALYSIS_CHART_SIZE,
  type AnalysisReport,
  analysisChartRows,
  TORNADO_CHART_BARS,
  type GoalSeekReport,
  goalSeekColumns,
  goalSeekRows,
  histogramColumns,
  histogramRows,
  scenarioColumns,
  scenarioRows,
  simulationColumns,
  simulationRows,
  tornadoColumns,
  tornadoRows,
} from "../layout/analysis-sheet";
import { FIELD_BY_KEY, formatMoney } from "../model";
import { VOI_CHART_BARS, VOI_TABLE, voiColumns, voiRowCount, voiRows, voiVerdict } from "../layout/voi-sheet";
import { cellRef } from "../layout/address";
import { FRACTION_FORMAT, asText, type ColumnSpec, type OutputCell, inputNumberFormat } from "../layout/table-columns";
import { type ColumnFit, fitColumns, widestOf } from "../layout/column-widths";
import { displayText } from "../layout/displayed-text";
import {
  ANALYSIS_SHEET,
  GOAL_SEEK_TABLE,
  HISTOGRAM_TABLE,
  SCENARIO_COMPARISON_TABLE,
  SIMULATION_TABLE,
  TORNADO_TABLE,
} from "../layout/workbook";
import { type ExcelRun, SourcingUserError, excelRun } from "./host";
import { REQUEST_BUDGET_BYTES, jsonBytes } from "./result-tables";
import { RequestBatcher, SMALL_ACTION_BYTES } from "./request-batcher";
import { addinSheetPosition } from "./sheet-order";

export interface AnalysisWriteSummary {
  requests: number;
  simulationRows: number;
  histogramRows: number;
  tornadoRows: number;
  scenarioRows: number;
  voiRows: number;
  charts: number;
}

/** Charts for the first functions only (a histogram, a tornado and, below, what could change the decision each). */
export const MAX_ANALYSIS_CHARTS = 10;

const CHART_BAND_TITLE =
  "Charts per function: how the BPO saving spreads over the trials (left), which inputs move it most (right) and, under the histogram, which could change the decision, worth knowing before signing; the numbers are in the tables below.";

/** A chart of the standard size with its top-left corner in `anchor`'s row, `left` points right of column A. */
function placeChart(chart: Excel.Chart, anchor: string, left: number): void {
  chart.setPosition(anchor);
  chart.width = ANALYSIS_CHART_SIZE.width;
  chart.height = ANALYSIS_CHART_SIZE.height;
  // Placed by points, not by cells: the fitted column widths would otherwise stretch or squeeze the chart.
  if (left > 0) chart.left = left;
}

/** An input's number format as the inputs sheet shows it; money with cents where the value has them (24.35). */
function inputFormatOf(key: string, value: number): string {
  const kind = FIELD_BY_KEY.get(key)?.format;
  if (kind === "money" && !Number.isInteger(value)) return FRACTION_FORMAT;
  return inputNumberFormat(kind, value) ?? "General";
}

const columnIndex = (columns: readonly ColumnSpec[], header: string): number => {
  const index = columns.findIndex((column) => column.header === header);
  if (index < 0) throw new Error(`No column "${header}" in the analysis table`);
  return index;
};

interface Placed {
  headerRow: number;
  firstDataRow: number;
  rows: number;
  /** The block's column widths; the sheet sets each column to the widest of its blocks. */
  fits: ColumnFit[];
}

/** A title, the header, per-column formats, values in budget-sized slices, and the table over it. */
async function writeBlock(
  budget: RequestBatcher,
  sheet: Excel.Worksheet,
  top: number,
  title: string,
  tableName: string,
  columns: ColumnSpec[],
  rows: OutputCell[][],
  limit: number,
): Promise<Placed> {
  const width = columns.length;
  const body = rows.length > 0 ? rows : [columns.map(() => "")];
  await budget.room(SMALL_ACTION_BYTES * (width + 4) + jsonBytes(columns) + jsonBytes(title));
  const titleCell = sheet.getRangeByIndexes(top, 0, 1, 1);
  titleCell.numberFormat = [["@"]];
  titleCell.values = [[title]];
  titleCell.format.font.bold = true;
  const headerRow = top + 1;
  const header = sheet.getRangeByIndexes(headerRow, 0, 1, width);
  header.numberFormat = [["@"]];
  header.values = [columns.map((c) => asText(c.header))];
  columns.forEach((column, c) => {
    sheet.getRangeByIndexes(headerRow + 1, c, body.length, 1).numberFormat = [[column.format]];
  });
  const sliceBudget = Math.max(10_000, limit - 4 * SMALL_ACTION_BYTES);
  let start = 0;
  while (start < body.length) {
    let end = start;
    let bytes = 2;
    while (end < body.length && (end === start || bytes + jsonBytes(body[end]) + 1 <= sliceBudget))
      bytes += jsonBytes(body[end++]) + 1;
    await budget.room(bytes + SMALL_ACTION_BYTES);
    sheet.getRangeByIndexes(headerRow + 1 + start, 0, end - start, width).values = body.slice(start, end);
    start = end;
  }
  await budget.room(SMALL_ACTION_BYTES * (width + 3));
  sheet.tables.add(sheet.getRangeByIndexes(headerRow, 0, body.length + 1, width), true).name = tableName;
  const fits = fitColumns(columns, body);
  // Headers wrap rather than being cut; long text wraps within its column (widths are set once, by setWidths).
  header.format.wrapText = true;
  fits.forEach((fit, c) => {
    if (fit.wrap) sheet.getRangeByIndexes(headerRow + 1, c, body.length, 1).format.wrapText = true;
  });
  return { headerRow, firstDataRow: headerRow + 1, rows: body.length, fits };
}

/** One 1×1 range per column: the request does not grow with the rows. */
function setWidths(sheet: Excel.Worksheet, widths: readonly number[]): void {
  widths.forEach((width, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = width));
}

const OUR_TABLES = [SIMULATION_TABLE, HISTOGRAM_TABLE, TORNADO_TABLE, VOI_TABLE, SCENARIO_COMPARISON_TABLE];

/** Replaces the "Sourcing Analysis" sheet with the report. */
export async function writeAnalysis(
  report: AnalysisReport,
  run: ExcelRun = excelRun,
  limit = REQUEST_BUDGET_BYTES,
): Promise<AnalysisWriteSummary> {
  const currency = report.simulation.assumptions.currency;
  const simulation = simulationRows(report.simulation, report.standardErrors);
  const histogram = histogramRows(report.simulation);
  const tornado = tornadoRows(report.sensitivity);
  const scenarios = scenarioRows(report.scenarios);
  const voiFunctions = report.voi?.functions ?? [];
  const voi = voiRows(voiFunctions, currency);

  return run(async (context) => {
    const workbook = context.workbook;
    // ---- Prepare (one sync): the tabs, the old sheet, and whether a table name we need is taken outside it ----
    const sheets = workbook.worksheets.load("items/name");
    const existing = workbook.worksheets.getItemOrNullObject(ANALYSIS_SHEET);
    const lookups = OUR_TABLES.map((name) => ({ name, table: workbook.tables.getItemOrNullObject(name) }));
    await context.sync();
    // Navigate to a table's sheet only once the table is known to exist.
    const tables = lookups
      .filter((t) => !t.table.isNullObject)
      .map((t) => ({ ...t, sheet: t.table.worksheet.load("name") }));
    if (tables.length > 0) await context.sync();
    for (const { name, sheet } of tables) {
      if (sheet.name.toLowerCase() !== ANALYSIS_SHEET.toLowerCase()) {
        throw new SourcingUserError(
          `A table named ${name} already exists on the sheet "${sheet.name}"; the analysis needs that name. Rename that table and run the analysis again.`,
        );
      }
    }

    // ---- Writes ----
    const budget = new RequestBatcher(context, limit);
    if (!existing.isNullObject) existing.delete();
    const sheet = workbook.worksheets.add(ANALYSIS_SHEET);
    // Tabs: inputs, Results, Schedule, Charts, Analysis, then Portfolio (ADDIN_SHEETS' order).
    const position = addinSheetPosition(
      sheets.items.map((s) => s.name),
      ANALYSIS_SHEET,
    );
    if (position !== undefined) sheet.position = position;
    await budget.room(SMALL_ACTION_BYTES * 3);
    const note = sheet.getRangeByIndexes(0, 0, 1, 1);
    note.numberFormat = [["@"]];
    note.values = [
      [
        `Sourcing Modeler analysis: ${report.simulation.trials.toLocaleString("en-US")} trials per function, seed ${report.simulation.seed}. Saving = NPV of staff augmentation − NPV of the strategy. Replaced on every analysis run.`,
      ],
    ];
    note.format.font.italic = true;

    // The summary first; then, where the eye lands next, each function's charts (histogram and tornado side by
    // side, what could change the decision under the histogram: all within the first screen's width); then the
    // tables behind the charts, and the scenarios.
    const charted = report.simulation.results.filter((fn, i) => i < MAX_ANALYSIS_CHARTS && fn.histogram.length > 0);
    // A function's value of information when its chart is drawn: only where something is worth finding out.
    const voiCharted = (row: number) => {
      const f = voiFunctions.find((v) => v.row === row);
      return f && voiVerdict(f) === "worth" ? f : undefined;
    };
    // Each charted function's first row of charts, from the band's first row: one row of charts, two with the
    // value-of-information chart, so no chart covers the next function's or a table.
    const slotRows = charted.map((fn) => analysisChartRows(voiCharted(fn.row) !== undefined));
    const slotStart = slotRows.map((_, k) => slotRows.slice(0, k).reduce((sum, rows) => sum + rows, 0));
    const chartedRows = slotRows.reduce((sum, rows) => sum + rows, 0);
    const sim = await writeBlock(
      budget,
      sheet,
      2,
      "Monte Carlo summary (P10/P50/P90: nearest-rank percentiles; break-even blank: beyond the horizon)",
      SIMULATION_TABLE,
      simulationColumns(currency),
      simulation,
      limit,
    );
    const chartBand = sim.firstDataRow + sim.rows + 1;
    let top = chartBand;
    if (charted.length > 0) {
      await budget.room(SMALL_ACTION_BYTES * 2);
      const bandTitle = sheet.getRangeByIndexes(chartBand, 0, 1, 1);
      bandTitle.numberFormat = [["@"]];
      bandTitle.values = [[CHART_BAND_TITLE]];
      bandTitle.format.font.bold = true;
      top = chartBand + 1 + chartedRows + 1;
    }
    const blocks: [title: string, tableName: string, columns: ColumnSpec[], rows: OutputCell[][]][] = [
      ["Distribution of the BPO saving (trials per range)", HISTOGRAM_TABLE, histogramColumns(currency), histogram],
      [
        "Tornado: each input alone at its low and high value; change in the BPO saving",
        TORNADO_TABLE,
        tornadoColumns(currency),
        tornado,
      ],
      [
        "What could change the decision: what knowing each input before signing would save on average (EVPPI; every input: EVPI), on the simulation's trials; an upper bound on what a pilot or an RFP round is worth",
        VOI_TABLE,
        voiColumns(currency),
        voi,
      ],
      [
        report.scenarios
          ? "Scenarios compared with the base"
          : "Scenarios: none (select Add a scenarios table in the pane, or add a SourcingScenarios table: Scenario | Key | Value | Function)",
        SCENARIO_COMPARISON_TABLE,
        scenarioColumns(currency),
        scenarios,
      ],
    ];
    const placed: Placed[] = [];
    for (const [title, tableName, columns, rows] of blocks) {
      const block = await writeBlock(budget, sheet, top, title, tableName, columns, rows, limit);
      placed.push(block);
      top = block.firstDataRow + block.rows + 2;
    }
    const [hist, torn, information, comparison] = placed;
    // Each tornado row's Low and High as its input is formatted (8.0%, 4,620, 12): one column mixes rates and fees.
    const lowColumn = columnIndex(tornadoColumns(currency), "Low");
    const lowHigh = report.sensitivity.results.flatMap((r) => r.bars.map((bar) => [bar.low, bar.high]));
    const tornadoFormats = report.sensitivity.results.flatMap((r) =>
      r.bars.map((bar) => [bar.low, bar.high].map((value) => inputFormatOf(bar.key, value))),
    );
    if (tornadoFormats.length > 0) {
      await budget.room(SMALL_ACTION_BYTES + jsonBytes(tornadoFormats));
      sheet.getRangeByIndexes(torn.firstDataRow, lowColumn, tornadoFormats.length, 2).numberFormat = tornadoFormats;
    }
    // Their widths from the text as now shown ("1,560,000" is wider than the 1560000 the column's format gave).
    const lowHighShown = fitColumns(
      tornadoColumns(currency).slice(0, lowColumn + 2),
      lowHigh.map((values, i) => ["", "", ...values.map((value, k) => displayText(value, tornadoFormats[i][k]))]),
    );

    await budget.room(SMALL_ACTION_BYTES * 8);
    setWidths(
      sheet,
      widestOf([sim.fits, hist.fits, torn.fits, lowHighShown, information.fits, comparison.fits]).map(
        (fit) => fit.width,
      ),
    );

    // ---- Charts: per function, the histogram and, right of it, the tornado; under the histogram what could
    // change the decision ----
    const histogramLabelColumn = columnIndex(histogramColumns(currency), "BPO saving range");
    const tornadoLabelColumn = columnIndex(tornadoColumns(currency), "Chart label");
    const voiValueColumn = columnIndex(voiColumns(currency), `Worth knowing (EVPPI) (${currency})`);
    const voiLabelColumn = columnIndex(voiColumns(currency), "Chart label");
    // Where each function's rows start in the value-of-information table (functions in row order, as simulated).
    const voiStart = new Map<number, number>();
    voiFunctions.reduce((start, f) => (voiStart.set(f.row, start), start + voiRowCount(f)), 0);
    let charts = 0;
    let histogramOffset = 0;
    let tornadoOffset = 0;
    for (const fn of report.simulation.results) {
      const bins = fn.histogram.length;
      const bars = report.sensitivity.results.find((s) => s.row === fn.row)?.bars.length ?? 0;
      const slot = charted.indexOf(fn);
      if (slot >= 0) {
        const slotTop = chartBand + 2 + slotStart[slot];
        const anchor = `A${slotTop}`;
        await budget.room(SMALL_ACTION_BYTES * 24 + fn.function.length * 4);
        const histogramChart = sheet.charts.add(
          "ColumnClustered",
          sheet.getRangeByIndexes(hist.firstDataRow + histogramOffset, 4, bins, 1),
          "Columns",
        );
        histogramChart.title.text = `${fn.function}: BPO saving over ${report.simulation.trials.toLocaleString("en-US")} trials; BPO cheaper in ${(fn.BPO.probabilityCheaper * 100).toFixed(1)}%`;
        histogramChart.series.getItemAt(0).name = "Trials";
        histogramChart.axes.categoryAxis.setCategoryNames(
          sheet.getRangeByIndexes(hist.firstDataRow + histogramOffset, histogramLabelColumn, bins, 1),
        );
        histogramChart.axes.categoryAxis.title.text = `BPO saving, NPV (${currency})`;
        histogramChart.axes.valueAxis.title.text = "Trials";
        placeChart(histogramChart, anchor, 0);
        charts++;
        if (bars > 0) {
          // The table is sorted by swing: its first rows are the inputs that move the saving most.
          const shown = Math.min(bars, TORNADO_CHART_BARS);
          const tornadoChart = sheet.charts.add(
            "BarClustered",
            sheet.getRangeByIndexes(torn.firstDataRow + tornadoOffset, 4, shown, 2),
            "Columns",
          );
          tornadoChart.title.text =
            shown < bars
              ? `${fn.function}: the ${shown} inputs that move the BPO saving most (of ${bars}; tornado)`
              : `${fn.function}: what moves the BPO saving (tornado)`;
          tornadoChart.axes.categoryAxis.setCategoryNames(
            sheet.getRangeByIndexes(torn.firstDataRow + tornadoOffset, tornadoLabelColumn, shown, 1),
          );
          // Excel lists a bar chart's categories bottom-up: reversed, the largest swing is on top, as a tornado reads.
          tornadoChart.axes.categoryAxis.reversePlotOrder = true;
          tornadoChart.axes.categoryAxis.title.text = "Input";
          tornadoChart.axes.valueAxis.title.text = `Change in BPO saving (${currency})`;
          // Low and high differ by a label on each bar as well as by colour.
          ["Input at low", "Input at high"].forEach((name, s) => {
            const series = tornadoChart.series.getItemAt(s);
            series.name = name;
            series.hasDataLabels = true;
            series.dataLabels.showSeriesName = true;
            series.dataLabels.showValue = false;
          });
          placeChart(tornadoChart, anchor, ANALYSIS_CHART_SIZE.width + ANALYSIS_CHART_SIZE.gap);
          charts++;
        }
        const fnVoi = voiCharted(fn.row);
        const voiOffset = voiStart.get(fn.row);
        if (fnVoi && voiOffset !== undefined) {
          // Ranked by EVPPI in the table: the chart shows the inputs worth most, the largest on top.
          const shown = Math.min(fnVoi.inputs.length, VOI_CHART_BARS);
          const first = information.firstDataRow + voiOffset;
          const voiChart = sheet.charts.add(
            "BarClustered",
            sheet.getRangeByIndexes(first, voiValueColumn, shown, 1),
            "Columns",
          );
          voiChart.title.text = `${fn.function}: what could change the decision; knowing every range is worth ${formatMoney(fnVoi.evpi, currency)}`;
          voiChart.series.getItemAt(0).name = "Worth knowing (EVPPI)";
          voiChart.axes.categoryAxis.setCategoryNames(sheet.getRangeByIndexes(first, voiLabelColumn, shown, 1));
          voiChart.axes.categoryAxis.reversePlotOrder = true;
          voiChart.axes.categoryAxis.title.text = "Input";
          voiChart.axes.valueAxis.title.text = `Worth knowing before signing (${currency})`;
          // A second row of charts, at column A under the histogram: on the first screen's width with the others.
          placeChart(voiChart, `A${slotTop + ANALYSIS_CHART_ROWS}`, 0);
          charts++;
        }
      }
      histogramOffset += bins;
      tornadoOffset += bars;
    }

    await budget.finish();
    return {
      requests: budget.requests,
      simulationRows: simulation.length,
      histogramRows: histogram.length,
      tornadoRows: tornado.length,
      scenarioRows: scenarios.length,
      voiRows: voi.length,
      charts,
    };
  });
}

export interface GoalSeekWriteSummary {
  rows: number;
  /** A1 address of the goal-seek table's header row on the Sourcing Analysis sheet. */
  header: string;
}

/** The note in A1 of an analysis sheet the goal seek creates (no analysis has run yet). */
const GOAL_SEEK_ONLY_NOTE =
  "Sourcing Modeler analysis: Run analysis adds the simulation, the tornado and the scenarios here (and replaces this sheet, goal seek included).";

/**
 * Writes the goal-seek answers to the "Sourcing Analysis" sheet as the SourcingGoalSeek table, leaving the rest of
 * the sheet (the last analysis run) alone: a previous goal-seek table is replaced where it was, otherwise the new
 * one goes below what the sheet holds; the sheet is created when there is none. Prepare syncs (what exists, then
 * where), then one write sync.
 */
export async function writeGoalSeek(report: GoalSeekReport, run: ExcelRun = excelRun): Promise<GoalSeekWriteSummary> {
  const columns = goalSeekColumns(report.result.assumptions.currency);
  const rows = goalSeekRows(report);
  return run(async (context) => {
    const workbook = context.workbook;
    const sheets = workbook.worksheets.load("items/name");
    const existingSheet = workbook.worksheets.getItemOrNullObject(ANALYSIS_SHEET);
    const existingTable = workbook.tables.getItemOrNullObject(GOAL_SEEK_TABLE);
    await context.sync();

    let top: number;
    let sheet: Excel.Worksheet;
    // The analysis tables above share these columns: the goal seek widens a column, never narrows it.
    let widthsBefore: Excel.RangeFormat[] = [];
    const loadWidths = (on: Excel.Worksheet): Excel.RangeFormat[] =>
      columns.map((_, c) => on.getRangeByIndexes(0, c, 1, 1).format.load("columnWidth"));
    if (!existingTable.isNullObject) {
      // From the table's own sheet: the analysis sheet may not exist when the name is taken elsewhere.
      widthsBefore = loadWidths(existingTable.worksheet);
      const tableSheet = existingTable.worksheet.load("name");
      const old = existingTable.getRange().load("rowIndex,rowCount,columnCount");
      await context.sync();
      if (tableSheet.name.toLowerCase() !== ANALYSIS_SHEET.toLowerCase()) {
        throw new SourcingUserError(
          `A table named ${GOAL_SEEK_TABLE} already exists on the sheet "${tableSheet.name}"; the goal seek needs that name. Rename that table and run the goal seek again.`,
        );
      }
      sheet = existingSheet;
      // The old block (its title row and table) goes; the new one takes its place.
      top = Math.max(0, old.rowIndex - 1);
      existingTable.delete();
      sheet.getRangeByIndexes(top, 0, old.rowIndex - top + old.rowCount, old.columnCount).clear();
    } else if (!existingSheet.isNullObject) {
      sheet = existingSheet;
      widthsBefore = loadWidths(sheet);
      // Formats count: an empty table row (no scenarios) is still part of what the sheet holds.
      const used = sheet.getUsedRangeOrNullObject(false).load("rowIndex,rowCount");
      await context.sync();
      top = used.isNullObject ? 2 : used.rowIndex + used.rowCount + 2;
    } else {
      sheet = workbook.worksheets.add(ANALYSIS_SHEET);
      // Among the add-in's tabs as Run analysis places it (before a portfolio sheet, after the model's outputs).
      const position = addinSheetPosition(
        sheets.items.map((s) => s.name),
        ANALYSIS_SHEET,
      );
      if (position !== undefined) sheet.position = position;
      const note = sheet.getRangeByIndexes(0, 0, 1, 1);
      note.numberFormat = [["@"]];
      note.values = [[GOAL_SEEK_ONLY_NOTE]];
      note.format.font.italic = true;
      top = 2;
    }

    const budget = new RequestBatcher(context, REQUEST_BUDGET_BYTES);
    const placed = await writeBlock(
      budget,
      sheet,
      top,
      `Goal seek: at what value does BPO pay back by month ${report.result.month}? (break-even blank: none within the ${report.result.assumptions.horizonMonths}-month horizon)`,
      GOAL_SEEK_TABLE,
      columns,
      rows,
      REQUEST_BUDGET_BYTES,
    );
    setWidths(
      sheet,
      placed.fits.map((fit, c) => Math.max(fit.width, widthsBefore[c]?.columnWidth ?? 0)),
    );
    await budget.finish();
    return {
      rows: rows.length,
      header: `${cellRef(placed.headerRow, 0)}:${cellRef(placed.headerRow, columns.length - 1)}`,
    };
  });
}
