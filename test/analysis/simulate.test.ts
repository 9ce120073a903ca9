import { describe, expect, it } from "vitest";
import {
  evaluate,
  mapFunctionHeaders,
  mulberry32,
  sampleInput,
  simulate,
  streamSeed,
  triangular,
  type CellValue,
} from "../../src/model";
import { baseAssumptions, handRow } from "../model/helpers";
import { sampleWithRanges, sampleWithoutRanges, sampleWithZeroWidthRanges } from "./helpers";

describe("random numbers", () => {
  it("mulberry32 gives the reference sequence (seed 1: 0.6270739405881613, …)", () => {
    const next = mulberry32(1);
    expect([next(), next(), next()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it("derives a function's stream from the seed and its name only (trimmed, any case)", () => {
    expect(streamSeed(7, "Customer support")).toBe(streamSeed(7, "  customer SUPPORT "));
    expect(streamSeed(7, "Customer support")).not.toBe(streamSeed(8, "Customer support"));
    expect(streamSeed(7, "Customer support")).not.toBe(streamSeed(7, "Bookkeeping"));
  });

  it("samples the triangular distribution within its bounds with mean (a + b + c) / 3", () => {
    const next = mulberry32(42);
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = triangular(4, 8, 18, next());
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      sum += x;
    }
    expect(lo).toBeGreaterThanOrEqual(4);
    expect(hi).toBeLessThanOrEqual(18);
    expect(sum / n).toBeCloseTo((4 + 8 + 18) / 3, 1);
    expect(triangular(5, 5, 5, 0.999)).toBe(5);
    expect(triangular(2, 2, 6, 0)).toBe(2);
  });
});

describe("simulate", () => {
  it("gives identical results for the same seed, and different ones for another seed", () => {
    const input = sampleWithRanges();
    const a = simulate(input, { trials: 3000, seed: 99 });
    const b = simulate(input, { trials: 3000, seed: 99 });
    expect(b).toEqual(a);
    const c = simulate(input, { trials: 3000, seed: 100 });
    expect(c.results[0].BPO.saving.p50).not.toBe(a.results[0].BPO.saving.p50);
  });

  it("does not depend on the other rows, their order or the progress chunking", () => {
    const input = sampleWithRanges();
    const all = simulate(input, { trials: 2000, seed: 5 });
    const reversed = simulate(
      { ...input, functions: [...input.functions].reverse() },
      { trials: 2000, seed: 5, chunk: 7 },
    );
    const alone = simulate({ ...input, functions: [input.functions[2]] }, { trials: 2000, seed: 5 });
    const strip = (r: (typeof all.results)[number]) => ({ ...r, row: 0 });
    expect(reversed.results.map(strip).reverse()).toEqual(all.results.map(strip));
    expect(strip(alone.results[0])).toEqual(strip(all.results[2]));
  });

  it("equals the deterministic model exactly when every range has zero width (or none is given)", () => {
    for (const input of [
      sampleWithoutRanges(),
      sampleWithZeroWidthRanges(),
      { assumptions: baseAssumptions({ rampShape: "linear", discountRateAnnual: 0.1 }), functions: [handRow()] },
    ]) {
      const model = evaluate(input);
      const sim = simulate(input, { trials: 500, seed: 3 });
      expect(sim.errors).toEqual([]);
      expect(sim.results).toHaveLength(model.results.length);
      model.results.forEach((r, i) => {
        const s = sim.results[i];
        expect(s.uncertain).toEqual([]);
        const saving = r.npv.STAFF_AUG - r.npv.BPO;
        const bridgeSaving = r.npv.STAFF_AUG - r.npv.BRIDGE;
        for (const q of ["p10", "p50", "p90", "deterministic"] as const) {
          expect(s.BPO.saving[q]).toBe(saving);
          expect(s.BRIDGE.saving[q]).toBe(bridgeSaving);
          expect(s.BPO.breakEvenMonth[q]).toBe(r.breakEvenMonth);
        }
        expect(s.BPO.probabilityCheaper).toBe(saving > 1e-6 ? 1 : 0);
        expect(s.BPO.noBreakEvenShare).toBe(r.breakEvenMonth === null ? 1 : 0);
        expect(s.histogram).toEqual([{ from: saving, to: saving, count: 500 }]);
      });
    }
  });

  it("converges: 10,000 and 100,000 trials agree within 1 percentage point on the sample", () => {
    const input = sampleWithRanges();
    const small = simulate(input, { trials: 10_000, seed: 1 });
    const large = simulate(input, { trials: 100_000, seed: 2 });
    const probabilities: number[] = [];
    small.results.forEach((r, i) => {
      for (const s of ["BPO", "BRIDGE"] as const) {
        expect(
          Math.abs(r[s].probabilityCheaper - large.results[i][s].probabilityCheaper),
          `${r.function} ${s}`,
        ).toBeLessThanOrEqual(0.01);
        probabilities.push(r[s].probabilityCheaper);
      }
    });
    // The check means something only if some probability is neither 0 nor 1.
    expect(probabilities.some((p) => p > 0.05 && p < 0.95)).toBe(true);
  });

  it("the sample as shipped carries its own ranges: ramps and fee vary, and not every probability is 0 or 1", () => {
    const result = simulate(sampleInput(), { trials: 2000, seed: 1 });
    expect(result.errors).toEqual([]);
    for (const r of result.results)
      expect(r.uncertain.map((u) => u.key)).toEqual(["bpoMonthlyFeePerFte", "saRampDays", "bpoRampWeeks"]);
    const developer = result.results.find((r) => r.function === "React developer");
    expect(developer?.BPO.probabilityCheaper).toBeGreaterThan(0);
    expect(developer?.BPO.probabilityCheaper).toBeLessThan(1);
    const support = result.results.find((r) => r.function === "Customer support");
    expect(support?.BPO.breakEvenMonth.deterministic).toBe(6);
    expect(support?.BPO.breakEvenMonth.p90).toBeGreaterThan(support?.BPO.breakEvenMonth.p10 as number);
  });

  it("reports percentiles in order, shares within 0..1 and a histogram that counts every trial", () => {
    const result = simulate(sampleWithRanges(), { trials: 4000, seed: 11 });
    for (const r of result.results) {
      for (const s of ["BPO", "BRIDGE"] as const) {
        const o = r[s];
        expect(o.saving.p10).toBeLessThanOrEqual(o.saving.p50);
        expect(o.saving.p50).toBeLessThanOrEqual(o.saving.p90);
        const months = [o.breakEvenMonth.p10, o.breakEvenMonth.p50, o.breakEvenMonth.p90].map((m) => m ?? Infinity);
        expect(months).toEqual([...months].sort((x, y) => x - y));
        expect(o.noBreakEvenShare).toBeGreaterThanOrEqual(0);
        expect(o.noBreakEvenShare).toBeLessThanOrEqual(1);
      }
      expect(r.histogram.reduce((n, b) => n + b.count, 0)).toBe(4000);
      expect(r.uncertain.map((u) => u.key)).toEqual(
        expect.arrayContaining(["saHourlyRate", "bpoMonthlyFeePerFte", "bpoRampWeeks"]),
      );
    }
  });

  it("rejects bad options with a sentence", () => {
    expect(() => simulate(sampleInput(), { trials: 0 })).toThrow(/trials must be a whole number from 1 to 1,000,000/);
    expect(() => simulate(sampleInput(), { seed: -1 })).toThrow(/seed must be a whole number from 0 to 4294967295/);
  });
});

describe("range columns", () => {
  const row = (over: Record<string, CellValue>) => ({
    function: "Support",
    headcount: 10,
    saHourlyRate: 25,
    bpoMonthlyFeePerFte: 4000,
    bpoRampWeeks: 8,
    ...over,
  });

  it("are known columns by key or label (no unknown-column warning)", () => {
    const headers = [
      "Function",
      "BPO ramp (weeks) min",
      "BPO ramp (weeks) max",
      "SA hourly rate ($/h) min",
      "saMgmtShareMax",
      "SA ramp (business days) min",
    ];
    const { indexByKey, ignored } = mapFunctionHeaders(headers);
    expect(ignored).toEqual([]);
    expect([...indexByKey.keys()]).toEqual([
      "function",
      "bpoRampWeeksMin",
      "bpoRampWeeksMax",
      "saHourlyRateMin",
      "saMgmtShareMax",
      "saRampDaysMin",
    ]);
    expect(evaluate({ functions: [row({ bpoRampWeeksMin: 4, bpoRampWeeksMax: 12 })] }).warnings).toEqual([]);
  });

  it("never stop a row from being modelled: a bad end is a warning, ignored or moved to the most likely value", () => {
    const input = {
      functions: [
        row({ bpoRampWeeksMin: 9 }),
        row({ function: "B", saHourlyRateMax: 20 }),
        row({ function: "C", saMgmtShareMax: 1.5 }),
        row({ function: "D", bpoRampWeeksMin: "abc" }),
      ],
    };
    const result = evaluate(input);
    expect(result.errors).toEqual([]);
    expect(result.results).toHaveLength(4);
    expect(result.warnings.map((w) => [w.row, w.column])).toEqual([
      [1, "bpoRampWeeksMin"],
      [2, "saHourlyRateMax"],
      [3, "saMgmtShareMax"],
      [4, "bpoRampWeeksMin"],
    ]);
    expect(result.warnings[0].message).toBe(
      "BPO ramp (weeks) min (9) is above the most likely value, BPO ramp (weeks) = 8; the simulation uses 8 as the min.",
    );
    expect(result.warnings[2].message).toMatch(
      /^SA management share max must be a number from 0 to 1.*; the simulation ignores it\.$/,
    );
    // The simulation draws from the corrected ranges: min moved up to the most likely value, bad ends ignored.
    const sim = simulate(input, { trials: 10 });
    expect(sim.results[0].uncertain).toEqual([]);
    expect(sim.results[1].uncertain).toEqual([]);
  });

  it("take the assumption of the same key as a default for every row", () => {
    const sim = simulate(
      {
        assumptions: { bpoRampWeeksMin: 4, bpoRampWeeksMax: 12 },
        functions: [row({}), row({ function: "B", bpoRampWeeksMax: 9 })],
      },
      { trials: 100 },
    );
    expect(sim.results[0].uncertain).toEqual([
      { key: "bpoRampWeeks", label: "BPO ramp (weeks)", min: 4, mostLikely: 8, max: 12 },
    ]);
    expect(sim.results[1].uncertain).toEqual([
      { key: "bpoRampWeeks", label: "BPO ramp (weeks)", min: 4, mostLikely: 8, max: 9 },
    ]);
    const bad = evaluate({ assumptions: { bpoRampWeeksMin: 10 }, functions: [row({})] });
    expect(bad.errors).toEqual([]);
    expect(bad.warnings[0]).toMatchObject({ row: 1, column: "bpoRampWeeksMin" });
    expect(bad.warnings[0].message).toMatch(/from the assumptions/);
  });
});
