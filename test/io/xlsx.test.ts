import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { errorCellAddress, InputFileError, readXlsxBuffer } from "../../src/io";
import { buildXlsx } from "../hostile/workbook-fixtures";
import { evaluate, sampleInput } from "../../src/model";
import {
  ASSUMPTION_HEADERS,
  ASSUMPTIONS_TABLE,
  FUNCTIONS_TABLE,
  INPUT_SHEET,
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
} from "../../src/layout/workbook";

const HEADERS = ["Function", "Headcount (FTE)", "SA hourly rate", "BPO monthly fee per FTE"];

/** Writes and re-reads a workbook, so that the reader sees what ExcelJS loads from a file. */
async function roundTrip(workbook: ExcelJS.Workbook) {
  return readXlsxBuffer(Buffer.from(await workbook.xlsx.writeBuffer()), "book.xlsx");
}

function functionsTable(
  sheet: ExcelJS.Worksheet,
  ref: string,
  rows: ExcelJS.CellValue[][],
  name = FUNCTIONS_TABLE,
  totalsRow = false,
) {
  sheet.addTable({
    name,
    ref,
    headerRow: true,
    totalsRow,
    columns: HEADERS.map((header, i) => ({
      name: header,
      ...(totalsRow && i === 1 ? { totalsRowFunction: "sum" as const } : {}),
    })),
    rows,
  });
}

describe("xlsx reader: the sample layout", () => {
  it("reads both tables from the input sheet and models what the JSON sample models", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Cover").getCell("A1").value = "Read me first";
    const sheet = workbook.addWorksheet(INPUT_SHEET);
    sheet.addTable({
      name: FUNCTIONS_TABLE,
      ref: "B3",
      columns: sampleFunctionHeaders().map((name) => ({ name })),
      rows: sampleFunctionRows(),
    });
    sheet.addTable({
      name: ASSUMPTIONS_TABLE,
      ref: "B10",
      columns: ASSUMPTION_HEADERS.map((name) => ({ name })),
      rows: sampleAssumptionRows(),
    });
    const loaded = await roundTrip(workbook);

    expect(loaded.layout.functions).toMatchObject({
      sheet: INPUT_SHEET,
      table: FUNCTIONS_TABLE,
      headerRow: 3,
      firstColumn: 2,
      firstDataRow: 4,
      dataRowCount: 4,
    });
    // The header row "Assumption | Value | Source / notes" is skipped; the ten rows below it are read.
    expect(loaded.layout.assumptions?.rows.map((r) => r.sheetRow)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(loaded.notes).toEqual([]);
    expect(evaluate(loaded.input)).toEqual(evaluate(sampleInput()));
  });

  it("finds tables by name on any sheet, whatever the case", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Other");
    functionsTable(workbook.addWorksheet("Deep inside"), "D7", [["Support", 12, 25, 4200]], "sourcingfunctions");
    const loaded = await roundTrip(workbook);
    expect(loaded.layout.functions).toMatchObject({
      sheet: "Deep inside",
      table: "sourcingfunctions",
      headerRow: 7,
      firstColumn: 4,
    });
    expect(evaluate(loaded.input).results.map((r) => r.function)).toEqual(["Support"]);
    expect(loaded.notes).toEqual([
      'book.xlsx: no SourcingAssumptions table and no "Assumptions" sheet; the model\'s default assumptions apply.',
    ]);
  });

  it("leaves out a totals row", async () => {
    const workbook = new ExcelJS.Workbook();
    functionsTable(
      workbook.addWorksheet("S"),
      "A1",
      [
        ["Support", 12, 25, 4200],
        ["Sales", 3, 30, 5000],
      ],
      FUNCTIONS_TABLE,
      true,
    );
    const loaded = await roundTrip(workbook);
    expect((loaded.input.functions as { rows: unknown[][] }).rows).toHaveLength(2);
    expect(loaded.layout.functions).toMatchObject({ firstDataRow: 2, dataRowCount: 2 });
  });

  it("takes a table's first row as its header when the table part leaves headerRowCount out (its default is 1)", async () => {
    const bytes = buildXlsx([
      {
        name: "S",
        rows: [HEADERS, ["Support", 12, 25, 4200]],
        tables: [{ name: FUNCTIONS_TABLE, ref: "A1:D2", columns: HEADERS }],
      },
    ]);
    const loaded = await readXlsxBuffer(bytes, "book.xlsx");
    expect((loaded.input.functions as { headers: unknown[] }).headers).toEqual(HEADERS);
    expect(evaluate(loaded.input).results).toHaveLength(1);
  });
});

