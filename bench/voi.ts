/**
 * Value of information on the model as compiled to lib/ (`npm run bench` builds it first): the sample at 10,000
 * trials per function (target ≤ 300 ms), and the sample with wider ranges (rate, fee, both ramps, management share).
 */
import { sampleWithRanges } from "../test/analysis/helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = require("../lib/model") as typeof import("../src/model");

/** Median and best time of `runs` runs, in ms, after two untimed ones (the JIT's warm-up). */
function timed(fn: () => unknown, runs: number): { median: number; best: number } {
  fn();
  fn();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return { median: times[runs >> 1], best: times[0] };
}

export function benchVoi(): string[] {
  const sample = model.sampleInput();
  const wide = sampleWithRanges();
  const simulated = (input: typeof sample) =>
    model.valueOfInformation(input, { trials: 10_000 }).functions.filter((f) => f.basis === "simulated").length;
  const plain = timed(() => model.valueOfInformation(sample, { trials: 10_000 }), 9);
  const wider = timed(() => model.valueOfInformation(wide, { trials: 10_000 }), 9);
  return [
    ...benchPaneAnalysis(),
    `voi: the sample, 10,000 trials (${simulated(sample)} functions simulated, 3 ranged inputs each): median ${plain.median.toFixed(1)} ms, best ${plain.best.toFixed(1)} ms (target ≤ 300 ms)`,
    `voi: the sample with ranges on rate, fee, both ramps and management share (${simulated(wide)} functions × 5 inputs), 10,000 trials: median ${wider.median.toFixed(1)} ms, best ${wider.best.toFixed(1)} ms`,
  ];
}

/**
 * What the pane's analysis adds to the simulation on the same trials (analysis.worker.ts): each function's value of
 * information and its percentiles' standard errors from the trials the simulation ran; and what correlated ranges
 * (two pairs, Iman–Conover over all the trials) add to a simulation. The sample with wider ranges, 10,000 trials.
 */
function benchPaneAnalysis(): string[] {
  const input = sampleWithRanges();
  const options = { trials: 10_000, seed: 1 };
  const parsed = model.parseModelInput(input);
  const simulateOnly = timed(() => model.simulate(input, options), 5);
  const withVoi = timed(() => {
    const merger = new model.SimulationMerger(input, options, [{ from: 0, to: options.trials }]);
    model.simulateTrials(input, { ...options, from: 0, to: options.trials }, (index, outcomes) => {
      const trials = model.voiTrialsOf(outcomes);
      model.functionVoiOnTrials(parsed.rows[index], parsed.assumptions, options.trials, options.seed, trials);
      model.percentileStandardErrors(trials.savingBpo);
      model.percentileStandardErrors(trials.savingBridge);
      merger.add(index, 0, outcomes);
    });
    return merger.result();
  }, 5);
  const { pairs } = model.parseCorrelations([
    { first: "SA hourly rate", second: "BPO monthly fee per FTE", correlation: 0.6 },
    { first: "BPO ramp (weeks)", second: "SA ramp (business days)", correlation: -0.3 },
  ]);
  const correlated = timed(() => model.simulate(input, { ...options, correlations: pairs }), 5);
  return [
    `pane analysis, the sample with wider ranges, 10,000 trials: simulation alone median ${simulateOnly.median.toFixed(1)} ms; with value of information and standard errors on the same trials ${withVoi.median.toFixed(1)} ms (one worker; the pool spreads the functions' VOI over its workers)`,
    `correlated ranges (2 pairs, Iman–Conover over every function's 10,000 trials): simulation median ${correlated.median.toFixed(1)} ms against ${simulateOnly.median.toFixed(1)} ms independent`,
  ];
}
