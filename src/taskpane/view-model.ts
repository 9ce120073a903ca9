/**
 * What the task pane shows, as plain data: built from the adapter's outcomes, rendered by render.ts. No DOM,
 * no Office: tested directly.
 */
import type { InsertSampleOutcome, LocatedError, RunOutcome } from "../excel";
import type { Recommendation } from "../model/types";

export type StatusKind = "idle" | "running" | "done" | "empty" | "error" | "info";

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

export interface PaneState {
  status: Status;
  running: boolean;
  live: boolean;
  results: ResultItem[];
  errors: ErrorItem[];
  warnings: string[];
}

export const initialState = (): PaneState => ({
  status: { kind: "idle", text: "Insert the sample model or select your functions table, then select Run model." },
  running: false,
  live: false,
  results: [],
  errors: [],
  warnings: [],
});

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  STAFF_AUG: "Staff augmentation",
  BPO: "BPO",
  BRIDGE: "Bridge: staff augmentation until BPO goes live",
  DOCUMENT_FIRST: "Document the process first",
};

export function breakEvenText(month: number | null, horizon: number): string {
  return month === null ? `No break-even within ${horizon} months` : `Break-even in month ${month}`;
}

export function errorItem(error: LocatedError): ErrorItem {
  const where = error.address ?? (error.row === null ? "Assumptions" : `Data row ${error.row}`);
  return { address: error.address, where, message: error.message };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The pane after a run. */
export function afterRun(state: PaneState, outcome: RunOutcome): PaneState {
  if (outcome.kind === "no-functions") {
    return { ...state, running: false, status: { kind: "empty", text: outcome.message }, results: [], errors: [], warnings: [] };
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
  const parts = [`Modelled ${plural(results.length, "function")}`];
  if (errors.length > 0) parts.push(`${plural(errors.length, "input error")} (marked in red; select one to go to its cell)`);
  const text = `${parts.join("; ")}. Results are on the Sourcing Results sheet.`;
  return {
    ...state,
    running: false,
    status: { kind: errors.length > 0 ? "error" : "done", text },
    results,
    errors,
    warnings: outcome.result.warnings.map((w) => w.message),
  };
}

export function afterInsert(state: PaneState, outcome: InsertSampleOutcome): PaneState {
  return { ...state, running: false, status: { kind: outcome.inserted ? "info" : "error", text: outcome.message } };
}

export const running = (state: PaneState, text = "Running the model…"): PaneState => ({ ...state, running: true, status: { kind: "running", text } });

/** A failure the adapter could not turn into results: its message, plus Excel's error code when there is one. */
export function afterFailure(state: PaneState, error: unknown): PaneState {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : undefined;
  const userFacing = error instanceof Error && error.name === "SourcingUserError";
  const text = userFacing ? message : `Excel could not complete the request: ${message}${code ? ` (${code})` : ""}`;
  return { ...state, running: false, status: { kind: "error", text } };
}
