/**
 * Writing the outputs: the "Sourcing Results", "Sourcing Schedule" and "Sourcing Charts" sheets (owned by the
 * add-in, deleted and recreated on every run) and the error marks on the input cells.
 *
 * What Excel does with text: Range.values reads a string as if typed, so "=Payroll", "+x", "-x" and "@x" would
 * become formulas (Office.js documents it for "=", "+", "-"). Text columns (function, recommendation,
 * rationale) are therefore formatted as Text ("@") in the same request, before their values: Excel keeps text
 * typed into a Text cell exactly as it is. That beats an apostrophe prefix: it is one 1×1 format per column
 * whatever the row count, the cell holds exactly the text (no hidden prefix character that a later
 * read-formulas/write-formulas round trip drops, as office-js#6687 shows), and it also stops numbers, dates and
 * TRUE/FALSE from being converted.
 *
 * Requests: a "prepare" step (which owned sheets and tables exist, where the earlier marks are), then the writes in as
 * few requests as the payload allows. Every request stays under REQUEST_BUDGET_BYTES (4 MB of value JSON, the
 * 5 MB limit of Excel on the web minus a margin) and starts with suspendApiCalculationUntilNextSync(). A run's
 * sync count is the read's + 1 or 2 (prepare: look up, then, only when there is something to check, navigate from
 * what exists) + ⌈payload / budget⌉ or one more (greedy packing); with small outputs it is the same for 10 and
 * 2,000 rows, and only the 5 MB split adds syncs for large ones.
 *
 * Error marks: a conditional format per bad cell (light red fill, dark red text) with the rule formula
 * MARK_FORMULA. It never changes the cell's value or the user's own formatting, Excel shows it in
 * Home › Conditional Formatting › Manage Rules, and the next run deletes exactly the formats whose formula is
 * MARK_FORMULA before adding the new ones (the read found them; here they are deleted through the sheet's loaded
 * conditional formats, ExcelApi 1.6, so no lookup by id, ExcelApi 1.14, is needed). Fill or border changes would
 * overwrite the user's formatting.
 */
import { CHARTS_SHEET, RESULTS_SHEET, RESULTS_TABLE, SCHEDULE_SHEET, SCHEDULE_TABLE } from "../layout/workbook";
import { type ModelResult, formatPercent, noMonthWithin, quoteAsShown } from "../model";
import { splitAddress } from "../layout/address";
import { type ExcelRun, SourcingUserError, excelRun } from "./host";
import { type LocatedError, locateErrors } from "./locate";
import { MARK_FILL, MARK_FONT_COLOR, MARK_FORMULA } from "./marks";
import { type ColumnSpec, type OutputCell, asText } from "../layout/table-columns";
import { type ColumnFit, fitColumns } from "../layout/column-widths";
import { STRATEGY_LINES } from "../layout/chart-looks";
import {
  REQUEST_BUDGET_BYTES,
  SCHEDULE_CUMULATIVE_COLUMN,
  SCHEDULE_MONTH_COLUMN,
  allScheduleRows,
  chartTitle,
  planChunks,
  RECOMMENDATION_CODE_HEADER,
  resultsColumns,
  resultsRow,
  scheduleColumns,
} from "./result-tables";
import { OWNED_SHEETS, type WorkbookInputs } from "./read";
import { ownedSheetsPosition, runReplacesActiveSheet } from "./sheet-order";
import { RequestBatcher, SMALL_ACTION_BYTES } from "./request-batcher";

export { MARK_FORMULA, MARK_FILL, MARK_FONT_COLOR };
/** At most this many cells are marked; the task pane lists every error. */
export const MAX_MARKS = 500;
/** Native charts for the first functions only: thousands of charts make a workbook unusable. */
export const MAX_CHARTS = 50;

/** Rows above each output table: a note on what the sheet is. */
const NOTE_ROWS = 2;

export interface WriteSummary {
  /** Write requests after the prepare sync. */
  requests: number;
  resultRows: number;
  scheduleRows: number;
  charts: number;
  marks: number;
  marksRemoved: number;
  errors: LocatedError[];
}

interface TableWrite {
  sheet: Excel.Worksheet;
  tableName: string;
  columns: ColumnSpec[];
  rows: OutputCell[][];
  notes: string[];
}

