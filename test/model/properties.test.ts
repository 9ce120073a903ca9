/** Property-based tests (fast-check) over random valid and invalid inputs. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, TOLERANCE, type CellValue, type ModelInput } from "../../src/model";

const SEED = 20261128;

/** A valid, fully random function row (optional fields sometimes omitted so defaults are exercised). */
const validRow = fc.record(
  {
    headcount: fc.double({ min: 0.1, max: 500, noNaN: true }),
    saHourlyRate: fc.double({ min: 0, max: 300, noNaN: true }),
    bpoMonthlyFeePerFte: fc.double({ min: 0, max: 40000, noNaN: true }),
    processDocumented: fc.constantFrom("yes", "no", true, false, "Y", "0"),
    managementCapacity: fc.constantFrom("yes", "no", true, false),
    scope: fc.constantFrom("stable", "evolving", "Evolving"),
    saRampDays: fc.double({ min: 0, max: 200, noNaN: true }),
    saMgmtShare: fc.double({ min: 0, max: 1, noNaN: true }),
    saOverheadPerFteMonth: fc.double({ min: 0, max: 5000, noNaN: true }),
    saOnboardingCostPerFte: fc.double({ min: 0, max: 20000, noNaN: true }),
    saAnnualAttrition: fc.double({ min: 0, max: 3, noNaN: true }),
    saAnnualEscalation: fc.double({ min: -0.5, max: 1, noNaN: true }),
    bpoRampWeeks: fc.double({ min: 0, max: 60, noNaN: true }),
    bpoTransitionCost: fc.double({ min: 0, max: 1e6, noNaN: true }),
    bpoGovernanceShare: fc.double({ min: 0, max: 1, noNaN: true }),
    bpoChangeOrdersPerYear: fc.double({ min: 0, max: 24, noNaN: true }),
    bpoChangeOrderCost: fc.double({ min: 0, max: 50000, noNaN: true }),
    bpoAnnualEscalation: fc.double({ min: -0.5, max: 1, noNaN: true }),
    delayCostPerFteMonth: fc.double({ min: 0, max: 20000, noNaN: true }),
  },
  { requiredKeys: ["headcount", "saHourlyRate", "bpoMonthlyFeePerFte"] },
);

const assumptions = fc.record(
  {
    horizonMonths: fc.integer({ min: 1, max: 120 }),
    businessDaysPerMonth: fc.double({ min: 1, max: 31, noNaN: true }),
    hoursPerMonth: fc.double({ min: 1, max: 744, noNaN: true }),
    managerMonthlyCost: fc.double({ min: 0, max: 30000, noNaN: true }),
    discountRateAnnual: fc.double({ min: 0, max: 1, noNaN: true }),
    decisionMargin: fc.double({ min: 0, max: 1, noNaN: true }),
    rampShape: fc.constantFrom("step", "linear"),
  },
  { requiredKeys: [] },
);

const rows = fc.array(validRow, { minLength: 1, maxLength: 6 }).map((list) => list.map((row, i) => ({ function: `Function ${i + 1}`, ...row })));

/** Any cell a careless workbook can hold. */
const junk: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom("abc", "#DIV/0!", "#N/A", "#VALUE!", "", " ", "NaN", "-1", "1e400", "yes", "linear", null, undefined, true),
  fc.double(), // includes NaN, ±Infinity, negatives, huge values
  fc.string({ maxLength: 8 }),
);

