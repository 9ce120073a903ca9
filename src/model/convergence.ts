/**
 * Convergence of the simulation: the Monte Carlo standard error of each simulated figure, so a reader knows how
 * many of its digits the trials support, and the trials a target precision of P(BPO cheaper) needs.
 *
 *  - probability cheaper p over n trials: the binomial standard error √(p(1 − p)/n);
 *  - P10/P50/P90 of the saving: batch means, as value of information's (voi.ts): the trials in trial order cut
 *    into K = min(20, n) batches of consecutive trials (the first n mod K one longer), the nearest-rank percentile
 *    of each batch, and the standard deviation of those K percentiles over √K. Null below 2 batches.
 */
import { batchMeansStandardError, VOI_BATCHES } from "./voi";
import { type FunctionSimulation, MAX_TRIALS } from "./simulate";

/** Standard errors of one strategy's simulated figures (null where the trials cannot give one). */
export interface OutcomeStandardErrors {
  probabilityCheaper: number;
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

/** Binomial standard error of a share p estimated from n trials. */
export const proportionStandardError = (p: number, n: number): number => (n > 0 ? Math.sqrt((p * (1 - p)) / n) : 0);

/** The nearest-rank percentile q of values (copied: the input keeps its order). */
function nearestRank(values: Float64Array, q: number): number {
  const sorted = values.slice().sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Standard errors of the saving's P10, P50 and P90 (null with fewer than 2 trials). */
export type PercentileStandardErrors = Pick<OutcomeStandardErrors, "p10" | "p50" | "p90">;

/**
 * Standard errors of the saving's percentiles by batch means, from the savings in trial order (the order the draws
 * were made in: batches of consecutive trials are independent of each other).
 */
export function percentileStandardErrors(savingsInTrialOrder: Float64Array): PercentileStandardErrors {
  const n = savingsInTrialOrder.length;
  const batches = Math.min(VOI_BATCHES, n);
  const percentileError = (q: number): number | null => {
    if (batches < 2) return null;
    const perBatch = new Float64Array(batches);
    let start = 0;
    for (let k = 0; k < batches; k++) {
      const size = Math.floor(n / batches) + (k < n % batches ? 1 : 0);
      perBatch[k] = nearestRank(savingsInTrialOrder.subarray(start, start + size), q);
      start += size;
    }
    // The batch percentiles are the "per trial" values of a K-trial mean: one batch each.
    return batchMeansStandardError(perBatch);
  };
  return { p10: percentileError(0.1), p50: percentileError(0.5), p90: percentileError(0.9) };
}

/** Each strategy's standard errors for one function of a simulation. */
export interface FunctionStandardErrors {
  function: string;
  row: number;
  BPO: OutcomeStandardErrors;
  BRIDGE: OutcomeStandardErrors;
}

/**
 * The standard errors of a function's figures: the probability's from the summary, the percentiles' from the
 * savings in trial order (none for a row without ranges: its figures are the model's, exact, standard error 0).
 */
export function functionStandardErrors(
  simulated: FunctionSimulation,
  percentiles?: { BPO: PercentileStandardErrors; BRIDGE: PercentileStandardErrors },
): FunctionStandardErrors {
  const exact: PercentileStandardErrors = { p10: 0, p50: 0, p90: 0 };
  const of = (strategy: "BPO" | "BRIDGE"): OutcomeStandardErrors => ({
    probabilityCheaper: proportionStandardError(simulated[strategy].probabilityCheaper, simulated.trialsRun),
    ...(simulated.trialsRun > 0 && percentiles ? percentiles[strategy] : exact),
  });
  return { function: simulated.function, row: simulated.row, BPO: of("BPO"), BRIDGE: of("BRIDGE") };
}

/**
 * Trials for the standard error of P(BPO cheaper) to fall below `target`, from an estimate p of it: the least n with
 * √(p(1 − p)/n) < target, in whole batches of `batch` trials, at most MAX_TRIALS. At least `batch` more than
 * `done`, so a run that misses the target always grows.
 */
export function trialsForPrecision(p: number, target: number, done: number, batch: number): number {
  const variance = p * (1 - p);
  const needed = variance === 0 ? done : Math.floor(variance / (target * target)) + 1;
  const grown = Math.max(done + batch, Math.ceil(needed / batch) * batch);
  return Math.min(MAX_TRIALS, grown);
}
