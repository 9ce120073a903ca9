/**
 * Monte Carlo simulation: how sure is the recommendation? Each trial draws the uncertain inputs of a function
 * from triangular distributions (min, most likely, max; fields.ts UNCERTAIN_KEYS) and runs the monthly engine
 * (computeSchedule) on them. Nothing here computes a cost: the engine does.
 *
 * Definitions (per function, over the trials):
 *  - saving of BPO = NPV(STAFF_AUG) − NPV(BPO); of the bridge = NPV(STAFF_AUG) − NPV(BRIDGE). Positive: cheaper
 *    than staff augmentation in today's money.
 *  - probability that BPO (the bridge) is cheaper = share of trials whose saving is > 1e-6 (docs/model.md's tolerance).
 *  - break-even month: docs/model.md §5's sustained break-even of BPO against staff augmentation; for the bridge the
 *    same definition on C_BRIDGE. "None" when it does not break even within the horizon.
 *  - percentiles are nearest-rank: P_q is the smallest trial value v such that at least q of the trials are ≤ v
 *    (sorted ascending, the value at position ⌈q·n⌉). For break-even months "none" counts as later than every
 *    month, so P_q is null when fewer than q of the trials break even.
 *
 * Hot path: one buffer set and one input object are reused across the trials, and each trial's outcome goes into
 * arrays sized for all the trials when the function's simulator is made; computeSchedule writes its series and
 * component sums into the buffers, so a trial allocates nothing.
 */
import { TOLERANCE, sustainedMonth } from "./cumulative";
import { allocateBuffers, computeSchedule, type ScheduleBuffers } from "./engine";
import { FIELD_BY_KEY, UNCERTAIN_KEYS, type UncertainKey } from "./fields";
import { parseModelInput, type ParsedRow, type RowRanges } from "./parse";
import { MAX_SEED, inputKey, keyedUniform, streamSeed, triangular } from "./random";
import { assertFinite } from "./evaluate";
import type { Assumptions, FunctionInputs, InputError, InputWarning, ModelInput } from "./types";

/** The order drawTrial writes in; it must be UNCERTAIN_KEYS' order (checked when the module loads). */
const DRAW_ORDER =
  "saHourlyRate,bpoMonthlyFeePerFte,saRampDays,bpoRampWeeks,saMgmtShare,bpoTransitionCost,saAnnualEscalation,bpoAnnualEscalation";
if (DRAW_ORDER !== UNCERTAIN_KEYS.join())
  throw new Error("simulate.ts draws the uncertain inputs in an order that differs from UNCERTAIN_KEYS.");

export const DEFAULT_TRIALS = 10_000;
export const MAX_TRIALS = 1_000_000;
export const DEFAULT_SEED = 1;
export const HISTOGRAM_BINS = 20;

export interface SimulationOptions {
  /** Trials per function, 1..1,000,000 (default 10,000). */
  trials?: number;
  /** Seed, a whole number 0..2^32 − 1 (default 1). */
  seed?: number;
  /** Bars of the saving histogram (default 20). */
  bins?: number;
  /** Called after each chunk of trials (and once at the end). */
  onProgress?: (progress: SimulationProgress) => void;
  /** Trials between progress calls (default 1,000). */
  chunk?: number;
}

export interface SimulationProgress {
  /** Trials done over all functions, and the total. */
  done: number;
  total: number;
  /** The function being simulated. */
  function: string;
}