describe("property-based", () => {
  it("valid inputs: every number finite, cumulative costs non-decreasing, break-even consistent with the curves", () => {
    fc.assert(
      fc.property(assumptions, rows, (a, fns) => {
        const result = evaluate({ assumptions: a, functions: fns });
        expect(result.errors).toEqual([]);
        expect(result.results).toHaveLength(fns.length);
        for (const r of result.results) {
          let cumSa = 0, cumBpo = 0, cumBridge = 0;
          const gaps: number[] = [];
          for (const m of r.monthly) {
            for (const s of ["STAFF_AUG", "BPO", "BRIDGE"] as const) {
              expect(Number.isFinite(m[s])).toBe(true);
              expect(m[s]).toBeGreaterThanOrEqual(0); // every cost term is ≥ 0, so cumulative costs never fall
            }
            cumSa += m.STAFF_AUG; cumBpo += m.BPO; cumBridge += m.BRIDGE;
            gaps.push(cumBpo - cumSa);
          }
          for (const s of ["STAFF_AUG", "BPO", "BRIDGE"] as const) {
            expect(Number.isFinite(r.npv[s])).toBe(true);
            expect(r.npv[s]).toBeLessThanOrEqual(r.total[s] * (1 + 1e-12) + 1e-9);
            const parts = Object.values(r.components[s]).reduce((x, y) => x + y, 0);
            expect(Math.abs(parts - r.total[s])).toBeLessThanOrEqual(1e-9 * Math.max(1, r.total[s]));
          }
          expect(Math.abs(cumBridge - r.total.BRIDGE)).toBeLessThanOrEqual(1e-9 * Math.max(1, cumBridge));
          const H = gaps.length;
          const be = r.breakEvenMonth;
          if (be === null) expect(gaps[H - 1]).toBeGreaterThan(TOLERANCE);
          else {
            for (let k = be; k <= H; k++) expect(gaps[k - 1]).toBeLessThanOrEqual(TOLERANCE * 2);
            if (be > 1) expect(gaps[be - 2]).toBeGreaterThan(TOLERANCE / 2);
          }
          for (const c of r.crossings) {
            expect(c.month).toBeGreaterThan(1);
            expect(Math.sign(gaps[c.month - 1])).toBe(c.cheaper === "BPO" ? -1 : 1);
          }
          expect(["STAFF_AUG", "BPO", "BRIDGE", "DOCUMENT_FIRST"]).toContain(r.recommendation);
          expect(r.rationale.length).toBeGreaterThan(20);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("results do not depend on row order", () => {
    fc.assert(
      fc.property(assumptions, rows, fc.infiniteStream(fc.nat()), (a, fns, randoms) => {
        const shuffled = [...fns].sort(() => (randoms.next().value % 3) - 1);
        const byName = (input: ModelInput) => Object.fromEntries(evaluate(input).results.map((r) => [r.function, r]));
        expect(byName({ assumptions: a, functions: shuffled })).toEqual(byName({ assumptions: a, functions: fns }));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("invalid inputs never throw; every bad row is reported and every good row is modelled", () => {
    fc.assert(
      fc.property(
        rows,
        fc.array(fc.record({ key: fc.constantFrom("headcount", "saHourlyRate", "bpoMonthlyFeePerFte", "scope", "processDocumented", "bpoRampWeeks", "saMgmtShare", "saAnnualEscalation"), value: junk }), { maxLength: 5 }),
        fc.dictionary(fc.constantFrom("horizonMonths", "discountRateAnnual", "rampShape", "businessDaysPerMonth", "Unknown thing"), junk, { maxKeys: 2 }),
        (fns, damage, badAssumptions) => {
          const damaged = fns.map((row) => ({ ...row } as Record<string, CellValue>));
          damage.forEach((d, i) => (damaged[i % damaged.length][d.key] = d.value));
          const result = evaluate({ assumptions: badAssumptions, functions: damaged });
          const assumptionErrors = result.errors.filter((e) => e.row === null);
          const badRows = new Set(result.errors.filter((e) => e.row !== null).map((e) => e.row));
          if (assumptionErrors.length > 0) expect(result.results).toEqual([]);
          else expect(result.results.length + badRows.size).toBe(damaged.length);
          for (const e of result.errors) expect(e.message).toMatch(/\.$/);
          JSON.stringify(result); // serialisable
          for (const r of result.results) for (const m of r.monthly) expect(Number.isFinite(m.STAFF_AUG + m.BPO + m.BRIDGE)).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
