/** Splitting a simulation's trials across threads: the merged result is simulate()'s, bit for bit. */
import { describe, expect, it } from "vitest";
import {
  SimulationMerger,
  simulate,
  simulateTrials,
  splitTrials,
  type SimulationProgress,
  type TrialOutcomes,
} from "../../src/model";
import { sampleWithRanges, sampleWithoutRanges } from "./helpers";

/** Runs each range as a thread would (last range first, to show arrival order does not matter) and merges. */
function splitRun(input: ReturnType<typeof sampleWithRanges>, trials: number, seed: number, parts: number) {
  const ranges = splitTrials(trials, parts);
  const merger = new SimulationMerger(input, { trials, seed }, ranges);
  const progress: SimulationProgress[] = [];
  for (let part = ranges.length - 1; part >= 0; part--) {
    const pieces: [number, TrialOutcomes][] = [];
    simulateTrials(input, { trials, seed, chunk: 250, ...ranges[part], onProgress: (p) => progress.push(p) }, (i, o) =>
      pieces.push([i, o]),
    );
    // Structured cloning, as postMessage does, must not change a bit.
    for (const [index, outcomes] of pieces) merger.add(index, part, structuredClone(outcomes));
  }
  expect(merger.complete).toBe(true);
  return { result: merger.result(), progress, total: merger.total };
}

describe("split simulation", () => {
  it("splits trials into consecutive ranges covering every trial once", () => {
    expect(splitTrials(10, 3)).toEqual([
      { from: 0, to: 4 },
      { from: 4, to: 7 },
      { from: 7, to: 10 },
    ]);
    expect(splitTrials(2, 4)).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 2 },
    ]);
    expect(splitTrials(5, 1)).toEqual([{ from: 0, to: 5 }]);
  });

  it.each([1, 2, 3, 4])("gives simulate()'s result bit for bit with %d range(s)", (parts) => {
    const input = sampleWithRanges();
    const trials = 3001;
    const one = simulate(input, { trials, seed: 21 });
    const { result, progress, total } = splitRun(input, trials, 21, parts);
    expect(result).toStrictEqual(one);
    expect(JSON.stringify(result)).toBe(JSON.stringify(one));
    // Every range reports its own trials: their last counts add up to the total.
    expect(total).toBe(input.functions.length * trials);
    expect(progress.every((p) => p.done <= p.total)).toBe(true);
  });

  it("keeps rows without ranges (the model's numbers) and rejects trials nobody asked for", () => {
    const input = sampleWithoutRanges();
    const merger = new SimulationMerger(input, { trials: 100, seed: 1 }, splitTrials(100, 2));
    expect(merger.complete).toBe(true);
    expect(merger.result()).toStrictEqual(simulate(input, { trials: 100, seed: 1 }));
    const ranged = new SimulationMerger(sampleWithRanges(), { trials: 100, seed: 1 }, splitTrials(100, 2));
    expect(() => ranged.result()).toThrow(/incomplete/);
    const tooFew = {
      savingBpo: new Float64Array(3),
      savingBridge: new Float64Array(3),
      breakEven: new Float64Array(3),
      bridgeBreakEven: new Float64Array(3),
      npvStaffAug: new Float64Array(3),
    };
    expect(() => ranged.add(0, 0, tooFew)).toThrow(/brought 3 trials/);
    expect(() => ranged.add(0, 5, tooFew)).toThrow(/No trials are expected/);
  });
});
