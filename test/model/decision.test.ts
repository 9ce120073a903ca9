/** Break-even months, crossings and the recommendation (docs/model.md §5). */
import { describe, expect, it } from "vitest";
import { evaluate, sampleInput } from "../../src/model";
import { crossings, cumulative, sustainedMonth } from "../../src/model/cumulative";
import { decide } from "../../src/model/recommend";
import { baseAssumptions } from "./helpers";

describe("sustained months", () => {
  it("finds the first month from which BPO stays at or below staff augmentation", () => {
    expect(sustainedMonth([5, 4, 3, 2], [3, 3, 3, 3])).toBe(3); // equal counts as at or below
    expect(sustainedMonth([1, 1, 1], [2, 2, 2])).toBe(1);
    expect(sustainedMonth([1, 5, 1], [2, 2, 2])).toBe(3); // must hold through the horizon
    expect(sustainedMonth([1, 1, 5], [2, 2, 2])).toBeNull();
  });

  it("uses a tolerance of 1e-6 currency units", () => {
    expect(sustainedMonth([3 + 5e-7], [3])).toBe(1);
    expect(sustainedMonth([3 + 2e-6], [3])).toBeNull();
  });
});

describe("crossings", () => {
  it("reports each change of the cheaper side, with its direction", () => {
    // gap: +2, +1, −1, −2, +1
    expect(crossings([3, 3, 1, 0, 3], [1, 2, 2, 2, 2])).toEqual([
      { month: 3, cheaper: "BPO" },
      { month: 5, cheaper: "STAFF_AUG" },
    ]);
  });

  it("zero gaps neither start nor end a side, and the first sign is no crossing", () => {
    // gap: 0, −1, 0, −1, 0, +1
    expect(crossings([1, 0, 1, 0, 1, 2], [1, 1, 1, 1, 1, 1])).toEqual([{ month: 6, cheaper: "STAFF_AUG" }]);
    expect(crossings([1, 1], [1, 1])).toEqual([]);
  });

  it("finds two crossings when BPO escalation outruns its lower start", () => {
    const r = evaluate({
      assumptions: { horizonMonths: 36, managerMonthlyCost: 12000 },
      functions: [
        {
          function: "Two crossings",
          headcount: 10,
          saHourlyRate: 30,
          bpoMonthlyFeePerFte: 4000,
          saMgmtShare: 0.1,
          bpoRampWeeks: 8,
          bpoTransitionCost: 150000,
          bpoAnnualEscalation: 0.6,
          saAnnualEscalation: 0,
          bpoGovernanceShare: 0,
          bpoChangeOrdersPerYear: 0,
          delayCostPerFteMonth: 0,
          saRampDays: 0,
        },
      ],
    }).results[0];
    expect(r.crossings).toEqual([
      { month: 4, cheaper: "BPO" },
      { month: 27, cheaper: "STAFF_AUG" },
    ]);
    expect(r.breakEvenMonth).toBeNull(); // BPO is dearer again at the horizon
    expect(r.rationale).toContain("no break-even within 36 months");
  });

  it("cumulative sums run in month order", () => {
    expect(Array.from(cumulative([1, 2, 3]))).toEqual([1, 3, 6]);
  });
});

