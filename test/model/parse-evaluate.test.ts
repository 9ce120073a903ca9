/**
 * Parsing and evaluation as two steps (issue #11): evaluateParsed() on a parsed input is evaluate(), overrides
 * equal a re-parse of the changed cells, the summarised engine pass equals the stored series bit for bit, and the
 * direct JSON writer equals JSON.stringify character for character.
 */
import fc from "fast-check";
import { randomAssumptions as randomAssumptionsUpTo, randomRow as randomRowOf } from "../cli/random-input";
import { describe, expect, it } from "vitest";
import {
  cumulative,
  evaluate,
  evaluateParsed,
  modelResultJson,
  parseModelInput,
  prepareParsed,
  sampleInput,
  type FunctionResult,
  type ModelInput,
} from "../../src/model";
import { allocateBuffers, computeSchedule } from "../../src/model/engine";
import { crossings, sustainedMonth } from "../../src/model/cumulative";
import { baseAssumptions, handRow } from "./helpers";

/** The sample with a linear ramp and a horizon past several contract years: every path of the engine runs. */
const longSample = (): ModelInput => {
  const input = sampleInput();
  return { assumptions: { ...input.assumptions, horizonMonths: 60, rampShape: "linear" }, functions: input.functions };
};

const randomRow = randomRowOf(fc.constantFrom("Payroll", "Support", "Claims"));
const randomAssumptions = randomAssumptionsUpTo(72);

describe("evaluateParsed", () => {
  it("is evaluate() on the parsed input, and leaves the parsed input as it was", () => {
    const input = longSample();
    const parsed = parseModelInput(input);
    const before = JSON.stringify(parsed);
    const once = JSON.stringify(evaluateParsed(parsed));
    expect(once).toBe(JSON.stringify(evaluate(input)));
    expect(JSON.stringify(evaluateParsed(parsed))).toBe(once); // evaluated again: the same
    expect(JSON.stringify(parsed)).toBe(before);
  });

  it("with overrides equals a parse of the input with those cells changed", () => {
    const input = longSample();
    const parsed = parseModelInput(input);
    const [first, second] = parsed.rows.map((r) => r.inputs.function);
    const changed = evaluateParsed(parsed, {
      assumptions: { discountRateAnnual: 0.12 },
      functions: { [first]: { bpoMonthlyFeePerFte: 3100, headcount: 7 }, [second]: { saHourlyRate: 61.5 } },
    });
    const functions = (input.functions as Record<string, unknown>[]).map((row) =>
      row.function === first
        ? { ...row, bpoMonthlyFeePerFte: 3100, headcount: 7 }
        : row.function === second
          ? { ...row, saHourlyRate: 61.5 }
          : row,
    );
    const reparsed = evaluate({
      assumptions: { ...(input.assumptions as Record<string, unknown>), discountRateAnnual: 0.12 },
      functions: functions as ModelInput["functions"] & Record<string, never>[],
    });
    // The results and assumptions; not the warnings: a re-parse also checks the simulation ranges against the new
    // fee (a range end now beside the most likely value is a warning), which overrides leave alone.
    expect(JSON.stringify(changed.results)).toBe(JSON.stringify(reparsed.results));
    expect(changed.assumptions).toEqual(reparsed.assumptions);
  });

  it("prepareParsed yields the same rows, one at a time", () => {
    const parsed = parseModelInput(longSample());
    const run = prepareParsed(parsed);
    expect(run.count).toBe(parsed.rows.length);
    expect(JSON.stringify([...run.results()])).toBe(JSON.stringify(evaluateParsed(parsed).results));
  });

  it("reads JSON rows of one shape, of several shapes, and empty or missing rows as a table", () => {
    const table = (functions: unknown[]) => JSON.stringify(parseModelInput({ functions: functions as never }));
    const one = { function: "A", headcount: 2, saHourlyRate: 30, bpoMonthlyFeePerFte: 4000 };
    const reordered = { headcount: 3, function: "B", bpoMonthlyFeePerFte: 4100, saHourlyRate: 31, notes: "x" };
    const parsed = parseModelInput({ functions: [null, one, {}, reordered, { ...one, function: "C" }] as never });
    expect(parsed.rows.map((r) => [r.row, r.inputs.function, r.inputs.headcount])).toEqual([
      [2, "A", 2],
      [4, "B", 3],
      [5, "C", 2],
    ]);
    expect(parsed.warnings.map((w) => w.column)).toEqual(["notes"]);
    expect(table([null])).toBe(table([{}]));
  });

  it("carries the header mapping of its parse", () => {
    const parsed = parseModelInput({
      functions: {
        headers: ["Notes", "Function", "Headcount (FTE)", "SA hourly rate", "BPO monthly fee per FTE"],
        rows: [],
      },
    });
    expect(parsed.columns.indexByKey.get("function")).toBe(1);
    expect(parsed.columns.ignored.map((i) => i.header)).toEqual(["Notes"]);
  });
});

