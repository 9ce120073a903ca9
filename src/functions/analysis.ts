/**
 * The logic behind SOURCING.PROBABILITY, SOURCING.BREAKEVENFEE and SOURCING.BREAKEVENRATE, free of Office like
 * sourcing.ts: worksheet arguments in, the model's simulation or goal seek, an answer or an error value out.
 * Results are memoised per distinct (row, headers, assumptions, other arguments) within the runtime.
 */
import {
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  FunctionSimulator,
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
  ): { ok: true; trials: number; seed: number; parsed: ParsedInput; key: string } | { ok: false; error: number | E } {
    const n = wholeNumber(trials, "trials", DEFAULT_TRIALS, 1, MAX_FUNCTION_TRIALS);
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

  return {
    get cacheSize() {
      return cache.size;
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
      const { rows, assumptions: a } = call.parsed;
      const n = call.trials;
      const simulator = new FunctionSimulator(rows[0].inputs, rows[0].ranges, a, n, call.seed);
      const slice = trialsPerSlice(a.horizonMonths);
      const sliced = n > slice;
      while (!simulator.finished) {
        const before = simulator.trialsDone;
        simulator.run(slice);
        onSlice?.(simulator.trialsDone - before);
        // After the last slice too: the summary (sorting every trial's saving) gets a turn of its own.
        if (sliced) await yieldToHost();
      }
      const value = simulator.summary(rows[0].row).BPO.probabilityCheaper;
      return toValue(cache.getOrCompute(call.key, () => ({ ok: true, value })));
    },

    breakEvenFee: (row, month, headers, assumptions) => solve("bpoMonthlyFeePerFte", row, month, headers, assumptions),
    breakEvenRate: (row, month, headers, assumptions) => solve("saHourlyRate", row, month, headers, assumptions),
  };
}
