/**
 * The columns of the tables the add-in writes (results, schedule, analysis): a header, an Excel number format, and
 * cells that are text or numbers. Pure: shared by the Excel writers (src/excel) and the analysis sheet's shaping
 * (analysis-sheet.ts).
 */
import type { FieldSpec } from "../model/fields";

export type OutputCell = string | number;

/** Money: thousands separators, a negative amount in parentheses as finance reads it (docs/model.md P6.5). */
export const MONEY_FORMAT = "#,##0;(#,##0)";
export const MONTH_FORMAT = "0";
export const TEXT_FORMAT = "@";
/** Rates and shares: 0.08 shows 8.0%. */
export const PERCENT_FORMAT = "0.0%";
/** Counts, months, days and weeks: whole numbers with separators; FRACTION_FORMAT where a value has a fraction. */
export const WHOLE_FORMAT = "#,##0";
export const FRACTION_FORMAT = "#,##0.00";

/** What a field holds, as fields.ts says. */
type FieldKind = FieldSpec["format"];

/**
 * The number format of an input cell, derived from the field's kind once for every host (the add-in's sample,
 * the example workbook): undefined leaves the cell General (text, yes/no).
 */
export function inputNumberFormat(kind: FieldKind, value?: unknown): string | undefined {
  switch (kind) {
    case "money":
      return MONEY_FORMAT;
    case "share":
      return PERCENT_FORMAT;
    case "count":
    case "months":
    case "days":
    case "weeks":
      return typeof value === "number" && !Number.isInteger(value) ? FRACTION_FORMAT : WHOLE_FORMAT;
    default:
      return undefined;
  }
}

export interface ColumnSpec {
  header: string;
  format: string;
}

/** Money columns name the workbook's currency in their header. */
export const moneyColumn =
  (currency: string) =>
  (label: string): ColumnSpec => ({ header: `${label} (${currency})`, format: MONEY_FORMAT });

/** Columns that share one number format, in order. */
export const columnsOf = (format: string, ...headers: string[]): ColumnSpec[] =>
  headers.map((header) => ({ header, format }));

/** Money columns in order, each header naming the workbook's currency. */
export const moneyColumns = (currency: string, ...labels: string[]): ColumnSpec[] =>
  labels.map((label) => moneyColumn(currency)(label));

/**
 * Text for a Text-formatted ("@") cell. Excel treats a leading apostrophe as its "this is text" marker even
 * there, so a text that itself starts with one gets a second.
 */
export const asText = (text: string): string => (text.startsWith("'") ? `'${text}` : text);

/** An empty cell where the model has no number (no break-even within the horizon, a function not modelled). */
export const blankIfMissing = (value: number | null | undefined): OutputCell =>
  value === null || value === undefined ? "" : value;