describe("recommendation gates and tie-breaks", () => {
  const npv = (sa: number, bpo: number, bridge: number) => ({ STAFF_AUG: sa, BPO: bpo, BRIDGE: bridge });

  it("neither documented nor managed: DOCUMENT_FIRST", () => {
    expect(decide(npv(1, 2, 3), false, false, "stable", 0.05).recommendation).toBe("DOCUMENT_FIRST");
  });

  it("no management capacity leaves BPO only, even when dearer", () => {
    const d = decide(npv(100, 200, 150), true, false, "evolving", 0.05);
    expect(d).toMatchObject({ recommendation: "BPO", basis: "only-allowed", allowed: ["BPO"] });
  });

  it("no documented process leaves staff augmentation only", () => {
    expect(decide(npv(300, 100, 120), false, true, "stable", 0.05).recommendation).toBe("STAFF_AUG");
  });

  it("the lowest NPV wins when it beats the others by more than the margin", () => {
    const d = decide(npv(100, 80, 90), true, true, "evolving", 0.05);
    expect(d).toMatchObject({ recommendation: "BPO", basis: "lowest-npv", candidates: ["BPO"] });
  });

  it("within the margin, stable scope prefers BPO, then the bridge, then staff augmentation", () => {
    expect(decide(npv(100, 104, 200), true, true, "stable", 0.05)).toMatchObject({
      recommendation: "BPO",
      basis: "scope-tie-break",
    });
    expect(decide(npv(100, 120, 103), true, true, "stable", 0.05).recommendation).toBe("BRIDGE");
  });

  it("within the margin, evolving scope prefers staff augmentation, then the bridge, then BPO", () => {
    expect(decide(npv(104, 100, 200), true, true, "evolving", 0.05).recommendation).toBe("STAFF_AUG");
    expect(decide(npv(120, 100, 103), true, true, "evolving", 0.05).recommendation).toBe("BRIDGE");
  });

  it("an exact tie with a zero margin goes to the scope's order", () => {
    expect(decide(npv(100, 100, 100), true, true, "stable", 0).recommendation).toBe("BPO");
    expect(decide(npv(100, 100, 100), true, true, "evolving", 0).recommendation).toBe("STAFF_AUG");
  });

  it("the margin test allows 1e-6 of tolerance", () => {
    expect(decide(npv(100 * 1.05 + 5e-7, 100, 500), true, true, "evolving", 0.05).recommendation).toBe("STAFF_AUG");
    expect(decide(npv(100 * 1.05 + 5e-6, 100, 500), true, true, "evolving", 0.05).recommendation).toBe("BPO");
  });
});

describe("the sample (seed article situations)", () => {
  const result = evaluate(sampleInput());
  const byName = Object.fromEntries(result.results.map((r) => [r.function, r]));

  it("customer support: staff augmentation cheaper at first, BPO passes it at about six months", () => {
    const cs = byName["Customer support"];
    expect(cs.breakEvenMonth).toBeGreaterThanOrEqual(5);
    expect(cs.breakEvenMonth).toBeLessThanOrEqual(7);
    expect(cs.crossings[0]).toEqual({ month: cs.breakEvenMonth, cheaper: "BPO" });
    expect(cs.monthly[0].STAFF_AUG).toBeLessThan(cs.monthly[0].BPO);
    expect(cs.recommendation).toBe("BPO");
  });

  it("covers every kind of recommendation the gates allow", () => {
    expect(byName["React developer"].recommendation).toBe("STAFF_AUG");
    expect(byName["Bookkeeping"].recommendation).toBe("BPO");
    expect(byName["Data entry"].recommendation).toBe("DOCUMENT_FIRST");
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe("rationale", () => {
  const run = (row: Record<string, unknown>, scope = "stable") =>
    evaluate({
      assumptions: baseAssumptions({ horizonMonths: 24, discountRateAnnual: 0.08 }),
      functions: [{ function: "F", headcount: 5, saHourlyRate: 40, bpoMonthlyFeePerFte: 5000, scope, ...row } as never],
    }).results[0];

  it("names the gate when one rules strategies out", () => {
    const r = run({ managementCapacity: "no" });
    expect(r.rationale).toMatch(
      /^BPO: staff augmentation and the bridge are ruled out because there is no spare management capacity/,
    );
    expect(r.rationale).toMatch(/USD [\d,]+ for staff augmentation and USD [\d,]+ for BPO/);
  });

  it("gives the NPV difference and the margin when the lowest NPV decides", () => {
    const r = run({ bpoMonthlyFeePerFte: 2000 });
    expect(r.recommendation).toBe("BPO");
    expect(r.rationale).toMatch(
      /^BPO: lowest NPV over 24 months at USD [\d,]+, while the bridge costs [\d.]+% more \(USD [\d,]+\), beyond the 5% decision margin; BPO (breaks even|is cheaper)/,
    );
  });

  it("names the scope when it settles a tie", () => {
    const r = run(
      {
        saHourlyRate: 24,
        bpoMonthlyFeePerFte: 4950,
        bpoRampWeeks: 0,
        bpoChangeOrdersPerYear: 0,
        bpoGovernanceShare: 0,
        saMgmtShare: 0.1,
      },
      "evolving",
    );
    expect(r.rationale).toContain("evolving scope");
    expect(r.rationale.endsWith(".")).toBe(true);
  });

  it("is one sentence in the workbook's currency", () => {
    const r = evaluate({
      assumptions: { currency: "EUR" },
      functions: [{ function: "F", headcount: 1, saHourlyRate: 1, bpoMonthlyFeePerFte: 1 }],
    }).results[0];
    expect(r.rationale).toContain("EUR ");
    expect(r.rationale.split(/\.\s/).length).toBe(1);
  });
});
