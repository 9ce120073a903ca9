/**
 * Column widths for the tables the add-in writes, computed from what Excel will show: the header and every cell
 * as its number format displays it (2,564,800, (125,800), 8.0%). Pure, so the widths are set in the same request
 * as the values, with no autofit round trip and no measuring in the host.
 *
 * The estimate: Excel's default font, Calibri 11, draws a digit 7 px wide (Excel's "maximum digit width" at
 * 100 % zoom); letters average less, capitals and bold a little more, so 7 px a character is a safe upper bound
 * for the text the add-in writes. A cell adds about 5 px of margin; a table header adds its filter button.
 * Excel measures column widths in points, 0.75 pt a pixel at 96 dpi.
 */
import { displayText } from "./displayed-text";
import type { ColumnSpec, OutputCell } from "./table-columns";

export const PX_PER_CHARACTER = 7;
export const POINTS_PER_PX = 0.75;
/** Cell margins and gridline. */
export const CELL_PADDING_PX = 8;
/** The filter button a table header carries on its right. */
export const FILTER_BUTTON_PX = 16;
/** Narrowest column the add-in sets: a little more than Excel's default 8.43 characters (64 px, 48 pt). */
export const MIN_COLUMN_POINTS = 54;
/** Widest column: longer text (a rationale, a long header) wraps within it rather than running off screen. */
export const MAX_COLUMN_POINTS = 300;
/**
 * A header longer than this wraps onto a second line rather than widening its column (the header row wraps), so a
 * table of long headers and short amounts stays on screen; its longest word still fits on one line.
 */
export const HEADER_LINE_POINTS = 140;

export interface ColumnFit {
  /** Width in points (Range.format.columnWidth). */
  width: number;
  /** The column's cells hold text longer than the widest column: wrap them (the header row always wraps). */
  wrap: boolean;
}

/** Points a one-line text needs in a cell, by the estimate above. */
export function textWidthPoints(text: string, extraPx = 0): number {
  return (text.length * PX_PER_CHARACTER + CELL_PADDING_PX + extraPx) * POINTS_PER_PX;
}

/** Longest displayed text among a column's cells. */
function longestDisplayed(rows: readonly OutputCell[][], column: number, format: string): string {
  // A number's displayed length grows with its size in these formats, so the largest and the most negative
  // number stand for all of them (one pass, no formatting per cell on a schedule of 240,000 rows).
  let longestText = "";
  let largest: number | undefined;
  let mostNegative: number | undefined;
  for (const row of rows) {
    const value = row[column];
    if (typeof value === "number") {
      if (largest === undefined || Math.abs(value) > Math.abs(largest)) largest = value;
      if (value < 0 && (mostNegative === undefined || value < mostNegative)) mostNegative = value;
    } else if (value !== undefined && value.length > longestText.length) longestText = value;
  }
  const candidates = [longestText];
  for (const value of [largest, mostNegative]) if (value !== undefined) candidates.push(displayText(value, format));
  return candidates.reduce((a, b) => (b.length > a.length ? b : a));
}

/**
 * The width of each column: wide enough for every cell as displayed and for its header on one line (on two or more
 * beyond HEADER_LINE_POINTS), between MIN_COLUMN_POINTS and MAX_COLUMN_POINTS. Text wider than that wraps; numbers
 * always fit (they are far shorter).
 */
export function fitColumns(
  columns: readonly ColumnSpec[],
  rows: readonly OutputCell[][],
  options: { tableHeader?: boolean } = {},
): ColumnFit[] {
  const headerExtra = options.tableHeader === false ? 0 : FILTER_BUTTON_PX;
  return columns.map((column, c) => {
    const content = textWidthPoints(longestDisplayed(rows, c, column.format));
    const longestWord = column.header.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), "");
    const header = Math.min(
      textWidthPoints(column.header, headerExtra),
      Math.max(HEADER_LINE_POINTS, textWidthPoints(longestWord, headerExtra)),
    );
    const needed = Math.max(content, header);
    return {
      width: Math.round(Math.min(MAX_COLUMN_POINTS, Math.max(MIN_COLUMN_POINTS, needed)) * 4) / 4,
      wrap: content > MAX_COLUMN_POINTS,
    };
  });
}

/** Widths for tables stacked in the same columns (the analysis sheet): each column as wide as its widest. */
export function widestOf(fits: readonly ColumnFit[][]): ColumnFit[] {
  const merged: ColumnFit[] = [];
  for (const fit of fits)
    fit.forEach((column, c) => {
      const seen = merged[c];
      merged[c] = seen ? { width: Math.max(seen.width, column.width), wrap: seen.wrap || column.wrap } : { ...column };
    });
  return merged;
}

/** A cell of an input table as Excel shows it under its number format (General when it has none). */
export const shownAs = (value: string | number | boolean | null | undefined, format: string | undefined): string =>
  value === null || value === undefined ? "" : displayText(value, format ?? "General");

/** A column of text already shown as Excel shows it (shownAs), for fitColumns. */
export const shownColumn = (header: string): ColumnSpec => ({ header, format: "@" });
