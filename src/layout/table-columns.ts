/**
 * The columns of the tables the add-in writes (results, schedule, analysis): a header, an Excel number format, and
 * cells that are text or numbers. Pure: shared by the Excel writers (src/excel) and the analysis sheet's shaping
 * (analysis-sheet.ts).
 */
export type OutputCell = string | number;

export const MONEY_FORMAT = "#,##0";
export const MONTH_FORMAT = "0";
export const TEXT_FORMAT = "@";

export interface ColumnSpec {
  header: string;
  format: string;
}

/** Money columns name the workbook's currency in their header. */
export const moneyColumn =
  (currency: string) =>
  (label: string): ColumnSpec => ({ header: `${label} (${currency})`, format: MONEY_FORMAT });

/**
 * Text for a Text-formatted ("@") cell. Excel treats a leading apostrophe as its "this is text" marker even
 * there, so a text that itself starts with one gets a second.
 */
export const asText = (text: string): string => (text.startsWith("'") ? `'${text}` : text);

/** An empty cell where the model has no number (no break-even within the horizon, a function not modelled). */
export const blankIfMissing = (value: number | null | undefined): OutputCell =>
  value === null || value === undefined ? "" : value;
