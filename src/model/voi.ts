/**
 * Value of information: which uncertainty is worth removing before signing, and up to how much (docs/model.md §9,
 * docs/value-of-information.md). Built on the simulation's own trials (simulate.ts trialMatrix: the same draws
 * for the same seed); nothing here computes a cost.
 *
 * Per function with at least one allowed strategy (docs/model.md §5 gates), over trials t = 1..T:
 *  - d* = the allowed strategy with the lowest mean NPV (ties: the scope's order, see `cheapest`);
 *  - EVPI = mean_t [NPV_d*(t) − min_X NPV_X(t)];
 *  - EVPPI of input i: the trials sorted by the value drawn for i (ties by trial index), cut into
 *    B = max(1, ⌊√T⌋) bins of consecutive trials (the first T mod B bins one larger); in bin b, d_b = the
 *    cheapest strategy by mean NPV over the bin; EVPPI_i = mean_t [NPV_d*(t) − NPV_d_b(t)(t)];
 *  - decisionChangeProbability_i = the share of trials in bins whose d_b ≠ d*.
 *
 * Both are means of per-trial differences summed in trial order. So each trial adds exactly 0 to EVPPI where its
 * bin keeps d*, and — because rounding is monotone — EVPPI ≤ EVPI holds in floating point, not just on paper.
 * EVPPI ≥ 0 holds on paper; a bin whose strategies tie within the tolerance may pick one up to 1e-6 dearer than d*,
 * so a negative sum (at most 1e-6 in size) is reported as 0.
 */
import type { CorrelationPair } from "./correlation";
import { atMost } from "./cumulative";
import { allocateBuffers, computeSchedule } from "./engine";
import { FIELD_BY_KEY, UNCERTAIN_KEYS, type UncertainKey } from "./fields";
import { parseModelInput, type ParsedRow } from "./parse";
import { MAX_SEED } from "./random";
import { SCOPE_ORDER } from "./recommend";
import {
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  MAX_TRIALS,
  type TrialMatrix,
  type TrialOutcomes,
  correlationWarnings,
  rangedDraws,
  trialMatrix,
} from "./simulate";
import type {
  Assumptions,
  InputError,
  InputWarning,
  ModelInput,
  PerStrategy,
  Recommendation,
  Scope,
  Strategy,
} from "./types";

/** Batches of consecutive trials behind the Monte Carlo standard errors of EVPI and EVPPI. */
export const VOI_BATCHES = 20;

/** "Nothing is worth finding out" below this share of the decision's expected NPV (the command line's wording). */
export const NEGLIGIBLE_EVPI_SHARE = 0.001;

/** The trials one function's value of information is computed from. */
export interface DecisionTrials<K extends string = string> {
  /** The allowed strategies (any order; at least one). */
  allowed: readonly Strategy[];
  scope: Scope;
  /** NPV_X(t) for every allowed strategy X, each of the same length T ≥ 1. */
  npv: Partial<PerStrategy<ArrayLike<number>>>;
  /** The value drawn for each ranged input in each trial, in the order that settles EVPPI ties. */
  draws: ReadonlyArray<{ input: K; values: ArrayLike<number> }>;
}

export interface InputInformation<K extends string = string> {
  input: K;
  /** Expected value of partial perfect information: what knowing this input alone before deciding saves on average. */
  evppi: number;
  /** Monte Carlo standard error of evppi by batch means (null with fewer than 2 trials). */
  evppiStandardError: number | null;
  /** Share of trials in bins whose best strategy differs from the decision with today's information. */
  decisionChangeProbability: number;
}

export interface DecisionInformation<K extends string = string> {
  /** d*: the decision with today's information. */
  decision: Strategy;
  /** mean_t NPV_d*(t). */
  expectedNpv: number;
  /** Expected value of perfect information: what knowing every ranged input before deciding saves on average. */
  evpi: number;
  evpiStandardError: number | null;
  /** Largest EVPPI first; equal values keep the order of `draws`. */
  inputs: InputInformation<K>[];
}

/** Bins of the EVPPI estimate for T trials: B = max(1, ⌊√T⌋). */
export const binCount = (trials: number): number => Math.max(1, Math.floor(Math.sqrt(trials)));

/** Length of run k when `total` items are cut into `runs` runs as equal as possible, the first total mod runs longer. */
const runLength = (total: number, runs: number, k: number): number =>
  Math.floor(total / runs) + (k < total % runs ? 1 : 0);

/**
 * The bin of each trial for one input: trials sorted by drawn value (ties by trial index) and cut into binCount(T)
 * runs of consecutive trials, the first T mod B of them one trial longer.
 */
