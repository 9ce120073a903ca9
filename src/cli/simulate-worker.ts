/**
 * One thread of `sourcing-model simulate --threads N` (simulate.ts simulateInThreads): runs one range of every
 * function's trials and posts each function's per-trial outcomes to the main thread (the arrays transferred, not
 * copied), which merges them in trial order. Compiled to lib/cli/simulate-worker.js by tsconfig.cli.json.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type CorrelationPair, simulateTrials, type ModelInput, type TrialOutcomes, type TrialRange } from "../model";

/** What the main thread gives each worker. */
export interface SimulateWorkerData {
  input: ModelInput;
  trials: number;
  seed: number;
  range: TrialRange;
  /** Correlated ranges: every thread reorders each function's draws of all the trials the same way. */
  correlations?: CorrelationPair[];
}

/** Function `index` (among the valid rows) over the worker's range of trials. */
export interface SimulateWorkerMessage {
  index: number;
  outcomes: TrialOutcomes;
}

if (parentPort) {
  const port = parentPort;
  const { input, trials, seed, range, correlations } = workerData as SimulateWorkerData;
  // An exception here ends the thread with an "error" event in the main thread, which stops the run.
  simulateTrials(input, { trials, seed, ...range, correlations }, (index, outcomes) => {
    const message: SimulateWorkerMessage = { index, outcomes };
    const { savingBpo, savingBridge, breakEven, bridgeBreakEven } = outcomes;
    const buffers = [savingBpo, savingBridge, breakEven, bridgeBreakEven].map((a) => a.buffer as ArrayBuffer);
    port.postMessage(message, buffers);
  });
}
