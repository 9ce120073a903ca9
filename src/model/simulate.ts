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
import { type CorrelationPair, correlationTarget, imanConover } from "./correlation";
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
  /**
   * Rank correlations between range inputs (model/correlation.ts parseCorrelations), applied to every function's
   * draws by Iman–Conover: each input keeps its drawn values bit for bit, only which trial gets which changes.
   */
  correlations?: readonly CorrelationPair[];
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
  /** 1 where the input has a range (min < max): only those are drawn; 2 where its draws are reordered (correlated). */
  ranged: Uint8Array;
  /** Input i's draws of every trial, reordered by Iman–Conover, where ranged[i] is 2. */
  correlated: (Float64Array | undefined)[];
}

/**
 * The draws of a function's uncertain inputs. With correlations that apply to two or more of its ranged inputs, the
 * draws of all `trials` of those inputs are made here and reordered across the trials (Iman–Conover), so that any
 * range of trials reads the same values whichever thread runs it.
 */
function drawsOf(
  stream: number,
  uncertain: readonly UncertainInput[],
  trials = 0,
  correlations: readonly CorrelationPair[] = [],
): Draws {
  const d: Draws = {
    keys: Int32Array.from(uncertain, (_, i) => inputKey(stream, i)),
    mins: Float64Array.from(uncertain, (u) => u.min),
    modes: Float64Array.from(uncertain, (u) => u.mostLikely),
    maxs: Float64Array.from(uncertain, (u) => u.max),
    ranged: Uint8Array.from(uncertain, (u) => (u.min < u.max ? 1 : 0)),
    correlated: uncertain.map(() => undefined),
  };
  const target = correlationOf(uncertain, correlations);
  if (target === null || trials < 2) return d;
  const reordered = imanConover(
    target.indices.map((i) => Float64Array.from({ length: trials }, (_, t) => drawn(d, i, t))),
    target.matrix,
  );
  target.indices.forEach((i, k) => {
    d.correlated[i] = reordered[k];
    d.ranged[i] = 2;
  });
  return d;
}

/** The ranged inputs (indices into UNCERTAIN_KEYS) some pair correlates, and their target; null when none is. */
function correlationOf(
  uncertain: readonly UncertainInput[],
  correlations: readonly CorrelationPair[],
): (ReturnType<typeof correlationTarget> & { indices: number[] }) | null {
  if (correlations.length === 0) return null;
  const indices = UNCERTAIN_KEYS.flatMap((_, i) => (uncertain[i].min < uncertain[i].max ? [i] : []));
  const target = correlationTarget(
    correlations,
    indices.map((i) => UNCERTAIN_KEYS[i]),
  );
  const n = indices.length;
  const applies = target.matrix.some((value, k) => Math.floor(k / n) !== k % n && value !== 0);
  return applies ? { ...target, indices } : null;
}

/**
 * The warnings of a row's correlations: one when the pairs given cannot all hold for its ranged inputs and the
 * nearest set that can is used (correlationTarget names each pair that moved).
 */
export function correlationWarnings(row: ParsedRow, correlations: readonly CorrelationPair[]): InputWarning[] {
  const target = correlationOf(distributionOf(row.inputs, row.ranges), correlations);
  return (target?.warnings ?? []).map((w) => ({ ...w, row: row.row, message: `${row.inputs.function}: ${w.message}` }));
}

/**
 * Input i's value in trial t: its draw when it has a range (its reordered draw when correlated), else its most
 * likely value (what triangular returns).
 */
const drawn = (d: Draws, i: number, t: number): number =>
  d.ranged[i] === 1
    ? triangular(d.mins[i], d.modes[i], d.maxs[i], keyedUniform(d.keys[i], t))
    : d.ranged[i] === 2
      ? (d.correlated[i] as Float64Array)[t]
      : d.modes[i];

/**
 * Writes trial t's draws into `work`. Each draw is a pure function of (stream, input, trial) (random.ts
 * drawUniform), so a trial's inputs do not depend on which trials ran before it, or in which thread; adding a
 * range to one input leaves the draws of the others unchanged. Plain property stores keep the callers monomorphic.
 */
