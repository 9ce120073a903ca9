/**
 * The logic behind SOURCING.PROBABILITY, SOURCING.EVPPI, SOURCING.BREAKEVENFEE and SOURCING.BREAKEVENRATE, free of Office like
 * sourcing.ts: worksheet arguments in, the model's simulation or goal seek, an answer or an error value out.
 * Results are memoised per distinct (row, headers, assumptions, other arguments) within the runtime.
 */
import {
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  FIELD_BY_KEY,
  FunctionSimulator,
  type FunctionVoi,
  functionVoiOnTrials,
  normalizeHeader,
  UNCERTAIN_KEYS,
  type UncertainKey,
  simulateRow,
  goalSeekFunction,
  type GoalSeekTarget,
  type ParsedInput,
  MAX_SEED,
} from "../model";
import { LruCache, type ParsedInputCache, sharedParsedInputs } from "./model-cache";
import {
  DEFAULT_CACHE_ENTRIES,
  inputKey,
  modelInputFor,
  type SheetArgument,
  type SourcingErrorFactory,
} from "./sourcing";

/** Trials per call are capped lower than the command line's: a worksheet recalculates often. */
export const MAX_FUNCTION_TRIALS = 100_000;

/**
 * Trials per EVPPI call: after its trials (run in slices), value of information sorts every trial once per ranged
 * input in one piece of work; at 50,000 trials and eight ranged inputs that stays under the 200 ms a call may hold
 * the runtime (about 20 ms per input per 50,000 trials here; bench/ measures it).
 */
export const MAX_EVPPI_TRIALS = 50_000;

/**
 * Work done between two yields to Excel, in simulated months (trials × horizon). Desktop Excel restarts an add-in
 * whose runtime does not answer for 5 s, and no custom function should hold it for more than about 200 ms: a
 * slice of 200,000 months took 6–35 ms here (bench/ measures it), so even a slow machine stays well under.
 */
export const MONTHS_PER_SLICE = 200_000;

/** Trials in one slice at this horizon: work, not wall time, bounds a slice. */
export const trialsPerSlice = (horizonMonths: number): number =>
  Math.max(1, Math.floor(MONTHS_PER_SLICE / horizonMonths));

/** Gives the host a turn (a macrotask in the shared runtime: setTimeout 0). */
export type YieldToHost = () => Promise<void>;

type Answer = { ok: true; value: number } | { ok: false; kind: "invalidValue" | "notAvailable"; message: string };

const fail = (message: string): Answer => ({ ok: false, kind: "invalidValue", message });

const omitted = (value: SheetArgument): boolean =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "");

/** A whole-number argument (a number, or text holding one), or the default when omitted. */
function wholeNumber(
  value: SheetArgument,
  name: string,
  fallback: number | undefined,
  min: number,
  max: number,
): number | string {
  const scalar =
    Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1
      ? (value[0][0] as SheetArgument)
      : value;
  if (omitted(scalar)) {
    if (fallback === undefined)
      return `${name} is required: a whole number from ${min} to ${max.toLocaleString("en-US")}.`;
    return fallback;
  }
  const n = typeof scalar === "number" ? scalar : typeof scalar === "string" ? Number(scalar.trim()) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    return `${name} must be a whole number from ${min} to ${max.toLocaleString("en-US")}; got ${typeof scalar === "string" ? `"${scalar}"` : String(scalar)}.`;
  }
  return n;
}

/** SOURCING.EVPPI's input argument: a ranged input by its column name or key, or null (omitted: EVPI). */
function rangedInputArgument(input: SheetArgument): UncertainKey | null | { message: string } {
  const scalar =
    Array.isArray(input) && input.length === 1 && Array.isArray(input[0]) && input[0].length === 1
      ? (input[0][0] as SheetArgument)
      : input;
  if (omitted(scalar)) return null;
  const names = UNCERTAIN_KEYS.map((key) => FIELD_BY_KEY.get(key)?.label ?? key);
  if (typeof scalar === "string") {
    const wanted = normalizeHeader(scalar);
    const found = UNCERTAIN_KEYS.find(
      (key, i) => normalizeHeader(key) === wanted || normalizeHeader(names[i]) === wanted,
    );
    if (found) return found;
  }
  return {
    message: `input must name an input that can have a range (Min/Max columns): ${names.join(", ")}; or be omitted for every input at once (EVPI). Got ${typeof scalar === "string" ? `"${scalar}"` : String(scalar)}.`,
  };
}

/** The amount SOURCING.EVPPI answers from a function's value of information. */
function evppiAnswer(voi: FunctionVoi, input: UncertainKey | null): Answer {
  if (voi.decision === "DOCUMENT_FIRST")
    return {
      ok: false,
      kind: "notAvailable",
      message: `${voi.function}: document the process first; no strategy is allowed yet, so no information changes the decision.`,
    };
  if (input === null) return { ok: true, value: voi.evpi };
  // An input without a range is known already: finding it out is worth nothing.
  return { ok: true, value: voi.inputs.find((i) => i.input === input)?.evppi ?? 0 };
}

