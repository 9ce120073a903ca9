/** Correlated ranges (src/model/correlation.ts): validation, repair, and Iman–Conover on simulation-sized draws. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cholesky,
  correlationTarget,
  imanConover,
  nearestCorrelation,
  normalQuantile,
  parseCorrelations,
  symmetricEigen,
  type CorrelationPair,
} from "../../src/model/correlation";
import { UNCERTAIN_KEYS, mulberry32, triangular } from "../../src/model";

/** Triangular draws of `inputs` independent inputs, as the simulation makes them. */
function triangularDraws(inputs: number, trials: number, seed: number): Float64Array[] {
  const random = mulberry32(seed);
  return Array.from({ length: inputs }, (_, i) =>
    Float64Array.from({ length: trials }, () => triangular(10 * i, 10 * i + 3, 10 * i + 12, random())),
  );
}

const ranks = (values: ArrayLike<number>): Float64Array => {
  const order = Array.from({ length: values.length }, (_, t) => t).sort((a, b) => values[a] - values[b] || a - b);
  const out = new Float64Array(values.length);
  order.forEach((t, r) => (out[t] = r));
  return out;
};

/** Spearman's rank correlation (the draws are continuous: no ties). */
function rankCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [a, b] = [ranks(x), ranks(y)];
  const mean = (a.length - 1) / 2;
  let sab = 0;
  let saa = 0;
  for (let t = 0; t < a.length; t++) {
    sab += (a[t] - mean) * (b[t] - mean);
    saa += (a[t] - mean) ** 2;
  }
  return sab / saa;
}

const sortedCopy = (values: ArrayLike<number>): Float64Array => Float64Array.from(values).sort();

describe("Iman–Conover", () => {
  const trials = 10_000;
  const targets: Record<string, number[]> = {
    "mixed signs": [1, 0.7, -0.4, 0.3, 0.7, 1, -0.2, 0.5, -0.4, -0.2, 1, 0, 0.3, 0.5, 0, 1],
    strong: [1, 0.95, 0.9, 0.6, 0.95, 1, 0.9, 0.6, 0.9, 0.9, 1, 0.6, 0.6, 0.6, 0.6, 1],
  };
  for (const [name, target] of Object.entries(targets)) {
    it(`keeps every marginal bit for bit and reaches the target rank correlation within 0.02 (${name})`, () => {
      const draws = triangularDraws(4, trials, 41);
      const before = draws.map((d) => Float64Array.from(d));
      const out = imanConover(draws, target);
      draws.forEach((d, j) => expect(d).toEqual(before[j])); // the arguments are not touched
      out.forEach((d, j) => {
        const [kept, given] = [sortedCopy(d), sortedCopy(draws[j])];
        expect(kept.every((v, k) => Object.is(v, given[k]))).toBe(true);
      });
      for (let i = 0; i < 4; i++)
        for (let j = i + 1; j < 4; j++)
          expect(Math.abs(rankCorrelation(out[i], out[j]) - target[i * 4 + j])).toBeLessThanOrEqual(0.02);
    });
  }

  it("reaches a correlation of 1 (a singular target) and keeps the marginals", () => {
    const draws = triangularDraws(2, trials, 5);
    const out = imanConover(draws, [1, 1, 1, 1]);
    expect(rankCorrelation(out[0], out[1])).toBeGreaterThan(0.99);
    expect(sortedCopy(out[1])).toEqual(sortedCopy(draws[1]));
  });

  it("depends only on its arguments, and leaves fewer than two inputs as they are", () => {
    const draws = triangularDraws(3, 500, 9);
    const target = [1, 0.5, 0, 0.5, 1, 0, 0, 0, 1];
    expect(imanConover(draws, target)).toEqual(imanConover(draws, target));
    expect(imanConover([draws[0]], [1])).toEqual([draws[0]]);
    expect(() => imanConover(draws, [1, 0, 0, 1])).toThrow(/3 × 3/);
  });
});

const pair = (first: CorrelationPair["first"], second: CorrelationPair["second"], correlation: number) => ({
  row: 1,
  first,
  second,
  correlation,
});