function drawTrial(work: FunctionInputs, d: Draws, t: number): void {
  work.saHourlyRate = drawn(d, 0, t);
  work.bpoMonthlyFeePerFte = drawn(d, 1, t);
  work.saRampDays = drawn(d, 2, t);
  work.bpoRampWeeks = drawn(d, 3, t);
  work.saMgmtShare = drawn(d, 4, t);
  work.bpoTransitionCost = drawn(d, 5, t);
  work.saAnnualEscalation = drawn(d, 6, t);
  work.bpoAnnualEscalation = drawn(d, 7, t);
}

/**
 * Copies of a function's inputs and of the assumptions for the engine to run trials on: every copy an object
 * literal of the same hidden class, each number field a double from the start (the 0.5 placeholders), whatever
 * the table's numbers were. Run on spread copies of the parser's objects, whose whole-number fields change
 * representation at the first drawn fraction, V8 deoptimised the trial loop and often left the engine three
 * times slower for the rest of the run (bench/analysis.ts; the engine's loop itself no longer depends on any
 * object's hidden class: engine.ts, runMonths).
 */
function trialInputs(from: FunctionInputs): FunctionInputs {
  return copyFields(from, {
    function: "",
    headcount: 0.5,
    saHourlyRate: 0.5,
    bpoMonthlyFeePerFte: 0.5,
    processDocumented: false,
    managementCapacity: false,
    scope: "stable",
    saRampDays: 0.5,
    saMgmtShare: 0.5,
    saOverheadPerFteMonth: 0.5,
    saOnboardingCostPerFte: 0.5,
    saAnnualAttrition: 0.5,
    saAnnualEscalation: 0.5,
    bpoRampWeeks: 0.5,
    bpoTransitionCost: 0.5,
    bpoGovernanceShare: 0.5,
    bpoChangeOrdersPerYear: 0.5,
    bpoChangeOrderCost: 0.5,
    bpoAnnualEscalation: 0.5,
    delayCostPerFteMonth: 0.5,
  });
}

function trialAssumptions(from: Assumptions): Assumptions {
  return copyFields(from, {
    currency: "",
    horizonMonths: 0.5,
    businessDaysPerMonth: 0.5,
    hoursPerMonth: 0.5,
    managerMonthlyCost: 0.5,
    discountRateAnnual: 0.5,
    decisionMargin: 0.5,
    rampShape: "step",
    changeOrdersPerYearStable: 0.5,
    changeOrdersPerYearEvolving: 0.5,
  });
}

/** Sets every field of `copy` (a literal of placeholders with all of its type's fields) to its value in `from`. */
function copyFields<T extends object>(from: T, copy: T): T {
  const target = copy as Record<string, unknown>;
  const source = from as Record<string, unknown>;
  for (const key of Object.keys(copy)) target[key] = source[key];
  return copy;
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

/** A run of trials' outcomes, one entry per trial in trial order: what a worker sends back to be merged. */
export interface TrialOutcomes {
  /** NPV(STAFF_AUG) − NPV(BPO), and the same for the bridge. */
  savingBpo: Float64Array;
  savingBridge: Float64Array;
  /** Break-even month of BPO (of the bridge); horizon + 1 stands for "none". */
  breakEven: Float64Array;
  bridgeBreakEven: Float64Array;
  /** NPV(STAFF_AUG): with the savings it gives every strategy's NPV, which value of information needs. */
  npvStaffAug: Float64Array;
}

/** Trials `from` (included) to `to` (excluded), 0-based: the share of a function's trials one thread runs. */
export interface TrialRange {
  from: number;
  to: number;
}

const allocateOutcomes = (size: number): TrialOutcomes => ({
  savingBpo: new Float64Array(size),
  savingBridge: new Float64Array(size),
  breakEven: new Float64Array(size),
  bridgeBreakEven: new Float64Array(size),
  npvStaffAug: new Float64Array(size),
});

/**
 * The outcomes of consecutive ranges of trials, joined in trial order (the ranges' order): every array the parts
 * have (all of TrialOutcomes, or the few value of information reads).
 */
export function joinOutcomes<T extends Partial<TrialOutcomes>>(parts: readonly T[]): T {
  if (parts.length === 1) return parts[0];
  const joined: Partial<TrialOutcomes> = {};
  for (const key of Object.keys(parts[0]) as (keyof TrialOutcomes)[]) {
    const arrays = parts.map((part) => part[key] ?? new Float64Array(0));
    const all = new Float64Array(arrays.reduce((n, values) => n + values.length, 0));
    let at = 0;
    for (const values of arrays) {
      all.set(values, at);
      at += values.length;
    }
    joined[key] = all;
  }
  return joined as T;
}

/** `trials` cut into at most `parts` consecutive ranges of sizes differing by at most one, in trial order. */
export function splitTrials(trials: number, parts: number): TrialRange[] {
  const count = Math.max(1, Math.min(parts, trials));
  const ranges: TrialRange[] = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const to = from + Math.floor(trials / count) + (i < trials % count ? 1 : 0);
    ranges.push({ from, to });
    from = to;
  }
  return ranges;
}

