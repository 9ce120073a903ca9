/** How the playground and the column widths show a value under the add-in's number formats, as Excel does. */
import { describe, expect, it } from "vitest";
import { displayText } from "../../src/layout/displayed-text";

describe("displayText", () => {
  it("keeps quoted text around the number: a standard error reads ± 0.4% or ± 1,234", () => {
    expect(displayText(0.003558370414, '"± "0.0%')).toBe("± 0.4%");
    expect(displayText(1234.4, '"± "#,##0')).toBe("± 1,234");
    expect(displayText(0, '"± "#,##0')).toBe("± 0");
    expect(displayText(12, '0" months"')).toBe("12 months");
    // The minus sign leads, as in Excel.
    expect(displayText(-1234, '"± "#,##0')).toBe("-± 1,234");
    // In a two-section money format the literal stays with its section.
    expect(displayText(-125800, '"USD "#,##0;("USD "#,##0)')).toBe("(USD 125,800)");
  });

  it("shows the formats the tables use without quoted text as before", () => {
    expect(displayText(2564816, "#,##0;(#,##0)")).toBe("2,564,816");
    expect(displayText(-125800, "#,##0;(#,##0)")).toBe("(125,800)");
    expect(displayText(0.08, "0.0%")).toBe("8.0%");
    expect(displayText(24.35, "#,##0.00")).toBe("24.35");
    expect(displayText("=Payroll", "@")).toBe("=Payroll");
  });

  it("shows zero by the third section: blank when it is empty, as the portfolio timeline's months", () => {
    expect(displayText(0, "#,##0;-#,##0;")).toBe("");
    expect(displayText(34, "#,##0;-#,##0;")).toBe("34");
    expect(displayText(-2, "#,##0;-#,##0;")).toBe("-2");
    expect(displayText(0, '#,##0;-#,##0;"none"')).toBe("none");
  });
});
