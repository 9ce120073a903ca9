/** Correlated ranges in the simulation, value of information and the pane's workers (Iman–Conover on the draws). */
import { describe, expect, it } from "vitest";
import {
  type CorrelationPair,
  parseCorrelations,
  parseModelInput,
  SimulationMerger,
  simulate,
  simulateTrials,
  splitTrials,
  trialMatrix,
  valueOfInformation,
} from "../../src/model";
import { type AnalysisMessage, handleAnalysisRequest } from "../../src/taskpane/analysis.worker";
import { sampleWithRanges } from "./helpers";

const { pairs } = parseCorrelations([
  { first: "SA hourly rate", second: "BPO monthly fee per FTE", correlation: 0.7 },
  { first: "bpoRampWeeks", second: "saRampDays", correlation: -0.4 },
]);

/** Spearman's rank correlation of two samples without ties. */
function rankCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const ranks = (v: ArrayLike<number>) => {
    const order = Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Float64Array(v.length);
    order.forEach((t, k) => (r[t] = k));
    return r;
  };
  const [a, b] = [ranks(x), ranks(y)];
  const n = a.length;
  const mean = (n - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - mean) * (b[i] - mean);
    saa += (a[i] - mean) ** 2;
    sbb += (b[i] - mean) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const sorted = (values: Float64Array) => Float64Array.from(values).sort();

describe("correlated ranges in the simulation", () => {
  const parsed = parseModelInput(sampleWithRanges());
  const row = parsed.rows[0];
  const options = { trials: 10_000, seed: 5 };

  it("keeps every input's drawn values bit for bit and reaches each rank correlation within 0.02 at 10,000 trials", () => {
    const independent = trialMatrix(row, parsed.assumptions, options);
    const correlated = trialMatrix(row, parsed.assumptions, { ...options, correlations: pairs });
    expect(correlated.inputs).toEqual(independent.inputs);
    correlated.draws.forEach((values, i) => expect(sorted(values)).toEqual(sorted(independent.draws[i])));
    const draws = (key: string) =>
      correlated.draws[correlated.inputs.indexOf(key as (typeof correlated.inputs)[number])];
    expect(Math.abs(rankCorrelation(draws("saHourlyRate"), draws("bpoMonthlyFeePerFte")) - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(rankCorrelation(draws("bpoRampWeeks"), draws("saRampDays")) + 0.4)).toBeLessThan(0.02);
    // Pairs not given stay near independent.
    expect(Math.abs(rankCorrelation(draws("saHourlyRate"), draws("saMgmtShare")))).toBeLessThan(0.05);
    // The correlation moves the answer: the same trials, reordered, give another probability.
    expect(
      simulate(sampleWithRanges(), { ...options, correlations: pairs }).results[0].BPO.probabilityCheaper,
    ).not.toBe(simulate(sampleWithRanges(), options).results[0].BPO.probabilityCheaper);
  });

  it("is reproducible for a seed, and the pane's split workers give simulate()'s numbers and sourcing-model voi's", () => {
    const once = simulate(sampleWithRanges(), { trials: 3000, seed: 9, correlations: pairs });
    expect(simulate(sampleWithRanges(), { trials: 3000, seed: 9, correlations: pairs })).toEqual(once);
    const messages: AnalysisMessage[] = [];
    handleAnalysisRequest(
      { type: "analyse", id: 1, input: sampleWithRanges(), scenarios: [], trials: 3000, seed: 9, correlations: pairs },
      (m) => messages.push(m),
    );
    const done = messages[messages.length - 1];
    if (done.type !== "done" || !done.report.voi) throw new Error("the analysis did not finish");
    expect(JSON.stringify(done.report.simulation)).toBe(JSON.stringify(once));
    const cli = valueOfInformation(sampleWithRanges(), { trials: 3000, seed: 9, correlations: pairs });
    done.report.voi.functions.forEach((f, i) => {
      expect(f.decision).toBe(cli.functions[i].decision);
      expect(f.evpi).toBeCloseTo(cli.functions[i].evpi, 4);
      f.inputs.forEach((x, k) => expect(x.evppi).toBeCloseTo(cli.functions[i].inputs[k].evppi, 4));
    });
  });

  it("gives the same numbers when the trials are split among threads (each range reads the same reordered draws)", () => {
    const options = { trials: 3001, seed: 2, correlations: pairs };
    const ranges = splitTrials(3001, 3);
    const merger = new SimulationMerger(sampleWithRanges(), options, ranges);
    ranges.forEach((range, part) =>
      simulateTrials(sampleWithRanges(), { ...options, ...range }, (index, outcomes) =>
        merger.add(index, part, outcomes),
      ),
    );
    const { warnings: _split, ...split } = merger.result();
    const { warnings: _whole, ...whole } = simulate(sampleWithRanges(), options);
    expect(JSON.stringify(split)).toBe(JSON.stringify(whole));
  });

  it("repairs pairs that cannot all hold with a warning naming the change, and leaves rows they do not apply to alone", () => {
    const impossible: CorrelationPair[] = parseCorrelations([
      { first: "saHourlyRate", second: "bpoMonthlyFeePerFte", correlation: 0.9 },
      { first: "bpoMonthlyFeePerFte", second: "bpoRampWeeks", correlation: 0.9 },
      { first: "saHourlyRate", second: "bpoRampWeeks", correlation: -0.9 },
    ]).pairs;
    const result = simulate(sampleWithRanges(), { trials: 500, seed: 1, correlations: impossible });
    const warning = result.warnings.find((w) => /cannot all hold at once/.test(w.message));
    expect(warning?.message).toMatch(/^Customer support: .*SA hourly rate with BPO monthly fee per FTE 0\.90 → /);
    expect(warning?.row).toBe(1);
    // The pane's workers say the same: their merged simulation carries the warning too.
    const messages: AnalysisMessage[] = [];
    const request = { type: "analyse" as const, id: 2, input: sampleWithRanges(), scenarios: [], trials: 500, seed: 1 };
    handleAnalysisRequest({ ...request, correlations: impossible }, (m) => messages.push(m));
    const done = messages[messages.length - 1];
    expect(done.type === "done" && done.report.simulation.warnings).toContainEqual(warning);
    // Pairs of inputs without a range in a row change nothing there.
    const unranged = parseCorrelations([
      { first: "saAnnualEscalation", second: "bpoAnnualEscalation", correlation: 0.8 },
    ]).pairs;
    expect(simulate(sampleWithRanges(), { trials: 500, seed: 1, correlations: unranged })).toEqual(
      simulate(sampleWithRanges(), { trials: 500, seed: 1 }),
    );
  });
});