describe("xlsx reader: fallback sheets", () => {
  it('reads the "Functions" and "Assumptions" sheets when there are no tables, skipping the header row', async () => {
    const workbook = new ExcelJS.Workbook();
    const functions = workbook.addWorksheet("functions"); // matched whatever the case
    functions.addRow([]); // a blank first row: the header is the first row with something in it
    functions.addRow(HEADERS);
    functions.addRow(["Support", 12, 25, 4200]);
    functions.addRow(["Sales", 3, "thirty", 5000]);
    const assumptions = workbook.addWorksheet("Assumptions");
    assumptions.addRow(["Assumption", "Value"]);
    assumptions.addRow(["Horizon (months)", 24]);
    assumptions.addRow(["currency", "EUR"]);
    const loaded = await roundTrip(workbook);
    const result = evaluate(loaded.input);
    expect(result.assumptions).toMatchObject({ horizonMonths: 24, currency: "EUR" });
    expect(result.results.map((r) => r.function)).toEqual(["Support"]);
    expect(result.errors.map((e) => loaded.locate(e))).toEqual(["functions!C4"]);
    expect(loaded.locate({ row: null, column: "currency" })).toBe("Assumptions!B3");
    expect(loaded.locate({ row: null, column: "decisionMargin" })).toBeUndefined();
  });

  it("keeps a first assumptions row that is data, not a header", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Functions").addRows([HEADERS, ["Support", 12, 25, 4200]]);
    workbook.addWorksheet("Assumptions").addRows([
      ["horizonMonths", 12],
      ["Key", "Value"],
    ]);
    const loaded = await roundTrip(workbook);
    expect(loaded.input.assumptions).toEqual([
      ["horizonMonths", 12],
      ["Key", "Value"],
    ]);
    const result = evaluate(loaded.input);
    expect(result.assumptions.horizonMonths).toBe(12);
    expect(result.warnings.map((w) => w.column)).toEqual(["Key"]);
  });

  it("fails as a file when there are no functions at all", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Sheet1").getCell("A1").value = "hello";
    await expect(roundTrip(workbook)).rejects.toMatchObject({
      problem: "malformed",
      detail: 'no functions found: the workbook has no table named SourcingFunctions and no sheet named "Functions".',
    });
  });

  it("fails as a file when the bytes are not a workbook", async () => {
    const failure = readXlsxBuffer(Buffer.from("name,headcount\n"), "fake.xlsx");
    await expect(failure).rejects.toBeInstanceOf(InputFileError);
    await expect(failure).rejects.toMatchObject({ problem: "unreadable" });
  });
});

