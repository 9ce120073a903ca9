/**
 * Goal seek in closed form: the BPO monthly fee per FTE (or the SA hourly rate) at which BPO pays back by a
 * given month.
 *
 * Why closed form works: every cost term is linear in each of these inputs (docs/model.md §4), so the cumulative gap
 * g(k) = C_BPO(k) − C_SA(k) is α_k + β_k·x in the input x. α_k and β_k are read off the engine itself (two
 * runs, at x = 0 and at x = x₁): nothing here restates a cost formula. β_k ≥ 0 for the fee (it raises BPO's
 * cost) and β_k ≤ 0 for the rate (it raises staff augmentation's).
 *
 * The question "what fee makes BPO pay back in M months?" asks for the least favourable value for BPO at which
 * the sustained break-even month (docs/model.md §5) is still M or earlier:
 *  - fee: the HIGHEST fee x ≥ 0 with g(k) ≤ 0 for every k in M..H, i.e. min over k ≥ M of −α_k/β_k;
 *  - rate: the LOWEST rate x ≥ 0 with the same property, i.e. max over k ≥ M of −α_k/β_k.
 * The break-even month moves monotonically with x, so this value also answers "exactly M" whenever anything
 * does: if the break-even at that value is M, status is "exact"; if it is earlier, no value lands exactly on M
 * ("earlier": just beyond it, the break-even jumps past M). "always": every value ≥ 0 pays back by M (for the
 * rate the answer is then 0; for the fee there is no highest). "never": no value ≥ 0 pays back by M.
 * Every answer is put back into the engine, and the break-even month reported is the engine's.
 */
import { TOLERANCE, sustainedMonth } from "./cumulative";
import { allocateBuffers, computeSchedule, type ScheduleBuffers } from "./engine";
import { assertFinite } from "./evaluate";
import { FIELD_BY_KEY } from "./fields";
import { parseModelInput, type ParsedRow } from "./parse";
import { formatMoney } from "./format";
import type { Assumptions, FunctionInputs, InputError, InputWarning, ModelInput } from "./types";

export const GOAL_SEEK_TARGETS = ["bpoMonthlyFeePerFte", "saHourlyRate"] as const;
export type GoalSeekTarget = (typeof GOAL_SEEK_TARGETS)[number];

export type GoalSeekStatus = "exact" | "earlier" | "always" | "never";

export interface GoalSeekAnswer {
  target: GoalSeekTarget;
  /** The requested break-even month. */
  month: number;
  status: GoalSeekStatus;
  /** Highest fee / lowest rate that pays back by `month`; null for "never" (and for the fee under "always"). */
  value: number | null;
  /** The engine's break-even month with `value` put back (null when value is null). */
  breakEvenAtValue: number | null;
  /** The input as given, and the break-even month it gives. */
  current: number;
  currentBreakEvenMonth: number | null;
  /** One sentence for a finance reader. */
  message: string;
}

export interface FunctionGoalSeek {
  function: string;
  row: number;
  fee: GoalSeekAnswer;
  rate: GoalSeekAnswer;
}

export interface GoalSeekResult {
  month: number;
  assumptions: Assumptions;
  results: FunctionGoalSeek[];
  errors: InputError[];
  warnings: InputWarning[];
}

function gaps(fn: FunctionInputs, a: Assumptions, buffers: ScheduleBuffers, out: Float64Array): Float64Array {
  computeSchedule(fn, a, buffers);
  const { bpo, staffAug } = buffers.cumulative;
  for (let i = 0; i < out.length; i++) out[i] = bpo[i] - staffAug[i];
  return out;
}

function breakEvenWith(
  fn: FunctionInputs,
  target: GoalSeekTarget,
  x: number,
  a: Assumptions,
  buffers: ScheduleBuffers,
): number | null {
  computeSchedule({ ...fn, [target]: x }, a, buffers);
  return sustainedMonth(buffers.cumulative.bpo, buffers.cumulative.staffAug);
}

/** Checks the requested month; throws RangeError with the allowed range. */
function checkMonth(month: unknown, horizon: number): number {
  if (typeof month !== "number" || !Number.isInteger(month) || month < 1 || month > horizon) {
    throw new RangeError(`month must be a whole number from 1 to ${horizon} (the horizon); got ${String(month)}.`);
  }
  return month;
}

