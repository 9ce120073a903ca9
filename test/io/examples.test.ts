import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readInputFile, readScenarios } from "../../src/io";
import { badCsvText, buildSampleWorkbook, NOTES_SHEET, sampleCsvText, sampleJsonText } from "../../src/io/sample-files";
import {
  compareScenarios,
  evaluate,
  parseScenarios,
  FIELD_BY_KEY,
  RANGE_FIELD_OF,
  sampleInput,
  SAMPLE_FUNCTION_COLUMNS,
  SAMPLE_FUNCTIONS,
  SAMPLE_RANGE_SOURCES,
} from "../../src/model";
import { ASSUMPTIONS_TABLE, FUNCTIONS_TABLE, INPUT_SHEET, SCENARIOS_TABLE } from "../../src/layout/workbook";

const EXAMPLES = resolve(__dirname, "..", "..", "examples");
const example = (name: string) => join(EXAMPLES, name);

/** Every cell's value by sheet and address, plus the tables: what a user sees, without the zip's timestamps. */
function workbookContent(workbook: ExcelJS.Workbook) {
  return workbook.worksheets.map((sheet) => {
    const cells: Record<string, unknown> = {};
    sheet.eachRow((row) => row.eachCell((cell) => (cells[cell.address] = { value: cell.value, numFmt: cell.numFmt })));
    const tables = Object.values(
      (sheet as unknown as { tables: Record<string, { model: { name: string; tableRef: string } }> }).tables,
    ).map(({ model }) => [model.name, model.tableRef]);
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
    expect(
      workbookContent(committed)[0]
        .tables.map(([name]) => name)
        .sort(),
    ).toEqual([ASSUMPTIONS_TABLE, FUNCTIONS_TABLE, SCENARIOS_TABLE].sort());
  });

  it("the sample model gives the same result from all three formats", async () => {
    const expected = evaluate(sampleInput());
    expect(expected.errors).toEqual([]);
    expect(evaluate((await readInputFile(example("sample.json"))).input)).toEqual(expected);
    expect(evaluate((await readInputFile(example("sample.xlsx"))).input)).toEqual(expected);
    const csv = await readInputFile(example("sample.csv"));
    expect(evaluate({ ...csv.input, assumptions: sampleInput().assumptions })).toEqual(expected);
  });

  it("sample.json and sample.xlsx carry the same two named scenarios, and each moves the answer as its name says", async () => {
    const fromJson = await readScenarios(example("sample.json"));
    const fromXlsx = await readScenarios(example("sample.xlsx"));
    const json = parseScenarios(fromJson);
    const xlsx = parseScenarios(fromXlsx);
    expect(json.errors).toEqual([]);
    expect(xlsx.errors).toEqual([]);
    expect(json.scenarios.map((s) => s.name)).toEqual(["Vendor quotes +10%", "Slow transition"]);
    const base = sampleInput();
    expect(compareScenarios(base, xlsx.scenarios)).toEqual(compareScenarios(base, json.scenarios));
    const [dearer, slower] = compareScenarios(base, json.scenarios).scenarios;
    const support = (s: typeof dearer) => s.differences.find((d) => d.function === "Customer support");
    // A dearer vendor cuts BPO's saving and pushes its break-even later; a slower transition changes the saving.
    expect(support(dearer)?.savingDelta).toBeLessThan(0);
    expect(support(dearer)?.breakEvenChange).toBeGreaterThan(0);
    expect(support(slower)?.savingDelta).not.toBe(0);
    expect(slower.overrides).toEqual([{ key: "bpoRampWeeks", value: 12, function: null, row: 5 }]);
  });

  it("sample.xlsx has a notes sheet with each sample row's note", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(example("sample.xlsx"));
    const notes = workbook.getWorksheet(NOTES_SHEET) as ExcelJS.Worksheet;
    for (const [i, fn] of SAMPLE_FUNCTIONS.entries()) {
      expect(notes.getRow(i + 2).values).toEqual([undefined, fn.function, fn.note]);
    }
    // Every range column of the sample has its source, once, on the notes sheet.
    const rangeColumns = SAMPLE_FUNCTION_COLUMNS.filter((key) => RANGE_FIELD_OF.has(key));
    expect(rangeColumns.length).toBeGreaterThan(0);
    expect(SAMPLE_RANGE_SOURCES.flatMap(({ key }) => [`${key}Min`, `${key}Max`]).sort()).toEqual(
      [...rangeColumns].sort(),
    );
    const noteRows = notes.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1).map(String) : []));
    for (const { key, source } of SAMPLE_RANGE_SOURCES)
      expect(noteRows).toContainEqual([`${FIELD_BY_KEY.get(key)?.label} min / max`, source]);
    const noteTexts = noteRows.flat();
    expect(noteTexts.filter((text) => /Seed article/.test(text))).toHaveLength(2);
    expect(noteTexts.some((text) => text.startsWith("Vendor quote ± negotiation"))).toBe(true);
  });

  it("the sample's range columns come last, contain each row's most likely value, and leave the model's answers alone", () => {
    const firstRange = SAMPLE_FUNCTION_COLUMNS.findIndex((key) => RANGE_FIELD_OF.has(key));
    expect(firstRange).toBe(13); // columns A..M keep their places
    expect(SAMPLE_FUNCTION_COLUMNS.slice(firstRange).every((key) => RANGE_FIELD_OF.has(key))).toBe(true);
    for (const fn of SAMPLE_FUNCTIONS) {
      expect([fn.saRampDaysMin, fn.saRampDaysMax, fn.bpoRampWeeksMin, fn.bpoRampWeeksMax]).toEqual([3, 5, 4, 12]);
      expect(fn.saRampDaysMin <= fn.saRampDays && fn.saRampDays <= fn.saRampDaysMax).toBe(true);
      expect(fn.bpoRampWeeksMin <= fn.bpoRampWeeks && fn.bpoRampWeeks <= fn.bpoRampWeeksMax).toBe(true);
      expect(fn.bpoMonthlyFeePerFteMin).toBe(Math.round(fn.bpoMonthlyFeePerFte * 0.95));
      expect(fn.bpoMonthlyFeePerFteMax).toBe(Math.round(fn.bpoMonthlyFeePerFte * 1.1));
    }
    const withRanges = evaluate(sampleInput());
    const withoutRanges = evaluate({
      ...sampleInput(),
      functions: sampleInput().functions.map((row) =>
        Object.fromEntries(Object.entries(row).filter(([key]) => !RANGE_FIELD_OF.has(key))),
      ),
    });
    expect(withRanges).toEqual(withoutRanges);
    expect(withRanges.results.find((r) => r.function === "Customer support")?.breakEvenMonth).toBe(6);
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
