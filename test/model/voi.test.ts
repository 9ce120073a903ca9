/** Value of information (src/model/voi.ts): the definitions of docs/model.md §9 on crafted and random cases. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  batchMeansStandardError,
  binCount,
  binsByValue,
  decisionInformation,
  evaluate,
  mulberry32,
  sampleInput,
  valueOfInformation,
  type CellValue,
  type Strategy,
} from "../../src/model";
import { sampleWithoutRanges, sampleWithRanges } from "../analysis/helpers";
import { baseAssumptions, handRow } from "./helpers";

const SEED = 20261129;

/** T draws of a uniform input, from a seeded stream. */
function uniformDraws(trials: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: trials }, () => random());
}

describe("binning (EVPPI)", () => {
  it("cuts ⌊√T⌋ bins, the first T mod B one larger, by drawn value with ties by trial index", () => {
    // T = 5: B = 2, sizes 3 and 2. Sorted: t1 (0.1), t4 (0.2), t3 (0.3), t0 (0.5), t2 (0.5).
    expect(Array.from(binsByValue([0.5, 0.1, 0.5, 0.3, 0.2]))).toEqual([1, 0, 1, 0, 0]);
    // T = 10: B = 3, sizes 4, 3, 3. All equal: trial order decides.
    expect(Array.from(binsByValue(new Array<number>(10).fill(7)))).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    // Ties straddling a cut: the earlier trials go to the earlier bin.
    // The four 1s fill bin 0; the 2s of trials 0, 2, 3 fill bin 1 and the 2 of trial 7 goes to bin 2.
    expect(Array.from(binsByValue([2, 1, 2, 2, 1, 3, 1, 2, 3, 1]))).toEqual([1, 0, 1, 1, 0, 2, 0, 2, 2, 0]);
    expect([1, 3, 4, 8, 9, 10_000, 10_001].map(binCount)).toEqual([1, 1, 2, 2, 3, 100, 100]);
  });
});

