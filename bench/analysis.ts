/**
 * Analysis throughput, on the model as compiled to lib/ (`npm run bench` builds it first):
 *  - 10,000 trials × 36 months for one function (target ≤ 50 ms);
 *  - the whole sample (4 functions × 10,000 trials, with the seed article's ranges; target ≤ 1 s);
 *  - the tornado and the goal seek of the sample, for scale.
 */
import { sampleWithRanges } from "../test/analysis/helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = require("../lib/model") as typeof import("../src/model");

/** Median of `runs` timed runs after `warmup` untimed ones, in ms. */
function median(fn: () => unknown, runs = 15, warmup = 3): { median: number; best: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0] };
}

export function benchAnalysis(): string[] {
  const input = sampleWithRanges();
  const one = { ...input, functions: [input.functions[0]] };
  const single = median(() => model.simulate(one, { trials: 10_000 }));
  const whole = median(() => model.simulate(input, { trials: 10_000 }), 7);
  const big = median(() => model.simulate(input, { trials: 100_000 }), 3, 1);
  const tornado = median(() => model.sensitivity(input));
  const seek = median(() => model.goalSeek(input, 6));
  return [
    `analysis: simulate 1 function × 10,000 trials × 36 months: median ${single.median.toFixed(1)} ms, best ${single.best.toFixed(1)} ms (target ≤ 50 ms); ${((10_000 * 36) / (single.median / 1000) / 1e6).toFixed(1)} million trial-months/s`,
    `analysis: simulate the sample (4 functions × 10,000 trials, ranges on rate, fee, both ramps and management share): median ${whole.median.toFixed(1)} ms (target ≤ 1,000 ms)`,
    `analysis: simulate the sample with 100,000 trials per function: median ${big.median.toFixed(0)} ms`,
    `analysis: tornado of the sample (20 inputs × 2 runs × 4 functions): median ${tornado.median.toFixed(2)} ms; goal seek (fee and rate, month 6): median ${seek.median.toFixed(2)} ms`,
    `analysis: memory: per function 4 Float64Arrays of trial outcomes (${((4 * 8 * 10_000) / 1024).toFixed(0)} KB at 10,000 trials), one buffer set reused across trials and functions`,
  ];
}
