import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { RECOMMENDATION_LABELS, evaluate, sampleInput, SAMPLE_FUNCTION_COLUMNS } from "../../src/model";
import {
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
  ASSUMPTION_HEADERS,
} from "../../src/layout/workbook";
import { LruCache } from "../../src/functions/model-cache";
import {
  DEFAULT_FUNCTION_COLUMNS,
  SCHEDULE_HEADERS,
  createSourcingFunctions,
  horizonFor,
  toCellValue,
  type SourcingFailure,
} from "../../src/functions/sourcing";

/** The error values of these tests: plain records, so a test can read the kind and the message. */
const errors = {
  invalidValue: (message: string): SourcingFailure => ({ kind: "invalidValue", message }),
  notAvailable: (message: string): SourcingFailure => ({ kind: "notAvailable", message }),
};
const isFailure = (value: unknown): value is SourcingFailure =>
  typeof value === "object" && value !== null && !Array.isArray(value) && "kind" in value;

/** A value a custom function may return to a cell: a finite number, text, a boolean, or a matrix of them. */
const isScalarOutput = (value: unknown) =>
  typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
const isCellOutput = (value: unknown) =>
  isScalarOutput(value) ||
  (Array.isArray(value) && value.length > 0 && value.every((row) => Array.isArray(row) && row.every(isScalarOutput)));

const expected = evaluate(sampleInput()).results;
const headers = [sampleFunctionHeaders()];
const rows = sampleFunctionRows().map((row) => [row]);
const assumptionsRange = [[...ASSUMPTION_HEADERS], ...sampleAssumptionRows()];