export interface Percentiles {
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

export interface StrategyOutcome {
  /** Share of trials in which the strategy's NPV is below staff augmentation's (by more than 1e-6). */
  probabilityCheaper: number;
  /** NPV(STAFF_AUG) − NPV(strategy): nearest-rank percentiles, mean, and the deterministic model's value. */
  saving: { p10: number; p50: number; p90: number; mean: number; deterministic: number };
  /** Sustained break-even month against staff augmentation; null percentile: beyond the horizon. */
  breakEvenMonth: Percentiles & { deterministic: number | null };
  /** Share of trials with no break-even within the horizon. */
  noBreakEvenShare: number;
}

export interface UncertainInput {
  key: UncertainKey;
  label: string;
  min: number;
  mostLikely: number;
  max: number;
}

export interface HistogramBin {
  /** Bin [from, to): the last bin includes `to`. */
  from: number;
  to: number;
  count: number;
}

export interface FunctionSimulation {
  function: string;
  /** 1-based data row. */
  row: number;
  trials: number;
  /**
   * Trials actually run: `trials`, or 0 when no input of the row has a range. Every trial would then equal the
   * model, so the summary is the model's numbers, exactly as that many identical trials give them.
   */
  trialsRun: number;
  /** The seed of this function's stream (random.ts streamSeed). */
  streamSeed: number;
  /** The inputs that vary (min < max); the others stay at their value. */
  uncertain: UncertainInput[];
  BPO: StrategyOutcome;
  BRIDGE: StrategyOutcome;
  /** Distribution of the BPO saving, NPV(STAFF_AUG) − NPV(BPO). */
  histogram: HistogramBin[];
}

export interface SimulationResult {
  trials: number;
  seed: number;
  assumptions: Assumptions;
  results: FunctionSimulation[];
  errors: InputError[];
  warnings: InputWarning[];
}

/** Validates trials and seed; throws RangeError with a sentence a user can act on. */
function checkSimulationOptions(options: SimulationOptions): {
  trials: number;
  seed: number;
  bins: number;
  chunk: number;
} {
  const trials = options.trials ?? DEFAULT_TRIALS;
  const seed = options.seed ?? DEFAULT_SEED;
  const bins = options.bins ?? HISTOGRAM_BINS;
  const chunk = options.chunk ?? 1000;
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS) {
    throw new RangeError(
      `trials must be a whole number from 1 to ${MAX_TRIALS.toLocaleString("en-US")}; got ${String(trials)}.`,
    );
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new RangeError(`seed must be a whole number from 0 to ${MAX_SEED}; got ${String(seed)}.`);
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000)
    throw new RangeError(`bins must be a whole number from 1 to 1000; got ${String(bins)}.`);
  if (!Number.isInteger(chunk) || chunk < 1)
    throw new RangeError(`chunk must be a whole number of at least 1; got ${String(chunk)}.`);
  return { trials, seed, bins, chunk };
}

/** The uncertain inputs of a row: every key of UNCERTAIN_KEYS with its (min, most likely, max). */
function distributionOf(fn: FunctionInputs, ranges: RowRanges): UncertainInput[] {
  return UNCERTAIN_KEYS.map((key) => {
    const mostLikely = fn[key];
    const range = ranges[key];
    return {
      key,
      label: FIELD_BY_KEY.get(key)?.label ?? key,
      min: range?.min ?? mostLikely,
      mostLikely,
      max: range?.max ?? mostLikely,
    };
  });
}

/** Nearest-rank percentile of ascending-sorted values. */
function nearestRank(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const index = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
  return sorted[index];
}

export function histogram(values: ArrayLike<number>, bins: number): HistogramBin[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (values.length === 0) return [];
  if (hi === lo) return [{ from: lo, to: hi, count: values.length }];
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bin = Math.min(bins - 1, Math.floor((values[i] - lo) / width));
    counts[bin]++;
  }
  return counts.map((count, i) => ({ from: lo + i * width, to: i === bins - 1 ? hi : lo + (i + 1) * width, count }));
}

/** The (min, most likely, max) of each uncertain input and the key of its draws, in UNCERTAIN_KEYS order. */
interface Draws {
  keys: Int32Array;
  mins: Float64Array;
  modes: Float64Array;
  maxs: Float64Array;
}

function drawsOf(stream: number, uncertain: readonly UncertainInput[]): Draws {
  return {
    keys: Int32Array.from(uncertain, (_, i) => inputKey(stream, i)),
    mins: Float64Array.from(uncertain, (u) => u.min),
    modes: Float64Array.from(uncertain, (u) => u.mostLikely),
    maxs: Float64Array.from(uncertain, (u) => u.max),
  };
}

/**
 * Writes trial t's draws into `work`. Each draw is a pure function of (stream, input, trial) (random.ts
 * drawUniform), so a trial's inputs do not depend on which trials ran before it, or in which thread. A fixed
 * input (zero width) gets its value back from triangular. Plain property stores keep the callers monomorphic.
 */
