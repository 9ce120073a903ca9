import { describe, expect, it } from "vitest";
import { monthlyDiscountFactors, twelfthRoot, wholePower } from "../../src/model/powers";

describe("powers without Math.pow (same bits in every JavaScript engine)", () => {
  it("whole powers by multiplication", () => {
    expect(wholePower(1.03, 0)).toBe(1);
    expect(wholePower(1.5, 3)).toBe(3.375);
    expect(wholePower(0.5, 10)).toBe(1 / 1024);
  });

  it("the twelfth root is exact to the last bits", () => {
    expect(twelfthRoot(1)).toBe(1);
    expect(twelfthRoot(4096)).toBe(2);
    for (const a of [1.0001, 1.08, 1.5, 2]) {
      const root = twelfthRoot(a);
      expect(Math.abs(root ** 12 - a) / a).toBeLessThan(1e-15);
    }
  });

  it("discount factors agree with (1 + r)^(−m/12) far inside 1e-9", () => {
    for (const rate of [0, 0.001, 0.08, 0.35, 1]) {
      const factors = monthlyDiscountFactors(rate, 600);
      factors.forEach((v, i) => {
        const exact = Math.pow(1 + rate, -(i + 1) / 12);
        expect(Math.abs(v - exact) / exact).toBeLessThan(1e-12);
      });
    }
  });
});