export function binsByValue(values: ArrayLike<number>): Int32Array {
  const trials = values.length;
  const order = new Uint32Array(trials);
  for (let t = 0; t < trials; t++) order[t] = t;
  order.sort((a, b) => values[a] - values[b] || a - b);
  const bins = binCount(trials);
  const binOf = new Int32Array(trials);
  let position = 0;
  for (let b = 0; b < bins; b++)
    for (let end = position + runLength(trials, bins, b); position < end; position++) binOf[order[position]] = b;
  return binOf;
}

/**
 * The strategy with the lowest mean, `means` being in the scope's order: a later one replaces the choice only
 * when its mean is lower by more than the model's 1e-6 tolerance (docs/model.md §5.2), so strategies whose means
 * differ by rounding alone (the bridge and BPO with no BPO ramp) count as a tie, which the scope's order settles.
 * Returns an index into `means`.
 */
function cheapest(means: ArrayLike<number>): number {
  let best = 0;
  for (let s = 1; s < means.length; s++) if (!atMost(means[best], means[s])) best = s;
  return best;
}

/**
 * Monte Carlo standard error of the mean of `perTrial` by batch means: min(VOI_BATCHES, T) batches of consecutive
 * trials (the first T mod K one longer), standard deviation of the batch means over √K. Null below 2 trials.
 */
export function batchMeansStandardError(perTrial: ArrayLike<number>): number | null {
  const trials = perTrial.length;
  const batches = Math.min(VOI_BATCHES, trials);
  if (batches < 2) return null;
  const means = new Float64Array(batches);
  let t = 0;
  for (let k = 0; k < batches; k++) {
    const size = runLength(trials, batches, k);
    let sum = 0;
    for (let i = 0; i < size; i++) sum += perTrial[t++];
    means[k] = sum / size;
  }
  let mean = 0;
  for (const m of means) mean += m;
  mean /= batches;
  let squares = 0;
  for (const m of means) squares += (m - mean) ** 2;
  return Math.sqrt(squares / (batches * (batches - 1)));
}

const sumOf = (values: Float64Array): number => {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
};

/** EVPI, EVPPI of each input and the decision with today's information, from one function's trials. */
export function decisionInformation<K extends string>(trials: DecisionTrials<K>): DecisionInformation<K> {
  const strategies = SCOPE_ORDER[trials.scope].filter((s) => trials.allowed.includes(s));
  if (strategies.length === 0) throw new RangeError("value of information needs at least one allowed strategy.");
  const npv = strategies.map((s) => {
    const values = trials.npv[s];
    if (values === undefined) throw new RangeError(`the trials give no NPV for the allowed strategy ${s}.`);
    return values;
  });
  const T = npv[0].length;
  if (T < 1 || npv.some((values) => values.length !== T) || trials.draws.some((d) => d.values.length !== T))
    throw new RangeError("every strategy's NPVs and every input's draws need the same number of trials, at least 1.");

  const means = npv.map((values) => {
    let sum = 0;
    for (let t = 0; t < T; t++) sum += values[t];
    return sum / T;
  });
  const best = cheapest(means);
  const chosen = npv[best];

  // EVPI: per trial, what the cheapest strategy of that trial saves against d*.
  const perfect = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let lowest = chosen[t];
    for (const values of npv) if (values[t] < lowest) lowest = values[t];
    perfect[t] = chosen[t] - lowest;
  }
  const evpi = sumOf(perfect) / T;

  const inputs = trials.draws.map(({ input, values }): InputInformation<K> => {
    const binOf = binsByValue(values);
    const bins = binCount(T);
    // Sum of each strategy's NPV and the count of trials, per bin.
    const sums = new Float64Array(bins * npv.length);
    const counts = new Float64Array(bins);
    for (let t = 0; t < T; t++) {
      const b = binOf[t];
      counts[b]++;
      for (let s = 0; s < npv.length; s++) sums[b * npv.length + s] += npv[s][t];
    }
    const decisionOf = new Int32Array(bins);
    const binMeans = new Float64Array(npv.length);
    for (let b = 0; b < bins; b++) {
      for (let s = 0; s < npv.length; s++) binMeans[s] = sums[b * npv.length + s] / counts[b];
      decisionOf[b] = cheapest(binMeans);
    }
    const partial = new Float64Array(T);
    let changed = 0;
    for (let t = 0; t < T; t++) {
      const decision = decisionOf[binOf[t]];
      if (decision === best) continue; // exactly 0: the bin keeps d*
      partial[t] = chosen[t] - npv[decision][t];
      changed++;
    }
    return {
      input,
      evppi: Math.max(0, sumOf(partial) / T),
      evppiStandardError: batchMeansStandardError(partial),
      decisionChangeProbability: changed / T,
    };
  });
  // Array.prototype.sort is stable: equal EVPPIs keep the draws' order.
  inputs.sort((a, b) => b.evppi - a.evppi);
  return {
    decision: strategies[best],
    expectedNpv: means[best],
    evpi,
    evpiStandardError: batchMeansStandardError(perfect),
    inputs,
  };
}

