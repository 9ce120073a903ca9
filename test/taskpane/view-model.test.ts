import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RunOutcome } from "../../src/excel";
import { cumulative, evaluate, sampleInput, type FunctionResult, type ModelInput } from "../../src/model";
import {
  STRATEGY_SERIES,
  afterFailure,
  afterInsert,
  afterRun,
  chartFor,
  emptyResultsText,
  initialState,
  running,
} from "../../src/taskpane/view-model";
import { randomInput } from "../cli/random-input";

function outcomeFor(input = sampleInput()): RunOutcome {
  const result = evaluate(input);
  return {
    kind: "done",
    result,
    inputs: { input, functions: null, assumptions: null, markCandidates: [] },
    errors: result.errors.map((e) => ({
      ...e,
      address: e.row === null ? null : `Inputs!C${e.row + 4}`,
      sheet: "Inputs",
      cell: `C${(e.row ?? 0) + 4}`,
    })),
    warnings: result.warnings.map((w) => w.message),
    written: {
      requests: 1,
      resultRows: result.results.length,
      scheduleRows: 0,
      charts: 0,
      marks: 0,
      marksRemoved: 0,
      errors: [],
    },
  };
}

describe("task pane view model", () => {
  it("lists each function with its recommendation, break-even month and rationale", () => {
    const state = afterRun(running(initialState()), outcomeFor());
    expect(state.running).toBe(false);
    expect(state.status).toEqual({
      kind: "done",
      text: "Modelled 4 functions. Results are on the Sourcing Results sheet.",
    });
    // The sample's figures, written out: the expectation must not come from the code under test.
    expect(state.results.map((r) => [r.function, r.recommendation, r.recommendationLabel, r.breakEven])).toEqual([
      ["Customer support", "BPO", "BPO", "Break-even in month 6"],
      ["React developer", "STAFF_AUG", "Staff augmentation", "Break-even: none within 36 months"],
      ["Bookkeeping", "BPO", "BPO", "Break-even in month 2"],
      ["Data entry", "DOCUMENT_FIRST", "Document the process first", "Break-even in month 1"],
    ]);
    expect(state.results[0].rationale).toBe(
      "BPO: staff augmentation and the bridge are ruled out because there is no spare management capacity; NPV over 36 months is USD 2,281,233 for staff augmentation and USD 1,853,884 for BPO, and BPO breaks even with staff augmentation in month 6.",
    );
    expect(state.errors).toEqual([]);
  });

  it("lists every error with its cell and message, and says how many", () => {
    const input = sampleInput();
    input.functions[1].headcount = "abc";
    input.functions[2].scope = "sometimes";
    const state = afterRun(initialState(), outcomeFor(input));
    expect(state.status.kind).toBe("error");
    expect(state.status.text).toBe(
      "Modelled 2 functions; 2 input errors (marked in red; select one to go to its cell). Results are on the Sourcing Results sheet.",
    );
    expect(state.errors).toEqual([
      { address: "Inputs!C6", where: "Inputs!C6", message: expect.stringMatching(/^Headcount \(FTE\) must be/) },
      { address: "Inputs!C7", where: "Inputs!C7", message: expect.stringMatching(/^Scope must be stable or evolving/) },
    ]);
  });

  it("with one bad assumption nothing is modelled, and the status says what to do instead of pointing at the results sheet", () => {
    const input = sampleInput();
    input.assumptions.discountRateAnnual = "lots";
    const state = afterRun(initialState(), outcomeFor(input));
    expect(state.results).toEqual([]);
    expect(state.status).toEqual({
      kind: "error",
      text: "No function was modelled; 1 input error (marked in red; select one to go to its cell). Fix the inputs listed below, then run again.",
    });
    expect(emptyResultsText(state)).toBe(
      "No function could be modelled. Fix the cells listed under Input errors, then run again.",
    );
  });

  it("has an empty state, an insert message and readable failures", () => {
    const empty = afterRun(initialState(), {
      kind: "no-functions",
      message: "No functions table found: insert the sample or select your table.",
    });
    expect(empty.status).toEqual({
      kind: "empty",
      text: "No functions table found: insert the sample or select your table.",
    });
    expect(afterInsert(initialState(), { inserted: false, message: "already has" }).status.kind).toBe("error");
    const failure = Object.assign(new Error("The request payload size has exceeded the limit."), {
      code: "RequestPayloadSizeLimitExceeded",
    });
    expect(afterFailure(initialState(), failure).status.text).toBe(
      "Excel could not complete the request: The request payload size has exceeded the limit. (RequestPayloadSizeLimitExceeded)",
    );
    const user = Object.assign(new Error("Move the table."), { name: "SourcingUserError" });
    expect(afterFailure(initialState(), user).status.text).toBe("Move the table.");
  });
});

describe("the pane's cumulative-cost chart", () => {
  /** The chart's points as the pane computed them before it read the series: month rows summed by cumulative(). */
  const summedFromRows = (fn: FunctionResult) => ({
    months: fn.monthly.map((m) => m.month),
    series: STRATEGY_SERIES.map(({ key, name }) => ({
      name,
      values: Array.from(cumulative(fn.monthly.map((m) => m[key]))),
    })),
  });

  /** Every function's chart equals the rows summed again, bit for bit, and is drawn without building a month row. */
  function expectSameCharts(input: ModelInput): void {
    const expected = evaluate(input);
    const result = evaluate(input);
    for (const fn of result.results) {
      Object.defineProperty(fn, "monthly", {
        get: () => {
          throw new Error("the chart built the month rows");
        },
      });
    }
    expected.results.forEach((fn, index) => {
      const chart = chartFor(result, fn.function);
      expect(chart?.selected).toBe(index);
      expect({ months: chart?.months, series: chart?.series }).toEqual(summedFromRows(fn));
      // The last point of each line is the strategy's total over the horizon.
      for (const [i, { key }] of STRATEGY_SERIES.entries()) expect(chart?.series[i].values.at(-1)).toBe(fn.total[key]);
    });
  }

  it("shows the sample's cumulative costs, month by month, as the month rows summed give them", () => {
    const chart = chartFor(evaluate(sampleInput()));
    expect(chart?.months).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(chart?.series.map((s) => s.name)).toEqual(["Staff augmentation", "BPO", "Bridge"]);
    expect(chart?.breakEvenIndex).toBe(5); // Customer support breaks even in month 6
    expectSameCharts(sampleInput());
    const long = sampleInput();
    expectSameCharts({ ...long, assumptions: { ...long.assumptions, horizonMonths: 600, rampShape: "linear" } });
  });

  it("equals the month rows summed on random inputs", () => {
    const input = randomInput(fc.constantFrom("Payroll", "Support", "Claims"), { maxRows: 3, maxMonths: 72 });
    fc.assert(fc.property(input, expectSameCharts), { numRuns: 60, seed: 11 });
  });
});