function drawTrial(work: FunctionInputs, d: Draws, t: number): void {
  const { keys, mins, modes, maxs } = d;
  work.saHourlyRate = triangular(mins[0], modes[0], maxs[0], keyedUniform(keys[0], t));
  work.bpoMonthlyFeePerFte = triangular(mins[1], modes[1], maxs[1], keyedUniform(keys[1], t));
  work.saRampDays = triangular(mins[2], modes[2], maxs[2], keyedUniform(keys[2], t));
  work.bpoRampWeeks = triangular(mins[3], modes[3], maxs[3], keyedUniform(keys[3], t));
  work.saMgmtShare = triangular(mins[4], modes[4], maxs[4], keyedUniform(keys[4], t));
  work.bpoTransitionCost = triangular(mins[5], modes[5], maxs[5], keyedUniform(keys[5], t));
  work.saAnnualEscalation = triangular(mins[6], modes[6], maxs[6], keyedUniform(keys[6], t));
  work.bpoAnnualEscalation = triangular(mins[7], modes[7], maxs[7], keyedUniform(keys[7], t));
}

/** One trial's outcome, read from the engine's buffers. */
interface Outcome {
  savingBpo: number;
  savingBridge: number;
  breakEven: number | null;
  bridgeBreakEven: number | null;
}

function readOutcome(buffers: ScheduleBuffers, horizon: number): Outcome {
  const last = horizon - 1;
  const disc = buffers.discounted;
  return {
    savingBpo: disc.staffAug[last] - disc.bpo[last],
    savingBridge: disc.staffAug[last] - disc.bridge[last],
    breakEven: sustainedMonth(buffers.cumulative.bpo, buffers.cumulative.staffAug),
    bridgeBreakEven: sustainedMonth(buffers.cumulative.bridge, buffers.cumulative.staffAug),
  };
}

/**
 * The trials of one function, run in chunks so a host can report progress (and a worker can be stopped)
 * between them. Results depend only on the inputs, the trial count and the seed, never on the chunking.
 */
export class FunctionSimulator {
  readonly trials: number;
  readonly streamSeed: number;
  readonly uncertain: UncertainInput[];
  /** Some input has a range (min < max): only then are trials run. */
  readonly varies: boolean;
  private done = 0;
  private readonly work: FunctionInputs;
  private readonly draws: Draws;
  private readonly savingBpo: Float64Array;
  private readonly savingBridge: Float64Array;
  /** Break-even month of each trial; horizon + 1 stands for "none". */
  private readonly breakEven: Float64Array;
  private readonly bridgeBreakEven: Float64Array;

  constructor(
    private readonly base: FunctionInputs,
    ranges: RowRanges,
    private readonly assumptions: Assumptions,
    trials: number,
    seed: number,
    private readonly buffers: ScheduleBuffers = allocateBuffers(assumptions),
  ) {
    this.trials = trials;
    this.streamSeed = streamSeed(seed, base.function);
    this.work = { ...base };
    this.uncertain = distributionOf(base, ranges);
    this.draws = drawsOf(this.streamSeed, this.uncertain);
    this.varies = this.uncertain.some((u) => u.min < u.max);
    // Without a range every trial is the model itself: nothing to draw, nothing to store.
    const stored = this.varies ? trials : 0;
    this.savingBpo = new Float64Array(stored);
    this.savingBridge = new Float64Array(stored);
    this.breakEven = new Float64Array(stored);
    this.bridgeBreakEven = new Float64Array(stored);
    if (!this.varies) this.done = trials;
  }

  get finished(): boolean {
    return this.done >= this.trials;
  }

  get trialsDone(): number {
    return this.done;
  }

  /** Runs up to `count` more trials; returns how many ran. */
  run(count: number): number {
    const end = Math.min(this.trials, this.done + count);
    const { work, buffers, draws } = this;
    const a = this.assumptions;
    const H = a.horizonMonths;
    const last = H - 1;
    const disc = buffers.discounted;
    const cum = buffers.cumulative;
    for (let t = this.done; t < end; t++) {
      drawTrial(work, draws, t);
      computeSchedule(work, a, buffers);
      this.savingBpo[t] = disc.staffAug[last] - disc.bpo[last];
      this.savingBridge[t] = disc.staffAug[last] - disc.bridge[last];
      this.breakEven[t] = sustainedMonth(cum.bpo, cum.staffAug) ?? H + 1;
      this.bridgeBreakEven[t] = sustainedMonth(cum.bridge, cum.staffAug) ?? H + 1;
    }
    const ran = end - this.done;
    this.done = end;
    return ran;
  }

