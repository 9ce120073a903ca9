/** The pure parts of the drawing: chart scales and ticks, and the grid's number formats. */
import { describe, expect, it } from "vitest";
import { displayText } from "../../src/layout/displayed-text";
import { chartGeometry, compactNumber, niceTicks } from "../../src/taskpane/line-chart";

describe("line chart geometry", () => {
  it("picks 1-2-5 ticks that cover the data and include zero", () => {
    expect(niceTicks(0, 2_564_816, 4)).toEqual([0, 1_000_000, 2_000_000, 3_000_000]);
    expect(niceTicks(0, 95, 4)).toEqual([0, 50, 100]);
    expect(niceTicks(-30, 70, 4)).toEqual([-50, 0, 50, 100]);
    expect(niceTicks(5, 5)).toEqual([4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]);
  });

  it("maps months to x and costs to y inside the plot, and marks the break-even month", () => {
    const g = chartGeometry({
      title: "t",
      categories: [1, 2, 3, 4],
      series: [
        { name: "a", values: [0, 10, 20, 30] },
        { name: "b", values: [5, null, 15, 25] },
      ],
      marker: { index: 2, label: "m" },
      width: 300,
      height: 200,
    });
    expect(g.paths[0].startsWith(`M${g.plot.left.toFixed(1)} ${g.plot.bottom.toFixed(1)}`)).toBe(true);
    expect(g.paths[0].split("L")).toHaveLength(4);
    expect(g.paths[1].match(/M/g)).toHaveLength(2); // a gap where the value is missing
    expect(g.markerX).toBeCloseTo(g.plot.left + ((g.plot.right - g.plot.left) * 2) / 3, 6);
    expect(g.xTicks.map((t) => t.label)).toEqual(["1", "2", "3", "4"]);
    expect(g.yTicks[0].y).toBe(g.plot.bottom);
  });

  it("writes short axis labels", () => {
    expect([
      compactNumber(0),
      compactNumber(950),
      compactNumber(1500),
      compactNumber(2_000_000),
      compactNumber(-250_000),
    ]).toEqual(["0", "950", "1.5k", "2M", "−250k"]);
  });
});

describe("grid number formats", () => {
  it("shows values as Excel would under the formats the add-in writes", () => {
    expect(displayText(1853884.4, "#,##0")).toBe("1,853,884");
    expect(displayText(1853884.4, "#,##0;(#,##0)")).toBe("1,853,884");
    expect(displayText(-125800.2, "#,##0;(#,##0)")).toBe("(125,800)");
    expect(displayText(0.08, "0.0%")).toBe("8.0%");
    expect(displayText(21.5, "#,##0.00")).toBe("21.50");
    expect(displayText(6, "0")).toBe("6");
    expect(displayText(0.05, "0%")).toBe("5%");
    expect(displayText(0.08, "General")).toBe("0.08");
    expect(displayText(1 / 3, "General")).toBe("0.3333333333");
    expect(displayText("=Payroll", "@")).toBe("=Payroll");
    expect(displayText(true, "General")).toBe("TRUE");
    expect(displayText("", "General")).toBe("");
  });
});
