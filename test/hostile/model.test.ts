/**
 * Hostile input, model numbers: values at and beyond the limits of doubles. Every field has an upper bound a finance
 * user never reaches (fields.ts, docs/limits.md), checked with a message on the cell; within the bounds every output
 * is finite, and the analyses (simulation, tornado, goal seek) answer right at the bounds.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, evaluateFunction, ModelInvariantError } from "../../src/model/evaluate";
import fc from "fast-check";
import { ASSUMPTION_FIELDS, FIELD_BY_KEY, FUNCTION_FIELDS, MONEY_LIMIT, type FieldSpec } from "../../src/model/fields";
import { goalSeek } from "../../src/model/goalseek";
import { parseModelInput } from "../../src/model/parse";
import { mulberry32, triangular } from "../../src/model/random";
import { sensitivity } from "../../src/model/sensitivity";
import { simulate } from "../../src/model/simulate";
import type { Assumptions, CellValue } from "../../src/model/types";
import { describeRun, fixtureDir, runMeasured, expectWithinBounds } from "./support";

const dir = fixtureDir();

function jsonFixture(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
}

const valid = { function: "Valid", headcount: 12, saHourlyRate: 25, bpoMonthlyFeePerFte: 4200 };
const NON_FINITE_TEXT = /NaN|Infinity|undefined/;

/** Every per-function money, count and ramp field at the model's limit, with the assumptions that make totals largest. */
const atTheLimits = {
  assumptions: {
    horizonMonths: 600,
    businessDaysPerMonth: 0.01,
    hoursPerMonth: 744,
    managerMonthlyCost: MONEY_LIMIT,
    rampShape: "linear",
    discountRateAnnual: 0,
    changeOrdersPerYearStable: 100_000,
  },
  functions: [
    {
      function: "Everything at its limit",
      headcount: 100_000,
      saHourlyRate: MONEY_LIMIT,
      bpoMonthlyFeePerFte: MONEY_LIMIT,
      saRampDays: 20_000,
      saMgmtShare: 1,
      saOverheadPerFteMonth: MONEY_LIMIT,
      saOnboardingCostPerFte: MONEY_LIMIT,
      saAnnualAttrition: 3,
      saAnnualEscalation: 1,
      bpoRampWeeks: 4_000,
      bpoTransitionCost: MONEY_LIMIT,
      bpoGovernanceShare: 1,
      bpoChangeOrdersPerYear: 100_000,
      bpoChangeOrderCost: MONEY_LIMIT,
      bpoAnnualEscalation: 1,
      delayCostPerFteMonth: MONEY_LIMIT,
      saHourlyRateMin: 0,
      bpoMonthlyFeePerFteMin: 0,
      bpoTransitionCostMin: 0,
    },
  ],
};

