import { describe, expect, it } from "vitest";
import { describeBreakEven, formatMoney, formatMonth, formatPercent, formatPercentOneDecimal } from "../../src/model";

describe("formatting for sentences, reports and the pane", () => {
  it("formats money as whole units with thousands separators", () => {
    expect(formatMoney(0, "USD")).toBe("USD 0");
    expect(formatMoney(999.5, "USD")).toBe("USD 1,000");
    expect(formatMoney(1234567.49, "EUR")).toBe("EUR 1,234,567");
    expect(formatMoney(-1234.6, "GBP")).toBe("GBP (1,235)");
    expect(formatMoney(123456789012, "USD")).toBe("USD 123,456,789,012");
    expect(formatMoney(5e22, "USD")).toBe("USD 5.000e+22");
  });

  it("formats shares as percentages with at most one decimal", () => {
    expect(formatPercent(0.05)).toBe("5%");
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(1)).toBe("100%");
  });

  it("formats shares for table columns with exactly one decimal", () => {
    expect(formatPercentOneDecimal(0.05)).toBe("5.0%");
    expect(formatPercentOneDecimal(0.1234)).toBe("12.3%");
    expect(formatPercentOneDecimal(1)).toBe("100.0%");
    expect(formatPercentOneDecimal(0)).toBe("0.0%");
  });

  it("formats a month, or none where there is no such month", () => {
    expect(formatMonth(1)).toBe("1");
    expect(formatMonth(36)).toBe("36");
    expect(formatMonth(null)).toBe("none");
    expect(formatMonth(undefined)).toBe("none");
  });

  it("describes the break-even month", () => {
    expect(describeBreakEven(null, 36)).toBe("no break-even within 36 months");
    expect(describeBreakEven(1, 36)).toBe("BPO is cheaper than staff augmentation from month 1");
    expect(describeBreakEven(6, 36)).toBe("BPO breaks even with staff augmentation in month 6");
  });
});
