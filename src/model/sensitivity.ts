/**
 * Tornado sensitivity: which inputs drive the answer? Each numeric input is moved alone to its low and then its
 * high value, every other input at its value, and the engine is run again.
 *
 *  - Low/high: the row's triangular bounds (`<key>Min` / `<key>Max`) where given, else the value −20% / +20%
 *    (for a negative value the lower of the two is the low), clamped to the field's valid range.
 *  - Saving = NPV(STAFF_AUG) − NPV(BPO) (and of the bridge, reported beside it).
 *  - Swing in saving = |saving(high) − saving(low)|. Swing in break-even = |month(high) − month(low)|, where no
 *    break-even within the horizon counts as month H + 1.
 *  - Order: largest saving swing first; ties by the larger break-even swing; then the order of the fields.
 *
 * Inputs moved: every numeric per-function field of docs/model.md §2.2 (headcount included), and the assumptions that
 * change costs: manager monthly cost, hours per month, business days per month and the discount rate. The
 * horizon (it changes what is measured), the decision margin (it changes no cost) and the change-order
 * assumptions (already in the row's BPO change orders per year) are not moved.
 */
import { allocateBuffers } from "./engine";
import { assertFinite } from "./evaluate";
import { ASSUMPTION_FIELDS, FUNCTION_FIELDS, inRange, type FieldSpec, type NumberRange } from "./fields";
import { parseModelInput, type ParsedRow, type RowRanges } from "./parse";
import { deterministicOutcome } from "./simulate";
import type { Assumptions, FunctionInputs, InputError, InputWarning, ModelInput } from "./types";

export const DEFAULT_SWING_SHARE = 0.2;

/** Assumptions moved by the tornado (per function, they act like inputs of the row). */
export const SENSITIVITY_ASSUMPTION_KEYS = [
  "managerMonthlyCost",
  "hoursPerMonth",
  "businessDaysPerMonth",
  "discountRateAnnual",
] as const;

/** Per-function numeric fields moved by the tornado, in the table's order. */
export const SENSITIVITY_FUNCTION_KEYS: readonly string[] = FUNCTION_FIELDS.filter((f) => f.type === "number").map(
  (f) => f.key,
);

export interface TornadoBar {
  key: string;
  label: string;
  /** Where low and high come from. */
  basis: "range" | "percent";
  /** "function": a field of the row; "assumption": an assumption of the whole model. */
  scope: "function" | "assumption";
  value: number;
  low: number;
  high: number;
  savingLow: number;
  savingHigh: number;
  /** |savingHigh − savingLow|, the sort key. */
  savingSwing: number;
  bridgeSavingLow: number;
  bridgeSavingHigh: number;
  breakEvenLow: number | null;
  breakEvenHigh: number | null;
  /** |month(high) − month(low)| with "none" as H + 1. */
  breakEvenSwing: number;
}

export interface FunctionSensitivity {
  function: string;
  row: number;
  /** Saving and break-even at the inputs as given. */
  saving: number;
  bridgeSaving: number;
  breakEvenMonth: number | null;
  bars: TornadoBar[];
}

export interface SensitivityResult {
  swingShare: number;
  assumptions: Assumptions;
  results: FunctionSensitivity[];
  errors: InputError[];
  warnings: InputWarning[];
}

/** Clamps a moved value into the field's valid range; a value an exclusive minimum rules out stays unmoved. */
function clampTo(range: NumberRange | undefined, value: number, unmoved: number): number {
  if (!range) return value;
  let v = value;
  if (v < range.min) v = range.min;
  if (range.max !== undefined && v > range.max) v = range.max;
  return inRange(v, range) ? v : unmoved;
}

/** Low and high of one input: its range where given, else ±share, clamped. */
function lowHigh(
  field: FieldSpec,
  value: number,
  ranges: RowRanges,
  share: number,
): { low: number; high: number; basis: TornadoBar["basis"] } {
  const range = (ranges as Record<string, { min: number; max: number } | undefined>)[field.key];
  if (range) return { low: range.min, high: range.max, basis: "range" };
  const down = value * (1 - share);
  const up = value * (1 + share);
  return {
    low: clampTo(field.range, Math.min(down, up), value),
    high: clampTo(field.range, Math.max(down, up), value),
    basis: "percent",
  };
}

const monthOrBeyond = (month: number | null, horizon: number): number => month ?? horizon + 1;