describe("hostile input: numbers beyond doubles are cell errors, never NaN", () => {
  it("reports a BPO fee of 1.6e307 on its cell and still models and prints the valid rows (text mode crashed)", () => {
    const path = join(dir, "huge-fee.csv");
    writeFileSync(
      path,
      "Function,Headcount (FTE),SA hourly rate,BPO monthly fee per FTE\nHuge,12,25,1.6e307\nValid,12,25,4200\n",
    );
    const run = runMeasured(["evaluate", path]);
    expectWithinBounds(run);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.firstLine).toBe("1 error; the rows concerned were not modelled, the others were:");
    expect(run.stderr).toContain(
      'row 1 (line 2), column "BPO monthly fee per FTE": BPO monthly fee per FTE must be a number of at most 1,000,000,000,000,000 (10^15, the largest amount the model accepts in any currency); got 1.6e+307.',
    );
    expect(run.stdout).toMatch(/^Valid +BPO /m);
    expect(run.stdout).not.toMatch(NON_FINITE_TEXT);
  });

  it("gives every valid row a recommendation in --json when another row has 1e308 change orders (was exit 0 with none)", () => {
    const path = jsonFixture("huge-change-orders.json", {
      functions: [{ ...valid, function: "Huge", bpoChangeOrdersPerYear: 1e308 }, valid],
    });
    const run = runMeasured(["evaluate", path, "--json"]);
    expectWithinBounds(run);
    expect(run.code, describeRun(run)).toBe(1);
    const result = JSON.parse(run.stdout) as {
      results: { function: string; recommendation: string; rationale: string }[];
      errors: { row: number; column: string; message: string }[];
    };
    expect(result.results.map((r) => [r.function, r.recommendation])).toEqual([["Valid", "BPO"]]);
    expect(result.results[0].rationale).toMatch(/^BPO: /);
    expect(result.errors).toEqual([
      expect.objectContaining({
        row: 1,
        column: "bpoChangeOrdersPerYear",
        message:
          "BPO change orders per year must be a number of at most 100,000 a year (the model's limit); got 1e+308.",
      }),
    ]);
  });

  it("names every money, count and ramp field at 1e308 with the limit that applies", () => {
    const bounded = FUNCTION_FIELDS.filter((f) => f.type === "number");
    const row: Record<string, CellValue> = { ...valid, function: "Huge" };
    for (const field of bounded) row[field.key] = 1e308;
    const result = evaluate({ functions: [row, valid] });
    expect(result.results.map((r) => r.function)).toEqual(["Valid"]);
    expect(result.errors.map((e) => e.column).sort()).toEqual(bounded.map((f) => f.key).sort());
    for (const error of result.errors)
      expect(error.message).toMatch(/must be a number (of at most|greater than 0 and at most|from)/);
  });

  it('reads "1e309" as a number out of range, not as text', () => {
    const path = join(dir, "overflow-text.csv");
    writeFileSync(
      path,
      "Function,Headcount (FTE),SA hourly rate,BPO monthly fee per FTE\nA,12,1e309,4200\nB,-1e309,25,4200\n",
    );
    const run = runMeasured(["evaluate", path]);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toContain(
      "SA hourly rate must be a number of at most 1,000,000,000,000,000 (10^15, the largest amount the model accepts in any currency); got 1e309, a number beyond the range the model can calculate with.",
    );
    expect(run.stderr).toContain(
      "Headcount (FTE) must be a number greater than 0 and at most 100,000; got -1e309, a number beyond the range the model can calculate with.",
    );
    expect(run.stderr).not.toContain("(text)");
  });

  it("keeps docs/model.md's own message for a value below its rule, and the limit's message for one only the limit forbids", () => {
    const result = evaluate({ assumptions: { businessDaysPerMonth: 0.001 }, functions: [valid] });
    expect(result.errors.map((e) => e.message)).toEqual([
      "Business days per month must be a number of at least 0.01 (the model's limit: a month has at least a hundredth of a business day); got 0.001.",
    ]);
    expect(evaluate({ assumptions: { businessDaysPerMonth: 0 }, functions: [valid] }).errors[0].message).toBe(
      "Business days per month must be a number greater than 0 and at most 31; got 0.",
    );
    expect(evaluate({ functions: [{ ...valid, saHourlyRate: -1 }] }).errors[0].message).toBe(
      "SA hourly rate must be a number of at least 0; got -1.",
    );
  });
});