/**
 * Trials first + k for k in [from, to): each one's draws, the engine, and its outcome at index k. A function of its
 * own that reads no simulator field, so a change to the simulator's hidden class does not deoptimise the loop.
 */
function runTrials(
  work: FunctionInputs,
  draws: Draws,
  a: Assumptions,
  buffers: ScheduleBuffers,
  outcomes: TrialOutcomes,
  first: number,
  from: number,
  to: number,
): void {
  const { savingBpo, savingBridge, breakEven, bridgeBreakEven, npvStaffAug } = outcomes;
  const H = a.horizonMonths;
  const last = H - 1;
  const disc = buffers.discounted;
  const cum = buffers.cumulative;
  for (let k = from; k < to; k++) {
    drawTrial(work, draws, first + k);
    computeSchedule(work, a, buffers);
    npvStaffAug[k] = disc.staffAug[last];
    savingBpo[k] = disc.staffAug[last] - disc.bpo[last];
    savingBridge[k] = disc.staffAug[last] - disc.bridge[last];
    breakEven[k] = sustainedMonth(cum.bpo, cum.staffAug) ?? H + 1;
    bridgeBreakEven[k] = sustainedMonth(cum.bridge, cum.staffAug) ?? H + 1;
  }
}

/**
 * The trials of one function (or of a range of them), run in chunks so a host can report progress (and a worker
 * can be stopped) between them. Results depend only on the inputs, the trial count and the seed, never on the
 * chunking or on how the trials are split into ranges.
 */
export class FunctionSimulator {
  readonly trials: number;
  readonly streamSeed: number;
  readonly uncertain: UncertainInput[];
  /** Some input has a range (min < max): only then are trials run. */
  readonly varies: boolean;
  /** The trials this simulator runs: all of them unless a range is given. */
  readonly range: TrialRange;
  /** Trials done in the range; -1 until the constructor sets it (see there). */
  private done = -1;
  /** The range as numbers: the trial loop reads no object whose hidden class other code shares. */
  private readonly first: number;
  private readonly size: number;
  private readonly assumptions: Assumptions;
  private readonly work: FunctionInputs;
  private readonly draws: Draws;
  private readonly outcomes: TrialOutcomes;

  constructor(
    private readonly base: FunctionInputs,
    ranges: RowRanges,
    assumptions: Assumptions,
    trials: number,
    seed: number,
    private readonly buffers: ScheduleBuffers = allocateBuffers(assumptions),
    range: TrialRange = { from: 0, to: trials },
    correlations: readonly CorrelationPair[] = [],
  ) {
    if (!Number.isInteger(range.from) || !Number.isInteger(range.to) || range.from < 0 || range.to > trials)
      throw new RangeError(`trial range must lie within 0..${trials}; got ${range.from}..${range.to}.`);
    this.trials = trials;
    this.range = range;
    this.first = range.from;
    this.size = range.to - range.from;
    this.streamSeed = streamSeed(seed, base.function);
    this.work = trialInputs(base);
    this.assumptions = trialAssumptions(assumptions);
    this.uncertain = distributionOf(base, ranges);
    this.draws = drawsOf(this.streamSeed, this.uncertain, trials, correlations);
    this.varies = this.uncertain.some((u) => u.min < u.max);
    // Without a range every trial is the model itself: nothing to draw, nothing to store.
    this.outcomes = allocateOutcomes(this.varies ? range.to - range.from : 0);
    // A second, different value on purpose: V8 then holds the field as mutable from the first simulator on. Its
    // first change in run() would otherwise turn it from constant to mutable under the optimised trial loop,
    // deoptimising the loop and the engine inlined in it (and in some processes V8 never optimised the engine
    // whole again: three times slower).
    this.done = this.varies ? 0 : this.size;
  }

