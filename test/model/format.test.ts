import { describe, expect, it } from "vitest";
import { describeBreakEven, formatMoney, formatPercent } from "../../src/model";

describe("formatting in rationale sentences", () => {
  it("formats money as whole units with thousands separators", () => {
    expect(formatMoney(0, "USD")).toBe("USD 0");
    expect(formatMoney(999.5, "USD")).toBe("USD 1,000");
    expect(formatMoney(1234567.49, "EUR")).toBe("EUR 1,234,567");
    expect(formatMoney(-1234.6, "GBP")).toBe("GBP -1,235");
    expect(formatMoney(123456789012, "USD")).toBe("USD 123,456,789,012");
    expect(formatMoney(5e22, "USD")).toBe("USD 5.000e+22");
  });

  it("formats shares as percentages with at most one decimal", () => {
    expect(formatPercent(0.05)).toBe("5%");
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(1)).toBe("100%");
  });

  it("describes the break-even month", () => {
    expect(describeBreakEven(null, 36)).toBe("no break-even within 36 months");
    expect(describeBreakEven(1, 36)).toBe("BPO is cheaper than staff augmentation from month 1");
    expect(describeBreakEven(6, 36)).toBe("BPO breaks even with staff augmentation in month 6");
  });
});