/** The tornado of one parsed row. */
function sensitivityOfRow(parsed: ParsedRow, a: Assumptions, share = DEFAULT_SWING_SHARE): FunctionSensitivity {
  const fn = parsed.inputs;
  const H = a.horizonMonths;
  const buffers = allocateBuffers(a);
  const base = deterministicOutcome(fn, a, buffers);
  const bars: TornadoBar[] = [];

  const measure = (
    field: FieldSpec,
    scope: TornadoBar["scope"],
    value: number,
    run: (x: number) => ReturnType<typeof deterministicOutcome>,
  ) => {
    const { low, high, basis } = lowHigh(field, value, scope === "function" ? parsed.ranges : {}, share);
    const atLow = run(low);
    const atHigh = run(high);
    assertFinite(`the tornado (${field.label}) saving of`, fn.function, {
      atLow: atLow.savingBpo,
      atHigh: atHigh.savingBpo,
      bridgeAtLow: atLow.savingBridge,
      bridgeAtHigh: atHigh.savingBridge,
    });
    bars.push({
      key: field.key,
      label: field.label,
      basis,
      scope,
      value,
      low,
      high,
      savingLow: atLow.savingBpo,
      savingHigh: atHigh.savingBpo,
      savingSwing: Math.abs(atHigh.savingBpo - atLow.savingBpo),
      bridgeSavingLow: atLow.savingBridge,
      bridgeSavingHigh: atHigh.savingBridge,
      breakEvenLow: atLow.breakEven,
      breakEvenHigh: atHigh.breakEven,
      breakEvenSwing: Math.abs(monthOrBeyond(atHigh.breakEven, H) - monthOrBeyond(atLow.breakEven, H)),
    });
  };

  const work: FunctionInputs = { ...fn };
  const values = work as unknown as Record<string, number>;
  for (const field of FUNCTION_FIELDS) {
    if (!SENSITIVITY_FUNCTION_KEYS.includes(field.key)) continue;
    const value = (fn as unknown as Record<string, number>)[field.key];
    measure(field, "function", value, (x) => {
      values[field.key] = x;
      const outcome = deterministicOutcome(work, a, buffers);
      values[field.key] = value;
      return outcome;
    });
  }
  for (const key of SENSITIVITY_ASSUMPTION_KEYS) {
    const field = ASSUMPTION_FIELDS.find((f) => f.key === key) as FieldSpec;
    // The discount rate changes the discount factors: fresh buffers for each moved assumption.
    measure(field, "assumption", a[key], (x) => deterministicOutcome(fn, { ...a, [key]: x }));
  }

  const order = new Map(bars.map((bar, i) => [bar.key, i]));
  bars.sort(
    (x, y) =>
      y.savingSwing - x.savingSwing ||
      y.breakEvenSwing - x.breakEvenSwing ||
      (order.get(x.key) as number) - (order.get(y.key) as number),
  );
  return {
    function: fn.function,
    row: parsed.row,
    saving: base.savingBpo,
    bridgeSaving: base.savingBridge,
    breakEvenMonth: base.breakEven,
    bars,
  };
}

/** A validated input whose tornadoes are computed one function at a time, as they are read (see prepareEvaluation). */
export interface SensitivityRun extends Omit<SensitivityResult, "results"> {
  count: number;
  results(): Generator<FunctionSensitivity>;
}

/** The tornado of every valid function, each computed when read; invalid rows and assumptions as evaluate() reports them. */
export function prepareSensitivity(input: ModelInput, options: { swingShare?: number } = {}): SensitivityRun {
  const share = options.swingShare ?? DEFAULT_SWING_SHARE;
  if (!(share >= 0 && share <= 1))
    throw new RangeError(`swingShare must be a number from 0 to 1; got ${String(share)}.`);
  const parsed = parseModelInput(input);
  return {
    swingShare: share,
    assumptions: parsed.assumptions,
    count: parsed.rows.length,
    *results() {
      for (const row of parsed.rows) yield sensitivityOfRow(row, parsed.assumptions, share);
    },
    errors: parsed.errors,
    warnings: parsed.warnings,
  };
}

/** The tornado of every valid function; invalid rows and assumptions are reported as evaluate() reports them. */
export function sensitivity(input: ModelInput, options: { swingShare?: number } = {}): SensitivityResult {
  const run = prepareSensitivity(input, options);
  return {
    swingShare: run.swingShare,
    assumptions: run.assumptions,
    results: [...run.results()],
    errors: run.errors,
    warnings: run.warnings,
  };
}
