import { describe, expect, it } from "vitest";
import {
  applyScenario,
  compareScenarios,
  evaluate,
  parseScenarios,
  sampleInput,
  scenarioRowsFromTable,
  simulate,
} from "../../src/model";
import { sampleWithRanges } from "./helpers";

describe("scenarios", () => {
  const rows = [
    { scenario: "Slow ramp", key: "BPO ramp (weeks)", value: 12 },
    { scenario: "Slow ramp", key: "horizonMonths", value: 48 },
    { scenario: "Fee cut", key: "bpoMonthlyFeePerFte", value: "3,900", function: "customer support" },
    { scenario: "fee cut", key: "decisionMargin", value: "10%" },
  ];

  it("groups overrides by scenario name (case-insensitive, first spelling kept)", () => {
    const { scenarios, errors } = parseScenarios(rows);
    expect(errors).toEqual([]);
    expect(scenarios.map((s) => [s.name, s.overrides.map((o) => [o.key, o.value, o.function])])).toEqual([
      [
        "Slow ramp",
        [
          ["bpoRampWeeks", 12, null],
          ["horizonMonths", 48, null],
        ],
      ],
      [
        "Fee cut",
        [
          ["bpoMonthlyFeePerFte", "3,900", "customer support"],
          ["decisionMargin", "10%", null],
        ],
      ],
    ]);
  });

  it("applies on a copy: a blank function sets an assumption, or a row input in every row; a named function its cell", () => {
    const base = sampleInput();
    const before = JSON.stringify(base);
    const { scenarios } = parseScenarios(rows);
    const slow = applyScenario(base, scenarios[0]);
    const cut = applyScenario(base, scenarios[1]);
    expect(JSON.stringify(base)).toBe(before);
    const slowResult = evaluate(slow.input);
    expect(slowResult.assumptions.horizonMonths).toBe(48);
    const byHand = evaluate({
      assumptions: { ...base.assumptions, horizonMonths: 48 },
      functions: base.functions.map((r) => ({ ...r, bpoRampWeeks: 12 })),
    });
    expect(slowResult.results.map((r) => r.npv)).toEqual(byHand.results.map((r) => r.npv));
    const cutResult = evaluate(cut.input);
    const cutByHand = evaluate({
      assumptions: { ...base.assumptions, decisionMargin: 0.1 },
      // 3,900 lies below the sample's fee range (min 3,990): the scenario's value replaces the range.
      functions: base.functions.map((r, i) =>
        i === 0 ? { ...r, bpoMonthlyFeePerFte: 3900, bpoMonthlyFeePerFteMin: null, bpoMonthlyFeePerFteMax: null } : r,
      ),
    });
    expect(cutResult.results.map((r) => [r.npv, r.recommendation])).toEqual(
      cutByHand.results.map((r) => [r.npv, r.recommendation]),
    );
  });

  it("compares each scenario with the base, function by function", () => {
    const base = sampleInput();
    const { scenarios } = parseScenarios([
      ...rows,
      { scenario: "Pricey", key: "bpoMonthlyFeePerFte", value: 9000, function: "Bookkeeping" },
    ]);
    const comparison = compareScenarios(base, scenarios, ["pricey", "Fee cut"]);
    expect(comparison.scenarios.map((s) => s.name)).toEqual(["Pricey", "Fee cut"]);
    const pricey = comparison.scenarios[0].differences.find((d) => d.function === "Bookkeeping");
    expect(pricey).toMatchObject({ recommendationChanged: true, base: { recommendation: "BPO" } });
    expect(pricey?.scenario?.recommendation).not.toBe("BPO");
    const baseBook = comparison.base.results.find((r) => r.function === "Bookkeeping");
    const scenarioBook = comparison.scenarios[0].result.results.find((r) => r.function === "Bookkeeping");
    expect(pricey?.npvDelta?.BPO).toBe((scenarioBook?.npv.BPO as number) - (baseBook?.npv.BPO as number));
    expect(pricey?.savingDelta).toBeLessThan(0);
    const untouched = comparison.scenarios[0].differences.find((d) => d.function === "Data entry");
    expect(untouched).toMatchObject({ recommendationChanged: false, breakEvenChange: 0, savingDelta: 0 });
    expect(() => compareScenarios(base, scenarios, ["Nope"])).toThrow(
      /No scenario named "Nope"; scenarios: Slow ramp, Fee cut, Pricey/,
    );
  });

  it("reports rows it cannot use, and overrides naming a function that is not there", () => {
    const { scenarios, errors } = parseScenarios([
      { scenario: "", key: "horizonMonths", value: 12 },
      { scenario: "A", key: "colour", value: "red" },
      { scenario: "A", key: "horizonMonths", value: 12, function: "Bookkeeping" },
      { scenario: "A", key: "function", value: "x", function: "Bookkeeping" },
      { scenario: "A", key: "bpoRampWeeks", value: 6, function: "Payroll" },
      { scenario: null, key: null, value: null },
    ]);
    expect(errors.map((e) => e.row)).toEqual([1, 2, 3, 4]);
    expect(errors[2].message).toMatch(/it is an assumption: leave the function blank/);
    const applied = applyScenario(sampleInput(), scenarios[0]);
    expect(applied.errors.map((e) => e.message)).toEqual([
      'Scenario "A", row 5: no function named "Payroll" in the functions table.',
    ]);
  });

  it("a value outside the row's Min/Max range replaces the range (unless the scenario sets the range too)", () => {
    const base = sampleWithRanges();
    const { scenarios } = parseScenarios([
      { scenario: "Pricey", key: "bpoMonthlyFeePerFte", value: 9000, function: "Bookkeeping" },
      { scenario: "Wide", key: "bpoRampWeeksMax", value: 20 },
      { scenario: "Wide", key: "bpoRampWeeks", value: 14 },
    ]);
    const pricey = evaluate(applyScenario(base, scenarios[0]).input);
    expect(pricey.errors).toEqual([]);
    expect(pricey.results.find((r) => r.function === "Bookkeeping")?.recommendation).not.toBe("BPO");
    const wide = applyScenario(base, scenarios[1]).input;
    const sim = simulate(wide, { trials: 10 });
    expect(sim.errors).toEqual([]);
    expect(sim.results[0].uncertain.find((u) => u.key === "bpoRampWeeks")).toMatchObject({
      min: 14,
      mostLikely: 14,
      max: 20,
    });
  });

  it("reads a table by its headers, in any column order", () => {
    expect(
      scenarioRowsFromTable(
        ["Function", "Value", "Key", "Scenario", "Notes"],
        [["Bookkeeping", 5, "bpoRampWeeks", "Fast", "why"]],
      ),
    ).toEqual([{ scenario: "Fast", key: "bpoRampWeeks", value: 5, function: "Bookkeeping" }]);
  });
});