describe("hostile input: within the limits every output is finite", () => {
  it("models every field at its limit over 600 months with finite totals, and prints no NaN or Infinity", () => {
    const result = evaluate(atTheLimits);
    expect(result.errors).toEqual([]);
    const [r] = result.results;
    for (const value of [
      ...Object.values(r.total),
      ...Object.values(r.npv),
      ...r.monthly.flatMap((m) => [m.STAFF_AUG, m.BPO, m.BRIDGE]),
    ])
      expect(Number.isFinite(value)).toBe(true);
    for (const strategy of Object.values(r.components))
      for (const value of Object.values(strategy)) expect(Number.isFinite(value)).toBe(true);
    expect(r.rationale).not.toMatch(NON_FINITE_TEXT);

    const path = jsonFixture("at-the-limits.json", atTheLimits);
    for (const args of [
      ["evaluate"],
      ["sensitivity"],
      ["goalseek", "--month", "600"],
      ["simulate", "--trials", "2000"],
    ]) {
      const run = runMeasured([args[0], path, ...args.slice(1)]);
      expectWithinBounds(run);
      expect(run.code, `${args[0]}: ${describeRun(run)}`).toBe(0);
      expect(run.stdout, args[0]).not.toMatch(NON_FINITE_TEXT);
      expect(run.stderr, args[0]).toBe("");
    }
  });

  it("gives finite tornado bars and goal-seek answers at the limits, and each goal-seek answer pays back when put back", () => {
    const tornado = sensitivity(atTheLimits);
    for (const bar of tornado.results[0].bars) {
      for (const value of [
        bar.low,
        bar.high,
        bar.savingLow,
        bar.savingHigh,
        bar.savingSwing,
        bar.bridgeSavingLow,
        bar.bridgeSavingHigh,
      ])
        expect(Number.isFinite(value), bar.key).toBe(true);
    }
    const input = {
      assumptions: { horizonMonths: 600 },
      functions: [{ ...valid, saHourlyRate: MONEY_LIMIT / 1000, bpoMonthlyFeePerFte: MONEY_LIMIT }],
    };
    const seek = goalSeek(input, 12).results[0];
    for (const answer of [seek.fee, seek.rate]) {
      expect(answer.message).not.toMatch(NON_FINITE_TEXT);
      if (answer.value === null) continue;
      expect(Number.isFinite(answer.value)).toBe(true);
      expect(answer.breakEvenAtValue).not.toBeNull();
      expect(answer.breakEvenAtValue as number).toBeLessThanOrEqual(12);
    }
  });

  it("stops with an internal error naming the function if the engine ever gave a non-finite total", () => {
    const parsed = parseModelInput({ functions: [{ ...valid, function: "Unchecked" }] });
    const inputs = { ...parsed.rows[0].inputs, bpoMonthlyFeePerFte: Number.MAX_VALUE }; // past validation on purpose
    expect(() => evaluateFunction(inputs, parsed.assumptions as Assumptions)).toThrow(ModelInvariantError);
    expect(() => evaluateFunction(inputs, parsed.assumptions as Assumptions)).toThrow(/function "Unchecked"/);
  });
});

