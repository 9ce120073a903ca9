/**
 * The results and schedule tables the add-in writes, built from the model's result (pure: no Office), and the
 * size of an Excel request that carries them. The model computes every number; this module only arranges them
 * (the monthly and cumulative columns are the engine's own series, `result.series`, never summed again here).
 *
 * "Saving vs staff augmentation (NPV)" = NPV of staff augmentation − NPV of the recommended strategy, over the
 * horizon at the discount rate. Positive: the recommendation costs that much less than staff augmentation in
 * today's money; 0 when staff augmentation is recommended; negative when staff augmentation was ruled out (no
 * management capacity) and the recommended strategy costs more; blank for DOCUMENT_FIRST.
 *
 * People read words (docs/model.md P6.5): the Recommendation column shows "Staff augmentation", "Bridge", …, and a
 * month the model does not reach reads "None within 36 months". Formulas that test the result read the last
 * column, "Recommendation code" (STAFF_AUG, BPO, BRIDGE, DOCUMENT_FIRST), and ISNUMBER() on the month columns.
 */
import { RECOMMENDATION_LABELS, noMonthWithin, type FunctionResult, type ModelResult } from "../model";
import { MONTH_FORMAT, TEXT_FORMAT, asText, blankIfMissing, columnsOf, moneyColumns } from "../layout/table-columns";
import type { ColumnSpec, OutputCell } from "../layout/table-columns";

export function resultsColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(TEXT_FORMAT, "Function", "Recommendation"),
    ...columnsOf(MONTH_FORMAT, "Break-even month", "Discounted break-even month", "Run-rate crossover month"),
    ...moneyColumns(
      currency,
      "Total staff augmentation",
      "Total BPO",
      "Total bridge",
      "NPV staff augmentation",
      "NPV BPO",
      "NPV bridge",
      "Saving vs staff augmentation, NPV",
    ),
    ...columnsOf(TEXT_FORMAT, "Rationale", RECOMMENDATION_CODE_HEADER),
  ];
}

/** The column formulas read the recommendation from: the model's code, last so the words come first. */
export const RECOMMENDATION_CODE_HEADER = "Recommendation code";

/** A month, or the words for none within the horizon (never a blank a reader must decode). */
const monthOrNone = (month: number | null, horizonMonths: number): OutputCell =>
  month === null ? noMonthWithin(horizonMonths) : month;

/** NPV(STAFF_AUG) − NPV(recommended); null for DOCUMENT_FIRST. */
export function savingVsStaffAug(result: FunctionResult): number | null {
  if (result.recommendation === "DOCUMENT_FIRST") return null;
  return result.npv.STAFF_AUG - result.npv[result.recommendation];
}

export function resultsRow(result: FunctionResult): OutputCell[] {
  const horizon = result.series.monthly.STAFF_AUG.length;
  return [
    asText(result.function),
    RECOMMENDATION_LABELS[result.recommendation],
    monthOrNone(result.breakEvenMonth, horizon),
    monthOrNone(result.discountedBreakEvenMonth, horizon),
    monthOrNone(result.runRateCrossoverMonth, horizon),
    result.total.STAFF_AUG,
    result.total.BPO,
    result.total.BRIDGE,
    result.npv.STAFF_AUG,
    result.npv.BPO,
    result.npv.BRIDGE,
    blankIfMissing(savingVsStaffAug(result)),
    asText(result.rationale),
    result.recommendation,
  ];
}

export function scheduleColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(TEXT_FORMAT, "Function"),
    ...columnsOf(MONTH_FORMAT, "Month"),
    ...moneyColumns(
      currency,
      "Staff augmentation",
      "BPO",
      "Bridge",
      "Cumulative staff augmentation",
      "Cumulative BPO",
      "Cumulative bridge",
    ),
  ];
}

/** Column (0-based) of the first cumulative column in the schedule, for the charts. */
export const SCHEDULE_CUMULATIVE_COLUMN = 5;
export const SCHEDULE_MONTH_COLUMN = 1;

/** Month rows of one function: month, monthly cost and cumulative cost of each strategy, as the engine computed them. */
export function scheduleRows(result: FunctionResult): OutputCell[][] {
  const { monthly, cumulative } = result.series;
  const name = asText(result.function);
  const rows: OutputCell[][] = [];
  for (let i = 0; i < monthly.STAFF_AUG.length; i++) {
    rows.push([
      name,
      i + 1,
      monthly.STAFF_AUG[i],
      monthly.BPO[i],
      monthly.BRIDGE[i],
      cumulative.STAFF_AUG[i],
      cumulative.BPO[i],
      cumulative.BRIDGE[i],
    ]);
  }
  return rows;
}

export function allScheduleRows(result: ModelResult): OutputCell[][] {
  const rows: OutputCell[][] = [];
  for (const r of result.results) for (const row of scheduleRows(r)) rows.push(row);
  return rows;
}

export function chartTitle(result: FunctionResult, horizonMonths: number): string {
  const when =
    result.breakEvenMonth === null
      ? `no break-even within ${horizonMonths} months`
      : `break-even in month ${result.breakEvenMonth}`;
  return `${result.function}: ${when}`;
}

// ---- Request sizes ---------------------------------------------------------------------------------------------

/**
 * Bytes a write may put in one request. Excel on the web refuses requests over 5 MB; Office.js wraps each value
 * array in its own JSON envelope, so the budget keeps a 1 MB margin for that and for the small actions.
 */
export const REQUEST_BUDGET_BYTES = 4_000_000;

/** UTF-8 bytes of a value's JSON. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdbff ? (i++, 4) : 3;
  }
  return bytes;
}

/**
 * Splits rows into consecutive chunks whose JSON stays within `budget` bytes; the first chunk fills the
 * `firstBudget` left in the current request (a single row larger than a budget gets a chunk of its own). The
 * number of chunks follows the payload, never the row count as such.
 */
export function planChunks(
  rows: readonly unknown[][],
  budget = REQUEST_BUDGET_BYTES,
  firstBudget = budget,
): { start: number; end: number; bytes: number }[] {
  const chunks: { start: number; end: number; bytes: number }[] = [];
  let start = 0;
  let bytes = 2; // "[]"
  let limit = firstBudget;
  for (let i = 0; i < rows.length; i++) {
    const rowBytes = jsonBytes(rows[i]) + 1;
    if (bytes + rowBytes > limit && (i > start || chunks.length === 0)) {
      if (i > start) chunks.push({ start, end: i, bytes });
      start = i;
      bytes = 2;
      limit = budget;
    }
    bytes += rowBytes;
  }
  if (rows.length > start) chunks.push({ start, end: rows.length, bytes });
  return chunks;
}