describe("the correlation matrix of a row's range inputs", () => {
  it("uses a consistent list as given: unnamed pairs 0, pairs of unranged inputs left out", () => {
    const target = correlationTarget(
      [pair("saHourlyRate", "bpoMonthlyFeePerFte", 0.6), pair("saHourlyRate", "saMgmtShare", -0.3)],
      ["saHourlyRate", "bpoMonthlyFeePerFte", "bpoRampWeeks"],
    );
    expect(Array.from(target.matrix)).toEqual([1, 0.6, 0, 0.6, 1, 0, 0, 0, 1]);
    expect(target.changes).toEqual([]);
    expect(target.warnings).toEqual([]);
  });

  it("repairs an impossible list to the nearest valid matrix, with a warning naming each change", () => {
    // a~b 0.9, b~c 0.9, a~c −0.9. On the normal scores (x = 2·sin(π·0.9/6) = 0.908) the matrix's eigenvalues are
    // 1 − 2x, 1 + x, 1 + x, so the nearest valid one has x = 0.5: a rank correlation of (6/π)·asin(0.25) = 0.4826.
    const x = (6 / Math.PI) * Math.asin(0.25);
    const inputs = ["saHourlyRate", "bpoMonthlyFeePerFte", "saMgmtShare"] as const;
    const target = correlationTarget(
      [
        pair("saHourlyRate", "bpoMonthlyFeePerFte", 0.9),
        pair("bpoMonthlyFeePerFte", "saMgmtShare", 0.9),
        pair("saHourlyRate", "saMgmtShare", -0.9),
      ],
      [...inputs],
    );
    const expected = [1, x, -x, x, 1, x, -x, x, 1];
    target.matrix.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 6));
    expect(Math.min(...symmetricEigen(target.matrix, 3).values)).toBeGreaterThanOrEqual(-1e-9);
    expect(target.changes.map((c) => [c.first, c.second, c.given])).toEqual([
      ["saHourlyRate", "bpoMonthlyFeePerFte", 0.9],
      ["saHourlyRate", "saMgmtShare", -0.9],
      ["bpoMonthlyFeePerFte", "saMgmtShare", 0.9],
    ]);
    expect(target.warnings).toHaveLength(1);
    expect(target.warnings[0].message).toContain("SA hourly rate with BPO monthly fee per FTE 0.90 → 0.48");
    expect(target.warnings[0].message).toContain("SA hourly rate with SA management share -0.90 → -0.48");
    // The repaired matrix drives Iman–Conover like any other.
    const out = imanConover(triangularDraws(3, 10_000, 77), target.matrix);
    expect(Math.abs(rankCorrelation(out[0], out[1]) - x)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(rankCorrelation(out[0], out[2]) + x)).toBeLessThanOrEqual(0.02);
  });

  it("nearestCorrelation leaves a valid matrix as it is", () => {
    const valid = [1, 0.3, -0.2, 0.3, 1, 0.4, -0.2, 0.4, 1];
    nearestCorrelation(valid, 3).forEach((v, k) => expect(v).toBeCloseTo(valid[k], 12));
  });
});

describe("properties", () => {
  const size = fc.integer({ min: 2, max: 8 });
  /** A symmetric matrix with unit diagonal and off-diagonal entries in −1..1: often not a valid correlation matrix. */
  const anyCorrelations = size.chain((n) =>
    fc
      .array(fc.double({ min: -1, max: 1, noNaN: true }), {
        minLength: (n * (n - 1)) / 2,
        maxLength: (n * (n - 1)) / 2,
      })
      .map((upper) => {
        const m = new Float64Array(n * n);
        let k = 0;
        for (let i = 0; i < n; i++) {
          m[i * n + i] = 1;
          for (let j = i + 1; j < n; j++) m[i * n + j] = m[j * n + i] = upper[k++];
        }
        return { n, m };
      }),
  );

  it("the nearest correlation matrix is one: symmetric, unit diagonal, no negative eigenvalue; and stays put", () => {
    fc.assert(
      fc.property(anyCorrelations, ({ n, m }) => {
        const near = nearestCorrelation(m, n);
        for (let i = 0; i < n; i++) {
          expect(near[i * n + i]).toBe(1);
          for (let j = 0; j < n; j++) expect(near[i * n + j]).toBe(near[j * n + i]);
        }
        expect(Math.min(...symmetricEigen(near, n).values)).toBeGreaterThanOrEqual(-1e-8);
        nearestCorrelation(near, n).forEach((v, k) => expect(v).toBeCloseTo(near[k], 6));
      }),
      { seed: 20261129, numRuns: 150 },
    );
  });

  it("Iman–Conover keeps every marginal bit for bit, whatever the target (repaired first)", () => {
    fc.assert(
      fc.property(anyCorrelations, fc.integer({ min: 2, max: 300 }), fc.integer(), ({ n, m }, trials, seed) => {
        const inputs = UNCERTAIN_KEYS.slice(0, n);
        const pairs: CorrelationPair[] = [];
        for (let i = 0; i < n; i++)
          for (let j = i + 1; j < n; j++) pairs.push(pair(inputs[i], inputs[j], m[i * n + j]));
        const target = correlationTarget(pairs, [...inputs]);
        const draws = triangularDraws(n, trials, seed);
        const out = imanConover(draws, target.matrix);
        out.forEach((d, j) => {
          const [kept, given] = [sortedCopy(d), sortedCopy(draws[j])];
          expect(kept.every((v, k) => Object.is(v, given[k]))).toBe(true);
        });
      }),
      { seed: 20261129, numRuns: 150 },
    );
  });
});

