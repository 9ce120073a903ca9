import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readInputFile } from "../../src/io";
import { badCsvText, buildSampleWorkbook, NOTES_SHEET, sampleCsvText, sampleJsonText } from "../../src/io/sample-files";
import { evaluate, sampleInput, SAMPLE_FUNCTIONS } from "../../src/model";
import { ASSUMPTIONS_TABLE, FUNCTIONS_TABLE, INPUT_SHEET } from "../../src/layout/workbook";

const EXAMPLES = resolve(__dirname, "..", "..", "examples");
const example = (name: string) => join(EXAMPLES, name);

/** Every cell's value by sheet and address, plus the tables: what a user sees, without the zip's timestamps. */
function workbookContent(workbook: ExcelJS.Workbook) {
  return workbook.worksheets.map((sheet) => {
    const cells: Record<string, unknown> = {};
    sheet.eachRow((row) => row.eachCell((cell) => (cells[cell.address] = { value: cell.value, numFmt: cell.numFmt })));
    const tables = Object.values((sheet as unknown as { tables: Record<string, { model: { name: string; tableRef: string } }> }).tables).map(
      ({ model }) => [model.name, model.tableRef],
    );
    return { name: sheet.name, cells, tables };
  });
}

describe("examples/ (npm run examples)", () => {
  it("sample.json, sample.csv and bad.csv are what the generator writes today", async () => {
    expect(await readFile(example("sample.json"), "utf8")).toBe(sampleJsonText());
    expect(await readFile(example("sample.csv"), "utf8")).toBe(sampleCsvText());
    expect(await readFile(example("bad.csv"), "utf8")).toBe(badCsvText());
  });

  it("sample.xlsx holds the cells and tables the generator writes today", async () => {
    const committed = new ExcelJS.Workbook();
    await committed.xlsx.readFile(example("sample.xlsx"));
    const fresh = new ExcelJS.Workbook();
    await fresh.xlsx.load(await buildSampleWorkbook().xlsx.writeBuffer());
    expect(workbookContent(committed)).toEqual(workbookContent(fresh));
    expect(workbookContent(committed).map((s) => s.name)).toEqual([INPUT_SHEET, NOTES_SHEET]);
    expect(workbookContent(committed)[0].tables.map(([name]) => name).sort()).toEqual([ASSUMPTIONS_TABLE, FUNCTIONS_TABLE].sort());
  });

  it("the sample model gives the same result from all three formats", async () => {
    const expected = evaluate(sampleInput());
    expect(expected.errors).toEqual([]);
    expect(evaluate((await readInputFile(example("sample.json"))).input)).toEqual(expected);
    expect(evaluate((await readInputFile(example("sample.xlsx"))).input)).toEqual(expected);
    const csv = await readInputFile(example("sample.csv"));
    expect(evaluate({ ...csv.input, assumptions: sampleInput().assumptions })).toEqual(expected);
  });

  it("sample.xlsx has a notes sheet with each sample row's note", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(example("sample.xlsx"));
    const notes = workbook.getWorksheet(NOTES_SHEET) as ExcelJS.Worksheet;
    for (const [i, fn] of SAMPLE_FUNCTIONS.entries()) {
      expect(notes.getRow(i + 2).values).toEqual([undefined, fn.function, fn.note]);
    }
  });

  it("bad.csv shows one typical mistake per row, and its valid rows are still modelled", async () => {
    const loaded = await readInputFile(example("bad.csv"));
    const result = evaluate(loaded.input);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "headcount"], // text in a number column
      [3, "saHourlyRate"], // a negative rate
      [4, "function"], // a duplicate name
      [5, "bpoMonthlyFeePerFte"], // #N/A
      [6, "scope"], // an unknown scope
      [7, "headcount"], // a blank required cell
    ]);
    expect(result.results.map((r) => r.function)).toEqual(["Customer support", "Accounts payable"]);
  });
});