  /** The summary; runs the remaining trials first. */
  summary(row: number, bins = HISTOGRAM_BINS): FunctionSimulation {
    if (!this.finished) this.run(this.trials - this.done);
    const H = this.assumptions.horizonMonths;
    computeSchedule(this.base, this.assumptions, this.buffers);
    const deterministic = readOutcome(this.buffers, H);
    const summary: FunctionSimulation = {
      function: this.base.function,
      row,
      trials: this.trials,
      trialsRun: this.varies ? this.trials : 0,
      streamSeed: this.streamSeed,
      uncertain: this.uncertain.filter((u) => u.min < u.max),
      BPO: this.varies
        ? outcome(this.savingBpo, this.breakEven, H, deterministic.savingBpo, deterministic.breakEven)
        : fixedOutcome(deterministic.savingBpo, deterministic.breakEven),
      BRIDGE: this.varies
        ? outcome(this.savingBridge, this.bridgeBreakEven, H, deterministic.savingBridge, deterministic.bridgeBreakEven)
        : fixedOutcome(deterministic.savingBridge, deterministic.bridgeBreakEven),
      histogram: this.varies
        ? histogram(this.savingBpo, bins)
        : [{ from: deterministic.savingBpo, to: deterministic.savingBpo, count: this.trials }],
    };
    const { BPO, BRIDGE } = summary;
    assertFinite("the simulated BPO saving", this.base.function, {
      ...BPO.saving,
      probability: BPO.probabilityCheaper,
    });
    assertFinite("the simulated bridge saving", this.base.function, {
      ...BRIDGE.saving,
      probability: BRIDGE.probabilityCheaper,
    });
    return summary;
  }
}

/** The outcome of a row without ranges: what any number of trials, each equal to the model, gives. */
function fixedOutcome(saving: number, breakEven: number | null): StrategyOutcome {
  return {
    probabilityCheaper: saving > TOLERANCE ? 1 : 0,
    saving: { p10: saving, p50: saving, p90: saving, mean: saving, deterministic: saving },
    breakEvenMonth: { p10: breakEven, p50: breakEven, p90: breakEven, deterministic: breakEven },
    noBreakEvenShare: breakEven === null ? 1 : 0,
  };
}

/** Functions × trials a simulation of these rows runs: rows without ranges cost nothing (docs/limits.md). */
export function simulatedTrials(rows: readonly ParsedRow[], trials: number): number {
  let ranged = 0;
  for (const row of rows)
    if (
      UNCERTAIN_KEYS.some((key) => {
        const r = row.ranges[key];
        return r !== undefined && r.min < r.max;
      })
    )
      ranged++;
  return ranged * trials;
}

/** Summarises one strategy's trials (sorts the arrays in place). */
function outcome(
  saving: Float64Array,
  breakEven: Float64Array,
  horizon: number,
  savingNow: number,
  breakEvenNow: number | null,
): StrategyOutcome {
  const n = saving.length;
  let cheaper = 0;
  let sum = 0;
  let none = 0;
  for (let i = 0; i < n; i++) {
    if (saving[i] > TOLERANCE) cheaper++;
    sum += saving[i];
    if (breakEven[i] > horizon) none++;
  }
  saving.sort();
  // Months are whole numbers 1..H + 1: a count per month gives the nearest-rank percentiles without a sort.
  const counts = new Int32Array(horizon + 2);
  for (let i = 0; i < n; i++) counts[breakEven[i]]++;
  const month = (q: number): number | null => {
    const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
    let seen = 0;
    for (let m = 1; m <= horizon + 1; m++) {
      seen += counts[m];
      if (seen >= rank) return m > horizon ? null : m;
    }
    return null;
  };
  return {
    probabilityCheaper: cheaper / n,
    saving: {
      p10: nearestRank(saving, 0.1),
      p50: nearestRank(saving, 0.5),
      p90: nearestRank(saving, 0.9),
      mean: sum / n,
      deterministic: savingNow,
    },
    breakEvenMonth: { p10: month(0.1), p50: month(0.5), p90: month(0.9), deterministic: breakEvenNow },
    noBreakEvenShare: none / n,
  };
}

