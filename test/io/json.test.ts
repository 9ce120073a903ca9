import { describe, expect, it } from "vitest";
import { InputFileError, readJsonText } from "../../src/io";
import { evaluate, sampleInput } from "../../src/model";

const read = (value: unknown) => readJsonText(typeof value === "string" ? value : JSON.stringify(value), "in.json");

function problem(text: string): InputFileError {
  try {
    readJsonText(text, "in.json");
  } catch (error) {
    if (error instanceof InputFileError) return error;
    throw error;
  }
  throw new Error("expected an InputFileError");
}

describe("JSON reader", () => {
  it("reads assumptions and functions as given", () => {
    const loaded = read(sampleInput());
    expect(loaded.format).toBe("json");
    expect(loaded.input).toEqual(sampleInput());
    expect(loaded.notes).toEqual([]);
    expect(evaluate(loaded.input)).toEqual(evaluate(sampleInput()));
  });

  it("tolerates a byte-order mark and a missing or null assumptions object", () => {
    const functions = sampleInput().functions;
    expect(read(`\uFEFF${JSON.stringify({ functions })}`).input.functions).toEqual(functions);
    expect(read({ assumptions: null, functions }).input.assumptions).toBeUndefined();
  });

  it("says what is wrong with the shape, naming the place", () => {
    expect(problem("{ nope").problem).toBe("malformed");
    expect(problem("{ nope").detail).toMatch(/^not valid JSON/);
    expect(problem(JSON.stringify({ functions: { a: 1 } })).detail).toBe(
      "functions must be a list of objects, one per function; got an object.",
    );
    expect(problem(JSON.stringify({ assumptions: {} })).detail).toMatch(
      /^functions is missing: the file needs a "functions" list/,
    );
    expect(problem(JSON.stringify({ functions: [{ function: "A" }, 7] })).detail).toBe(
      "functions[1] must be an object of column: value pairs, one function; got a number.",
    );
    expect(problem(JSON.stringify({ functions: [{ function: "A", headcount: { n: 1 } }] })).detail).toBe(
      "functions[0].headcount must be a number, text, true/false or null; got an object.",
    );
    expect(problem(JSON.stringify({ assumptions: [1, 2], functions: [] })).detail).toMatch(
      /^assumptions must be an object of "key": value pairs; got a list/,
    );
    expect(problem("[]").detail).toMatch(/^The file must hold a JSON object with "functions"/);
    expect(problem(JSON.stringify({ functions: [{ a: [] }, { b: [] }, { c: [] }] })).detail).toMatch(
      /and 2 more problems/,
    );
  });

  it("leaves values to the model: an infinite number is a cell error, not a file error", () => {
    const text = '{"functions":[{"function":"A","headcount":1e999,"saHourlyRate":20,"bpoMonthlyFeePerFte":3000}]}';
    const result = evaluate(readJsonText(text, "in.json").input);
    expect(result.errors).toEqual([expect.objectContaining({ row: 1, column: "headcount" })]);
  });

  it("locates errors by the keys the file used", () => {
    const loaded = read({
      assumptions: { "Horizon (months)": "soon" },
      functions: [{ Function: "A", "Headcount (FTE)": "many", "SA hourly rate": 20 }],
    });
    const result = evaluate(loaded.input);
    const where = result.errors.map((e) => loaded.locate(e));
    expect(where).toContain("assumptions.Horizon (months)");
    expect(where).toContain("row 1 (functions[0].Headcount (FTE))");
    expect(where).toContain("row 1 (functions[0])"); // the missing BPO fee has no key in the file
  });

  it("notes top-level keys it ignores", () => {
    expect(read({ functions: [], comment: "x" }).notes).toEqual(['in.json: ignored top-level key "comment".']);
  });
});
