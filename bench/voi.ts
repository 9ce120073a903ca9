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
    `voi: the sample, 10,000 trials (${simulated(sample)} functions simulated, 3 ranged inputs each): median ${plain.median.toFixed(1)} ms, best ${plain.best.toFixed(1)} ms (target ≤ 300 ms)`,
    `voi: the sample with ranges on rate, fee, both ramps and management share (${simulated(wide)} functions × 5 inputs), 10,000 trials: median ${wider.median.toFixed(1)} ms, best ${wider.best.toFixed(1)} ms`,
  ];
}