// ---- Over a whole input --------------------------------------------------------------------------------------

export interface VoiOptions {
  /** Trials per function, 1..1,000,000 (default 10,000): the simulation's. */
  trials?: number;
  /** Seed, 0..2^32 − 1 (default 1): the same seed gives the simulation's draws. */
  seed?: number;
  /** Rank correlations between range inputs, applied to the draws as the simulation applies them. */
  correlations?: readonly CorrelationPair[];
}

export interface InputVoi extends InputInformation<UncertainKey> {
  /** The field's label, for people ("BPO ramp (weeks)"). */
  label: string;
}

/**
 * Why a function's figures are what they are: "gates" (no strategy allowed: DOCUMENT_FIRST), "only-allowed" (one
 * strategy: nothing to choose), "no-ranges" (nothing uncertain), "simulated" (from the trials).
 */
export type VoiBasis = "gates" | "only-allowed" | "no-ranges" | "simulated";

export interface FunctionVoi {
  function: string;
  /** 1-based data row. */
  row: number;
  decision: Recommendation;
  basis: VoiBasis;
  /** Trials actually run: `trials` when simulated, else 0 (the figures are then exact). */
  trialsRun: number;
  /** Mean NPV of the decision over the trials (the model's NPV without ranges); null unless simulated or no ranges. */
  expectedNpv: number | null;
  evpi: number;
  evpiStandardError: number | null;
  /** The ranged inputs, largest EVPPI first (equal values in the order of the range columns); none for DOCUMENT_FIRST. */
  inputs: InputVoi[];
}

export interface VoiResult {
  trials: number;
  seed: number;
  assumptions: Assumptions;
  functions: FunctionVoi[];
  errors: InputError[];
  warnings: InputWarning[];
}

/** §5's gates: STAFF_AUG needs management capacity, BPO a documented process, the bridge both. */
function allowedOf(row: ParsedRow): Strategy[] {
  const { managementCapacity, processDocumented } = row.inputs;
  return (["STAFF_AUG", "BPO", "BRIDGE"] as const).filter((s) =>
    s === "STAFF_AUG" ? managementCapacity : s === "BPO" ? processDocumented : managementCapacity && processDocumented,
  );
}

const labelOf = (key: UncertainKey): string => FIELD_BY_KEY.get(key)?.label ?? key;

/** The ranged inputs of a row (min < max), in draw order: the same list trialMatrix gives. */
const rangedInputs = (row: ParsedRow): UncertainKey[] =>
  UNCERTAIN_KEYS.filter((key) => {
    const range = row.ranges[key];
    return range !== undefined && range.min < range.max;
  });

/** A function's figures with the keys in the documented order. */
function functionFigures(
  row: ParsedRow,
  decision: Recommendation,
  basis: VoiBasis,
  figures: Partial<Pick<FunctionVoi, "trialsRun" | "expectedNpv" | "evpi" | "evpiStandardError" | "inputs">> = {},
): FunctionVoi {
  return {
    function: row.inputs.function,
    row: row.row,
    decision,
    basis,
    trialsRun: figures.trialsRun ?? 0,
    expectedNpv: figures.expectedNpv ?? null,
    evpi: figures.evpi ?? 0,
    evpiStandardError: figures.evpiStandardError ?? null,
    inputs: figures.inputs ?? [],
  };
}

/**
 * One function's value of information; the trials are run only when some range could change the decision.
 * `trialsOf` gives them: by default trialMatrix runs them; a host that has already run them for this seed (the
 * task pane's workers) passes the same trials instead of running them twice.
 */