/** The one row the arguments describe, parsed and validated as evaluate() does (once per distinct row: `parsedInputs`). */
function parseRow(
  parsedInputs: ParsedInputCache,
  row: SheetArgument,
  headers: SheetArgument,
  assumptions: SheetArgument,
): { ok: true; parsed: ParsedInput; key: string } | { ok: false; answer: Answer } {
  try {
    const input = modelInputFor(row, headers, assumptions);
    const key = inputKey(input);
    const parsed = parsedInputs.parsed(key, input);
    if (parsed.errors.length > 0) {
      return {
        ok: false,
        answer: fail(parsed.errors.map((e) => (e.row === null ? `Assumption: ${e.message}` : e.message)).join(" ")),
      };
    }
    if (parsed.rows.length === 0) {
      return {
        ok: false,
        answer: fail(
          "The row is empty: it needs at least Function, Headcount (FTE), SA hourly rate and BPO monthly fee per FTE.",
        ),
      };
    }
    return { ok: true, parsed, key };
  } catch (error) {
    return { ok: false, answer: fail(error instanceof Error ? error.message : String(error)) };
  }
}

export interface AnalysisFunctions<E> {
  readonly cacheSize: number;
  probability(
    row: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
    trials?: SheetArgument,
    seed?: SheetArgument,
  ): number | E;
  /**
   * PROBABILITY for Excel: the same answer, computed in slices of trialsPerSlice(horizon) trials with a yield to
   * the host between them, so a 100,000-trial call never blocks the runtime. `onSlice` hears the trials of each
   * slice (for tests).
   */
  probabilityInSlices(
    yieldToHost: YieldToHost,
    row: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
    trials?: SheetArgument,
    seed?: SheetArgument,
    onSlice?: (trials: number) => void,
  ): Promise<number | E>;
  /**
   * SOURCING.EVPPI: what knowing `input` (a ranged input's name or key) before signing would save on average, on
   * the trials SOURCING.PROBABILITY runs for the same trials and seed; `input` omitted: EVPI, every range at once.
   * The function's whole value of information is kept, so asking for its other inputs costs nothing more.
   */
  evppi(
    row: SheetArgument,
    input?: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
    trials?: SheetArgument,
    seed?: SheetArgument,
  ): number | E;
  /** EVPPI for Excel: the same answer, its trials run in slices with a yield to the host between them. */
  evppiInSlices(
    yieldToHost: YieldToHost,
    row: SheetArgument,
    input?: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
    trials?: SheetArgument,
    seed?: SheetArgument,
    onSlice?: (trials: number) => void,
  ): Promise<number | E>;
  breakEvenFee(
    row: SheetArgument,
    month: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
  ): number | E;
  breakEvenRate(
    row: SheetArgument,
    month: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
  ): number | E;
}