describe("xlsx reader: cell values", () => {
  async function readRow(values: ExcelJS.CellValue[]) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(INPUT_SHEET);
    functionsTable(sheet, "A1", [values]);
    return roundTrip(workbook);
  }

  it("uses a formula's saved result, and an error result stays an error", async () => {
    const loaded = await readRow([
      { formula: 'UPPER("support")', result: "SUPPORT" },
      { formula: "6*2", result: 12 },
      { formula: "1/0", result: { error: "#DIV/0!" } },
      4200,
    ]);
    const result = evaluate(loaded.input);
    expect((loaded.input.functions as { rows: unknown[][] }).rows[0]).toEqual(["SUPPORT", 12, "#DIV/0!", 4200]);
    expect(result.errors).toEqual([expect.objectContaining({ row: 1, column: "saHourlyRate", value: "#DIV/0!" })]);
    expect(result.errors[0].message).toMatch(/Excel error #DIV\/0!/);
    expect(result.errors.map((e) => loaded.locate(e))).toEqual(["'Sourcing Inputs'!C2"]);
    expect(loaded.notes.filter((note) => note.includes("formula"))).toEqual([]);
  });

  it("uses the saved results of shared formulas", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Functions");
    sheet.addRow(HEADERS);
    sheet.addRow(["Support", { formula: "1+1", result: 2, shareType: "shared", ref: "B2:B3" }, 25, 4200]);
    sheet.addRow(["Sales", { sharedFormula: "B2", result: 3 }, 25, 4200]);
    const loaded = await roundTrip(workbook);
    expect((loaded.input.functions as { rows: unknown[][] }).rows.map((row) => row[1])).toEqual([2, 3]);
  });

  it("turns error cells into their code, which the model reports", async () => {
    const loaded = await readRow(["Support", { error: "#N/A" }, { error: "#REF!" }, 4200]);
    const result = evaluate(loaded.input);
    expect(result.errors.map((e) => [loaded.locate(e), e.value])).toEqual([
      ["'Sourcing Inputs'!B2", "#N/A"],
      ["'Sourcing Inputs'!C2", "#REF!"],
    ]);
    expect(result.results).toEqual([]);
  });

  it("reads rich text and hyperlinks as their text, and dates as ISO text the model rejects", async () => {
    const loaded = await readRow([
      { richText: [{ text: "Cust", font: { bold: true } }, { text: "omer support" }] },
      12,
      { text: "25", hyperlink: "https://example.com/rates" },
      new Date(Date.UTC(2024, 0, 2)),
    ]);
    expect((loaded.input.functions as { rows: unknown[][] }).rows[0]).toEqual([
      "Customer support",
      12,
      "25",
      "2024-01-02T00:00:00.000Z",
    ]);
    const result = evaluate(loaded.input);
    expect(result.errors).toEqual([
      expect.objectContaining({ column: "bpoMonthlyFeePerFte", value: "2024-01-02T00:00:00.000Z" }),
    ]);
  });

  it("keeps a formula without a saved result as its text and says so", async () => {
    const loaded = await readRow(["Support", { formula: "B5*2" } as ExcelJS.CellFormulaValue, 25, 4200]);
    expect((loaded.input.functions as { rows: unknown[][] }).rows[0][1]).toBe("=B5*2");
    expect(loaded.notes.filter((note) => note.includes("formula"))).toEqual([
      "'Sourcing Inputs'!B2 holds a formula with no saved result (=B5*2): the file was saved without being calculated. Open and save it in Excel, or type the value.",
    ]);
    expect(evaluate(loaded.input).errors).toEqual([expect.objectContaining({ column: "headcount", value: "=B5*2" })]);
  });
});

describe("error cell addresses", () => {
  const layout = {
    functions: {
      sheet: "Sourcing Inputs",
      headerRow: 4,
      firstColumn: 2,
      lastColumn: 5,
      headers: HEADERS,
      firstDataRow: 5,
      dataRowCount: 3,
    },
    assumptions: {
      sheet: "Sourcing Inputs",
      rows: [
        { sheetRow: 12, key: "Currency" },
        { sheetRow: 13, key: " Horizon (months) " },
      ],
      valueColumn: 3,
    },
  };

  it("maps a row and a column key to the cell, through the header row", () => {
    expect(errorCellAddress(layout, { row: 1, column: "function" })).toBe("'Sourcing Inputs'!B5");
    expect(errorCellAddress(layout, { row: 3, column: "bpoMonthlyFeePerFte" })).toBe("'Sourcing Inputs'!E7");
  });

  it("gives the whole row when the table has no such column, and nothing for rows it does not have", () => {
    expect(errorCellAddress(layout, { row: 2, column: "scope" })).toBe("'Sourcing Inputs'!B6:E6");
    expect(errorCellAddress(layout, { row: 9, column: "function" })).toBeUndefined();
  });

  it("maps an assumption to its value cell by key or label", () => {
    expect(errorCellAddress(layout, { row: null, column: "horizonMonths" })).toBe("'Sourcing Inputs'!C13");
    expect(errorCellAddress(layout, { row: null, column: "currency" })).toBe("'Sourcing Inputs'!C12");
    expect(errorCellAddress({ functions: layout.functions }, { row: null, column: "currency" })).toBeUndefined();
  });
});