describe("SOURCING functions core", () => {
  it("uses the template's column order when headers are omitted", () => {
    expect(DEFAULT_FUNCTION_COLUMNS).toEqual(SAMPLE_FUNCTION_COLUMNS);
  });

  it("DECIDE, EXPLAIN, CROSSOVER, TOTAL and NPV agree with evaluate() for every sample row, with and without headers", () => {
    const fns = createSourcingFunctions(errors);
    expected.forEach((result, i) => {
      for (const args of [
        [rows[i]],
        [rows[i], headers],
        [rows[i], headers, assumptionsRange],
        [rows[i], null, null],
      ] as const) {
        const [row, hdr, asm] = [args[0], args[1], args[2]];
        expect(fns.decide(row, hdr, asm)).toBe(RECOMMENDATION_LABELS[result.recommendation]);
        expect(fns.decide(row, hdr, asm, "code")).toBe(result.recommendation);
        expect(fns.explain(row, hdr, asm)).toBe(result.rationale);
        expect(fns.total(row, "STAFF_AUG", undefined, hdr, asm)).toBe(result.total.STAFF_AUG);
        expect(fns.total(row, "bpo", null, hdr, asm)).toBe(result.total.BPO);
        expect(fns.npv(row, "Bridge", hdr, asm)).toBe(result.npv.BRIDGE);
        expect(fns.crossover(row, hdr, asm)).toBe(result.breakEvenMonth ?? "None within 36 months");
        const crossover = fns.crossover(row, hdr, asm, null, "code");
        if (result.breakEvenMonth === null) expect(isFailure(crossover) && crossover.kind).toBe("notAvailable");
        else expect(crossover).toBe(result.breakEvenMonth);
      }
    });
  });

  it("CROSSOVER answers each kind; none within the horizon reads as words, or #N/A with the reason in the code form", () => {
    const fns = createSourcingFunctions(errors);
    const support = expected[0];
    expect(fns.crossover(rows[0], headers, null, "discounted")).toBe(support.discountedBreakEvenMonth);
    expect(fns.crossover(rows[0], headers, null, "RunRate")).toBe(support.runRateCrossoverMonth);
    expect(fns.crossover(rows[0], headers, null, "")).toBe(support.breakEvenMonth);
    // React developer (evolving scope): BPO never catches up within 36 months.
    expect(expected[1].breakEvenMonth).toBeNull();
    expect(fns.crossover(rows[1], headers)).toBe("None within 36 months");
    expect(fns.crossover(rows[1], headers, null, "runrate", " Text ")).toBe("None within 36 months");
    expect(fns.crossover(rows[1], headers, null, null, "code")).toEqual({
      kind: "notAvailable",
      message: expect.stringMatching(/^No break-even within 36 months: BPO's cumulative cost/),
    });
    expect(fns.crossover(rows[1], headers, null, "runrate", "CODE")).toEqual({
      kind: "notAvailable",
      message: expect.stringMatching(/^No run-rate crossover within 36 months/),
    });
    expect(fns.crossover(rows[0], headers, null, "soon")).toEqual({
      kind: "invalidValue",
      message: 'kind must be breakeven, discounted or runrate; got "soon".',
    });
    expect(fns.crossover(rows[0], headers, null, null, "words")).toEqual({
      kind: "invalidValue",
      message: 'format must be "text" or "code"; got "words".',
    });
    expect(fns.decide(rows[0], headers, null, 1)).toEqual({
      kind: "invalidValue",
      message: 'format must be "text" or "code"; got 1.',
    });
  });

  it("TOTAL to a month is the cumulative monthly cost; a month outside the horizon is #VALUE!", () => {
    const fns = createSourcingFunctions(errors);
    const monthly = expected[0].monthly;
    let sum = 0;
    for (const m of monthly.slice(0, 7)) sum += m.BRIDGE;
    expect(fns.total(rows[0], "BRIDGE", 7, headers)).toBe(sum);
    expect(fns.total(rows[0], "BRIDGE", 36, headers)).toBe(expected[0].total.BRIDGE);
    expect(fns.total(rows[0], "BRIDGE", 37, headers)).toEqual({
      kind: "invalidValue",
      message: "month must be a whole number from 1 to 36 (the horizon); got 37.",
    });
    expect(fns.total(rows[0], "BRIDGE", 2.5, headers)).toMatchObject({ kind: "invalidValue" });
    expect(fns.total(rows[0], "DOCUMENT_FIRST", 3, headers)).toEqual({
      kind: "invalidValue",
      message: 'strategy must be STAFF_AUG, BPO or BRIDGE; got "DOCUMENT_FIRST".',
    });
  });

  it("SCHEDULE returns a header row and one row per month with monthly and cumulative costs", () => {
    const fns = createSourcingFunctions(errors);
    const table = fns.schedule(rows[2], headers, assumptionsRange);
    if (isFailure(table)) throw new Error(table.message);
    expect(table).toHaveLength(37);
    expect(table[0]).toEqual([...SCHEDULE_HEADERS]);
    expect(table[1].slice(0, 4)).toEqual([
      1,
      expected[2].monthly[0].STAFF_AUG,
      expected[2].monthly[0].BPO,
      expected[2].monthly[0].BRIDGE,
    ]);
    expect(table[36].slice(4)).toEqual([expected[2].total.STAFF_AUG, expected[2].total.BPO, expected[2].total.BRIDGE]);
  });

  it("reads a two-column assumptions range with or without its header row, extra columns ignored", () => {
    const fns = createSourcingFunctions(errors);
    const short = [
      ["Horizon (months)", 24, "note"],
      ["Currency", "EUR", ""],
    ];
    const table = fns.schedule(rows[0], headers, short);
    expect(Array.isArray(table) && table.length).toBe(25);
    expect(fns.explain(rows[0], headers, [["Assumption", "Value"], ...short])).toMatch(/EUR/);
    expect(horizonFor(short)).toBe(24);
    expect(horizonFor(null)).toBe(36);
    expect(horizonFor([["Horizon (months)", "many"]])).toBe(36);
  });

  it("reports every error of the row in one #VALUE! message", () => {
    const fns = createSourcingFunctions(errors);
    const bad = [["Support", "abc", -1, 4200, "maybe"]];
    const answer = fns.decide(bad);
    expect(answer).toMatchObject({ kind: "invalidValue" });
    const message = (answer as SourcingFailure).message;
    expect(message).toContain('Headcount (FTE) must be a number greater than 0 and at most 100,000; got "abc" (text).');
    expect(message).toContain("SA hourly rate must be a number of at least 0; got -1.");
    expect(message).toContain('Process documented must be yes or no; got "maybe" (text).');
    expect(fns.decide([["Support", 12, 25, 4200]], null, [["Horizon (months)", 0]])).toEqual({
      kind: "invalidValue",
      message: "Assumption: Horizon (months) must be a whole number from 1 to 600; got 0.",
    });
  });

  it("handles Excel's blanks: omitted arguments as null or undefined, empty cells as empty strings", () => {
    const fns = createSourcingFunctions(errors);
    const withBlanks = [["Customer support", 12, 25, 4200, "yes", "no", "", "", "", "", "", "", ""]];
    expect(fns.decide(withBlanks, undefined, undefined)).toBe("BPO");
    expect(fns.decide(withBlanks, [["", "", "", "", "", "", "", "", "", "", "", "", ""]], [["", ""]])).toBe("BPO");
    expect(fns.decide([["", "", ""]])).toEqual({
      kind: "invalidValue",
      message: expect.stringMatching(/^The row is empty/),
    });
    expect(fns.decide(null)).toMatchObject({
      kind: "invalidValue",
      message: expect.stringMatching(/^row is required/),
    });
    expect(fns.decide([["Support", "", 25, 4200]])).toEqual({
      kind: "invalidValue",
      message: "Headcount (FTE) is required; the cell is blank.",
    });
  });

  it("explains shape mistakes: block instead of row, header width, long row without headers, one-column assumptions", () => {
    const fns = createSourcingFunctions(errors);
    expect(fns.decide(sampleFunctionRows().slice(0, 2))).toMatchObject({
      message: expect.stringMatching(
        new RegExp(
          `^row must be a single row of the functions table .*got 2 rows and ${SAMPLE_FUNCTION_COLUMNS.length} columns`,
        ),
      ),
    });
    expect(fns.decide(rows[0], [sampleFunctionHeaders().slice(0, 5)])).toMatchObject({
      message: expect.stringMatching(
        new RegExp(`^headers has 5 cells but row has ${SAMPLE_FUNCTION_COLUMNS.length}\\b`),
      ),
    });
    expect(fns.decide([[...sampleFunctionRows()[0], "extra"]])).toMatchObject({
      message: expect.stringMatching(
        new RegExp(`^row has ${SAMPLE_FUNCTION_COLUMNS.length + 1} cells, but without headers`),
      ),
    });
    expect(fns.decide(rows[0], headers, [["Horizon (months)"], [24]])).toMatchObject({
      message: expect.stringMatching(/^assumptions must be a range of two columns/),
    });
    // A column (the row transposed, with its headers) is read like a row.
    expect(
      fns.decide(
        sampleFunctionRows()[0].map((c) => [c]),
        sampleFunctionHeaders().map((h) => [h]),
      ),
    ).toBe("BPO");
  });

  it("names unknown headers when they explain a required-field error", () => {
    const fns = createSourcingFunctions(errors);
    const answer = fns.decide([["Support", 12, 25, 4200]], [["Name", "FTE", "Rate", "Fee"]]);
    expect((answer as SourcingFailure).message).toMatch(
      /Function is required, but no column of the table is headed Function .*Column "Name" is not an input of the model/,
    );
  });

  it("runs the model once per distinct input (bounded LRU)", () => {
    const fns = createSourcingFunctions(errors, 3);
    fns.decide(rows[0], headers);
    fns.crossover(rows[0], headers);
    fns.schedule(rows[0], headers);
    fns.total(rows[0], "BPO", 3, headers);
    fns.explain(rows[0], headers, null);
    expect(fns.cacheSize).toBe(1);
    for (const row of rows) fns.decide(row, headers);
    expect(fns.cacheSize).toBe(3);
  });

  it("never throws, whatever the worksheet passes", () => {
    const fns = createSourcingFunctions(errors);
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(""),
      fc.object(),
    );
    const range = fc.oneof(cell, fc.array(cell), fc.array(fc.array(cell, { maxLength: 15 }), { maxLength: 3 }));
    fc.assert(
      fc.property(range, range, range, cell, (row, hdr, asm, extra) => {
        for (const answer of [
          fns.decide(row, hdr, asm),
          fns.crossover(row, hdr, asm, extra),
          fns.total(row, extra, extra, hdr, asm),
          fns.npv(row, extra, hdr, asm),
          fns.schedule(row, hdr, asm),
          fns.explain(row, hdr, asm),
        ]) {
          // Either an error value with a reason a person can read, or a value Excel can show in a cell.
          if (isFailure(answer)) expect(answer.message.trim().length).toBeGreaterThan(10);
          else expect(isCellOutput(answer)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads rich values and captured errors as Excel shows them", () => {
    expect(toCellValue({ type: "Double", basicValue: 12 })).toBe(12);
    expect(toCellValue({ code: "#N/A", message: "x" })).toBe("#N/A");
    const fns = createSourcingFunctions(errors);
    expect(fns.decide([["Support", { code: "#DIV/0!" }, 25, 4200]])).toEqual({
      kind: "invalidValue",
      message: "Headcount (FTE) must be a number greater than 0 and at most 100,000; got the Excel error #DIV/0!.",
    });
  });
});

describe("LruCache", () => {
  it("evicts the least recently used entry", () => {
    const cache = new LruCache<number>(2);
    let computed = 0;
    const get = (key: string) => cache.getOrCompute(key, () => ++computed);
    get("a");
    get("b");
    get("a"); // a is now the youngest
    get("c"); // evicts b
    expect(cache.has("a")).toBe(true);
    expect(cache.has("b")).toBe(false);
    expect(computed).toBe(3);
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe("functions.ts wrappers", () => {
  const globals = globalThis as { CustomFunctions?: unknown };
  afterEach(() => {
    delete globals.CustomFunctions;
  });

  it("return answers and throw CustomFunctions.Error with the code and the reason", async () => {
    class FakeError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    globals.CustomFunctions = {
      Error: FakeError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
      associate: () => undefined,
    };
    const functions = await import("../../src/functions/functions");
    expect(functions.decide(rows[0])).toBe("BPO");
    expect(functions.schedule(rows[0])).toHaveLength(37);
    expect(functions.decide(rows[1], undefined, undefined, "code")).toBe(expected[1].recommendation);
    expect(functions.crossover(rows[1])).toBe("None within 36 months");
    expect(() => functions.crossover(rows[1], undefined, undefined, undefined, "code")).toThrow(
      expect.objectContaining({ code: "#N/A", message: expect.stringMatching(/^No break-even/) }),
    );
    expect(() => functions.npv(rows[0], "XYZ")).toThrow(expect.objectContaining({ code: "#VALUE!" }));
  });
});