/** Notes, header, per-column formats (1×1, before the values), values in chunks, then the table over it all. */
async function writeTable(batch: RequestBatcher, spec: TableWrite, budget: number): Promise<{ firstDataRow: number }> {
  const { sheet, columns } = spec;
  const width = columns.length;
  await batch.room(SMALL_ACTION_BYTES * (spec.notes.length + 2) + JSON.stringify(spec.notes).length);
  spec.notes.forEach((note, i) => {
    const cell = sheet.getRangeByIndexes(i, 0, 1, 1);
    cell.numberFormat = [["@"]];
    cell.values = [[note]];
    cell.format.font.italic = true;
  });
  const headerRow = NOTE_ROWS;
  const firstDataRow = headerRow + 1;
  const rows = spec.rows.length > 0 ? spec.rows : [columns.map(() => "")];

  const header = sheet.getRangeByIndexes(headerRow, 0, 1, width);
  await batch.room(SMALL_ACTION_BYTES * (width + 2) + JSON.stringify(columns).length);
  header.numberFormat = [["@"]];
  header.values = [columns.map((c) => asText(c.header))];
  header.format.font.bold = true;
  columns.forEach((column, c) => {
    sheet.getRangeByIndexes(firstDataRow, c, rows.length, 1).numberFormat = [[column.format]];
  });

  for (const chunk of planChunks(rows, budget - 2 * SMALL_ACTION_BYTES, batch.remaining() - 2 * SMALL_ACTION_BYTES)) {
    await batch.room(chunk.bytes + SMALL_ACTION_BYTES);
    sheet.getRangeByIndexes(firstDataRow + chunk.start, 0, chunk.end - chunk.start, width).values = rows.slice(
      chunk.start,
      chunk.end,
    );
  }

  await batch.room(SMALL_ACTION_BYTES * 3);
  const table = sheet.tables.add(sheet.getRangeByIndexes(headerRow, 0, rows.length + 1, width), true);
  table.name = spec.tableName;
  await batch.room(SMALL_ACTION_BYTES * (2 * width + 3));
  applyColumnFits(sheet, headerRow, rows.length, fitColumns(columns, rows));
  // The header (and the function names in column A) stay in view while the reader scrolls a long or wide table.
  sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, headerRow + 1, 1));
  return { firstDataRow };
}

/**
 * Widths computed from the content (column-widths.ts): one 1×1 range per column, so the request does not grow with
 * the row count. The header row wraps rather than cutting a header; a column of long text wraps within its width.
 */
export function applyColumnFits(sheet: Excel.Worksheet, headerRow: number, rowCount: number, fits: ColumnFit[]): void {
  fits.forEach((fit, c) => {
    sheet.getRangeByIndexes(headerRow, c, 1, 1).format.columnWidth = fit.width;
    if (fit.wrap) sheet.getRangeByIndexes(headerRow + 1, c, rowCount, 1).format.wrapText = true;
  });
  sheet.getRangeByIndexes(headerRow, 0, 1, fits.length).format.wrapText = true;
}

/** A percentage number format ("0%", "0.0%"), a % inside quotes or brackets aside. */
const isPercentFormat = (format: unknown): boolean =>
  typeof format === "string" && format.replace(/"[^"]*"|\[[^\]]*\]/g, "").includes("%");

/**
 * Replaces the owned sheets with the results of `result`, and marks the input cells behind `result.errors`. A
 * message about a number in a percentage cell is rewritten in `result.errors` to quote the cell as shown (200%).
 */