describe("EVPI and EVPPI on hand-computed trials", () => {
  it("follows the definitions", () => {
    // Stable scope (order BPO, BRIDGE, STAFF_AUG). Means: BPO 10, STAFF_AUG 8.8, so d* = STAFF_AUG.
    const result = decisionInformation({
      allowed: ["STAFF_AUG", "BPO"],
      scope: "stable",
      npv: { BPO: [10, 10, 10, 10, 10], STAFF_AUG: [9, 4, 14, 9, 8] },
      draws: [{ input: "x", values: [0.5, 0.1, 0.5, 0.3, 0.2] }],
    });
    expect(result.decision).toBe("STAFF_AUG");
    expect(result.expectedNpv).toBe(8.8);
    // Only trial 2 has a cheaper strategy (BPO, by 4): EVPI = 4 / 5.
    expect(result.evpi).toBe(0.8);
    // Bins {t1, t4, t3} (SA mean 7: keep SA) and {t0, t2} (SA mean 11.5: BPO); gains −1 and 4 over 5 trials.
    expect(result.inputs).toHaveLength(1);
    expect(result.inputs[0].evppi).toBeCloseTo(0.6, 15);
    expect(result.inputs[0].decisionChangeProbability).toBe(0.4);
  });

  it("settles ties, exact or within the 1e-6 tolerance, by the scope's order", () => {
    const same = { BPO: [5, 5], BRIDGE: [5 - 1e-9, 5 - 1e-9], STAFF_AUG: [9, 9] };
    const all: Strategy[] = ["STAFF_AUG", "BRIDGE", "BPO"];
    expect(decisionInformation({ allowed: all, scope: "stable", npv: same, draws: [] }).decision).toBe("BPO");
    expect(decisionInformation({ allowed: all, scope: "evolving", npv: same, draws: [] }).decision).toBe("BRIDGE");
    const apart = { ...same, BRIDGE: [5 - 2e-6, 5 - 2e-6] };
    expect(decisionInformation({ allowed: all, scope: "stable", npv: apart, draws: [] }).decision).toBe("BRIDGE");
  });

  it("a single input that straddles the break-even: EVPPI within 2% of EVPI", () => {
    const x = uniformDraws(10_000, 7);
    const A = new Float64Array(x.length).fill(100);
    const B = x.map((v) => 60 + 100 * v); // cheaper than A for x < 0.4; mean 110
    const result = decisionInformation({
      allowed: ["STAFF_AUG", "BPO"],
      scope: "stable",
      npv: { STAFF_AUG: A, BPO: B },
      draws: [{ input: "x", values: x }],
    });
    expect(result.decision).toBe("STAFF_AUG");
    expect(result.evpi).toBeGreaterThan(7); // ∫₀^0.4 (40 − 100x) dx = 8
    expect(result.inputs[0].evppi).toBeLessThanOrEqual(result.evpi);
    expect(result.inputs[0].evppi).toBeGreaterThanOrEqual(0.98 * result.evpi);
    expect(result.inputs[0].decisionChangeProbability).toBeCloseTo(0.4, 2);
  });

  it("an input whose range cannot change the decision is worth exactly 0", () => {
    const x = uniformDraws(2_000, 8);
    const noise = uniformDraws(2_000, 9);
    const result = decisionInformation({
      allowed: ["STAFF_AUG", "BPO", "BRIDGE"],
      scope: "evolving",
      npv: {
        STAFF_AUG: new Float64Array(2_000).fill(100),
        BPO: noise.map((v) => 70 + 40 * v), // 70..110: the other input decides
        BRIDGE: x.map((v) => 150 + v), // 150..151: dearer whatever x is
      },
      draws: [
        { input: "x", values: x },
        { input: "noise", values: noise },
      ],
    });
    const byInput = Object.fromEntries(result.inputs.map((i) => [i.input, i]));
    expect(byInput.x.evppi).toBe(0);
    expect(byInput.x.decisionChangeProbability).toBe(0);
    expect(byInput.x.evppiStandardError).toBe(0);
    expect(result.inputs.map((i) => i.input)).toEqual(["noise", "x"]); // largest first
  });

  it("with every trial the same, EVPI and every EVPPI are exactly 0", () => {
    const result = decisionInformation({
      allowed: ["STAFF_AUG", "BPO", "BRIDGE"],
      scope: "stable",
      npv: { STAFF_AUG: [3, 3, 3], BPO: [2.5, 2.5, 2.5], BRIDGE: [2.75, 2.75, 2.75] },
      draws: [{ input: "x", values: [1, 2, 3] }],
    });
    expect(result.evpi).toBe(0);
    expect(result.inputs[0].evppi).toBe(0);
  });

  it("ranks equal EVPPIs in the order the inputs are given", () => {
    const result = decisionInformation({
      allowed: ["BPO"],
      scope: "stable",
      npv: { BPO: [1, 2, 3, 4] },
      draws: ["c", "a", "b"].map((input) => ({ input, values: [4, 3, 2, 1] })),
    });
    expect(result.inputs.map((i) => i.input)).toEqual(["c", "a", "b"]);
  });

  it("refuses trials that do not line up", () => {
    expect(() =>
      decisionInformation({ allowed: ["BPO", "STAFF_AUG"], scope: "stable", npv: { BPO: [1, 2] }, draws: [] }),
    ).toThrow(/STAFF_AUG/);
    expect(() =>
      decisionInformation({
        allowed: ["BPO"],
        scope: "stable",
        npv: { BPO: [1, 2] },
        draws: [{ input: "x", values: [1] }],
      }),
    ).toThrow(/same number of trials/);
    expect(() => decisionInformation({ allowed: [], scope: "stable", npv: {}, draws: [] })).toThrow(/allowed/);
  });
});