describe("parseCorrelations", () => {
  it("reads inputs by key or label, correlations as numbers or percentages, and skips blank rows", () => {
    const parsed = parseCorrelations([
      { first: "SA hourly rate", second: "bpoMonthlyFeePerFte", correlation: 0.6 },
      {},
      { first: "BPO ramp (weeks)", second: "sa ramp business days", correlation: "-50%" },
    ]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.pairs).toEqual([
      { row: 1, first: "saHourlyRate", second: "bpoMonthlyFeePerFte", correlation: 0.6 },
      { row: 3, first: "bpoRampWeeks", second: "saRampDays", correlation: -0.5 },
    ]);
  });

  it("reports each bad row at its cell and keeps the good ones", () => {
    const parsed = parseCorrelations([
      { first: "saHourlyRate", second: "bpoMonthlyFeePerFte", correlation: 0.6 },
      { first: "headcount", second: "saHourlyRate", correlation: 0.2 },
      { first: "saHourlyRate", second: "SA hourly rate", correlation: 0.2 },
      { first: "saRampDays", second: "bpoRampWeeks", correlation: 1.5 },
      { first: "saRampDays", second: "bpoRampWeeks" },
      { first: "BPO monthly fee per FTE", second: "saHourlyRate", correlation: 0.1 },
      { first: "saMgmtShare", second: "bpoTransitionCost", correlation: "#N/A" },
    ]);
    expect(parsed.pairs.map((p) => p.row)).toEqual([1]);
    expect(parsed.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "first"],
      [3, "second"],
      [4, "correlation"],
      [5, "correlation"],
      [6, "second"],
      [7, "correlation"],
    ]);
    expect(parsed.errors[0].message).toMatch(
      /^The first input must be one of the inputs that take a range \(SA hourly rate, /,
    );
    expect(parsed.errors[1].message).toContain("cannot be correlated with itself (SA hourly rate)");
    expect(parsed.errors[2].message).toBe(
      "Rank correlation must be a number from -1 to 1 (a rank correlation); got 1.5.",
    );
    expect(parsed.errors[4].message).toContain("already given in row 1");
    for (const e of parsed.errors) expect(e.message).toMatch(/\.$/);
  });
});

describe("the small linear algebra", () => {
  it("normal quantiles, eigen-decomposition and Cholesky", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
    expect(normalQuantile(0.5)).toBe(0);
    expect(() => normalQuantile(1)).toThrow(RangeError);
    const a = [4, 1, 2, 1, 3, 0.5, 2, 0.5, 5];
    const { values, vectors } = symmetricEigen(a, 3);
    // V·diag(λ)·Vᵀ gives the matrix back.
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let x = 0;
        for (let k = 0; k < 3; k++) x += vectors[i * 3 + k] * values[k] * vectors[j * 3 + k];
        expect(x).toBeCloseTo(a[i * 3 + j], 12);
      }
    const { factor, pivotsPositive } = cholesky(a, 3);
    expect(pivotsPositive).toBe(true);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let x = 0;
        for (let k = 0; k < 3; k++) x += factor[i * 3 + k] * factor[j * 3 + k];
        expect(x).toBeCloseTo(a[i * 3 + j], 12);
      }
  });
});