export async function writeOutputs(
  result: ModelResult,
  inputs: WorkbookInputs,
  run: ExcelRun = excelRun,
  budget = REQUEST_BUDGET_BYTES,
): Promise<WriteSummary> {
  const errors = locateErrors(result.errors, inputs.functions, inputs.assumptions);
  const currency = result.assumptions.currency;
  const horizon = result.assumptions.horizonMonths;
  const resultRows = result.results.map(resultsRow);
  const scheduleRows = allScheduleRows(result);

  return run(async (context) => {
    const workbook = context.workbook;

    // ---- Prepare: look up what may exist, sync, then navigate only from what does ----
    const owned = OWNED_SHEETS.map((name) => workbook.worksheets.getItemOrNullObject(name));
    // Tab order and the sheet the user is on ride in this first sync: the new sheets keep their place (sheet-order.ts).
    const sheetsBefore = workbook.worksheets.load("items/name");
    const activeBefore = workbook.worksheets.getActiveWorksheet().load("name");
    const ownedTables = [RESULTS_TABLE, SCHEDULE_TABLE].map((name) => ({
      name,
      table: workbook.tables.getItemOrNullObject(name),
    }));
    const markIds = new Set(inputs.markCandidates.map((m) => m.id));
    const markSheets = [...new Set(inputs.markCandidates.map((m) => m.sheet))].map((name) =>
      workbook.worksheets.getItemOrNullObject(name),
    );
    await context.sync();

    const existingTables = ownedTables
      .filter((t) => !t.table.isNullObject)
      .map((t) => ({ ...t, sheet: t.table.worksheet.load("name") }));
    const markFormats = markSheets
      .filter((sheet) => !sheet.isNullObject)
      .map((sheet) => sheet.getRange().conditionalFormats.load("items/id"));
    // How each bad number is shown, so its message quotes "200%" rather than the 2 a percentage cell holds.
    const existingSheets = new Set(sheetsBefore.items.map((sheet) => sheet.name));
    const shownFormats = errors
      .map((error, index) => ({ error, index }))
      .filter(({ error }) => typeof error.value === "number" && error.sheet !== null && error.cell !== null)
      .filter(({ error }) => existingSheets.has(error.sheet as string))
      .slice(0, MAX_MARKS)
      .map(({ error, index }) => ({
        index,
        range: workbook.worksheets
          .getItem(error.sheet as string)
          .getRange(splitAddress(error.cell as string).ref)
          .load("numberFormat"),
      }));
    if (existingTables.length + markFormats.length + shownFormats.length > 0) await context.sync();
    for (const { index, range } of shownFormats) {
      if (!isPercentFormat(range.numberFormat[0]?.[0])) continue;
      const error = result.errors[index];
      // The pane reads result.errors after the write (run-model.ts): both get the message as the cell shows it.
      result.errors[index] = quoteAsShown(error, formatPercent(error.value as number));
      errors[index] = { ...errors[index], message: result.errors[index].message };
    }

    for (const { name, sheet } of existingTables) {
      if (!OWNED_SHEETS.some((s) => s.toLowerCase() === sheet.name.toLowerCase())) {
        throw new SourcingUserError(
          `A table named ${name} already exists on the sheet "${sheet.name}"; the add-in needs that name for its output. Rename that table and run again.`,
        );
      }
    }

    // ---- Writes ----
    const batch = new RequestBatcher(context, budget);
    let marksRemoved = 0;
    const staleMarks = markFormats.flatMap((formats) => formats.items.filter((item) => markIds.has(item.id)));
    await batch.room(SMALL_ACTION_BYTES * (staleMarks.length + owned.length));
    for (const format of staleMarks) {
      format.delete();
      marksRemoved++;
    }
    for (const sheet of [...owned].reverse()) if (!sheet.isNullObject) sheet.delete();

    const resultsSheet = workbook.worksheets.add(RESULTS_SHEET);
    const scheduleSheet = workbook.worksheets.add(SCHEDULE_SHEET);
    const chartsSheet = workbook.worksheets.add(CHARTS_SHEET);
    const position = ownedSheetsPosition(sheetsBefore.items.map((sheet) => sheet.name));
    if (position !== undefined)
      [resultsSheet, scheduleSheet, chartsSheet].forEach((sheet, i) => (sheet.position = position + i));
    // Deleting the sheet the user was on would leave them on whatever Excel picks (often a blank Sheet1).
    if (runReplacesActiveSheet(activeBefore.name)) resultsSheet.activate();

    const notModelled = errors.filter((e) => e.row !== null).length;
    await writeTable(
      batch,
      {
        sheet: resultsSheet,
        tableName: RESULTS_TABLE,
        columns: resultsColumns(currency),
        rows: resultRows,
        notes: [
          `Sourcing Modeler output: this sheet is replaced every time the model runs. "${noMonthWithin(horizon)}": no break-even within the horizon. Formulas can read the ${RECOMMENDATION_CODE_HEADER} column (STAFF_AUG, BPO, BRIDGE, DOCUMENT_FIRST).`,
          `Saving vs staff augmentation, NPV = NPV of staff augmentation − NPV of the recommended strategy (${horizon} months, discounted).` +
            (result.errors.length > 0
              ? ` ${result.errors.length} input error(s)${notModelled > 0 ? "; rows with errors are not modelled" : ""}: see the task pane.`
              : ""),
        ],
      },
      budget,
    );
    const schedule = await writeTable(
      batch,
      {
        sheet: scheduleSheet,
        tableName: SCHEDULE_TABLE,
        columns: scheduleColumns(currency),
        rows: scheduleRows,
        notes: [
          "Sourcing Modeler output: monthly and cumulative cost of each strategy, month by month. Replaced on every run.",
          "",
        ],
      },
      budget,
    );

    // ---- Charts: cumulative cost by month, one per function (the first MAX_CHARTS) ----
    const chartCount = Math.min(result.results.length, MAX_CHARTS);
    await batch.room(SMALL_ACTION_BYTES * 2);
    const chartsNote = chartsSheet.getRangeByIndexes(0, 0, 1, 1);
    chartsNote.numberFormat = [["@"]];
    chartsNote.values = [
      [
        result.results.length > MAX_CHARTS
          ? `Cumulative cost by month; the lines cross at the break-even month. Charts for the first ${MAX_CHARTS} of ${result.results.length} functions; every function is in ${SCHEDULE_TABLE}.`
          : "Cumulative cost by month; the lines cross at the break-even month. Replaced on every run.",
      ],
    ];
    let offset = 0;
    for (let i = 0; i < result.results.length; i++) {
      const fn = result.results[i];
      const months = fn.monthly.length;
      if (i < chartCount) {
        await batch.room(SMALL_ACTION_BYTES * 16 + fn.function.length * 2);
        const firstRow = schedule.firstDataRow + offset;
        const source = scheduleSheet.getRangeByIndexes(firstRow, SCHEDULE_CUMULATIVE_COLUMN, months, 3);
        const chart = chartsSheet.charts.add("Line", source, "Columns");
        chart.title.text = chartTitle(fn, horizon);
        // Words for names, and a dash pattern per strategy: the lines differ by more than their colour.
        STRATEGY_LINES.forEach(({ name, lineStyle }, s) => {
          const series = chart.series.getItemAt(s);
          series.name = name;
          series.format.line.lineStyle = lineStyle;
        });
        chart.axes.categoryAxis.setCategoryNames(
          scheduleSheet.getRangeByIndexes(firstRow, SCHEDULE_MONTH_COLUMN, months, 1),
        );
        chart.axes.categoryAxis.title.text = "Month";
        chart.axes.valueAxis.title.text = `Cumulative cost (${currency})`;
        const top = 2 + i * 18;
        chart.setPosition(`A${top + 1}`, `I${top + 16}`);
      }
      offset += months;
    }

    // ---- Error marks ----
    const marks = new Map<string, { sheet: string; cell: string }>();
    for (const error of errors) {
      if (error.address && error.sheet && error.cell && !marks.has(error.address) && marks.size < MAX_MARKS)
        marks.set(error.address, { sheet: error.sheet, cell: error.cell });
    }
    const sheets = new Map<string, Excel.Worksheet>();
    for (const { sheet, cell } of marks.values()) {
      await batch.room(SMALL_ACTION_BYTES * 4);
      let worksheet = sheets.get(sheet);
      if (!worksheet) {
        worksheet = workbook.worksheets.getItem(sheet);
        sheets.set(sheet, worksheet);
      }
      const format = worksheet.getRange(splitAddress(cell).ref).conditionalFormats.add("Custom");
      format.custom.rule.formula = MARK_FORMULA;
      format.custom.format.fill.color = MARK_FILL;
      format.custom.format.font.color = MARK_FONT_COLOR;
    }

    await batch.finish();
    return {
      requests: batch.requests,
      resultRows: result.results.length,
      scheduleRows: scheduleRows.length,
      charts: chartCount,
      marks: marks.size,
      marksRemoved,
      errors,
    };
  });
}