  get finished(): boolean {
    return this.done >= this.size;
  }

  /** Trials done in this simulator's range. */
  get trialsDone(): number {
    return this.done;
  }

  /** Runs up to `count` more trials; returns how many ran. */
  run(count: number): number {
    const end = Math.min(this.size, this.done + count);
    runTrials(this.work, this.draws, this.assumptions, this.buffers, this.outcomes, this.first, this.done, end);
    const ran = end - this.done;
    this.done = end;
    return ran;
  }

  /** The outcomes of this simulator's trials, in trial order (empty without ranges); runs the remaining ones first. */
  trialOutcomes(): TrialOutcomes {
    if (!this.finished) this.run(this.size - this.done);
    return this.outcomes;
  }

  /** The summary of all the trials; runs the remaining ones first. Only for a simulator of every trial. */
  summary(row: number, bins = HISTOGRAM_BINS): FunctionSimulation {
    if (this.range.from !== 0 || this.range.to !== this.trials)
      throw new Error("A summary needs every trial: join the ranges' outcomes and call summariseTrials.");
    return summarise(this.base, this.uncertain, this.assumptions, this.trials, this.streamSeed, this.trialOutcomes(), {
      row,
      bins,
      buffers: this.buffers,
    });
  }
}

/**
 * One function's summary from the outcomes of all its trials in trial order (sorted in place), or none when it has
 * no range. FunctionSimulator.summary and the merge of split runs (SimulationMerger) both end here, so one thread
 * and several give the same bits.
 */
