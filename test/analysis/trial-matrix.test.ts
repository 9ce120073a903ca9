/** trialMatrix: the simulation's trials kept whole, exactly as simulate() draws and runs them. */
import { describe, expect, it } from "vitest";
import { parseModelInput, simulate, trialMatrix, TOLERANCE, UNCERTAIN_KEYS } from "../../src/model";
import { sampleWithRanges, sampleWithoutRanges } from "./helpers";

describe("trialMatrix", () => {
  it("gives the simulation's per-trial savings: the same mean, percentiles and probability, bit for bit", () => {
    const input = sampleWithRanges();
    const parsed = parseModelInput(input);
    const options = { trials: 3000, seed: 17 };
    const simulation = simulate(input, options);
    parsed.rows.forEach((row, r) => {
      const matrix = trialMatrix(row, parsed.assumptions, options);
      const summary = simulation.results[r];
      for (const strategy of ["BPO", "BRIDGE"] as const) {
        const saving = matrix.npv.STAFF_AUG.map((sa, t) => sa - matrix.npv[strategy][t]);
        let sum = 0;
        let cheaper = 0;
        for (const s of saving) {
          sum += s;
          if (s > TOLERANCE) cheaper++;
        }
        const sorted = Float64Array.from(saving).sort();
        const rank = (q: number) => sorted[Math.ceil(q * sorted.length) - 1];
        expect(summary[strategy].saving, `${row.inputs.function} ${strategy}`).toEqual({
          p10: rank(0.1),
          p50: rank(0.5),
          p90: rank(0.9),
          mean: sum / saving.length,
          deterministic: summary[strategy].saving.deterministic,
        });
        expect(summary[strategy].probabilityCheaper).toBe(cheaper / saving.length);
      }
    });
  });

  it("lists the ranged inputs in draw order, with every draw within its range", () => {
    const parsed = parseModelInput(sampleWithRanges());
    const row = parsed.rows[0];
    const matrix = trialMatrix(row, parsed.assumptions, { trials: 2000, seed: 4 });
    expect(matrix.inputs).toEqual(
      UNCERTAIN_KEYS.filter((key) => {
        const range = row.ranges[key];
        return range !== undefined && range.min < range.max;
      }),
    );
    expect(matrix.inputs.length).toBeGreaterThan(2);
    matrix.inputs.forEach((key, i) => {
      const { min, max } = row.ranges[key] as { min: number; max: number };
      expect(matrix.draws[i]).toHaveLength(2000);
      for (const value of matrix.draws[i]) {
        expect(value).toBeGreaterThanOrEqual(min);
        expect(value).toBeLessThanOrEqual(max);
      }
      // The draws vary: a range of width > 0 is sampled, not held at its most likely value.
      expect(new Set(matrix.draws[i]).size).toBeGreaterThan(1900);
    });
  });

  it("is reproducible for a seed, and a row without ranges gives no inputs and the model's NPV in every trial", () => {
    const parsed = parseModelInput(sampleWithRanges());
    const a = trialMatrix(parsed.rows[1], parsed.assumptions, { trials: 500, seed: 9 });
    expect(trialMatrix(parsed.rows[1], parsed.assumptions, { trials: 500, seed: 9 })).toEqual(a);
    expect(trialMatrix(parsed.rows[1], parsed.assumptions, { trials: 500, seed: 10 }).npv.BPO).not.toEqual(a.npv.BPO);
    const fixed = parseModelInput(sampleWithoutRanges());
    const still = trialMatrix(fixed.rows[0], fixed.assumptions, { trials: 20, seed: 1 });
    expect(still.inputs).toEqual([]);
    expect(new Set(still.npv.BPO).size).toBe(1);
  });
});
