/** Column widths from content (src/layout/column-widths.ts): numbers and headers fit, long text is capped and wraps. */
import { describe, expect, it } from "vitest";
import {
  CELL_PADDING_PX,
  FILTER_BUTTON_PX,
  HEADER_LINE_POINTS,
  MAX_COLUMN_POINTS,
  MIN_COLUMN_POINTS,
  PX_PER_CHARACTER,
  POINTS_PER_PX,
  fitColumns,
  shownAs,
  textWidthPoints,
  widestOf,
} from "../../src/layout/column-widths";
import { MONEY_FORMAT, PERCENT_FORMAT, TEXT_FORMAT } from "../../src/layout/table-columns";

describe("textWidthPoints", () => {
  it("counts 7 px a character plus the cell's margin, in points (0.75 pt a pixel)", () => {
    expect(textWidthPoints("2,564,800")).toBe((9 * PX_PER_CHARACTER + CELL_PADDING_PX) * POINTS_PER_PX);
    expect(textWidthPoints("2,564,800")).toBeCloseTo(53.25);
  });
});

describe("fitColumns", () => {
  it("fits a money column to both its amount as shown (USD 2,564,800) and its header, within the limits", () => {
    const [fit] = fitColumns([{ header: "NPV, staff augmentation", format: MONEY_FORMAT }], [[2564800], [-125800]]);
    const header = textWidthPoints("NPV, staff augmentation", FILTER_BUTTON_PX);
    expect(fit.width).toBeGreaterThanOrEqual(header);
    expect(fit.width).toBeGreaterThanOrEqual(textWidthPoints("2,564,800"));
    expect(fit.width).toBeLessThanOrEqual(MAX_COLUMN_POINTS);
    expect(fit.width).toBeLessThan(header + 1); // no wider than it needs
    expect(fit.wrap).toBe(false);
  });

  it("wraps a long header onto two lines rather than widening the column past the header line", () => {
    const header = "Saving vs staff augmentation, NPV (USD)";
    const [fit] = fitColumns([{ header, format: MONEY_FORMAT }], [[2564800]]);
    expect(textWidthPoints(header, FILTER_BUTTON_PX)).toBeGreaterThan(HEADER_LINE_POINTS);
    expect(fit.width).toBe(HEADER_LINE_POINTS);
    // Wrapped word by word as Excel does, it takes two lines, each within the column.
    const lines: string[] = [];
    for (const word of header.split(" ")) {
      const joined = lines.length > 0 ? `${lines[lines.length - 1]} ${word}` : word;
      if (lines.length > 0 && textWidthPoints(joined, FILTER_BUTTON_PX) <= fit.width) lines[lines.length - 1] = joined;
      else lines.push(word);
    }
    expect(lines).toEqual(["Saving vs staff", "augmentation, NPV (USD)"]);
    for (const line of lines) expect(textWidthPoints(line, FILTER_BUTTON_PX)).toBeLessThanOrEqual(fit.width);
  });

  it("keeps a header's longest word on one line", () => {
    const word = "Supercalifragilisticexpialidocious-overhead";
    const [fit] = fitColumns([{ header: `A ${word}`, format: TEXT_FORMAT }], [["x"]]);
    expect(fit.width).toBeGreaterThanOrEqual(textWidthPoints(word, FILTER_BUTTON_PX));
  });

  it("lets a large amount, not a short header, set the width, and counts a negative's parentheses", () => {
    const [fit] = fitColumns([{ header: "NPV", format: MONEY_FORMAT }], [[1], [-12345678901]]);
    expect(fit.width).toBeGreaterThanOrEqual(textWidthPoints("(12,345,678,901)"));
    expect(fit.width).toBeLessThan(textWidthPoints("(12,345,678,901)") + 1);
  });

  it("keeps a short column at the minimum width", () => {
    const [fit] = fitColumns([{ header: "Month", format: "0" }], [[1], [36]], { tableHeader: false });
    expect(fit).toEqual({ width: MIN_COLUMN_POINTS, wrap: false });
  });

  it("measures percentages as shown (12.5%), not as stored (0.125)", () => {
    const [fit] = fitColumns([{ header: "P", format: PERCENT_FORMAT }], [[0.125]], { tableHeader: false });
    expect(shownAs(0.125, PERCENT_FORMAT)).toBe("12.5%");
    expect(fit.width).toBe(MIN_COLUMN_POINTS);
    const [wide] = fitColumns([{ header: "P", format: PERCENT_FORMAT }], [[123456.5]], { tableHeader: false });
    expect(wide.width).toBeCloseTo(textWidthPoints("12345650.0%"), 1);
  });

  it("caps the rationale column at the maximum width and wraps it", () => {
    const rationale =
      "BPO is cheaper over 36 months and breaks even in month 14; the bridge costs more because the staff augmentation overlap runs for six months.";
    const [name, text] = fitColumns(
      [
        { header: "Function", format: TEXT_FORMAT },
        { header: "Rationale", format: TEXT_FORMAT },
      ],
      [["Payroll", rationale]],
    );
    expect(text).toEqual({ width: MAX_COLUMN_POINTS, wrap: true });
    expect(name.wrap).toBe(false);
    expect(name.width).toBeLessThan(MAX_COLUMN_POINTS);
  });
});

describe("widestOf", () => {
  it("gives each column the widest of the tables stacked in it, and wraps where any of them wraps", () => {
    const merged = widestOf([
      [
        { width: 60, wrap: false },
        { width: 80, wrap: false },
      ],
      [
        { width: 90, wrap: false },
        { width: 70, wrap: true },
        { width: 100, wrap: false },
      ],
    ]);
    expect(merged).toEqual([
      { width: 90, wrap: false },
      { width: 80, wrap: true },
      { width: 100, wrap: false },
    ]);
  });
});