/** Every trial of one function: the draws of its ranged inputs and the NPV of each strategy (trialMatrix). */
export interface TrialMatrix {
  /** The ranged inputs of the row (min < max), in draw (UNCERTAIN_KEYS) order. */
  inputs: UncertainKey[];
  /** draws[i][t]: the value of inputs[i] drawn in trial t. */
  draws: Float64Array[];
  /** The NPV of each strategy in each trial (the discounted cumulative cost at the horizon). */
  npv: { STAFF_AUG: Float64Array; BPO: Float64Array; BRIDGE: Float64Array };
}

/**
 * The trials of one row as simulate() runs them for this seed (same draws, same order), kept whole rather than
 * summarised, for analyses that need the joint draws (value of information). A row without ranges gives no
 * inputs and every trial equal to the model.
 */
export function trialMatrix(row: ParsedRow, a: Assumptions, options: { trials: number; seed: number }): TrialMatrix {
  const { trials, seed } = checkSimulationOptions(options);
  const uncertain = distributionOf(row.inputs, row.ranges);
  const draws = drawsOf(streamSeed(seed, row.inputs.function), uncertain);
  const ranged = UNCERTAIN_KEYS.filter((_, i) => uncertain[i].min < uncertain[i].max);
  const matrix: TrialMatrix = {
    inputs: ranged,
    draws: ranged.map(() => new Float64Array(trials)),
    npv: { STAFF_AUG: new Float64Array(trials), BPO: new Float64Array(trials), BRIDGE: new Float64Array(trials) },
  };
  const work = { ...row.inputs };
  const buffers = allocateBuffers(a);
  const last = a.horizonMonths - 1;
  const disc = buffers.discounted;
  for (let t = 0; t < trials; t++) {
    drawTrial(work, draws, t);
    for (let i = 0; i < ranged.length; i++) matrix.draws[i][t] = work[ranged[i]];
    computeSchedule(work, a, buffers);
    matrix.npv.STAFF_AUG[t] = disc.staffAug[last];
    matrix.npv.BPO[t] = disc.bpo[last];
    matrix.npv.BRIDGE[t] = disc.bridge[last];
  }
  return matrix;
}

/** Simulates one parsed row (the custom functions and the worker call this through simulate()). */
export function simulateRow(
  parsed: ParsedRow,
  a: Assumptions,
  options: SimulationOptions = {},
  buffers?: ScheduleBuffers,
): FunctionSimulation {
  const { trials, seed, bins } = checkSimulationOptions(options);
  return new FunctionSimulator(parsed.inputs, parsed.ranges, a, trials, seed, buffers).summary(parsed.row, bins);
}

/**
 * Simulates every valid function of an input. Invalid rows and assumptions are reported in `errors` as
 * evaluate() reports them; the valid rows are simulated. Throws RangeError for invalid options.
 */
export function simulate(input: ModelInput, options: SimulationOptions = {}): SimulationResult {
  const { trials, seed, bins, chunk } = checkSimulationOptions(options);
  const parsed = parseModelInput(input);
  const buffers = allocateBuffers(parsed.assumptions);
  const total = simulatedTrials(parsed.rows, trials);
  const results: FunctionSimulation[] = [];
  let before = 0;
  for (const row of parsed.rows) {
    const simulator = new FunctionSimulator(row.inputs, row.ranges, parsed.assumptions, trials, seed, buffers);
    if (!simulator.varies) {
      results.push(simulator.summary(row.row, bins));
      continue;
    }
    while (!simulator.finished) {
      simulator.run(chunk);
      options.onProgress?.({ done: before + simulator.trialsDone, total, function: row.inputs.function });
    }
    before += trials;
    results.push(simulator.summary(row.row, bins));
  }
  return { trials, seed, assumptions: parsed.assumptions, results, errors: parsed.errors, warnings: parsed.warnings };
}

/** The deterministic outcome of one function (no draws), for the zero-width checks and the other analyses. */
export function deterministicOutcome(
  fn: FunctionInputs,
  a: Assumptions,
  buffers: ScheduleBuffers = allocateBuffers(a),
): Outcome {
  computeSchedule(fn, a, buffers);
  return readOutcome(buffers, a.horizonMonths);
}
