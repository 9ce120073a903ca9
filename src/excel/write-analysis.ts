/**
 * Writing the analysis (simulation summary, histogram, tornado, scenario comparison) to the "Sourcing Analysis"
 * sheet, with native charts. The only place that calls Excel.run for the analysis; the numbers come from the
 * model (src/model/simulate.ts, sensitivity.ts, scenarios.ts), this module only arranges them.
 *
 * Conventions as in write.ts: the sheet is owned by the add-in (deleted and recreated on every analysis run,
 * never read as input); one prepare sync (does the sheet exist, is any of our table names taken elsewhere),
 * then the writes in as few requests as the payload allows (REQUEST_BUDGET_BYTES each); text columns are
 * formatted as Text ("@") before their values, so a function named "=x" stays text.
 *
 * Also reads the scenarios table (SourcingScenarios) in one sync, for the pane.
 */
import {
  ANALYSIS_SHEET,
  HISTOGRAM_TABLE,
  SCENARIO_COMPARISON_TABLE,
  SCENARIOS_TABLE,
  SIMULATION_TABLE,
  TORNADO_TABLE,
} from "../layout/workbook";
import { formatMoney } from "../model/recommend";
import { scenarioRowsFromTable, type ScenarioComparison, type ScenarioRow } from "../model/scenarios";
import type { SensitivityResult } from "../model/sensitivity";
import type { SimulationResult } from "../model/simulate";
import { type ExcelRun, SourcingUserError, excelRun } from "./host";
import { bodyBlock, lookUpTable, queueTableShape, tableHeaders } from "./read";
import { readValueBlocks } from "./read-values";
import { MONEY_FORMAT, MONTH_FORMAT, moneyColumn, REQUEST_BUDGET_BYTES, TEXT_FORMAT, asText, jsonBytes, type ColumnSpec, type OutputCell } from "./output";

/** Everything the analysis panel writes: the model's results, computed in the worker. */
export interface AnalysisReport {
  simulation: SimulationResult;
  sensitivity: SensitivityResult;
  /** null when the workbook has no scenarios. */
  scenarios: ScenarioComparison | null;
}

export interface AnalysisWriteSummary {
  requests: number;
  simulationRows: number;
  histogramRows: number;
  tornadoRows: number;
  scenarioRows: number;
  charts: number;
}

/** Charts for the first functions only (a histogram and a tornado each). */
export const MAX_ANALYSIS_CHARTS = 10;
const SHARE_FORMAT = "0.0%";
const NUMBER_FORMAT = "0.####";
const SMALL_ACTION_BYTES = 300;
/** Columns left of the charts: tables start in column A, charts in column Q. */
const CHART_COLUMN = "Q";
const CHART_COLUMN_END = "Y";

const blank = (value: number | null | undefined): OutputCell => (value === null || value === undefined ? "" : value);

export function simulationColumns(currency: string): ColumnSpec[] {
  const money = moneyColumn(currency);
  return [
    { header: "Function", format: TEXT_FORMAT },
    { header: "Compared with staff augmentation", format: TEXT_FORMAT },
    { header: "Probability cheaper (NPV)", format: SHARE_FORMAT },
    money("Saving P10"),
    money("Saving P50"),
    money("Saving P90"),
    money("Saving mean"),
    money("Saving, model"),
    { header: "Break-even P10", format: MONTH_FORMAT },
    { header: "Break-even P50", format: MONTH_FORMAT },
    { header: "Break-even P90", format: MONTH_FORMAT },
    { header: "Break-even, model", format: MONTH_FORMAT },
    { header: "Share with no break-even", format: SHARE_FORMAT },
    { header: "Trials", format: MONTH_FORMAT },
    { header: "Seed", format: MONTH_FORMAT },
  ];
}

export function simulationRows(result: SimulationResult): OutputCell[][] {
  return result.results.flatMap((r) =>
    (["BPO", "BRIDGE"] as const).map((strategy) => {
      const o = r[strategy];
      return [
        asText(r.function),
        strategy,
        o.probabilityCheaper,
        o.saving.p10,
        o.saving.p50,
        o.saving.p90,
        o.saving.mean,
        o.saving.deterministic,
        blank(o.breakEvenMonth.p10),
        blank(o.breakEvenMonth.p50),
        blank(o.breakEvenMonth.p90),
        blank(o.breakEvenMonth.deterministic),
        o.noBreakEvenShare,
        result.trials,
        result.seed,
      ];
    }),
  );
}