export function functionVoi(
  row: ParsedRow,
  a: Assumptions,
  trials: number,
  seed: number,
  trialsOf: () => TrialMatrix = () => trialMatrix(row, a, { trials, seed }),
): FunctionVoi {
  const allowed = allowedOf(row);
  const ranged = rangedInputs(row);
  if (allowed.length === 0) return functionFigures(row, "DOCUMENT_FIRST", "gates");
  if (allowed.length === 1) {
    // One strategy: every bin keeps it, so each input is worth exactly nothing.
    const inputs = ranged.map((input): InputVoi => ({
      input,
      label: labelOf(input),
      evppi: 0,
      evppiStandardError: null,
      decisionChangeProbability: 0,
    }));
    return functionFigures(row, allowed[0], "only-allowed", { inputs });
  }
  if (ranged.length === 0) {
    // Every trial would be the model itself: d* is the model's cheapest strategy and nothing is worth learning.
    const buffers = allocateBuffers(a);
    computeSchedule(row.inputs, a, buffers);
    const last = a.horizonMonths - 1;
    const { staffAug, bpo, bridge } = buffers.discounted;
    const model = { STAFF_AUG: [staffAug[last]], BPO: [bpo[last]], BRIDGE: [bridge[last]] };
    const { decision, expectedNpv } = decisionInformation({ allowed, scope: row.inputs.scope, npv: model, draws: [] });
    return functionFigures(row, decision, "no-ranges", { expectedNpv });
  }
  const matrix = trialsOf();
  const information = decisionInformation({
    allowed,
    scope: row.inputs.scope,
    npv: matrix.npv,
    draws: matrix.inputs.map((input, i) => ({ input, values: matrix.draws[i] })),
  });
  return functionFigures(row, information.decision, "simulated", {
    trialsRun: trials,
    expectedNpv: information.expectedNpv,
    evpi: information.evpi,
    evpiStandardError: information.evpiStandardError,
    inputs: information.inputs.map(({ input, evppi, evppiStandardError, decisionChangeProbability }) => ({
      input,
      label: labelOf(input),
      evppi,
      evppiStandardError,
      decisionChangeProbability,
    })),
  });
}

/** The outcomes of a simulation's trials value of information reads: every strategy's NPV follows from these. */
export type VoiTrials = Pick<TrialOutcomes, "savingBpo" | "savingBridge" | "npvStaffAug">;

/**
 * What value of information needs of some outcomes, copied: a summary reorders the savings in place, and a host
 * may transfer the copy to another thread while the simulation still holds the outcomes.
 */
export const voiTrialsOf = (outcomes: TrialOutcomes): VoiTrials => ({
  savingBpo: outcomes.savingBpo.slice(),
  savingBridge: outcomes.savingBridge.slice(),
  npvStaffAug: outcomes.npvStaffAug.slice(),
});

/**
 * functionVoi on trials a host has already run for this seed (FunctionSimulator, the task pane's workers), not a
 * second run: the draws are recomputed (each a pure function of seed, input and trial) and NPV(X) =
 * NPV(STAFF_AUG) − saving(X), equal to the engine's NPV(X) up to rounding. A row with no range needs no trials.
 */
export function functionVoiOnTrials(
  row: ParsedRow,
  a: Assumptions,
  trials: number,
  seed: number,
  outcomes?: VoiTrials,
  correlations?: readonly CorrelationPair[],
): FunctionVoi {
  return functionVoi(row, a, trials, seed, () => {
    if (!outcomes) throw new Error(`${row.inputs.function}: the simulation's trials did not reach the analysis.`);
    const { npvStaffAug, savingBpo, savingBridge } = outcomes;
    const npvOf = (saving: Float64Array) => npvStaffAug.map((npv, t) => npv - saving[t]);
    return {
      ...rangedDraws(row, { trials, seed, correlations }),
      npv: { STAFF_AUG: npvStaffAug, BPO: npvOf(savingBpo), BRIDGE: npvOf(savingBridge) },
    };
  });
}

/** Checks trials and seed as the simulation does; throws RangeError with a sentence a user can act on. */
function checkVoiOptions(options: VoiOptions): { trials: number; seed: number } {
  const { trials = DEFAULT_TRIALS, seed = DEFAULT_SEED } = options;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS)
    throw new RangeError(
      `trials must be a whole number from 1 to ${MAX_TRIALS.toLocaleString("en-US")}; got ${trials}.`,
    );
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new RangeError(`seed must be a whole number from 0 to ${MAX_SEED}; got ${seed}.`);
  return { trials, seed };
}

/**
 * The value of information of every valid function of an input, on the simulation's trials for this seed. Invalid
 * rows and assumptions are reported in `errors` as evaluate() reports them. Throws RangeError for invalid options.
 */
export function valueOfInformation(input: ModelInput, options: VoiOptions = {}): VoiResult {
  const { trials, seed } = checkVoiOptions(options);
  const parsed = parseModelInput(input);
  return {
    trials,
    seed,
    assumptions: parsed.assumptions,
    functions: parsed.rows.map((row) =>
      functionVoi(row, parsed.assumptions, trials, seed, () =>
        trialMatrix(row, parsed.assumptions, { trials, seed, correlations: options.correlations }),
      ),
    ),
    errors: parsed.errors,
    warnings: [
      ...parsed.warnings,
      ...parsed.rows.flatMap((row) => correlationWarnings(row, options.correlations ?? [])),
    ],
  };
}
