/** The goal-seek table on the Sourcing Analysis sheet, through the strict stand-in. */
import { describe, expect, it } from "vitest";
import { SourcingUserError } from "../../src/excel";
import { writeAnalysis, writeGoalSeek } from "../../src/excel/write-analysis";
import { type GoalSeekReport, goalSeekColumns } from "../../src/layout/analysis-sheet";
import { ANALYSIS_SHEET, GOAL_SEEK_TABLE, SIMULATION_TABLE } from "../../src/layout/workbook";
import { goalSeek, sampleInput, sensitivity, simulate } from "../../src/model";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { asRun, functionRows, workbookWith } from "../excel/helpers";

const both = (month: number): GoalSeekReport => ({
  result: goalSeek(sampleInput(), month),
  targets: ["bpoMonthlyFeePerFte", "saHourlyRate"],
});

/** The goal-seek table's rows as displayed values, header first. */
function tableValues(model: WorkbookModel): (string | number | boolean)[][] {
  const table = model.table(GOAL_SEEK_TABLE);
  if (!table) throw new Error("no goal-seek table");
  const sheet = model.requireSheet(ANALYSIS_SHEET);
  return Array.from({ length: table.rect.rowCount }, (_, r) =>
    Array.from({ length: table.rect.columnCount }, (_, c) => sheet.cell(table.rect.row + r, c).value),
  );
}

describe("writeGoalSeek", () => {
  it("creates the analysis sheet with a goal-seek table: one row per function and input, in words and formats", async () => {
    const { standin, run, model } = workbookWith(functionRows(4));
    const report = both(6);
    const summary = await writeGoalSeek(report, run);
    expect(standin.stats.syncCount).toBe(2);
    expect(summary).toEqual({ rows: 8, header: "A4:I4" });
    const [header, ...rows] = tableValues(model);
    expect(header).toEqual(goalSeekColumns("USD").map((c) => c.header));
    const support = report.result.results.find((r) => r.function === "Customer support");
    expect(rows[0]).toEqual([
      "Customer support",
      "BPO monthly fee per FTE",
      6,
      "Highest fee paying back by month 6",
      support?.fee.value,
      4200,
      6,
      6,
      support?.fee.message,
    ]);
    expect(rows[1].slice(0, 4)).toEqual([
      "Customer support",
      "SA hourly rate",
      6,
      "Lowest rate paying back by month 6",
    ]);
    const sheet = model.requireSheet(ANALYSIS_SHEET);
    // Rates keep their cents; months are whole numbers; text stays text.
    expect(sheet.cell(4, 4).numberFormat).toBe("#,##0.00");
    expect(sheet.cell(4, 2).numberFormat).toBe("0");
    expect(sheet.cell(4, 8).numberFormat).toBe("@");
    expect(String(sheet.cell(2, 0).value)).toMatch(/^Goal seek: at what value does BPO pay back by month 6\?/);
  });

  it("writes only the chosen input, and a 'no fee pays back' answer as words with blank numbers", async () => {
    const { run, model } = workbookWith(functionRows(4));
    const result = goalSeek(sampleInput(), 1);
    await writeGoalSeek({ result, targets: ["bpoMonthlyFeePerFte"] }, run);
    const [, ...rows] = tableValues(model);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r[1] === "BPO monthly fee per FTE")).toBe(true);
    const never = rows.find((r) => r[3] === "No fee pays back");
    expect(never?.[4]).toBe("");
    expect(never?.[8]).toMatch(/^No BPO monthly fee per FTE of 0 or more makes BPO pay back by month 1/);
  });

  it("keeps the analysis already on the sheet, goes below it, and replaces its own table in place the next time", async () => {
    const { run, model } = workbookWith(functionRows(4));
    const input = sampleInput();
    await writeAnalysis(
      { simulation: simulate(input, { trials: 200, seed: 1 }), sensitivity: sensitivity(input), scenarios: null },
      run,
    );
    const simulationBefore = model.table(SIMULATION_TABLE)?.rect;
    const sheet = model.requireSheet(ANALYSIS_SHEET);
    const usedBottom = Math.max(...Object.keys(sheet.snapshot()).map((k) => Number(k.split(",")[0])));

    await writeGoalSeek(both(6), run);
    expect(model.table(SIMULATION_TABLE)?.rect).toEqual(simulationBefore);
    const first = model.table(GOAL_SEEK_TABLE)?.rect;
    expect(first?.row).toBe(usedBottom + 4); // two blank rows, then the title, then the header

    await writeGoalSeek({ result: goalSeek(input, 12), targets: ["saHourlyRate"] }, run);
    expect(model.tables.filter((t) => t.name === GOAL_SEEK_TABLE)).toHaveLength(1);
    const second = model.table(GOAL_SEEK_TABLE)?.rect;
    expect(second?.row).toBe(first?.row);
    expect(second?.rowCount).toBe(5);
    // The rows the longer first table used below the new one are cleared, not left behind.
    expect(sheet.cell((first?.row ?? 0) + 8, 0).value).toBe("");
    expect(String(sheet.cell((first?.row ?? 0) - 1, 0).value)).toMatch(/by month 12\?/);
    expect(model.table(SIMULATION_TABLE)?.rect).toEqual(simulationBefore);
  });

  it("refuses a SourcingGoalSeek table the user keeps on another sheet", async () => {
    const clash = new WorkbookModel(["Mine"]);
    clash.userInput("Mine", "A1:B2", [
      ["a", "b"],
      [1, 2],
    ]);
    clash.userAddTable("Mine", "A1:B2", GOAL_SEEK_TABLE);
    await expect(writeGoalSeek(both(6), asRun(createStandin(clash)))).rejects.toThrow(SourcingUserError);
    await expect(writeGoalSeek(both(6), asRun(createStandin(clash)))).rejects.toThrow(/on the sheet "Mine"/);
    expect(clash.sheets.map((s) => s.name)).toEqual(["Mine"]);
  });
});