describe("EVPPI never above EVPI (property)", () => {
  const strategiesArb = fc.subarray(["STAFF_AUG", "BPO", "BRIDGE"] as Strategy[], { minLength: 1 });
  it("0 ≤ EVPPI ≤ EVPI, the change probability a share, for random trials with ties", () => {
    fc.assert(
      fc.property(
        strategiesArb,
        fc.constantFrom("stable" as const, "evolving" as const),
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (allowed, scope, trials, inputs, seed) => {
          const random = mulberry32(seed);
          // Few distinct values: ties in NPV and in draws are common.
          const pick = (levels: number, scale: number) =>
            Float64Array.from({ length: trials }, () => Math.floor(random() * levels) * scale);
          const npv = Object.fromEntries(allowed.map((s) => [s, pick(6, 1000.1)]));
          const draws = Array.from({ length: inputs }, (_, i) => ({ input: `x${i}`, values: pick(4, 1) }));
          const result = decisionInformation({ allowed, scope, npv, draws });
          expect(result.evpi).toBeGreaterThanOrEqual(0);
          for (const input of result.inputs) {
            expect(input.evppi).toBeGreaterThanOrEqual(0);
            expect(input.evppi).toBeLessThanOrEqual(result.evpi);
            expect(input.decisionChangeProbability).toBeGreaterThanOrEqual(0);
            expect(input.decisionChangeProbability).toBeLessThanOrEqual(1);
          }
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe("standard errors by batch means", () => {
  it("is the standard deviation of 20 batch means over √20", () => {
    // 40 trials: 20 batches of 2, whose means alternate 0 and 2 (mean 1, each 1 away).
    const perTrial = Array.from({ length: 40 }, (_, t) => (Math.floor(t / 2) % 2) * 2);
    expect(batchMeansStandardError(perTrial)).toBeCloseTo(Math.sqrt(20 / (20 * 19)), 15);
    expect(batchMeansStandardError(new Array<number>(100).fill(3))).toBe(0);
    expect(batchMeansStandardError([5])).toBeNull();
  });
});

/** One function with the fee as its only range, wide enough to straddle BPO's break-even against staff augmentation. */
function straddlingFee(extra: Record<string, CellValue> = {}) {
  return {
    assumptions: baseAssumptions({ horizonMonths: 36 }),
    functions: [
      handRow({
        managementCapacity: "yes",
        processDocumented: "yes",
        bpoMonthlyFeePerFteMin: 1000,
        bpoMonthlyFeePerFteMax: 20000,
        ...extra,
      }),
    ],
  };
}

describe("valueOfInformation over an input", () => {
  it("a fee range across the break-even: the fee's EVPPI is within 2% of EVPI", () => {
    const input = straddlingFee();
    // The range's ends give different answers, so learning the fee can change the decision.
    const atEnds = [1000, 20000].map(
      (fee) => evaluate({ ...input, functions: [{ ...input.functions[0], bpoMonthlyFeePerFte: fee }] }).results[0].npv,
    );
    expect(atEnds[0].BPO).toBeLessThan(atEnds[0].STAFF_AUG);
    expect(atEnds[1].BPO).toBeGreaterThan(atEnds[1].STAFF_AUG);
    const result = valueOfInformation(input, { trials: 10_000, seed: 3 });
    const [fn] = result.functions;
    expect(fn.basis).toBe("simulated");
    expect(fn.inputs.map((i) => i.input)).toEqual(["bpoMonthlyFeePerFte"]);
    expect(fn.evpi).toBeGreaterThan(0);
    expect(fn.inputs[0].evppi).toBeGreaterThanOrEqual(0.98 * fn.evpi);
    expect(fn.inputs[0].evppi).toBeLessThanOrEqual(fn.evpi);
    expect(fn.evpiStandardError).toBeGreaterThan(0);
  });

  it("no ranges: EVPI exactly 0, no trials run, the decision the cheapest strategy", () => {
    const result = valueOfInformation(sampleWithoutRanges(), { trials: 500 });
    const model = evaluate(sampleWithoutRanges()).results;
    for (const fn of result.functions) {
      expect(fn.evpi).toBe(0);
      expect(fn.trialsRun).toBe(0);
      expect(fn.inputs).toEqual([]);
      const npv = model.find((r) => r.function === fn.function)?.npv;
      if (fn.basis === "no-ranges" && npv) expect(fn.expectedNpv).toBe(npv[fn.decision as Strategy]);
    }
  });

  it("DOCUMENT_FIRST and single-strategy functions: listed, nothing to learn", () => {
    const result = valueOfInformation(sampleInput(), { trials: 200 });
    const byName = Object.fromEntries(result.functions.map((f) => [f.function, f]));
    expect(byName["Data entry"]).toMatchObject({ decision: "DOCUMENT_FIRST", basis: "gates", evpi: 0, inputs: [] });
    expect(byName["Customer support"]).toMatchObject({ decision: "BPO", basis: "only-allowed", evpi: 0 });
    for (const i of byName["Customer support"].inputs) expect(i.evppi).toBe(0);
  });

  it("is reproducible for a seed and moves with it", () => {
    const input = sampleWithRanges();
    const first = valueOfInformation(input, { trials: 2_000, seed: 11 });
    expect(valueOfInformation(input, { trials: 2_000, seed: 11 })).toEqual(first);
    const other = valueOfInformation(input, { trials: 2_000, seed: 12 });
    expect(other.functions.map((f) => f.evpi)).not.toEqual(first.functions.map((f) => f.evpi));
  });

  it("reports the parser's errors and refuses bad options", () => {
    const input = straddlingFee({ headcount: "abc" });
    const result = valueOfInformation(input, { trials: 10 });
    expect(result.functions).toEqual([]);
    expect(result.errors[0]).toMatchObject({ row: 1, column: "headcount" });
    expect(() => valueOfInformation(input, { trials: 0 })).toThrow(/trials must be a whole number/);
    expect(() => valueOfInformation(input, { seed: -1 })).toThrow(/seed must be a whole number/);
  });
});
