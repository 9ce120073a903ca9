/**
 * Hand-computed expectations for docs/model.md §3–§4. The "hand case" (helpers.ts) is chosen so that every term is
 * a round number: N = 2, 50/h × 160 h, a one-month SA ramp (21 days) and a one-month BPO ramp (4.2 weeks).
 */
import { describe, expect, it } from "vitest";
import { evaluate, liveShare, productiveShare, rampDaysInMonth } from "../../src/model";
import { baseAssumptions, close, handRow } from "./helpers";

const D = 21;

describe("ramps (docs/model.md §3)", () => {
  it("a ramp shorter than a month: 4 days", () => {
    expect(rampDaysInMonth(4, 1, D)).toBe(4);
    expect(liveShare(4, 1, D)).toBeCloseTo(17 / 21, 15);
    expect(productiveShare("step", 4, 1, D)).toBeCloseTo(17 / 21, 15);
    // linear: a = 0 < R = 4 < b = 21 → I = (16 − 0)/8 + (21 − 4) = 19
    expect(productiveShare("linear", 4, 1, D)).toBeCloseTo(19 / 21, 15);
    expect(liveShare(4, 2, D)).toBe(1);
    expect(productiveShare("linear", 4, 2, D)).toBe(1);
  });

  it("a ramp of exactly one month: 21 days", () => {
    expect(rampDaysInMonth(21, 1, D)).toBe(21);
    expect(liveShare(21, 1, D)).toBe(0);
    // linear: b = R = 21 → I = 441 / 42 = 10.5
    expect(productiveShare("linear", 21, 1, D)).toBeCloseTo(0.5, 15);
    expect(rampDaysInMonth(21, 2, D)).toBe(0);
    expect(productiveShare("linear", 21, 2, D)).toBe(1);
  });

  it("a ramp longer than a month: 8 weeks = 40 days", () => {
    expect(rampDaysInMonth(40, 1, D)).toBe(21);
    expect(rampDaysInMonth(40, 2, D)).toBe(19);
    expect(liveShare(40, 2, D)).toBeCloseTo(2 / 21, 15);
    // linear month 1: b = 21 ≤ 40 → I = 441 / 80
    expect(productiveShare("linear", 40, 1, D)).toBeCloseTo(441 / 80 / 21, 15);
    // linear month 2: a = 21 < 40 < b = 42 → I = (1600 − 441)/80 + 2
    expect(productiveShare("linear", 40, 2, D)).toBeCloseTo(((1600 - 441) / 80 + 2) / 21, 15);
    expect(productiveShare("linear", 40, 3, D)).toBe(1);
  });

  it("no ramp: live and productive from day one", () => {
    expect(liveShare(0, 1, D)).toBe(1);
    expect(productiveShare("step", 0, 1, D)).toBe(1);
    expect(productiveShare("linear", 0, 1, D)).toBe(1);
  });
});

describe("monthly costs, hand case (docs/model.md §4)", () => {
  const result = evaluate({ assumptions: baseAssumptions(), functions: [handRow()] });
  const r = result.results[0];
  const month = (m: number) => r.monthly[m - 1];

  it("models the row without errors", () => {
    expect(result.errors).toEqual([]);
    expect(r.monthly).toHaveLength(14);
  });

  it("month 1: SA ramping, BPO in transition, bridge covers with SA", () => {
    // SA: fees 16,000 + management 10,000 + overhead 200 + onboarding 2,000 + attrition 2·0.1·(1,000 + 8,000) + delay 2,000
    expect(month(1).STAFF_AUG).toBeCloseTo(32000, 9);
    // BPO: transition 2,100 (all 21 ramp days) + delay 2,000; no fees before go-live
    expect(month(1).BPO).toBeCloseTo(4100, 9);
    // Bridge: s = 1 → 28,000 of SA terms + onboarding 2,000 + transition 2,100 + delay 2,000
    expect(month(1).BRIDGE).toBeCloseTo(34100, 9);
  });

  it("month 2: both live", () => {
    expect(month(2).STAFF_AUG).toBeCloseTo(28000, 9);
    expect(month(2).BPO).toBeCloseTo(11100, 9); // fees 10,000 + governance 1,000 + change orders 100
    expect(month(2).BRIDGE).toBeCloseTo(11100, 9);
  });

  it("escalation applies from month 13, not month 12", () => {
    expect(month(12).STAFF_AUG).toBeCloseTo(28000, 9);
    expect(month(12).BPO).toBeCloseTo(11100, 9);
    // SA fees 16,000 × 1.1; attrition 2·0.1·(1,000 + 8,800)
    expect(month(13).STAFF_AUG).toBeCloseTo(17600 + 10000 + 200 + 1960, 9);
    // BPO fees 10,000 × 1.2, governance 10%
    expect(month(13).BPO).toBeCloseTo(12000 + 1200 + 100, 9);
  });

  it("totals and components add up", () => {
    expect(r.total.STAFF_AUG).toBeCloseTo(399520, 8);
    expect(r.total.BPO).toBeCloseTo(152800, 8);
    expect(r.total.BRIDGE).toBeCloseTo(182800, 8);
    const expectedSa = {
      fees: 227200,
      management: 140000,
      overhead: 2800,
      onboarding: 2000,
      attrition: 25520,
      transition: 0,
      governance: 0,
      changeOrders: 0,
      delay: 2000,
    };
    for (const [key, value] of Object.entries(expectedSa)) {
      expect(r.components.STAFF_AUG[key as keyof typeof expectedSa]).toBeCloseTo(value, 8);
    }
    const bpo = r.components.BPO;
    expect(bpo.fees).toBeCloseTo(134000, 8);
    expect(bpo.transition).toBeCloseTo(2100, 8);
    expect(bpo.governance).toBeCloseTo(13400, 8);
    expect(bpo.changeOrders).toBeCloseTo(1300, 8);
    expect(bpo.delay).toBeCloseTo(2000, 8);
    expect(bpo.management + bpo.overhead + bpo.onboarding + bpo.attrition).toBe(0);
    const bridge = r.components.BRIDGE;
    expect(bridge.fees).toBeCloseTo(150000, 8);
    expect(bridge.management).toBeCloseTo(10000, 8);
    expect(bridge.overhead).toBeCloseTo(200, 8);
    expect(bridge.onboarding).toBeCloseTo(2000, 8);
    expect(bridge.attrition).toBeCloseTo(1800, 8);
    expect(bridge.transition).toBeCloseTo(2100, 8);
    expect(bridge.delay).toBeCloseTo(2000, 8);
    for (const s of ["STAFF_AUG", "BPO", "BRIDGE"] as const) {
      const sum = Object.values(r.components[s]).reduce((a, b) => a + b, 0);
      expect(close(sum, r.total[s], 1e-12)).toBe(true);
    }
  });

  it("NPV with a zero discount rate equals the total; with a rate, v(m) = (1 + r)^(−m/12)", () => {
    expect(r.npv.BPO).toBeCloseTo(r.total.BPO, 8);
    const discounted = evaluate({ assumptions: baseAssumptions({ discountRateAnnual: 0.12 }), functions: [handRow()] })
      .results[0];
    const expected = discounted.monthly.reduce((sum, row) => sum + row.STAFF_AUG * Math.pow(1.12, -row.month / 12), 0);
    expect(close(discounted.npv.STAFF_AUG, expected, 1e-12)).toBe(true);
  });

  it("linear ramps halve the delay of a one-month ramp", () => {
    const linear = evaluate({ assumptions: baseAssumptions({ rampShape: "linear" }), functions: [handRow()] })
      .results[0];
    expect(linear.monthly[0].STAFF_AUG).toBeCloseTo(32000 - 1000, 9);
    expect(linear.monthly[0].BPO).toBeCloseTo(4100 - 1000, 9);
    expect(linear.monthly[0].BRIDGE).toBeCloseTo(34100 - 1000, 9);
    expect(linear.components.BRIDGE.delay).toBeCloseTo(1000, 9);
  });
});

