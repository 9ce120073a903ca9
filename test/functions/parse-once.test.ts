/**
 * The custom functions parse a row once (issue #11): DECIDE, TOTAL, SCHEDULE, BREAKEVENFEE, PROBABILITY … on the
 * same row, and every recalculation of them, share one parsed input; a changed cell is parsed once more.
 */
import { describe, expect, it } from "vitest";
import {
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
  ASSUMPTION_HEADERS,
} from "../../src/layout/workbook";
import { createAnalysisFunctions } from "../../src/functions/analysis";
import { ParsedInputCache } from "../../src/functions/model-cache";
import { createSourcingFunctions, type SourcingFailure } from "../../src/functions/sourcing";
import { evaluate, sampleInput } from "../../src/model";

const errors = {
  invalidValue: (message: string): SourcingFailure => ({ kind: "invalidValue", message }),
  notAvailable: (message: string): SourcingFailure => ({ kind: "notAvailable", message }),
};
const headers = [sampleFunctionHeaders()];
const row = [sampleFunctionRows()[0]];
const assumptions = [[...ASSUMPTION_HEADERS], ...sampleAssumptionRows()];

/** Fresh function sets sharing one parse cache, as the add-in's runtime shares its own. */
function functionsWithCache() {
  const parsedInputs = new ParsedInputCache();
  return {
    parsedInputs,
    sourcing: createSourcingFunctions(errors, 500, parsedInputs),
    analysis: createAnalysisFunctions(errors, 500, parsedInputs),
  };
}

describe("one parse per distinct row", () => {
  it("shares the parsed row among the functions and across recalculations", () => {
    const { parsedInputs, sourcing, analysis } = functionsWithCache();
    const expected = evaluate(sampleInput()).results[0];
    for (let recalculation = 0; recalculation < 3; recalculation++) {
      expect(sourcing.decide(row, headers, assumptions, "code")).toBe(expected.recommendation);
      expect(sourcing.npv(row, "BPO", headers, assumptions)).toBe(expected.npv.BPO);
      expect(sourcing.total(row, "BRIDGE", 12, headers, assumptions)).toBe(expected.series.cumulative.BRIDGE[11]);
      expect(sourcing.schedule(row, headers, assumptions)).toHaveLength(expected.monthly.length + 1);
      expect(typeof analysis.breakEvenFee(row, 24, headers, assumptions)).toBe("number");
      expect(typeof analysis.probability(row, headers, assumptions, 200, 7)).toBe("number");
    }
    expect(parsedInputs.parses).toBe(1);
  });

  it("parses a row again only when one of its cells changed", () => {
    const { parsedInputs, sourcing, analysis } = functionsWithCache();
    sourcing.decide(row, headers, assumptions);
    const edited = [row[0].map((cell, i) => (headers[0][i] === "BPO monthly fee per FTE" ? 3900 : cell))];
    expect(edited[0]).not.toEqual(row[0]);
    analysis.breakEvenRate(edited, 24, headers, assumptions);
    sourcing.decide(edited, headers, assumptions);
    sourcing.decide(row, headers, assumptions);
    expect(parsedInputs.parses).toBe(2);
  });
});