describe("hostile input: any valid input gives finite numbers (property)", () => {
  /** A field's valid values, its edges (and the limit itself) drawn often. */
  const valueOf = (key: string): fc.Arbitrary<number> => {
    const field = FIELD_BY_KEY.get(key);
    const range = field?.range;
    if (!range) throw new Error(`${key} has no range`);
    const min = range.minExclusive ? range.min + Number.EPSILON : range.min;
    const max = range.max ?? MONEY_LIMIT;
    const edges = fc.constantFrom(min, max);
    const values = range.integer
      ? fc.integer({ min, max })
      : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    return fc.oneof(edges, values);
  };
  const numericKeys = (fields: readonly FieldSpec[]) =>
    fields.filter((f) => f.type === "number" || f.type === "integer").map((f) => f.key);

  it("evaluates, simulates and runs the tornado without a non-finite number for values anywhere within the limits", () => {
    const rowKeys = numericKeys(FUNCTION_FIELDS);
    const assumptionKeys = numericKeys(ASSUMPTION_FIELDS);
    const row = fc.record(
      Object.fromEntries(rowKeys.map((key) => [key, valueOf(key)])) as Record<string, fc.Arbitrary<number>>,
    );
    const assumptions = fc.record({
      ...(Object.fromEntries(assumptionKeys.map((key) => [key, valueOf(key)])) as Record<string, fc.Arbitrary<number>>),
      rampShape: fc.constantFrom("step", "linear"),
    });
    fc.assert(
      fc.property(assumptions, row, fc.boolean(), (a, r, evolving) => {
        const input = {
          assumptions: a,
          functions: [
            {
              ...r,
              function: "Any",
              scope: evolving ? "evolving" : "stable",
              bpoMonthlyFeePerFteMin: 0,
              saRampDaysMax: 20_000,
            },
          ],
        };
        const result = evaluate(input);
        expect(result.errors).toEqual([]);
        const [fn] = result.results;
        for (const value of [...Object.values(fn.total), ...Object.values(fn.npv)])
          expect(Number.isFinite(value)).toBe(true);
        expect(fn.rationale).not.toMatch(NON_FINITE_TEXT);
        const sim = simulate(input, { trials: 20, seed: 1 }).results[0];
        for (const value of [...Object.values(sim.BPO.saving), ...Object.values(sim.BRIDGE.saving)])
          expect(Number.isFinite(value)).toBe(true);
        for (const bar of sensitivity(input).results[0].bars) expect(Number.isFinite(bar.savingSwing)).toBe(true);
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});

describe("hostile input: the sampler at extreme ranges", () => {
  it("draws from ranges whose ends pass 1.3e154 without collapsing to the minimum", () => {
    const random = mulberry32(11);
    const [min, mode, max] = [1e300, 5e307, 1e308];
    let belowMode = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const x = triangular(min, mode, max, random());
      expect(x >= min && x <= max).toBe(true);
      if (x < mode) belowMode++;
    }
    // P(X < mode) = (mode − min) / (max − min) ≈ 0.5; every draw used to equal the minimum.
    expect(belowMode / n).toBeGreaterThan(0.48);
    expect(belowMode / n).toBeLessThan(0.52);
    expect(triangular(-1e308, 0, 1e308, 0.5)).toBe(0);
  });

  it("leaves the draws of ordinary ranges unchanged", () => {
    const random = mulberry32(7);
    const draws = Array.from({ length: 5 }, () => triangular(3990, 4200, 4620, random()));
    const again = mulberry32(7);
    const expected = Array.from({ length: 5 }, () => {
      const u = again();
      const width = 4620 - 3990;
      const cut = (4200 - 3990) / width;
      return u < cut ? 3990 + Math.sqrt(u * width * (4200 - 3990)) : 4620 - Math.sqrt((1 - u) * width * (4620 - 4200));
    });
    expect(draws).toEqual(expected);
  });

  it("gets P(BPO cheaper) right with a fee range up to the money limit", () => {
    // No ramps, escalation, overheads or discounting: saving = N·H·(rate·hours − fee), so BPO is cheaper exactly when
    // fee < rate·hours = 2.5e14. Fee ~ triangular(0, 5e14, 1e15): P(fee < 2.5e14) = 0.25² / 0.5 = 0.125.
    const input = {
      assumptions: {
        discountRateAnnual: 0,
        horizonMonths: 12,
        hoursPerMonth: 160,
        managerMonthlyCost: 0,
        changeOrdersPerYearStable: 0,
      },
      functions: [
        {
          function: "At the limit",
          headcount: 1,
          saHourlyRate: 2.5e14 / 160,
          bpoMonthlyFeePerFte: 5e14,
          bpoMonthlyFeePerFteMin: 0,
          bpoMonthlyFeePerFteMax: MONEY_LIMIT,
          saRampDays: 0,
          bpoRampWeeks: 0,
          saMgmtShare: 0,
          saAnnualEscalation: 0,
          bpoAnnualEscalation: 0,
          bpoGovernanceShare: 0,
        },
      ],
    };
    const result = simulate(input, { trials: 20_000, seed: 5 });
    expect(result.errors).toEqual([]);
    const p = result.results[0].BPO.probabilityCheaper;
    expect(Math.abs(p - 0.125)).toBeLessThan(0.01);
    expect(result.results[0].trialsRun).toBe(20_000);
  });
});

describe("hostile input: a Function header that only looks right", () => {
  const rows = "\nPayroll,12,25,4200\nClaims,3,30,5000\n";
  const cases = [
    {
      name: "Cyrillic с",
      header: "Funсtion",
      reason:
        'the header "Funсtion" has "с" (U+0441), a character that only looks like the Latin letter "c"; retype it as Function.',
    },
    {
      name: "full-width letters",
      header: "Ｆｕｎｃｔｉｏｎ",
      reason:
        'the header "Ｆｕｎｃｔｉｏｎ" is written in full-width or other special characters ("Ｆ", U+FF26); retype it as Function in plain letters.',
    },
  ];
  for (const { name, header, reason } of cases) {
    it(`names the header written with ${name} and what is allowed, instead of "Function is required" on every row`, () => {
      const path = join(dir, `header-${name.replace(/\W+/g, "-")}.csv`);
      writeFileSync(path, `${header},Headcount (FTE),SA hourly rate,BPO monthly fee per FTE${rows}`);
      const run = runMeasured(["evaluate", path]);
      expectWithinBounds(run);
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.firstLine).toBe("2 errors; the rows concerned were not modelled, the others were:");
      const message = `Function is required, but no column of the table is headed Function (or function): ${reason}`;
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain("the cell is blank");
    });
  }

  it("lists the unknown headers when none resembles the missing column", () => {
    const result = evaluate({
      functions: {
        headers: ["Name", "Headcount", "SA hourly rate", "BPO monthly fee per FTE"],
        rows: [["A", 1, 2, 3]],
      },
    });
    expect(result.errors[0].message).toBe(
      'Function is required, but no column of the table is headed Function (or function); the header "Name" matches no input of the model.',
    );
  });
});