export function histogramColumns(currency: string): ColumnSpec[] {
  return [
    { header: "Function", format: TEXT_FORMAT },
    { header: "BPO saving range", format: TEXT_FORMAT },
    { header: `From (${currency})`, format: MONEY_FORMAT },
    { header: `To (${currency})`, format: MONEY_FORMAT },
    { header: "Trials", format: MONTH_FORMAT },
  ];
}

const short = (amount: number, currency: string): string => {
  const magnitude = Math.abs(amount);
  if (magnitude >= 1e6) return `${(amount / 1e6).toFixed(2)}M`;
  if (magnitude >= 1e3) return `${(amount / 1e3).toFixed(0)}k`;
  return formatMoney(amount, currency).replace(`${currency} `, "");
};

export function histogramRows(result: SimulationResult): OutputCell[][] {
  const currency = result.assumptions.currency;
  return result.results.flatMap((r) =>
    r.histogram.map((bin) => [asText(r.function), `${short(bin.from, currency)} to ${short(bin.to, currency)}`, bin.from, bin.to, bin.count]),
  );
}

export function tornadoColumns(currency: string): ColumnSpec[] {
  const money = moneyColumn(currency);
  return [
    { header: "Function", format: TEXT_FORMAT },
    { header: "Input", format: TEXT_FORMAT },
    { header: "Low", format: NUMBER_FORMAT },
    { header: "High", format: NUMBER_FORMAT },
    money("Change in saving at low"),
    money("Change in saving at high"),
    money("Swing in saving"),
    { header: "Break-even at low", format: MONTH_FORMAT },
    { header: "Break-even at high", format: MONTH_FORMAT },
    { header: "Range from", format: TEXT_FORMAT },
  ];
}

export function tornadoRows(result: SensitivityResult): OutputCell[][] {
  return result.results.flatMap((r) =>
    r.bars.map((b) => [
      asText(r.function),
      b.label,
      b.low,
      b.high,
      b.savingLow - r.saving,
      b.savingHigh - r.saving,
      b.savingSwing,
      blank(b.breakEvenLow),
      blank(b.breakEvenHigh),
      b.basis === "range" ? "Min/Max columns" : `±${Math.round(result.swingShare * 100)}%`,
    ]),
  );
}

export function scenarioColumns(currency: string): ColumnSpec[] {
  const money = moneyColumn(currency);
  return [
    { header: "Scenario", format: TEXT_FORMAT },
    { header: "Function", format: TEXT_FORMAT },
    { header: "Base recommendation", format: TEXT_FORMAT },
    { header: "Scenario recommendation", format: TEXT_FORMAT },
    { header: "Recommendation changed", format: TEXT_FORMAT },
    { header: "Base break-even", format: MONTH_FORMAT },
    { header: "Scenario break-even", format: MONTH_FORMAT },
    { header: "Change in break-even (months)", format: MONTH_FORMAT },
    money("Base saving, NPV"),
    money("Scenario saving, NPV"),
    money("Change in saving"),
    money("Change in NPV staff augmentation"),
    money("Change in NPV BPO"),
    money("Change in NPV bridge"),
  ];
}

export function scenarioRows(comparison: ScenarioComparison | null): OutputCell[][] {
  if (!comparison) return [];
  return comparison.scenarios.flatMap((s) =>
    s.differences.map((d) => [
      asText(s.name),
      asText(d.function),
      d.base?.recommendation ?? "not modelled",
      d.scenario?.recommendation ?? "not modelled",
      d.recommendationChanged ? "yes" : "no",
      blank(d.base?.breakEvenMonth),
      blank(d.scenario?.breakEvenMonth),
      blank(d.breakEvenChange),
      blank(d.base?.saving),
      blank(d.scenario?.saving),
      blank(d.savingDelta),
      blank(d.npvDelta?.STAFF_AUG),
      blank(d.npvDelta?.BPO),
      blank(d.npvDelta?.BRIDGE),
    ]),
  );
}

