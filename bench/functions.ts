/**
 * The custom functions as Excel calls them: how long SOURCING.PROBABILITY holds the runtime between two yields
 * (its slices are bounded by work, MONTHS_PER_SLICE; this prints what that work costs here), and the one-piece
 * functions at the longest horizon. Figures only.
 */
import { MAX_FUNCTION_TRIALS, createAnalysisFunctions, trialsPerSlice } from "../src/functions/analysis";
import { createSourcingFunctions } from "../src/functions/sourcing";
import { RANGED_SUPPORT_HEADERS, RANGED_SUPPORT_ROW } from "../test/analysis/helpers";

const errors = { invalidValue: (message: string) => message, notAvailable: (message: string) => message };
const headers = [RANGED_SUPPORT_HEADERS];
const row = [RANGED_SUPPORT_ROW];

/** A macrotask, as the add-in yields (a message, not a clamped timeout). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

export async function benchFunctions(): Promise<string[]> {
  const lines = [
    "Custom functions (longest time holding the runtime between two yields; Excel desktop restarts an add-in after 5 s):",
  ];
  for (const horizon of [36, 120, 600]) {
    const assumptions = [["Horizon (months)", horizon]];
    const functions = createAnalysisFunctions(errors);
    const turns: number[] = [];
    let started = performance.now();
    const total = performance.now();
    await functions.probabilityInSlices(
      async () => {
        turns.push(performance.now() - started);
        await nextTask();
        started = performance.now();
      },
      row,
      headers,
      assumptions,
      MAX_FUNCTION_TRIALS,
      1,
    );
    turns.push(performance.now() - started);
    const sourcing = createSourcingFunctions(errors);
    const decideStart = performance.now();
    sourcing.decide(row, headers, assumptions);
    const decide = performance.now() - decideStart;
    const feeStart = performance.now();
    functions.breakEvenFee(row, Math.min(24, horizon), headers, assumptions);
    const fee = performance.now() - feeStart;
    lines.push(
      `  ${horizon} months: PROBABILITY ${MAX_FUNCTION_TRIALS.toLocaleString("en-US")} trials in ${turns.length} turns of ≤ ${trialsPerSlice(horizon).toLocaleString("en-US")} trials, ` +
        `longest ${Math.max(...turns).toFixed(1)} ms, median ${turns.sort((a, b) => a - b)[Math.floor(turns.length / 2)].toFixed(1)} ms, total ${(performance.now() - total).toFixed(0)} ms; ` +
        `DECIDE ${decide.toFixed(1)} ms; BREAKEVENFEE ${fee.toFixed(1)} ms`,
    );
  }
  return lines;
}
