/**
 * Every sheet the add-in writes reads without touching a column (issue 14, item 1), checked through the strict
 * stand-in: each number cell, as its format shows it, fits its column; headers and long text wrap; the header
 * row stays in view.
 *
 * The width estimate, independent of the code under test: Excel's default font, Calibri 11, draws a digit
 * 7 px wide at 100 % zoom, a cell has about 5 px of margin, and a column width in points is 0.75 × pixels.
 */
import { describe, expect, it } from "vitest";
import { insertSample, runModel } from "../../src/excel";
import { writeAnalysis, writeGoalSeek } from "../../src/excel/write-analysis";
import { displayText } from "../../src/layout/displayed-text";
import {
  ANALYSIS_SHEET,
  RESULTS_SHEET,
  RESULTS_TABLE,
  SCHEDULE_SHEET,
  SCHEDULE_TABLE,
} from "../../src/layout/workbook";
import { compareScenarios, goalSeek, parseScenarios, sensitivity, simulate } from "../../src/model";
import { WorkbookModel, createStandin, type SheetModel } from "../../src/office-standin";
import { sampleWithRanges } from "../analysis/helpers";
import { asRun, functionRows, workbookWith } from "./helpers";

const pointsFor = (text: string): number => (text.length * 7 + 5) * 0.75;

/** Every number cell of a sheet whose text, as displayed, is wider than its column. */
function truncatedNumbers(sheet: SheetModel): string[] {
  const cut: string[] = [];
  for (const [key, cell] of Object.entries(sheet.snapshot())) {
    if (typeof cell.value !== "number") continue;
    const column = Number(key.split(",")[1]);
    const shown = displayText(cell.value, cell.numberFormat);
    const width = sheet.columnWidths.get(column);
    if (width === undefined || width < pointsFor(shown)) cut.push(`${key}: "${shown}" in ${width ?? "default"} pt`);
  }
  return cut;
}

/** The header cells of a table that do not wrap. */
function unwrappedHeaders(model: WorkbookModel, tableName: string): number[] {
  const table = model.table(tableName);
  if (!table) throw new Error(`No table ${tableName}`);
  const { row, column, columnCount } = table.rect;
  const cut: number[] = [];
  for (let c = column; c < column + columnCount; c++) if (table.sheet.style(row, c).wrapText !== true) cut.push(c);
  return cut;
}

