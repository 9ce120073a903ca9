/**
 * SOURCING.PROBABILITY in Excel never blocks the shared runtime for long: the work between two yields to the
 * host is bounded by counting it (trials × months per slice), not by timing it, and the answer is the same as
 * the one-piece computation.
 */
import { describe, expect, it } from "vitest";
import {
  MAX_FUNCTION_TRIALS,
  MONTHS_PER_SLICE,
  createAnalysisFunctions,
  trialsPerSlice,
} from "../../src/functions/analysis";
import { RANGED_SUPPORT_HEADERS, RANGED_SUPPORT_ROW } from "../analysis/helpers";

const errors = {
  invalidValue: (m: string) => ({ error: "#VALUE!", m }),
  notAvailable: (m: string) => ({ error: "#N/A", m }),
};
const headers = [RANGED_SUPPORT_HEADERS];
const row = [RANGED_SUPPORT_ROW];
const assumptionsFor = (horizon: number) => [
  ["Horizon (months)", horizon],
  ["Discount rate (annual)", 0.08],
];

async function sliced(horizon: number, trials: number) {
  const functions = createAnalysisFunctions(errors);
  const slices: number[] = [];
  let yields = 0;
  const value = await functions.probabilityInSlices(
    async () => void yields++,
    row,
    headers,
    assumptionsFor(horizon),
    trials,
    7,
    (n) => slices.push(n),
  );
  return { functions, value, slices, yields };
}

describe("SOURCING.PROBABILITY in slices", () => {
  it.each([36, 120, 600])(
    "at a %i-month horizon, 100,000 trials run in slices of at most %s months of work, with a yield between slices",
    async (horizon) => {
      const { functions, value, slices, yields } = await sliced(horizon, MAX_FUNCTION_TRIALS);
      const perSlice = trialsPerSlice(horizon);
      expect(Math.max(...slices)).toBe(perSlice);
      expect(Math.max(...slices) * horizon).toBeLessThanOrEqual(MONTHS_PER_SLICE);
      expect(slices.reduce((a, b) => a + b, 0)).toBe(MAX_FUNCTION_TRIALS);
      expect(slices).toHaveLength(Math.ceil(MAX_FUNCTION_TRIALS / perSlice));
      // A yield after every slice, the last included: the summary runs in a turn of its own.
      expect(yields).toBe(slices.length);
      // The same answer as the one-piece computation (the HyperFormula path and the command line).
      expect(value).toBe(
        createAnalysisFunctions(errors).probability(row, headers, assumptionsFor(horizon), MAX_FUNCTION_TRIALS, 7),
      );
      expect(typeof value).toBe("number");
      // A second call with the same arguments comes from the cache: no slices at all.
      const again: number[] = [];
      expect(
        await functions.probabilityInSlices(
          async () => undefined,
          row,
          headers,
          assumptionsFor(horizon),
          MAX_FUNCTION_TRIALS,
          7,
          (n) => again.push(n),
        ),
      ).toBe(value);
      expect(again).toEqual([]);
    },
  );

  it("reports bad arguments at once, without running or yielding", async () => {
    const functions = createAnalysisFunctions(errors);
    let yields = 0;
    const value = await functions.probabilityInSlices(
      async () => void yields++,
      row,
      headers,
      assumptionsFor(36),
      100_001,
      7,
    );
    expect(value).toEqual({ error: "#VALUE!", m: "trials must be a whole number from 1 to 100,000; got 100001." });
    expect(yields).toBe(0);
  });
});