/** The analysis functions; rows are parsed through `parsedInputs`, the runtime's shared cache unless given. */
export function createAnalysisFunctions<E>(
  errors: SourcingErrorFactory<E>,
  cacheEntries = DEFAULT_CACHE_ENTRIES,
  parsedInputs: ParsedInputCache = sharedParsedInputs,
): AnalysisFunctions<E> {
  const cache = new LruCache<Answer>(cacheEntries);
  const toValue = (answer: Answer): number | E =>
    answer.ok
      ? answer.value
      : answer.kind === "notAvailable"
        ? errors.notAvailable(answer.message)
        : errors.invalidValue(answer.message);

  /** PROBABILITY's arguments checked and its row parsed, with the cache key of its answer; else the error value. */
  function probabilityArguments(
    row: SheetArgument,
    headers: SheetArgument,
    assumptions: SheetArgument,
    trials: SheetArgument,
    seed: SheetArgument,
    maxTrials = MAX_FUNCTION_TRIALS,
  ): { ok: true; trials: number; seed: number; parsed: ParsedInput; key: string } | { ok: false; error: number | E } {
    const n = wholeNumber(trials, "trials", DEFAULT_TRIALS, 1, maxTrials);
    if (typeof n === "string") return { ok: false, error: errors.invalidValue(n) };
    const s = wholeNumber(seed, "seed", DEFAULT_SEED, 0, MAX_SEED);
    if (typeof s === "string") return { ok: false, error: errors.invalidValue(s) };
    const parsed = parseRow(parsedInputs, row, headers, assumptions);
    if (!parsed.ok) return { ok: false, error: toValue(parsed.answer) };
    return { ok: true, trials: n, seed: s, parsed: parsed.parsed, key: `probability|${n}|${s}|${parsed.key}` };
  }

  function solve(
    target: GoalSeekTarget,
    row: SheetArgument,
    month: SheetArgument,
    headers: SheetArgument,
    assumptions: SheetArgument,
  ): number | E {
    const parsed = parseRow(parsedInputs, row, headers, assumptions);
    if (!parsed.ok) return toValue(parsed.answer);
    const { assumptions: a, rows } = parsed.parsed;
    const m = wholeNumber(month, "month", undefined, 1, a.horizonMonths);
    if (typeof m === "string")
      return errors.invalidValue(m.replace(/from 1 to (\d[\d,]*)/, "from 1 to $1 (the horizon)"));
    return toValue(
      cache.getOrCompute(`${target}|${m}|${parsed.key}`, () => {
        const answer = goalSeekFunction(rows[0].inputs, a, target, m);
        if (answer.value === null) return { ok: false, kind: "notAvailable", message: answer.message };
        return { ok: true, value: answer.value };
      }),
    );
  }

  /** Each row's whole value of information per (trials, seed): the EVPPI of any of its inputs is then a lookup. */
  const voiCache = new LruCache<FunctionVoi>(cacheEntries);

  type Call = { trials: number; seed: number; parsed: ParsedInput; key: string };

  const simulatorArguments = ({ parsed, trials, seed }: Call) =>
    [parsed.rows[0].inputs, parsed.rows[0].ranges, parsed.assumptions, trials, seed] as const;

  /** EVPPI's arguments checked, with the cache key of the row's value of information; else the error value. */
  function evppiArguments(
    row: SheetArgument,
    input: SheetArgument,
    headers: SheetArgument,
    assumptions: SheetArgument,
    trials: SheetArgument,
    seed: SheetArgument,
  ): ({ ok: true; input: UncertainKey | null } & Call) | { ok: false; error: number | E } {
    const wanted = rangedInputArgument(input);
    if (wanted !== null && typeof wanted === "object") return { ok: false, error: errors.invalidValue(wanted.message) };
    const call = probabilityArguments(row, headers, assumptions, trials, seed, MAX_EVPPI_TRIALS);
    if (!call.ok) return call;
    return { ...call, input: wanted, key: `voi|${call.key}` };
  }

  /** The row's value of information on the simulator's trials (run to the end first), kept for its other inputs. */
  function voiOf(call: Call, simulator: FunctionSimulator): FunctionVoi {
    const outcomes = simulator.varies ? simulator.trialOutcomes() : undefined;
    const { rows, assumptions: a } = call.parsed;
    return voiCache.getOrCompute(call.key, () => functionVoiOnTrials(rows[0], a, call.trials, call.seed, outcomes));
  }

  /** Runs the row's trials in slices with a turn for the host between them. */
  async function slicedTrials(
    call: Call,
    yieldToHost: YieldToHost,
    onSlice?: (trials: number) => void,
  ): Promise<FunctionSimulator> {
    const simulator = new FunctionSimulator(...simulatorArguments(call));
    const slice = trialsPerSlice(call.parsed.assumptions.horizonMonths);
    const sliced = call.trials > slice;
    while (!simulator.finished) {
      const before = simulator.trialsDone;
      simulator.run(slice);
      onSlice?.(simulator.trialsDone - before);
      // After the last slice too: what follows (a summary, or the sorts of value of information) gets its own turn.
      if (sliced) await yieldToHost();
    }
    return simulator;
  }

  return {
    get cacheSize() {
      return cache.size + voiCache.size;
    },

    probability(row, headers, assumptions, trials, seed) {
      const call = probabilityArguments(row, headers, assumptions, trials, seed);
      if (!call.ok) return call.error;
      return toValue(
        cache.getOrCompute(call.key, () => ({
          ok: true,
          value: simulateRow(call.parsed.rows[0], call.parsed.assumptions, { trials: call.trials, seed: call.seed }).BPO
            .probabilityCheaper,
        })),
      );
    },

    async probabilityInSlices(yieldToHost, row, headers, assumptions, trials, seed, onSlice) {
      const call = probabilityArguments(row, headers, assumptions, trials, seed);
      if (!call.ok) return call.error;
      const known = cache.get(call.key);
      if (known) return toValue(known);
      const simulator = await slicedTrials(call, yieldToHost, onSlice);
      const value = simulator.summary(call.parsed.rows[0].row).BPO.probabilityCheaper;
      return toValue(cache.getOrCompute(call.key, () => ({ ok: true, value })));
    },

    evppi(row, input, headers, assumptions, trials, seed) {
      const call = evppiArguments(row, input, headers, assumptions, trials, seed);
      if (!call.ok) return call.error;
      const voi = voiCache.get(call.key) ?? voiOf(call, new FunctionSimulator(...simulatorArguments(call)));
      return toValue(evppiAnswer(voi, call.input));
    },

    async evppiInSlices(yieldToHost, row, input, headers, assumptions, trials, seed, onSlice) {
      const call = evppiArguments(row, input, headers, assumptions, trials, seed);
      if (!call.ok) return call.error;
      const voi = voiCache.get(call.key) ?? voiOf(call, await slicedTrials(call, yieldToHost, onSlice));
      return toValue(evppiAnswer(voi, call.input));
    },

    breakEvenFee: (row, month, headers, assumptions) => solve("bpoMonthlyFeePerFte", row, month, headers, assumptions),
    breakEvenRate: (row, month, headers, assumptions) => solve("saHourlyRate", row, month, headers, assumptions),
  };
}