describe("the summarised engine pass", () => {
  /** What evaluate() reported before the summary pass: read off the stored series by cumulative.ts. */
  function fromStoredSeries(result: FunctionResult, input: ModelInput) {
    const parsed = parseModelInput(input);
    const row = parsed.rows.find((r) => r.inputs.function === result.function);
    if (!row) throw new Error(`no parsed row ${result.function}`);
    const buffers = allocateBuffers(parsed.assumptions);
    computeSchedule(row.inputs, parsed.assumptions, buffers);
    const H = parsed.assumptions.horizonMonths;
    const { monthly, cumulative: cum, discounted } = buffers;
    return {
      total: { STAFF_AUG: cum.staffAug[H - 1], BPO: cum.bpo[H - 1], BRIDGE: cum.bridge[H - 1] },
      npv: { STAFF_AUG: discounted.staffAug[H - 1], BPO: discounted.bpo[H - 1], BRIDGE: discounted.bridge[H - 1] },
      breakEvenMonth: sustainedMonth(cum.bpo, cum.staffAug),
      discountedBreakEvenMonth: sustainedMonth(discounted.bpo, discounted.staffAug),
      runRateCrossoverMonth: sustainedMonth(monthly.bpo, monthly.staffAug),
      crossings: crossings(cum.bpo, cum.staffAug),
      components: Array.from(buffers.components),
      series: buffers,
    };
  }

  it("gives the totals, NPVs, months, crossings and components of the stored series, bit for bit", () => {
    fc.assert(
      fc.property(randomAssumptions, randomRow, (assumptions, row) => {
        const input = { assumptions: baseAssumptions(assumptions), functions: [row] };
        const result = evaluate(input).results[0];
        const stored = fromStoredSeries(result, input);
        for (const key of ["STAFF_AUG", "BPO", "BRIDGE"] as const) {
          expect(Object.is(result.total[key], stored.total[key])).toBe(true);
          expect(Object.is(result.npv[key], stored.npv[key])).toBe(true);
        }
        expect(result.breakEvenMonth).toBe(stored.breakEvenMonth);
        expect(result.discountedBreakEvenMonth).toBe(stored.discountedBreakEvenMonth);
        expect(result.runRateCrossoverMonth).toBe(stored.runRateCrossoverMonth);
        expect(result.crossings).toEqual(stored.crossings);
        const components = (["STAFF_AUG", "BPO", "BRIDGE"] as const).flatMap((s) =>
          Object.values(result.components[s]),
        );
        expect(components).toEqual(stored.components);
      }),
      { numRuns: 150, seed: 20261129 },
    );
  });

  it("exposes the series the engine stores: monthly, cumulative and discounted, and the rows built from them", () => {
    const input = {
      assumptions: baseAssumptions({ horizonMonths: 40, discountRateAnnual: 0.08 }),
      functions: [handRow()],
    };
    const result = evaluate(input).results[0];
    const stored = fromStoredSeries(result, input).series;
    const { monthly, cumulative: cum, discounted } = result.series;
    expect(Array.from(monthly.BRIDGE)).toEqual(Array.from(stored.monthly.bridge));
    expect(Array.from(cum.STAFF_AUG)).toEqual(Array.from(stored.cumulative.staffAug));
    expect(Array.from(discounted.BPO)).toEqual(Array.from(stored.discounted.bpo));
    // The cumulative series is the running sum of the monthly one, as cumulative() computes it.
    expect(Array.from(cum.BPO)).toEqual(Array.from(cumulative(monthly.BPO)));
    expect(discounted.STAFF_AUG[39]).toBe(result.npv.STAFF_AUG);
    expect(result.monthly.map((m) => m.BPO)).toEqual(Array.from(monthly.BPO));
    expect(result.monthly[39]).toEqual({
      month: 40,
      STAFF_AUG: monthly.STAFF_AUG[39],
      BPO: monthly.BPO[39],
      BRIDGE: monthly.BRIDGE[39],
    });
  });
});