/** Sends the queued actions when the next one would push the request past the budget. */
class Budget {
  requests = 0;
  private bytes = SMALL_ACTION_BYTES;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limit: number,
  ) {
    context.application.suspendApiCalculationUntilNextSync();
  }
  async room(bytes: number): Promise<void> {
    if (this.bytes + bytes > this.limit && this.bytes > SMALL_ACTION_BYTES) {
      await this.context.sync();
      this.requests++;
      this.context.application.suspendApiCalculationUntilNextSync();
      this.bytes = SMALL_ACTION_BYTES;
    }
    this.bytes += bytes;
  }
  async finish(): Promise<void> {
    await this.context.sync();
    this.requests++;
  }
}

interface Placed {
  headerRow: number;
  firstDataRow: number;
  rows: number;
}

/** A title, the header, per-column formats, values in budget-sized slices, and the table over it. */
async function writeBlock(budget: Budget, sheet: Excel.Worksheet, top: number, title: string, tableName: string, columns: ColumnSpec[], rows: OutputCell[][], limit: number): Promise<Placed> {
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
    while (end < body.length && (end === start || bytes + jsonBytes(body[end]) + 1 <= sliceBudget)) bytes += jsonBytes(body[end++]) + 1;
    await budget.room(bytes + SMALL_ACTION_BYTES);
    sheet.getRangeByIndexes(headerRow + 1 + start, 0, end - start, width).values = body.slice(start, end);
    start = end;
  }
  await budget.room(SMALL_ACTION_BYTES * 2);
  sheet.tables.add(sheet.getRangeByIndexes(headerRow, 0, body.length + 1, width), true).name = tableName;
  return { headerRow, firstDataRow: headerRow + 1, rows: body.length };
}

const OUR_TABLES = [SIMULATION_TABLE, HISTOGRAM_TABLE, TORNADO_TABLE, SCENARIO_COMPARISON_TABLE];