/** Solves for one input of one function. */
export function goalSeekFunction(
  fn: FunctionInputs,
  a: Assumptions,
  target: GoalSeekTarget,
  month: number,
  buffers: ScheduleBuffers = allocateBuffers(a),
): GoalSeekAnswer {
  const H = a.horizonMonths;
  checkMonth(month, H);
  const current = fn[target];
  const currentBreakEvenMonth = breakEvenWith(fn, target, current, a, buffers);
  const probe = current > 0 ? current : 1000; // any non-zero value: the gaps are linear in x
  const alpha = gaps({ ...fn, [target]: 0 }, a, buffers, new Float64Array(H));
  const atProbe = gaps({ ...fn, [target]: probe }, a, buffers, new Float64Array(H));

  // Feasible x: g(k) = α_k + β_k·x ≤ 0 for every k in M..H, x ≥ 0.
  let lo = 0;
  let hi = Infinity;
  let blockingMonth: number | null = null;
  for (let k = month; k <= H; k++) {
    const a0 = alpha[k - 1];
    const beta = (atProbe[k - 1] - a0) / probe;
    if (beta === 0) {
      if (a0 > TOLERANCE) {
        blockingMonth ??= k;
        lo = Infinity;
      }
    } else if (beta > 0) {
      hi = Math.min(hi, -a0 / beta);
    } else {
      lo = Math.max(lo, -a0 / beta);
    }
  }

  const field = FIELD_BY_KEY.get(target)?.label ?? target;
  const money = (x: number) => formatMoney(x, a.currency);
  const unit = target === "bpoMonthlyFeePerFte" ? "per FTE-month" : "per hour";
  const money2 = (x: number) => (target === "saHourlyRate" ? `${a.currency} ${x.toFixed(2)}` : money(x));
  const base = { target, month, current, currentBreakEvenMonth };

  if (lo > hi || !Number.isFinite(lo)) {
    const at = target === "bpoMonthlyFeePerFte" ? "even at a fee of 0" : "at any hourly rate";
    return {
      ...base,
      status: "never",
      value: null,
      breakEvenAtValue: null,
      message: `No ${field} of 0 or more makes BPO pay back by month ${month}: ${at}, BPO's cumulative cost stays above staff augmentation's${blockingMonth ? ` in month ${blockingMonth}` : ""}.`,
    };
  }
  const seekingMax = target === "bpoMonthlyFeePerFte";
  let value = seekingMax ? hi : lo;
  if (seekingMax && !Number.isFinite(value)) {
    return {
      ...base,
      status: "always",
      value: null,
      breakEvenAtValue: null,
      message: `BPO pays back by month ${month} whatever the fee: BPO fees do not start within the horizon, so the fee does not move the comparison.`,
    };
  }
  let breakEvenAtValue = breakEvenWith(fn, target, value, a, buffers);
  // With totals in the billions of billions the engine's rounding exceeds TOLERANCE, and the exact root can miss by
  // a hair: step towards the side that pays back (a few units in the last place, doubling) until the engine agrees.
  // Ordinary amounts pay back at the root itself and never take a step.
  for (let step = 0; step < 40 && value > 0 && (breakEvenAtValue === null || breakEvenAtValue > month); step++) {
    const nudge = 2 ** (step - 52);
    value = seekingMax ? value * (1 - nudge) : value * (1 + nudge);
    breakEvenAtValue = breakEvenWith(fn, target, value, a, buffers);
  }
  assertFinite("the goal-seek answer", fn.function, { [target]: value });
  if (!seekingMax && value === 0) {
    return {
      ...base,
      status: "always",
      value: 0,
      breakEvenAtValue,
      message: `BPO pays back by month ${month} at any ${field} (even 0 ${unit}); at 0 the break-even month is ${breakEvenAtValue ?? "none"}.`,
    };
  }
  const which = seekingMax ? "highest" : "lowest";
  const bound = seekingMax ? "at most" : "at least";
  if (breakEvenAtValue === month) {
    return {
      ...base,
      status: "exact",
      value,
      breakEvenAtValue,
      message: `${field.startsWith("SA") ? "An" : "A"} ${field} of ${bound} ${money2(value)} ${unit} makes BPO pay back by month ${month}; at exactly ${money2(value)} the break-even is month ${month} (today ${money2(current)}: ${currentBreakEvenMonth === null ? "no break-even" : `month ${currentBreakEvenMonth}`}).`,
    };
  }
  return {
    ...base,
    status: "earlier",
    value,
    breakEvenAtValue,
    message: `No ${field} makes the break-even land exactly in month ${month}: at ${money2(value)} ${unit}, the ${which} that pays back by month ${month}, BPO already breaks even in month ${breakEvenAtValue}; past it the break-even moves beyond month ${month}.`,
  };
}

function goalSeekRow(
  parsed: ParsedRow,
  a: Assumptions,
  month: number,
  buffers: ScheduleBuffers = allocateBuffers(a),
): FunctionGoalSeek {
  return {
    function: parsed.inputs.function,
    row: parsed.row,
    fee: goalSeekFunction(parsed.inputs, a, "bpoMonthlyFeePerFte", month, buffers),
    rate: goalSeekFunction(parsed.inputs, a, "saHourlyRate", month, buffers),
  };
}

/** Goal seek for every valid function; invalid rows and assumptions are reported as evaluate() reports them. */
export function goalSeek(input: ModelInput, month: number): GoalSeekResult {
  const parsed = parseModelInput(input);
  // An invalid assumption leaves no rows; the month is still checked against the (default) horizon.
  checkMonth(month, parsed.assumptions.horizonMonths);
  const buffers = allocateBuffers(parsed.assumptions);
  return {
    month,
    assumptions: parsed.assumptions,
    results: parsed.rows.map((row) => goalSeekRow(row, parsed.assumptions, month, buffers)),
    errors: parsed.errors,
    warnings: parsed.warnings,
  };
}