describe("the §6 JSON", () => {
  it("keeps the §6 keys in order, the series out of it, and the lazy parts equal whenever read", () => {
    const result = evaluate(longSample()).results[0];
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "function",
      "recommendation",
      "rationale",
      "breakEvenMonth",
      "discountedBreakEvenMonth",
      "runRateCrossoverMonth",
      "crossings",
      "total",
      "npv",
      "components",
      "monthly",
    ]);
    expect(json.rationale).toBe(result.rationale);
    expect(json.components).toEqual(result.components);
  });

  it("modelResultJson writes exactly what JSON.stringify writes", () => {
    const sample = evaluate(longSample());
    expect(modelResultJson(sample)).toBe(JSON.stringify(sample));
    // Rows already read, rows a host replaced, and a result with errors and warnings take the same text.
    sample.results[0].monthly.forEach(() => undefined);
    Object.defineProperty(sample.results[1], "monthly", { value: [], enumerable: true, configurable: true });
    expect(modelResultJson(sample)).toBe(JSON.stringify(sample));
    const withErrors = evaluate({
      assumptions: { horizonMonths: 1, "Prepared by": "CFO" },
      functions: [handRow(), handRow({ function: "Bad", headcount: -1 })],
    });
    expect(withErrors.errors.length).toBeGreaterThan(0);
    expect(modelResultJson(withErrors)).toBe(JSON.stringify(withErrors));
    const empty = evaluate({ functions: [] });
    expect(modelResultJson(empty)).toBe(JSON.stringify(empty));
  });

  it("modelResultJson equals JSON.stringify on random inputs", () => {
    fc.assert(
      fc.property(randomAssumptions, fc.array(randomRow, { minLength: 1, maxLength: 3 }), (assumptions, rows) => {
        const result = evaluate({ assumptions: baseAssumptions(assumptions), functions: rows });
        expect(modelResultJson(result)).toBe(JSON.stringify(result));
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});

describe("parsing a table again after an edit", () => {
  /** The sample's table as a header row and data rows, as a workbook hands it over. */
  const sampleTable = () => {
    const input = sampleInput();
    const headers = Object.keys(input.functions[0]);
    return {
      assumptions: input.assumptions,
      headers,
      rows: input.functions.map((row) => headers.map((h) => row[h])),
    };
  };

  it("takes every unchanged row from the previous parse and gives what a parse from scratch gives", () => {
    const { assumptions, headers, rows } = sampleTable();
    const first = parseModelInput({ assumptions, functions: { headers, rows } }, { remember: true });
    const feeColumn = headers.indexOf("bpoMonthlyFeePerFte");
    const edited = rows.map((r) => [...r]);
    edited[1][feeColumn] = 4100; // the CFO's one-cell edit
    const edit = { assumptions, functions: { headers, rows: edited } };
    const again = parseModelInput(edit, { previous: first });
    expect(JSON.stringify(again)).toBe(JSON.stringify(parseModelInput(edit)));
    // The unchanged rows are the previous parse's own objects: not read or validated again.
    expect(again.rows[0].inputs).toBe(first.rows[0].inputs);
    expect(again.rows[2].inputs).toBe(first.rows[2].inputs);
    expect(again.rows[1].inputs).not.toBe(first.rows[1].inputs);
    expect(again.rows[1].inputs.bpoMonthlyFeePerFte).toBe(4100);
  });

  it("parses every row again when what rows depend on changed, and keeps errors, duplicates and warnings right", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ row: fc.nat(3), column: fc.nat(12), value: fc.constantFrom(-1, 0, 7, "", "x", "Payroll") }),
          {
            maxLength: 4,
          },
        ),
        fc.constantFrom({}, { changeOrdersPerYearStable: 3 }, { saAnnualAttrition: 0.25 }),
        (edits, assumptionChange) => {
          const { assumptions, headers, rows } = sampleTable();
          const first = parseModelInput({ assumptions, functions: { headers, rows } }, { remember: true });
          const edited = rows.map((r) => [...r]);
          for (const e of edits) edited[e.row % edited.length][e.column % headers.length] = e.value;
          const edit = { assumptions: { ...assumptions, ...assumptionChange }, functions: { headers, rows: edited } };
          expect(JSON.stringify(parseModelInput(edit, { previous: first }))).toBe(
            JSON.stringify(parseModelInput(edit)),
          );
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
