import { describe, expect, it } from "vitest";
import { evaluate, sampleInput, sensitivity, type CellValue } from "../../src/model";

/**
 * A hand-checked case: 1 FTE, 12 months, no discounting, ramps, escalation, overheads or BPO extras.
 * SA costs rate × 160 h = 8,000 a month, BPO the fee, 6,000: saving = 12 × 2,000 = 24,000.
 *  - SA hourly rate, range 45..70: saving 12 × (7,200 − 6,000) = 14,400 .. 12 × (11,200 − 6,000) = 62,400, swing 48,000
 *  - hours per month ±20% (128..192): saving 12 × 400 = 4,800 .. 12 × 3,600 = 43,200, swing 38,400
 *  - BPO fee ±20% (4,800..7,200): saving 38,400 .. 9,600, swing 28,800
 *  - headcount ±20% (0.8..1.2): saving 19,200 .. 28,800, swing 9,600
 *  - every other input is 0 or acts on a zero term: swing 0.
 */
const assumptions: Record<string, CellValue> = {
  horizonMonths: 12,
  discountRateAnnual: 0,
  hoursPerMonth: 160,
  managerMonthlyCost: 10000,
};
const row: Record<string, CellValue> = {
  function: "Hand",
  headcount: 1,
  saHourlyRate: 50,
  saHourlyRateMin: 45,
  saHourlyRateMax: 70,
  bpoMonthlyFeePerFte: 6000,
  saRampDays: 0,
  saMgmtShare: 0,
  saAnnualEscalation: 0,
  bpoRampWeeks: 0,
  bpoGovernanceShare: 0,
  bpoChangeOrdersPerYear: 0,
  bpoAnnualEscalation: 0,
};

describe("sensitivity (tornado)", () => {
  it("orders the hand-checked case by the swing in saving", () => {
    const result = sensitivity({ assumptions, functions: [row] });
    expect(result.errors).toEqual([]);
    const [fn] = result.results;
    expect(fn.saving).toBeCloseTo(24000, 6);
    const top = fn.bars
      .slice(0, 4)
      .map((b) => [
        b.key,
        b.basis,
        b.low,
        b.high,
        Math.round(b.savingLow),
        Math.round(b.savingHigh),
        Math.round(b.savingSwing),
      ]);
    expect(top).toEqual([
      ["saHourlyRate", "range", 45, 70, 14400, 62400, 48000],
      ["hoursPerMonth", "percent", 128, 192, 4800, 43200, 38400],
      ["bpoMonthlyFeePerFte", "percent", 4800, 7200, 38400, 9600, 28800],
      ["headcount", "percent", 0.8, 1.2, 19200, 28800, 9600],
    ]);
    for (const bar of fn.bars.slice(4)) expect(bar.savingSwing, bar.key).toBeLessThan(1e-6);
    // Every bar is what evaluate() gives with that one input moved.
    for (const bar of fn.bars) {
      if (bar.scope !== "function") continue;
      const low = evaluate({
        assumptions,
        functions: [{ ...row, [bar.key]: bar.low, [`${bar.key}Min`]: null, [`${bar.key}Max`]: null }],
      }).results[0];
      expect(low.npv.STAFF_AUG - low.npv.BPO, bar.key).toBe(bar.savingLow);
    }
  });

  it("breaks ties by the swing in break-even month, then by the order of the fields", () => {
    // Without the range, SA hourly rate and hours per month move the saving alike (38,400); neither moves the
    // break-even (month 1 throughout), so the table's order decides: the rate (a row field) comes first.
    const { saHourlyRateMin: _min, saHourlyRateMax: _max, ...plain } = row;
    const [fn] = sensitivity({ assumptions, functions: [plain] }).results;
    expect(fn.bars.slice(0, 2).map((b) => [b.key, Math.round(b.savingSwing), b.breakEvenSwing])).toEqual([
      ["saHourlyRate", 38400, 0],
      ["hoursPerMonth", 38400, 0],
    ]);
    // A one-time transition cost moves the break-even: with an equal saving swing it would rank first.
    const withTransition = sensitivity({ assumptions, functions: [{ ...plain, bpoTransitionCost: 10000 }] }).results[0];
    const transition = withTransition.bars.find((b) => b.key === "bpoTransitionCost");
    expect(transition?.breakEvenSwing).toBeGreaterThan(0);
  });

  it("clamps moved values to the field's valid range and ranks the sample", () => {
    const result = sensitivity({ assumptions: {}, functions: [{ ...row, saMgmtShare: 0.9 }] });
    const share = result.results[0].bars.find((b) => b.key === "saMgmtShare");
    expect([share?.low, share?.high]).toEqual([0.9 * 0.8, 1]);
    const sample = sensitivity(sampleInput());
    for (const fn of sample.results) {
      const swings = fn.bars.map((b) => b.savingSwing);
      expect(swings).toEqual([...swings].sort((a, b) => b - a));
      expect(new Set(fn.bars.map((b) => b.key)).size).toBe(fn.bars.length);
    }
  });
});