/** Replaces the "Sourcing Analysis" sheet with the report. */
export async function writeAnalysis(report: AnalysisReport, run: ExcelRun = excelRun, limit = REQUEST_BUDGET_BYTES): Promise<AnalysisWriteSummary> {
  const currency = report.simulation.assumptions.currency;
  const simulation = simulationRows(report.simulation);
  const histogram = histogramRows(report.simulation);
  const tornado = tornadoRows(report.sensitivity);
  const scenarios = scenarioRows(report.scenarios);

  return run(async (context) => {
    const workbook = context.workbook;
    // ---- Prepare (one sync): the old sheet, and whether a table name we need is taken outside it ----
    const existing = workbook.worksheets.getItemOrNullObject(ANALYSIS_SHEET);
    const lookups = OUR_TABLES.map((name) => ({ name, table: workbook.tables.getItemOrNullObject(name) }));
    await context.sync();
    // Navigate to a table's sheet only once the table is known to exist.
    const tables = lookups.filter((t) => !t.table.isNullObject).map((t) => ({ ...t, sheet: t.table.worksheet.load("name") }));
    if (tables.length > 0) await context.sync();
    for (const { name, sheet } of tables) {
      if (sheet.name.toLowerCase() !== ANALYSIS_SHEET.toLowerCase()) {
        throw new SourcingUserError(`A table named ${name} already exists on the sheet "${sheet.name}"; the analysis needs that name. Rename that table and run the analysis again.`);
      }
    }

    // ---- Writes ----
    const budget = new Budget(context, limit);
    if (!existing.isNullObject) existing.delete();
    const sheet = workbook.worksheets.add(ANALYSIS_SHEET);
    await budget.room(SMALL_ACTION_BYTES * 2);
    const note = sheet.getRangeByIndexes(0, 0, 1, 1);
    note.numberFormat = [["@"]];
    note.values = [
      [
        `Sourcing Modeler analysis: ${report.simulation.trials.toLocaleString("en-US")} trials per function, seed ${report.simulation.seed}. Saving = NPV of staff augmentation − NPV of the strategy. Replaced on every analysis run.`,
      ],
    ];
    note.format.font.italic = true;

    let top = 2;
    const sim = await writeBlock(budget, sheet, top, "Monte Carlo summary (P10/P50/P90: nearest-rank percentiles; break-even blank: beyond the horizon)", SIMULATION_TABLE, simulationColumns(currency), simulation, limit);
    top = sim.firstDataRow + sim.rows + 2;
    const hist = await writeBlock(budget, sheet, top, "Distribution of the BPO saving (trials per range)", HISTOGRAM_TABLE, histogramColumns(currency), histogram, limit);
    top = hist.firstDataRow + hist.rows + 2;
    const torn = await writeBlock(budget, sheet, top, "Tornado: each input alone at its low and high value; change in the BPO saving", TORNADO_TABLE, tornadoColumns(currency), tornado, limit);
    top = torn.firstDataRow + torn.rows + 2;
    await writeBlock(budget, sheet, top, report.scenarios ? "Scenarios compared with the base" : "Scenarios: none (add a SourcingScenarios table: Scenario | Key | Value | Function)", SCENARIO_COMPARISON_TABLE, scenarioColumns(currency), scenarios, limit);

    // ---- Charts: per function, a histogram and a tornado, beside the tables ----
    let charts = 0;
    let histogramOffset = 0;
    let tornadoOffset = 0;
    const chartRows = 16;
    for (let i = 0; i < report.simulation.results.length; i++) {
      const fn = report.simulation.results[i];
      const bins = fn.histogram.length;
      const bars = report.sensitivity.results.find((s) => s.row === fn.row)?.bars.length ?? 0;
      if (i < MAX_ANALYSIS_CHARTS && bins > 0) {
        await budget.room(SMALL_ACTION_BYTES * 8 + fn.function.length * 4);
        const histogramChart = sheet.charts.add("ColumnClustered", sheet.getRangeByIndexes(hist.firstDataRow + histogramOffset, 4, bins, 1), "Columns");
        histogramChart.title.text = `${fn.function}: BPO saving over ${report.simulation.trials.toLocaleString("en-US")} trials (P(BPO cheaper) ${(fn.BPO.probabilityCheaper * 100).toFixed(1)}%)`;
        histogramChart.series.getItemAt(0).name = "Trials";
        histogramChart.axes.categoryAxis.setCategoryNames(sheet.getRangeByIndexes(hist.firstDataRow + histogramOffset, 1, bins, 1));
        const chartTop = 2 + charts * chartRows;
        histogramChart.setPosition(`${CHART_COLUMN}${chartTop + 1}`, `${CHART_COLUMN_END}${chartTop + chartRows - 2}`);
        charts++;
        if (bars > 0) {
          const tornadoChart = sheet.charts.add("BarClustered", sheet.getRangeByIndexes(torn.firstDataRow + tornadoOffset, 4, bars, 2), "Columns");
          tornadoChart.title.text = `${fn.function}: what moves the BPO saving (tornado)`;
          tornadoChart.series.getItemAt(0).name = "Input at low";
          tornadoChart.series.getItemAt(1).name = "Input at high";
          tornadoChart.axes.categoryAxis.setCategoryNames(sheet.getRangeByIndexes(torn.firstDataRow + tornadoOffset, 1, bars, 1));
          const tornadoTop = 2 + charts * chartRows;
          tornadoChart.setPosition(`${CHART_COLUMN}${tornadoTop + 1}`, `${CHART_COLUMN_END}${tornadoTop + chartRows - 2}`);
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
      charts,
    };
  });
}

/**
 * The scenarios table's rows; [] when the workbook has no SourcingScenarios table. Look up, then header and data
 * body (never the totals row), then the values in size-checked requests (read-values.ts).
 */
export async function readScenarioRows(run: ExcelRun = excelRun): Promise<ScenarioRow[]> {
  return run(async (context) => {
    const lookup = lookUpTable(context, SCENARIOS_TABLE);
    await context.sync();
    if (lookup.table.isNullObject) return [];
    const shape = queueTableShape(lookup);
    await context.sync();
    const { values } = await readValueBlocks(context, [bodyBlock(shape)]);
    return scenarioRowsFromTable(tableHeaders(shape), values[0]);
  });
}