function summarise(
  base: FunctionInputs,
  uncertain: UncertainInput[],
  a: Assumptions,
  trials: number,
  stream: number,
  outcomes: TrialOutcomes,
  { row, bins, buffers }: { row: number; bins: number; buffers: ScheduleBuffers },
): FunctionSimulation {
  const varies = uncertain.some((u) => u.min < u.max);
  if (varies && outcomes.savingBpo.length !== trials)
    throw new Error(`${base.function}: ${outcomes.savingBpo.length} trial outcomes for ${trials} trials.`);
  const H = a.horizonMonths;
  computeSchedule(trialInputs(base), trialAssumptions(a), buffers);
  const deterministic = readOutcome(buffers, H);
  const { savingBpo, savingBridge, breakEven, bridgeBreakEven } = outcomes;
  const summary: FunctionSimulation = {
    function: base.function,
    row,
    trials,
    trialsRun: varies ? trials : 0,
    streamSeed: stream,
    uncertain: uncertain.filter((u) => u.min < u.max),
    BPO: varies
      ? outcome(savingBpo, breakEven, H, deterministic.savingBpo, deterministic.breakEven)
      : fixedOutcome(deterministic.savingBpo, deterministic.breakEven),
    BRIDGE: varies
      ? outcome(savingBridge, bridgeBreakEven, H, deterministic.savingBridge, deterministic.bridgeBreakEven)
      : fixedOutcome(deterministic.savingBridge, deterministic.bridgeBreakEven),
    histogram: varies
      ? histogram(savingBpo, bins)
      : [{ from: deterministic.savingBpo, to: deterministic.savingBpo, count: trials }],
  };
  const { BPO, BRIDGE } = summary;
  assertFinite("the simulated BPO saving", base.function, { ...BPO.saving, probability: BPO.probabilityCheaper });
  assertFinite("the simulated bridge saving", base.function, {
    ...BRIDGE.saving,
    probability: BRIDGE.probabilityCheaper,
  });
  return summary;
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

/**
 * Puts the k-th smallest of values[lo..hi] at index k, smaller-or-equal ones before it and greater-or-equal ones
 * after (quickselect, median of three): the nearest-rank percentiles without sorting every trial.
 */
function selectRank(values: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot, left at values[mid].
    if (values[mid] < values[lo]) swap(values, mid, lo);
    if (values[hi] < values[lo]) swap(values, hi, lo);
    if (values[hi] < values[mid]) swap(values, hi, mid);
    const pivot = values[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) swap(values, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(values: Float64Array, i: number, j: number): void {
  const v = values[i];
  values[i] = values[j];
  values[j] = v;
}

/** The nearest-rank P10, P50 and P90 of the values (reordered in place); sorted when some value is NaN. */
function savingPercentiles(values: Float64Array, hasNaN: boolean): { p10: number; p50: number; p90: number } {
  const n = values.length;
  const rank = (q: number) => Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
  const [r10, r50, r90] = [rank(0.1), rank(0.5), rank(0.9)];
  if (hasNaN) {
    // NaN compares false with everything: only a sort (NaN last, as before) places it.
    values.sort();
  } else {
    // After selecting P50, P10 is among the values before it and P90 among those after.
    selectRank(values, r50, 0, n - 1);
    if (r10 < r50) selectRank(values, r10, 0, r50 - 1);
    if (r90 > r50) selectRank(values, r90, r50 + 1, n - 1);
  }
  return { p10: values[r10], p50: values[r50], p90: values[r90] };
}

/** Summarises one strategy's trials (reorders the saving array in place). */
function outcome(
  saving: Float64Array,
  breakEven: Float64Array,
  horizon: number,
  savingNow: number,
  breakEvenNow: number | null,
): StrategyOutcome {
  const n = saving.length;
  // The mean is summed in trial order, before the percentiles reorder the array.
  const { cheaper, sum, none, hasNaN } = tally(saving, breakEven, horizon);
  const { p10, p50, p90 } = savingPercentiles(saving, hasNaN);
  const counts = monthCounts(breakEven, horizon);
  return {
    probabilityCheaper: cheaper / n,
    saving: { p10, p50, p90, mean: sum / n, deterministic: savingNow },
    breakEvenMonth: {
      p10: monthPercentile(counts, n, 0.1),
      p50: monthPercentile(counts, n, 0.5),
      p90: monthPercentile(counts, n, 0.9),
      deterministic: breakEvenNow,
    },
    noBreakEvenShare: none / n,
  };
}

// The loops over the trials are functions of their own: each is optimised as a whole, rather than entered
// half-way (on-stack replacement) in every call, which made V8 deoptimise outcome() at each summary.

/** Trials cheaper than staff augmentation, the sum of the savings (in trial order), trials with no break-even. */
function tally(
  saving: Float64Array,
  breakEven: Float64Array,
  horizon: number,
): { cheaper: number; sum: number; none: number; hasNaN: boolean } {
  let cheaper = 0;
  let sum = 0;
  let none = 0;
  let hasNaN = false;
  for (let i = 0; i < saving.length; i++) {
    const s = saving[i];
    if (s > TOLERANCE) cheaper++;
    if (s !== s) hasNaN = true;
    sum += s;
    if (breakEven[i] > horizon) none++;
  }
  return { cheaper, sum, none, hasNaN };
}

/** Trials per break-even month 1..H + 1 (H + 1: none): the month percentiles need no sort. */
function monthCounts(breakEven: Float64Array, horizon: number): Int32Array {
  const counts = new Int32Array(horizon + 2);
  for (let i = 0; i < breakEven.length; i++) counts[breakEven[i]]++;
  return counts;
}

/** The nearest-rank percentile of the break-even months counted by monthCounts; null: beyond the horizon. */
function monthPercentile(counts: Int32Array, n: number, q: number): number | null {
  const horizon = counts.length - 2;
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  let seen = 0;
  for (let m = 1; m <= horizon + 1; m++) {
    seen += counts[m];
    if (seen >= rank) return m > horizon ? null : m;
  }
  return null;
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
export function trialMatrix(
  row: ParsedRow,
  a: Assumptions,
  options: { trials: number; seed: number; correlations?: readonly CorrelationPair[] },
): TrialMatrix {
  const { trials, seed } = checkSimulationOptions(options);
  const uncertain = distributionOf(row.inputs, row.ranges);
  const draws = drawsOf(streamSeed(seed, row.inputs.function), uncertain, trials, options.correlations);
  const ranged = UNCERTAIN_KEYS.filter((_, i) => uncertain[i].min < uncertain[i].max);
  const matrix: TrialMatrix = {
    inputs: ranged,
    draws: ranged.map(() => new Float64Array(trials)),
    npv: { STAFF_AUG: new Float64Array(trials), BPO: new Float64Array(trials), BRIDGE: new Float64Array(trials) },
  };
  const work = trialInputs(row.inputs);
  const engineAssumptions = trialAssumptions(a);
  const buffers = allocateBuffers(a);
  const last = a.horizonMonths - 1;
  const disc = buffers.discounted;
  for (let t = 0; t < trials; t++) {
    drawTrial(work, draws, t);
    for (let i = 0; i < ranged.length; i++) matrix.draws[i][t] = work[ranged[i]];
    computeSchedule(work, engineAssumptions, buffers);
    matrix.npv.STAFF_AUG[t] = disc.staffAug[last];
    matrix.npv.BPO[t] = disc.bpo[last];
    matrix.npv.BRIDGE[t] = disc.bridge[last];
  }
  return matrix;
}

/**
 * The values drawn for the ranged inputs of a row in trials `range` (default all), as simulate() and trialMatrix
 * draw them for this seed: each draw depends only on (stream, input, trial), so no trial needs to be run again.
 * With the outcomes of the same trials (TrialOutcomes) this is the trial matrix of value of information.
 */
export function rangedDraws(
  row: ParsedRow,
  options: { trials: number; seed: number; correlations?: readonly CorrelationPair[] },
  range: TrialRange = { from: 0, to: options.trials },
): Pick<TrialMatrix, "inputs" | "draws"> {
  const { trials, seed } = checkSimulationOptions(options);
  const uncertain = distributionOf(row.inputs, row.ranges);
  const draws = drawsOf(streamSeed(seed, row.inputs.function), uncertain, trials, options.correlations);
  const indices = UNCERTAIN_KEYS.flatMap((_, i) => (draws.ranged[i] === 1 ? [i] : []));
  return {
    inputs: indices.map((i) => UNCERTAIN_KEYS[i]),
    draws: indices.map((i) =>
      Float64Array.from({ length: range.to - range.from }, (_, k) => drawn(draws, i, range.from + k)),
    ),
  };
}

/** A row's simulator over `range` of its trials, with the options' correlations. */
const simulatorOf = (
  row: ParsedRow,
  a: Assumptions,
  options: { trials: number; seed: number; correlations?: readonly CorrelationPair[] },
  buffers: ScheduleBuffers | undefined,
  range: TrialRange,
): FunctionSimulator =>
  new FunctionSimulator(row.inputs, row.ranges, a, options.trials, options.seed, buffers, range, options.correlations);

/** Simulates one parsed row (the custom functions and the worker call this through simulate()). */
export function simulateRow(
  parsed: ParsedRow,
  a: Assumptions,
  options: SimulationOptions = {},
  buffers?: ScheduleBuffers,
): FunctionSimulation {
  const { trials, seed, bins } = checkSimulationOptions(options);
  return simulatorOf(parsed, a, { ...options, trials, seed }, buffers, { from: 0, to: trials }).summary(
    parsed.row,
    bins,
  );
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
    const all = { from: 0, to: trials };
    const simulator = simulatorOf(row, parsed.assumptions, { ...options, trials, seed }, buffers, all);
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
  const correlated = parsed.rows.flatMap((row) => correlationWarnings(row, options.correlations ?? []));
  const warnings = [...parsed.warnings, ...correlated];
  return { trials, seed, assumptions: parsed.assumptions, results, errors: parsed.errors, warnings };
}

/**
 * One thread's share of a split simulation: trials [from, to) of every valid function of the input that has a
 * range, in row order. Each function's outcomes go to `onFunction` with the function's index among the parsed
 * rows, as soon as they are done. Progress counts this range's trials over all those functions.
 */
export function simulateTrials(
  input: ModelInput,
  options: SimulationOptions & TrialRange,
  onFunction: (index: number, outcomes: TrialOutcomes) => void,
): void {
  const { trials, seed, chunk } = checkSimulationOptions(options);
  const parsed = parseModelInput(input);
  const buffers = allocateBuffers(parsed.assumptions);
  const range = { from: options.from, to: options.to };
  const size = range.to - range.from;
  const total = (simulatedTrials(parsed.rows, trials) / trials) * size;
  let before = 0;
  parsed.rows.forEach((row, index) => {
    const simulator = simulatorOf(row, parsed.assumptions, { ...options, trials, seed }, buffers, range);
    if (!simulator.varies) return;
    while (!simulator.finished) {
      simulator.run(chunk);
      options.onProgress?.({ done: before + simulator.trialsDone, total, function: row.inputs.function });
    }
    before += size;
    onFunction(index, simulator.trialOutcomes());
  });
}

/**
 * Puts a split simulation back together: takes each range's outcomes of each function (any arrival order) and,
 * once a function has all of them, joins them in trial order and summarises it, so the result is the one
 * simulate() gives for the same seed, bit for bit. A function's trials are released once summarised.
 */
export class SimulationMerger {
  readonly trials: number;
  readonly seed: number;
  /** Functions with a range × trials: the progress total. */
  readonly total: number;
  private readonly parsed: ReturnType<typeof parseModelInput>;
  private readonly bins: number;
  private readonly parts: (TrialOutcomes | undefined)[][];
  private readonly results: (FunctionSimulation | undefined)[];
  private readonly buffers: ScheduleBuffers;

  /** `ranges`: the split of the trials (splitTrials), the same for every function. */
  constructor(
    input: ModelInput,
    options: SimulationOptions,
    private readonly ranges: readonly TrialRange[],
  ) {
    const { trials, seed, bins } = checkSimulationOptions(options);
    this.trials = trials;
    this.seed = seed;
    this.bins = bins;
    this.parsed = parseModelInput(input);
    this.total = simulatedTrials(this.parsed.rows, trials);
    this.buffers = allocateBuffers(this.parsed.assumptions);
    this.parts = this.parsed.rows.map(() => []);
    this.results = this.parsed.rows.map((row) => {
      const uncertain = distributionOf(row.inputs, row.ranges);
      if (uncertain.some((u) => u.min < u.max)) return undefined;
      return this.summariseRow(row, uncertain, allocateOutcomes(0));
    });
  }

  /** The outcomes of range `part` (its index in `ranges`) of the function at `index` among the parsed rows. */
  add(index: number, part: number, outcomes: TrialOutcomes): void {
    const row = this.parsed.rows[index];
    const range = this.ranges[part];
    if (row === undefined || range === undefined || this.results[index] !== undefined)
      throw new Error(`No trials are expected for function ${index + 1}, range ${part + 1}.`);
    if (outcomes.savingBpo.length !== range.to - range.from)
      throw new Error(`${row.inputs.function}: range ${part + 1} brought ${outcomes.savingBpo.length} trials.`);
    const parts = this.parts[index];
    parts[part] = outcomes;
    const received = parts.filter((p) => p !== undefined);
    if (received.length < this.ranges.length) return;
    this.parts[index] = [];
    this.results[index] = this.summariseRow(row, distributionOf(row.inputs, row.ranges), joinOutcomes(received));
  }

  get complete(): boolean {
    return this.results.every((r) => r !== undefined);
  }

  /** The simulation, as simulate() gives it; throws while some function still misses trials. */
  result(): SimulationResult {
    const results = this.results.filter((r) => r !== undefined);
    if (results.length < this.results.length) throw new Error("The simulation is incomplete: some trials are missing.");
    const { assumptions, errors, warnings } = this.parsed;
    return { trials: this.trials, seed: this.seed, assumptions, results, errors, warnings };
  }

  private summariseRow(row: ParsedRow, uncertain: UncertainInput[], outcomes: TrialOutcomes): FunctionSimulation {
    const a = this.parsed.assumptions;
    const stream = streamSeed(this.seed, row.inputs.function);
    return summarise(row.inputs, uncertain, a, this.trials, stream, outcomes, {
      row: row.row,
      bins: this.bins,
      buffers: this.buffers,
    });
  }
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