describe("column widths on the sheets the add-in writes", () => {
  it("Run model: every amount and month fits its column, headers wrap, the rationale wraps, the header stays in view", async () => {
    const { run, model } = workbookWith(functionRows(12));
    const outcome = await runModel(run);
    expect(outcome.kind).toBe("done");

    for (const [name, table] of [
      [RESULTS_SHEET, RESULTS_TABLE],
      [SCHEDULE_SHEET, SCHEDULE_TABLE],
    ]) {
      const sheet = model.requireSheet(name);
      const numbers = Object.values(sheet.snapshot()).filter((cell) => typeof cell.value === "number");
      expect(numbers.length).toBeGreaterThan(10);
      expect(truncatedNumbers(sheet)).toEqual([]);
      expect(unwrappedHeaders(model, table)).toEqual([]);
      // The header row (below two note rows) and the function names in column A stay in view.
      const headerRow = model.table(table)?.rect.row ?? -1;
      expect(sheet.frozen).toEqual({ rows: headerRow + 1, columns: 1 });
    }

    // The results' text columns fit too, except the rationale, which is capped and wraps.
    const results = model.requireSheet(RESULTS_SHEET);
    const resultsTable = model.table(RESULTS_TABLE);
    if (!resultsTable) throw new Error("no results table");
    const rationaleColumn = 12;
    expect(results.cell(resultsTable.rect.row, rationaleColumn).value).toBe("Rationale");
    const rationaleWidth = results.columnWidths.get(rationaleColumn) ?? 0;
    expect(rationaleWidth).toBeLessThanOrEqual(300);
    for (let r = resultsTable.rect.row + 1; r < resultsTable.rect.row + resultsTable.rect.rowCount; r++) {
      const rationale = String(results.cell(r, rationaleColumn).value);
      expect(pointsFor(rationale)).toBeGreaterThan(rationaleWidth);
      expect(results.style(r, rationaleColumn).wrapText).toBe(true);
      for (const c of [0, 1])
        expect(results.columnWidths.get(c) ?? 0).toBeGreaterThanOrEqual(pointsFor(String(results.cell(r, c).value)));
    }
  });

  it("Sourcing Analysis: one width per column fits every table stacked in it, and the goal seek only widens", async () => {
    const { run, model } = workbookWith(functionRows(4));
    const input = sampleWithRanges();
    const { scenarios } = parseScenarios([{ scenario: "Slow ramp", key: "bpoRampWeeks", value: 12 }]);
    await writeAnalysis(
      {
        simulation: simulate(input, { trials: 300, seed: 7 }),
        sensitivity: sensitivity(input),
        scenarios: compareScenarios(input, scenarios),
      },
      run,
    );
    const sheet = model.requireSheet(ANALYSIS_SHEET);
    expect(truncatedNumbers(sheet)).toEqual([]);
    for (const table of model.tables.filter((t) => t.sheet === sheet))
      expect(unwrappedHeaders(model, table.name)).toEqual([]);

    const before = new Map(sheet.columnWidths);
    await writeGoalSeek({ result: goalSeek(input, 12), targets: ["bpoMonthlyFeePerFte", "saHourlyRate"] }, run);
    expect(truncatedNumbers(sheet)).toEqual([]);
    for (const [column, width] of before) expect(sheet.columnWidths.get(column)).toBeGreaterThanOrEqual(width);
  });

  it("Insert sample: figures, assumption labels and the functions' headers fit or wrap, never cut", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    const run = asRun(createStandin(model));
    const inserted = await insertSample(run);
    expect(inserted.inserted).toBe(true);
    const sheet = model.requireSheet(inserted.sheet ?? "");
    expect(truncatedNumbers(sheet)).toEqual([]);
    for (const table of model.tables.filter((t) => t.sheet === sheet))
      expect(unwrappedHeaders(model, table.name)).toEqual([]);
    // Assumption labels such as the two "Change orders…" ones read in full, each on its own.
    const assumptions = model.tables.find((t) => t.name === "SourcingAssumptions");
    if (!assumptions) throw new Error("no assumptions table");
    for (let r = assumptions.rect.row + 1; r < assumptions.rect.row + assumptions.rect.rowCount; r++) {
      const label = String(sheet.cell(r, 0).value);
      expect(sheet.columnWidths.get(0) ?? 0, label).toBeGreaterThanOrEqual(pointsFor(label));
    }
  });
});

describe("stand-in: Worksheet.freezePanes (ExcelApi 1.7)", () => {
  it("freezes rows, columns, or both at a range, and unfreezes", async () => {
    const model = new WorkbookModel(["Sheet1", "Other"]);
    const standin = createStandin(model);
    const sheet = model.requireSheet("Sheet1");
    await standin.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").freezePanes.freezeRows(3);
      await context.sync();
      expect(sheet.frozen).toEqual({ rows: 3, columns: 0 });
      context.workbook.worksheets.getItem("Sheet1").freezePanes.freezeColumns(2);
      await context.sync();
      expect(sheet.frozen).toEqual({ rows: 3, columns: 2 });
      const ws = context.workbook.worksheets.getItem("Sheet1");
      ws.freezePanes.freezeAt(ws.getRange("A1:B4"));
      await context.sync();
      expect(sheet.frozen).toEqual({ rows: 4, columns: 2 });
      ws.freezePanes.unfreeze();
      await context.sync();
      expect(sheet.frozen).toEqual({ rows: 0, columns: 0 });
    });
  });

  it("refuses a range on another sheet and a negative count, at sync", async () => {
    const standin = createStandin(new WorkbookModel(["Sheet1", "Other"]));
    await expect(
      standin.run(async (context) => {
        const other = context.workbook.worksheets.getItem("Other");
        context.workbook.worksheets.getItem("Sheet1").freezePanes.freezeAt(other.getRange("A1"));
        await context.sync();
      }),
    ).rejects.toThrow(/another sheet/);
    await expect(
      standin.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").freezePanes.freezeRows(-1);
        await context.sync();
      }),
    ).rejects.toThrow(/row count/);
  });
});
