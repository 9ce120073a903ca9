/**
 * Numbers as words in sentences and reports: money, shares and months, written the same on every host (no locale
 * data), for the rationale, the command line and the task pane alike; and the words people read for the model's
 * codes (docs/model.md P6.5), so every host shows "Staff augmentation" where the JSON says STAFF_AUG.
 */
import type { Recommendation, Strategy } from "./types";

/** What people read for each recommendation code: the pane, the sheets, the custom functions, the export. */
export const RECOMMENDATION_LABELS: Readonly<Record<Recommendation, string>> = {
  STAFF_AUG: "Staff augmentation",
  BPO: "BPO",
  BRIDGE: "Bridge",
  DOCUMENT_FIRST: "Document the process first",
};

/** What people read for each strategy code, capitalised as a column header or a cell starts. */
export const STRATEGY_LABELS: Readonly<Record<Strategy, string>> = {
  STAFF_AUG: "Staff augmentation",
  BPO: "BPO",
  BRIDGE: "Bridge",
};

/** A missing break-even (or crossover) month where a person reads it: never an error value, never a blank. */
export const noMonthWithin = (horizonMonths: number): string => `None within ${horizonMonths} months`;

/** A whole number below 1e21 with thousands separators ("1,234,567"), the same on every host (no locale data). */
function groupDigits(magnitude: number): string {
  const digits = String(magnitude);
  let grouped = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += ",";
    grouped += digits[i];
  }
  return grouped;
}

/**
 * Whole currency units with thousands separators, e.g. "USD 1,234,567", for sentences. A negative amount reads
 * "USD (125,800)", as finance writes it and as money cells show it (MONEY_FORMAT; docs/model.md P5.6, P6.5).
 */
export function formatMoney(amount: number, currency: string): string {
  const rounded = Math.round(amount);
  const magnitude = Math.abs(rounded);
  if (!(magnitude < 1e21)) return `${currency} ${amount.toExponential(3)}`; // beyond plain digits
  return rounded < 0 ? `${currency} (${groupDigits(magnitude)})` : `${currency} ${groupDigits(magnitude)}`;
}

/** A share as a percentage with at most one decimal, for sentences: 0.05 is "5%", 0.1234 is "12.3%". */
export const formatPercent = (share: number): string => {
  const pct = share * 100;
  // Thousands and beyond (a gap near the limits: docs/limits.md) in grouped digits, never "8.3e+23%".
  if (Math.abs(pct) >= 1000)
    return Math.abs(pct) < 1e21
      ? `${pct < 0 ? "-" : ""}${groupDigits(Math.abs(Math.round(pct)))}%`
      : `${pct.toExponential(3)}%`;
  return `${Number.isInteger(Math.round(pct * 10) / 10) ? Math.round(pct) : (Math.round(pct * 10) / 10).toFixed(1)}%`;
};

/** A share as a percentage with exactly one decimal, for table columns that line up: 0.05 is "5.0%". */
export const formatPercentOneDecimal = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** A month number, or "none" where there is no such month (no break-even within the horizon). */
export const formatMonth = (month: number | null | undefined): string =>
  month === null || month === undefined ? "none" : String(month);
