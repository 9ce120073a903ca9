/** Chart labels chosen to fit rather than cut: the histogram's ranges and the tornado's short input names. */
import { describe, expect, it } from "vitest";
import {
  CHART_LABEL_MAX,
  TORNADO_SHORT_LABELS,
  histogramRangeLabels,
  tornadoChartLabel,
} from "../../src/layout/analysis-sheet";
import { SENSITIVITY_ASSUMPTION_KEYS, SENSITIVITY_FUNCTION_KEYS } from "../../src/model/sensitivity";
import { svgDashOf, STRATEGY_LINES } from "../../src/layout/chart-looks";

const bins = (from: number, width: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ from: from + i * width, to: from + (i + 1) * width }));

describe("histogramRangeLabels", () => {
  it("reads as a range with one unit per chart: 258k–290k, not '258k to 2…'", () => {
    expect(histogramRangeLabels(bins(258_000, 32_000, 3))).toEqual(["258k–290k", "290k–322k", "322k–354k"]);
    expect(histogramRangeLabels(bins(1_250_000, 60_000, 2))).toEqual(["1.25M–1.31M", "1.31M–1.37M"]);
    expect(histogramRangeLabels(bins(-40_000, 30_000, 3))).toEqual(["−40k–−10k", "−10k–20k", "20k–50k"]);
    expect(histogramRangeLabels(bins(0, 500, 2))).toEqual(["0–500", "500–1000"]);
    expect(histogramRangeLabels([])).toEqual([]);
  });

  it("keeps neighbouring labels apart and within the chart label length, from narrow to wide ranges", () => {
    for (const [from, width] of [
      [-2_500_000, 1_000],
      [12_345, 678],
      [-98_765_432, 4_321_000],
      [999_000, 100],
      [0, 3],
    ]) {
      const labels = histogramRangeLabels(bins(from, width, 20));
      for (const label of labels) expect(label.length, label).toBeLessThanOrEqual(CHART_LABEL_MAX);
      // Each label's end is the next one's start, so the ranges read as steps: no two labels the same.
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe("tornado short labels", () => {
  it("has a deliberate short label for every input the tornado moves, within the chart label length", () => {
    for (const key of [...SENSITIVITY_FUNCTION_KEYS, ...SENSITIVITY_ASSUMPTION_KEYS]) {
      const label = TORNADO_SHORT_LABELS[key];
      expect(label, key).toBeDefined();
      expect(label.length, key).toBeLessThanOrEqual(CHART_LABEL_MAX);
    }
    expect(new Set(Object.values(TORNADO_SHORT_LABELS)).size).toBe(Object.keys(TORNADO_SHORT_LABELS).length);
    expect(tornadoChartLabel("bpoMonthlyFeePerFte", "BPO monthly fee per FTE")).toBe("BPO fee");
    // An input without a short label keeps its full name rather than being cut.
    expect(tornadoChartLabel("somethingNew", "Something new and long")).toBe("Something new and long");
  });
});

describe("strategy lines", () => {
  it("differ by dash pattern as well as colour, and draw as distinct SVG dashes", () => {
    expect(STRATEGY_LINES.map((line) => line.name)).toEqual(["Staff augmentation", "BPO", "Bridge"]);
    const dashes = STRATEGY_LINES.map((line) => svgDashOf(line.lineStyle));
    expect(new Set(dashes).size).toBe(3);
  });
});
