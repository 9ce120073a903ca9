/** The counter-based generator: reproducible, independent of how trials are split, and triangular where asked. */
import { describe, expect, it } from "vitest";
import { drawUniform, streamSeed, triangular } from "../../src/model";

const N = 100_000;

/** The nearest-rank quantile of sorted values. */
const quantile = (sorted: Float64Array, q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** Inverse CDF of the triangular distribution, for the expected quantiles. */
function triangularQuantile(a: number, c: number, b: number, q: number): number {
  const cut = (c - a) / (b - a);
  return q < cut ? a + Math.sqrt(q * (b - a) * (c - a)) : b - Math.sqrt((1 - q) * (b - a) * (b - c));
}

describe("drawUniform (counter-based)", () => {
  it("is a pure function of (stream, input, trial): the same in any order, and numbers in [0, 1) on a 2^−32 grid", () => {
    const stream = streamSeed(1, "Customer support");
    const forward = Array.from({ length: 50 }, (_, t) => drawUniform(stream, 3, t));
    const backward = Array.from({ length: 50 }, (_, i) => drawUniform(stream, 3, 49 - i)).reverse();
    expect(backward).toEqual(forward);
    for (const u of forward) {
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(Number.isInteger(u * 2 ** 32)).toBe(true);
    }
    expect(new Set(forward).size).toBe(50);
  });

  it("gives the reference numbers (seed 1, Customer support, input 0, trials 0..2)", () => {
    const stream = streamSeed(1, "Customer support");
    expect([0, 1, 2].map((t) => drawUniform(stream, 0, t))).toEqual(REFERENCE);
  });

  it("is uniform: every tenth of [0, 1) holds 10% ± 0.5 points of 100,000 draws, mean 0.5 ± 0.005", () => {
    for (const [stream, input] of [
      [0, 0],
      [streamSeed(7, "Bookkeeping"), 5],
      [0xffffffff, 7],
    ]) {
      const counts = new Array<number>(10).fill(0);
      let sum = 0;
      for (let t = 0; t < N; t++) {
        const u = drawUniform(stream, input, t);
        counts[Math.floor(u * 10)]++;
        sum += u;
      }
      for (const c of counts) expect(Math.abs(c / N - 0.1)).toBeLessThan(0.005);
      expect(Math.abs(sum / N - 0.5)).toBeLessThan(0.005);
    }
  });

  it("draws unrelated numbers for neighbouring inputs, trials and seeds (correlation below 0.01 at 100,000 draws)", () => {
    const correlation = (x: (t: number) => number, y: (t: number) => number): number => {
      let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0; // prettier-ignore
      for (let t = 0; t < N; t++) {
        const a = x(t);
        const b = y(t);
        sx += a;
        sy += b;
        sxx += a * a;
        syy += b * b;
        sxy += a * b; // prettier-ignore
      }
      const cov = sxy / N - (sx / N) * (sy / N);
      return cov / Math.sqrt((sxx / N - (sx / N) ** 2) * (syy / N - (sy / N) ** 2));
    };
    const s = streamSeed(1, "React developer");
    expect(
      Math.abs(
        correlation(
          (t) => drawUniform(s, 0, t),
          (t) => drawUniform(s, 1, t),
        ),
      ),
    ).toBeLessThan(0.01);
    expect(
      Math.abs(
        correlation(
          (t) => drawUniform(s, 2, t),
          (t) => drawUniform(s, 2, t + 1),
        ),
      ),
    ).toBeLessThan(0.01);
    expect(
      Math.abs(
        correlation(
          (t) => drawUniform(5, 0, t),
          (t) => drawUniform(6, 0, t),
        ),
      ),
    ).toBeLessThan(0.01);
  });
});

describe("triangular marginals from the counter-based draws", () => {
  it.each([
    [4, 8, 18],
    [0, 0, 1],
    [10, 30, 30],
  ])("min %d, most likely %d, max %d: mean and the 10/50/90% quantiles match at 100,000 draws", (a, c, b) => {
    const stream = streamSeed(3, "Claims processing");
    const values = new Float64Array(N);
    let sum = 0;
    for (let t = 0; t < N; t++) {
      values[t] = triangular(a, c, b, drawUniform(stream, 1, t));
      sum += values[t];
    }
    values.sort();
    expect(values[0]).toBeGreaterThanOrEqual(a);
    expect(values[N - 1]).toBeLessThanOrEqual(b);
    const width = b - a;
    expect(Math.abs(sum / N - (a + b + c) / 3)).toBeLessThan(0.005 * width);
    for (const q of [0.1, 0.5, 0.9])
      expect(Math.abs(quantile(values, q) - triangularQuantile(a, c, b, q)), `q ${q}`).toBeLessThan(0.005 * width);
  });
});

/** drawUniform's first numbers for (streamSeed(1, "Customer support"), input 0): pinned so a change of generator is a decision. */
const REFERENCE = [0.31137005728669465, 0.45124227716587484, 0.020073075080290437];
