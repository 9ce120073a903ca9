/**
 * What the task pane shows, as plain data: built from the adapter's outcomes, rendered by render.ts. No DOM,
 * no Office: tested directly.
 */
import type { InsertSampleOutcome, LocatedError, RunOutcome } from "../excel";
import {
  RECOMMENDATION_LABELS,
  formatMoney,
  noMonthWithin,
  type FunctionResult,
  type ModelResult,
  type Recommendation,
} from "../model";

export type StatusKind = "idle" | "running" | "done" | "empty" | "error" | "info" | "stale";

export interface Status {
  kind: StatusKind;
  text: string;
}

export interface ResultItem {
  function: string;
  recommendation: Recommendation;
  recommendationLabel: string;
  breakEven: string;
  rationale: string;
}

export interface ErrorItem {
  /** Address to select, or null when no cell can be named. */
  address: string | null;
  /** Where, as the user reads it: "Inputs!C6", "Assumptions". */
  where: string;
  message: string;
}

/** The cumulative-cost chart of one function (the one chosen in the pane's selector). */
export interface PaneChart {
  /** Every modelled function, in table order, for the selector. */
  functions: string[];
  selected: number;
  title: string;
  /** The workbook's currency code, for the value axis title. */
  currency: string;
  months: number[];
  series: { name: string; values: number[] }[];
  /** Index into `months` of the break-even month, or null when there is none within the horizon. */
  breakEvenIndex: number | null;
  breakEvenLabel: string;
  /** One sentence a screen reader reads instead of the lines. */
  summary: string;
}

export interface PaneState {
  status: Status;
  running: boolean;
  /** Shown only once a run has lasted PROGRESS_DELAY_MS: quick runs do not flash a bar. */
  progressVisible: boolean;
  /** The inputs changed after the last run (Live off): the results shown are out of date. */
  stale: boolean;
  live: boolean;
  results: ResultItem[];
  errors: ErrorItem[];
  warnings: string[];
  chart: PaneChart | null;
}

export const initialState = (): PaneState => ({
  status: { kind: "idle", text: "Insert the sample model or select your functions table, then select Run model." },
  running: false,
  progressVisible: false,
  stale: false,
  live: false,
  results: [],
  errors: [],
  warnings: [],
  chart: null,
});

/** The model's one mapping of codes to words (docs/model.md P6.5), which every host shows. */
export { RECOMMENDATION_LABELS };

export function breakEvenText(month: number | null, horizon: number): string {
  // The sheets' words ("None within 36 months", model/format.ts), after the same "Break-even" lead as a month.
  return month === null ? `Break-even: ${noMonthWithin(horizon).toLowerCase()}` : `Break-even in month ${month}`;
}

