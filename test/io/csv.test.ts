import { describe, expect, it } from "vitest";
import { InputFileError, readCsvText, toCsv } from "../../src/io";
import { evaluate, sampleInput } from "../../src/model";
import { sampleFunctionHeaders, sampleFunctionRows } from "../../src/layout/workbook";

const HEADER = "Function,Headcount (FTE),SA hourly rate,BPO monthly fee per FTE";

function problem(text: string): InputFileError {
  try {
    readCsvText(text, "in.csv");
  } catch (error) {
    if (error instanceof InputFileError) return error;
    throw error;
  }
  throw new Error("expected an InputFileError");
}

describe("CSV reader", () => {
  it("reads the functions table; the model gives the same results as from JSON", () => {
    const loaded = readCsvText(toCsv(sampleFunctionHeaders(), sampleFunctionRows()), "sample.csv");
    expect(loaded.format).toBe("csv");
    expect(loaded.input.assumptions).toBeUndefined();
    const fromCsv = evaluate({ ...loaded.input, assumptions: sampleInput().assumptions });
    expect(fromCsv).toEqual(evaluate(sampleInput()));
  });

  it("keeps cells as text for the model to coerce, with a BOM and CRLF line ends", () => {
    const loaded = readCsvText(`\uFEFF${HEADER},SA management share\r\nSupport,"1,250",25,4200,5%\r\n`, "in.csv");
    expect(loaded.input.functions).toEqual({
      headers: ["Function", "Headcount (FTE)", "SA hourly rate", "BPO monthly fee per FTE", "SA management share"],
      rows: [["Support", "1,250", "25", "4200", "5%"]],
    });
    const result = evaluate(loaded.input);
    expect(result.errors).toEqual([]);
    expect(result.results[0].function).toBe("Support");
  });

  it("reads semicolon-separated files and says how numbers are read", () => {
    const loaded = readCsvText(`${HEADER.replace(/,/g, ";")}\nSupport;12;25;4200\n`, "in.csv");
    expect((loaded.input.functions as { rows: unknown[][] }).rows).toEqual([["Support", "12", "25", "4200"]]);
    expect(loaded.notes[0]).toMatch(/semicolon-separated/);
  });

  it("points at the row, the line it starts on and the column's header", () => {
    const text = `${HEADER},Notes\n"Multi\nline",abc,25,4200,x\n\nSupport,12,-1,4200,"a\nb"\nLast,1,1\n`;
    const loaded = readCsvText(text, "in.csv");
    const result = evaluate(loaded.input);
    const where = result.errors.map((e) => `${loaded.locate(e)}: ${e.column}`);
    expect(where).toEqual([
      'row 1 (line 2), column "Headcount (FTE)": headcount',
      'row 2 (line 5), column "SA hourly rate": saHourlyRate',
      'row 3 (line 7), column "BPO monthly fee per FTE": bpoMonthlyFeePerFte', // a short row: the cell is missing
    ]);
    expect(loaded.locate({ row: null, column: "horizonMonths" })).toBeUndefined();
  });

  it("rejects an empty file and broken quoting as files, not cells", () => {
    expect(problem("").detail).toMatch(/the file is empty/);
    expect(problem("\uFEFF\n\n").problem).toBe("malformed");
    const broken = problem(`${HEADER}\n"Support,12,25,4200\n`);
    expect(broken.problem).toBe("malformed");
    expect(broken.detail).toMatch(/Quote Not Closed/);
  });

  it("writes fields that need it in quotes, and reads them back unchanged", () => {
    const rows = [["a,b", 'say "hi"', "two\nlines", " padded", 12.5, null, true]];
    const text = toCsv(["h1", "h2", "h3", "h4", "h5", "h6", "h7"], rows);
    expect(text).toBe('h1,h2,h3,h4,h5,h6,h7\n"a,b","say ""hi""","two\nlines"," padded",12.5,,true\n');
    expect((readCsvText(text, "x.csv").input.functions as { rows: unknown[][] }).rows).toEqual([
      ["a,b", 'say "hi"', "two\nlines", " padded", "12.5", "", "true"],
    ]);
  });
});