describe("BPO transition spread over the ramp days", () => {
  const run = (bpoRampWeeks: number, horizonMonths = 6) =>
    evaluate({
      assumptions: baseAssumptions({ horizonMonths }),
      functions: [
        handRow({ bpoRampWeeks, bpoTransitionCost: 40000, delayCostPerFteMonth: 0, bpoChangeOrdersPerYear: 0 }),
      ],
    }).results[0];

  it("8 weeks: 21/40 in month 1, 19/40 in month 2, fees from the live share of month 2", () => {
    const r = run(8);
    expect(r.monthly[0].BPO).toBeCloseTo(21000, 9);
    // month 2: transition 19,000; fees 10,000 × 2/21 plus 10% governance
    expect(r.monthly[1].BPO).toBeCloseTo(19000 + ((10000 * 2) / 21) * 1.1, 9);
    expect(r.components.BPO.transition).toBeCloseTo(40000, 9);
    // the bridge pays SA for the 19/21 of month 2 before go-live
    expect(r.monthly[1].BRIDGE).toBeCloseTo((19 / 21) * 28000 + 19000 + ((10000 * 2) / 21) * 1.1, 8);
  });

  it("no ramp: the whole transition in month 1 and fees from day one", () => {
    const r = run(0);
    expect(r.monthly[0].BPO).toBeCloseTo(40000 + 11000, 9);
    expect(r.monthly[1].BPO).toBeCloseTo(11000, 9);
  });

  it("a ramp longer than the horizon: never live, only part of the transition falls inside", () => {
    const r = run(100, 6); // 500 ramp days, 126 inside the horizon
    expect(r.components.BPO.fees).toBe(0);
    expect(r.components.BPO.transition).toBeCloseTo((40000 * 126) / 500, 9);
    expect(r.breakEvenMonth).toBe(1); // only transition costs: cheaper than SA throughout
    // the bridge runs on staff augmentation for the whole horizon
    expect(r.components.BRIDGE.fees).toBeCloseTo(r.components.STAFF_AUG.fees, 9);
  });
});

describe("change orders by scope", () => {
  it("a blank row value takes the assumption for the row's scope", () => {
    const result = evaluate({
      assumptions: baseAssumptions({
        changeOrdersPerYearStable: 2,
        changeOrdersPerYearEvolving: 12,
        horizonMonths: 12,
      }),
      functions: [
        handRow({ function: "S", scope: "stable", bpoChangeOrdersPerYear: null, bpoRampWeeks: 0 }),
        handRow({ function: "E", scope: "evolving", bpoChangeOrdersPerYear: "", bpoRampWeeks: 0 }),
        handRow({ function: "R", scope: "evolving", bpoChangeOrdersPerYear: 0, bpoRampWeeks: 0 }),
      ],
    });
    const [s, e, r] = result.results;
    expect(s.components.BPO.changeOrders).toBeCloseTo(2 * 100, 9);
    expect(e.components.BPO.changeOrders).toBeCloseTo(12 * 100, 9);
    expect(r.components.BPO.changeOrders).toBe(0);
  });
});