export function errorItem(error: LocatedError): ErrorItem {
  const where = error.address ?? (error.row === null ? "Assumptions" : `Data row ${error.row}`);
  return { address: error.address, where, message: error.message };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The pane after a run. */
export function afterRun(state: PaneState, outcome: RunOutcome): PaneState {
  if (outcome.kind === "no-functions") {
    return {
      ...state,
      running: false,
      stale: false,
      status: { kind: "empty", text: outcome.message },
      results: [],
      errors: [],
      warnings: [],
      chart: null,
    };
  }
  const horizon = outcome.result.assumptions.horizonMonths;
  const results = outcome.result.results.map((r) => ({
    function: r.function,
    recommendation: r.recommendation,
    recommendationLabel: RECOMMENDATION_LABELS[r.recommendation],
    breakEven: breakEvenText(r.breakEvenMonth, horizon),
    rationale: r.rationale,
  }));
  const errors = outcome.errors.map(errorItem);
  const parts = [results.length > 0 ? `Modelled ${plural(results.length, "function")}` : "No function was modelled"];
  if (errors.length > 0)
    parts.push(`${plural(errors.length, "input error")} (marked in red; select one to go to its cell)`);
  // With nothing modelled the sheet holds no result worth going to: say what to do instead.
  const next =
    results.length > 0 ? "Results are on the Sourcing Results sheet." : "Fix the inputs listed below, then run again.";
  const text = `${parts.join("; ")}. ${next}`;
  return {
    ...state,
    running: false,
    stale: false,
    status: { kind: errors.length > 0 ? "error" : "done", text },
    results,
    errors,
    warnings: outcome.warnings,
    chart: chartFor(outcome.result, state.chart ? state.chart.functions[state.chart.selected] : undefined),
  };
}

export const STRATEGY_SERIES = [
  { key: "STAFF_AUG", name: "Staff augmentation", inSentence: "staff augmentation" },
  { key: "BPO", name: "BPO", inSentence: "BPO" },
  { key: "BRIDGE", name: "Bridge", inSentence: "the bridge" },
] as const;

/**
 * The chart of the function named `selected` (the first one when it is gone or not given), or null when no
 * function was modelled. The cumulative sums are the engine's own (`series.cumulative`), not summed again here.
 */
export function chartFor(result: ModelResult, selected?: string): PaneChart | null {
  const results = result.results;
  if (results.length === 0) return null;
  const found = selected === undefined ? -1 : results.findIndex((r) => r.function === selected);
  const index = found >= 0 ? found : 0;
  return chartOf(results, index, result.assumptions.currency, result.assumptions.horizonMonths);
}

function chartOf(results: readonly FunctionResult[], index: number, currency: string, horizon: number): PaneChart {
  const fn = results[index];
  // Read off the typed series: no month rows are built for the chart.
  const { cumulative } = fn.series;
  const months = Array.from(cumulative.STAFF_AUG, (_, i) => i + 1);
  const series = STRATEGY_SERIES.map(({ key, name }) => ({ name, values: Array.from(cumulative[key]) }));
  const breakEvenIndex = fn.breakEvenMonth === null ? null : months.indexOf(fn.breakEvenMonth);
  const totals = STRATEGY_SERIES.map(
    ({ key, inSentence }) => `${inSentence} ${formatMoney(fn.total[key], currency)}`,
  ).join(", ");
  const when =
    fn.breakEvenMonth === null
      ? `No break-even within ${horizon} months: BPO's cumulative cost stays above staff augmentation's.`
      : `Break-even in month ${fn.breakEvenMonth}: from then on BPO's cumulative cost stays below staff augmentation's.`;
  return {
    functions: results.map((r) => r.function),
    selected: index,
    title: `${fn.function}: cumulative cost (${currency})`,
    currency,
    months,
    series,
    breakEvenIndex: breakEvenIndex !== null && breakEvenIndex >= 0 ? breakEvenIndex : null,
    breakEvenLabel: fn.breakEvenMonth === null ? "" : `Break-even: month ${fn.breakEvenMonth}`,
    summary: `${when} Cost over ${horizon} months, undiscounted: ${totals}. Recommendation: ${RECOMMENDATION_LABELS[fn.recommendation]}.`,
  };
}

/** The text under the results heading when there are none: what to do next. */
export function emptyResultsText(state: PaneState): string {
  if (state.running) return "Running the model…";
  if (state.errors.length > 0)
    return "No function could be modelled. Fix the cells listed under Input errors, then run again.";
  if (state.status.kind === "empty")
    return "No functions table yet. Select Insert sample model, or select a cell in your own functions table, then Run model.";
  if (state.status.kind === "error") return "No results: the run did not complete (see the message above).";
  return "No results yet. Run the model to see a recommendation for each function.";
}

/** Live is off and the inputs changed after the last run: the pane (and the Results sheet) say so. */
export const STALE_STATUS_TEXT =
  "Inputs changed since the last run: these results are out of date. Select Run model to update them.";

export const markedStale = (state: PaneState): PaneState => ({
  ...state,
  stale: true,
  status: { kind: "stale", text: STALE_STATUS_TEXT },
});

export function afterInsert(state: PaneState, outcome: InsertSampleOutcome): PaneState {
  return { ...state, running: false, status: { kind: outcome.inserted ? "info" : "error", text: outcome.message } };
}

export const running = (state: PaneState, text = "Running the model…"): PaneState => ({
  ...state,
  running: true,
  status: { kind: "running", text },
});

/** A failure the adapter could not turn into results: its message, plus Excel's error code when there is one. */
export function afterFailure(state: PaneState, error: unknown): PaneState {
  const message = error instanceof Error ? error.message : String(error);
  const code =
    typeof error === "object" && error !== null && "code" in error
      ? String((error as { code: unknown }).code)
      : undefined;
  const userFacing = error instanceof Error && error.name === "SourcingUserError";
  const text = userFacing ? message : `Excel could not complete the request: ${message}${code ? ` (${code})` : ""}`;
  return { ...state, running: false, status: { kind: "error", text } };
}
