/**
 * The portfolio (docs/model.md §8) against an exhaustive search written from the spec alone (portfolio-reference.ts),
 * on hundreds of seeded random portfolios, and its properties: limits met, NPV the sum of its plans', more of a
 * limit never costs more, the reported minimum capacity is feasible and 1% less is not.
 */
import { describe, expect, it } from "vitest";
import { evaluate, optimisePortfolio, parseModelInput, toPortfolioJson, type CellValue } from "../../src/model";
import { allocateBuffers, computeSchedule } from "../../src/model/engine";
import { plansOf, presentValue, shiftedBridgeCosts, type Plan } from "../../src/model/portfolio-plans";
import { cheapestChoice, type SolveFunction } from "../../src/model/portfolio-solver";
import type { Solution } from "yalps";
import { PORTFOLIO_JSON_KEYS, PORTFOLIO_PLAN_KEYS, baseAssumptions, handRow } from "./helpers";
import {
  bestNpv,
  everyCombination,
  fewestTransitions,
  leastCapacity,
  referencePlans,
  type ReferenceAssumptions,
  type ReferenceFunction,
} from "./portfolio-reference";

/** A small seeded generator (the tests must not depend on the model's own random module). */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    whole: (lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * next()),
    pick: <T>(items: readonly T[]): T => items[Math.floor(items.length * next())],
  };
}
type Random = ReturnType<typeof seeded>;

function randomFunction(random: Random, index: number): ReferenceFunction {
  return {
    function: `Function ${index + 1}`,
    headcount: random.whole(1, 12),
    saHourlyRate: random.between(20, 90),
    bpoMonthlyFeePerFte: random.between(3000, 14000),
    processDocumented: random.next() < 0.85,
    managementCapacity: random.next() < 0.85,
    scope: random.pick(["stable", "evolving"] as const),
    saRampDays: random.pick([0, 3, 5, 30]),
    saMgmtShare: random.between(0.05, 0.4),
    saOverheadPerFteMonth: random.between(0, 500),
    saOnboardingCostPerFte: random.between(0, 3000),
    saAnnualAttrition: random.between(0, 0.5),
    saAnnualEscalation: random.between(-0.05, 0.1),
    bpoRampWeeks: random.pick([0, 2, 4, 6.5, 8, 12]),
    bpoTransitionCost: random.between(0, 150000),
    bpoGovernanceShare: random.between(0, 0.1),
    bpoChangeOrdersPerYear: random.between(0, 8),
    bpoChangeOrderCost: random.between(0, 10000),
    bpoAnnualEscalation: random.between(-0.05, 0.1),
    delayCostPerFteMonth: random.between(0, 6000),
  };
}

function randomAssumptions(random: Random, horizonMonths: number): ReferenceAssumptions {
  return {
    horizonMonths,
    businessDaysPerMonth: random.pick([20, 21, 22.5]),
    hoursPerMonth: 160,
    managerMonthlyCost: random.between(5000, 20000),
    discountRateAnnual: random.between(0, 0.15),
    rampShape: random.pick(["step", "linear"] as const),
  };
}

const rowOf = (fn: ReferenceFunction): Record<string, CellValue> => ({
  ...fn,
  processDocumented: fn.processDocumented ? "yes" : "no",
  managementCapacity: fn.managementCapacity ? "yes" : "no",
});

interface Case {
  a: ReferenceAssumptions;
  functions: ReferenceFunction[];
  step: number;
  capacity: number | null;
  transitions: number | null;
}

const inputOf = (c: Case) =>
  parseModelInput({
    assumptions: {
      ...c.a,
      managementCapacityFte: c.capacity,
      maxConcurrentTransitions: c.transitions,
      transitionStartStepMonths: c.step,
    },
    functions: c.functions.map(rowOf),
  });

/** A random small portfolio: few enough plans that every combination can be tried. */
function randomCase(random: Random): Case {
  const count = random.whole(1, 4);
  const horizon = random.whole(4, count >= 3 ? 15 : 24);
  const step = random.whole(count >= 3 ? 3 : 1, 6);
  const a = randomAssumptions(random, horizon);
  const functions = Array.from({ length: count }, (_, i) => randomFunction(random, i));
  const allSaLoad = functions.reduce((sum, f) => sum + (f.managementCapacity ? f.headcount * f.saMgmtShare : 0), 0);
  const capacity = random.next() < 0.2 ? null : random.between(0, allSaLoad * 1.1);
  const transitions = random.next() < 0.2 ? null : random.whole(0, 2);
  return { a, functions, step, capacity, transitions };
}

const relativeClose = (actual: number | null, expected: number | null, tolerance = 1e-9): boolean =>
  actual === null || expected === null
    ? actual === expected
    : Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));

describe("plans (docs/model.md §8.2)", () => {
  it("STAFF_AUG, BPO and BRIDGE_1 cost what the engine computes; BRIDGE_1's months match the engine's bridge bit for bit", () => {
    const random = seeded(11);
    for (let trial = 0; trial < 60; trial++) {
      const a = randomAssumptions(random, random.whole(1, 40));
      const fn = { ...randomFunction(random, 0), processDocumented: true, managementCapacity: true };
      const parsed = parseModelInput({ assumptions: a, functions: [rowOf(fn)] });
      const inputs = parsed.rows[0].inputs;
      const engine = evaluate({ assumptions: a, functions: [rowOf(fn)] }).results[0];
      const { plans, npv } = plansOf(inputs, parsed.assumptions, 3);
      expect(npv).toEqual(engine.npv);
      expect(plans.find((p) => p.kind === "STAFF_AUG")?.npv).toBe(engine.npv.STAFF_AUG);
      expect(plans.find((p) => p.kind === "BPO")?.npv).toBe(engine.npv.BPO);

      const buffers = allocateBuffers(parsed.assumptions);
      computeSchedule(inputs, parsed.assumptions, buffers);
      const own = shiftedBridgeCosts(inputs, parsed.assumptions, 1);
      expect(Array.from(own)).toEqual(Array.from(buffers.monthly.bridge));
      expect(presentValue(own, buffers.factors)).toBe(engine.npv.BRIDGE);
    }
  });

  it("every plan's NPV, monthly load and transition months agree with the spec read independently", () => {
    const random = seeded(12);
    for (let trial = 0; trial < 80; trial++) {
      const a = randomAssumptions(random, random.whole(1, 30));
      const fn = randomFunction(random, 0);
      const step = random.whole(1, 7);
      const parsed = parseModelInput({ assumptions: a, functions: [rowOf(fn)] });
      const { plans } = plansOf(parsed.rows[0].inputs, parsed.assumptions, step);
      const reference = referencePlans(fn, a, step);
      expect(plans.map((p) => [p.kind, p.startMonth])).toEqual(reference.map((p) => [p.strategy, p.startMonth]));
      plans.forEach((plan, i) => {
        expect(relativeClose(plan.npv, reference[i].npv), `${plan.kind} ${plan.startMonth}`).toBe(true);
        Array.from(plan.load).forEach((load, m) => expect(load).toBeCloseTo(reference[i].load[m], 12));
        expect(Array.from(plan.transition)).toEqual(reference[i].transition);
      });
    }
  });

  it("a function neither gate allows has no plan and is DOCUMENT_FIRST in the portfolio", async () => {
    const parsed = parseModelInput({
      assumptions: baseAssumptions(),
      functions: [handRow({ processDocumented: "no", managementCapacity: "no" }), handRow({ function: "Other" })],
    });
    const result = await optimisePortfolio(parsed);
    expect(result.plans[0]).toMatchObject({ strategy: "DOCUMENT_FIRST", startMonth: null, npv: null });
    expect(result.plans[1].strategy).not.toBe("DOCUMENT_FIRST");
  });
});

describe("the optimum against an exhaustive search (docs/model.md §8.3–§8.4)", () => {
  it("matches on 300 random small portfolios: status, optimum, minimum limits and the value of one more", async () => {
    const random = seeded(2026);
    let infeasible = 0;
    let constrained = 0;
    for (let trial = 0; trial < 300; trial++) {
      const c = randomCase(random);
      const label = `trial ${trial}: ${JSON.stringify({ ...c, functions: c.functions.length })}`;
      const reference = c.functions.map((f) => referencePlans(f, c.a, c.step));
      const all = everyCombination(reference, c.a.horizonMonths);
      const expected = bestNpv(all, c.capacity, c.transitions);
      const unconstrained = bestNpv(all, null, null);
      const result = await optimisePortfolio(inputOf(c));

      expect(result.status, label).toBe(expected === null ? "infeasible" : "optimal");
      expect(relativeClose(result.totalNpv, expected), `${label}: ${result.totalNpv} vs ${expected}`).toBe(true);
      expect(relativeClose(result.unconstrainedNpv, unconstrained ?? 0), label).toBe(true);
      expect(relativeClose(result.minimumManagementCapacityFte, leastCapacity(all, c.transitions)), label).toBe(true);
      expect(result.minimumConcurrentTransitions, label).toBe(fewestTransitions(all, c.capacity));
      if (c.capacity !== null && expected !== null) {
        const more = bestNpv(all, c.capacity + 1, c.transitions) as number;
        expect(relativeClose(result.valueOfOneMoreManager, expected - more, 1e-8), label).toBe(true);
      } else expect(result.valueOfOneMoreManager, label).toBeNull();
      if (c.transitions !== null && expected !== null) {
        const more = bestNpv(all, c.capacity, c.transitions + 1) as number;
        expect(relativeClose(result.valueOfOneMoreTransition, expected - more, 1e-8), label).toBe(true);
      } else expect(result.valueOfOneMoreTransition, label).toBeNull();
      if (expected === null) infeasible++;
      else if (expected > (unconstrained as number) * (1 + 1e-9)) constrained++;
    }
    // The random cases cover all three outcomes in numbers, not by luck of one draw.
    expect(infeasible).toBeGreaterThan(20);
    expect(constrained).toBeGreaterThan(50);
  });

  it("staggers bridges under a one-transition limit, as the exhaustive search does", async () => {
    const a: ReferenceAssumptions = {
      horizonMonths: 18,
      businessDaysPerMonth: 21,
      hoursPerMonth: 160,
      managerMonthlyCost: 12000,
      discountRateAnnual: 0.08,
      rampShape: "step",
    };
    const random = seeded(5);
    const functions = Array.from({ length: 3 }, (_, i) => ({
      ...randomFunction(random, i),
      processDocumented: true,
      managementCapacity: true,
      saHourlyRate: 80,
      bpoMonthlyFeePerFte: 6000,
      bpoRampWeeks: 8,
    }));
    const c: Case = { a, functions, step: 2, capacity: null, transitions: 1 };
    const result = await optimisePortfolio(inputOf(c));
    const all = everyCombination(
      functions.map((f) => referencePlans(f, a, 2)),
      a.horizonMonths,
    );
    expect(relativeClose(result.totalNpv, bestNpv(all, null, 1))).toBe(true);
    const starts = result.plans.map((p) => p.startMonth);
    expect(new Set(starts).size).toBe(3); // three transitions, none at the same time
    expect(result.plans.filter((p) => p.strategy === "BRIDGE" && (p.startMonth as number) > 1).length).toBeGreaterThan(
      0,
    );
    expect(Math.max(...result.months.map((m) => m.transitions))).toBe(1);
    expect(result.plans.some((p) => p.differsFromRecommendation)).toBe(true);
  });

  it("is infeasible when three functions only BPO may cover must transition at once under a limit of two", async () => {
    const functions = [0, 1, 2].map((i) => handRow({ function: `BPO only ${i}`, managementCapacity: "no" }));
    const parsed = parseModelInput({
      assumptions: baseAssumptions({ maxConcurrentTransitions: 2 }),
      functions,
    });
    const result = await optimisePortfolio(parsed);
    expect(result.status).toBe("infeasible");
    expect(result.totalNpv).toBeNull();
    expect(result.plans.every((p) => p.strategy === null && p.npv === null)).toBe(true);
    expect(result.minimumConcurrentTransitions).toBe(3);
    expect(result.valueOfOneMoreTransition).toBeNull();
    expect(result.notes.join(" ")).toMatch(/one more concurrent transition the portfolio becomes feasible/);
    expect(toPortfolioJson(result).status).toBe("infeasible");
  });
});

describe("properties of the optimum", () => {
  it("the plan meets both limits, its NPV is the sum of its plans', and more capacity or one more transition never costs more", async () => {
    const random = seeded(77);
    for (let trial = 0; trial < 40; trial++) {
      const count = random.whole(3, 8);
      const a = randomAssumptions(random, random.whole(12, 36));
      const functions = Array.from({ length: count }, (_, i) => randomFunction(random, i));
      const saLoad = functions.reduce((s, f) => s + f.headcount * f.saMgmtShare, 0);
      const c: Case = { a, functions, step: 3, capacity: random.between(0, saLoad), transitions: random.whole(1, 3) };
      const result = await optimisePortfolio(inputOf(c));
      if (result.status !== "optimal") continue;
      const planSum = result.plans.reduce((sum, p) => sum + (p.npv ?? 0), 0);
      expect(result.totalNpv).toBe(planSum);
      for (const month of result.months) {
        expect(month.managementLoadFte).toBeLessThanOrEqual((c.capacity as number) + 1e-9);
        expect(month.transitions).toBeLessThanOrEqual(c.transitions as number);
      }
      const moreCapacity = await optimisePortfolio(inputOf({ ...c, capacity: (c.capacity as number) * 1.5 + 0.1 }));
      expect(moreCapacity.totalNpv as number).toBeLessThanOrEqual((result.totalNpv as number) * (1 + 1e-12));
      const moreTransitions = await optimisePortfolio(inputOf({ ...c, transitions: (c.transitions as number) + 1 }));
      expect(moreTransitions.totalNpv as number).toBeLessThanOrEqual((result.totalNpv as number) * (1 + 1e-12));
      expect(result.valueOfOneMoreManager as number).toBeGreaterThanOrEqual(-1e-6);
      expect(result.valueOfOneMoreTransition as number).toBeGreaterThanOrEqual(-1e-6);
    }
  });

  it("capacity equal to the reported minimum is feasible, and 1% below it is not", async () => {
    const random = seeded(91);
    let checked = 0;
    for (let trial = 0; trial < 40; trial++) {
      const count = random.whole(2, 8);
      const a = randomAssumptions(random, random.whole(6, 30));
      const functions = Array.from({ length: count }, (_, i) => randomFunction(random, i));
      const c: Case = { a, functions, step: random.whole(1, 4), capacity: null, transitions: random.whole(0, 2) };
      const minimum = (await optimisePortfolio(inputOf(c))).minimumManagementCapacityFte;
      if (minimum === null || minimum === 0) continue;
      checked++;
      expect((await optimisePortfolio(inputOf({ ...c, capacity: minimum }))).status).toBe("optimal");
      expect((await optimisePortfolio(inputOf({ ...c, capacity: minimum * 0.99 }))).status).toBe("infeasible");
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe("the time limit", () => {
  const plan = (npv: number, load: number): Plan => ({
    kind: load > 0 ? "STAFF_AUG" : "BPO",
    startMonth: load > 0 ? null : 1,
    npv,
    load: Float64Array.of(load),
    transition: Uint8Array.of(0),
  });
  // Two functions, each cheaper with staff augmentation, and room for one: a programme is needed.
  const plans = [
    [plan(100, 1), plan(120, 0)],
    [plan(100, 1), plan(120, 0)],
  ];

  it("a plan found when the solver runs out of time is 'stopped', with its gap to the relaxation's bound", () => {
    const calls: boolean[] = [];
    const outOfTime: SolveFunction = (model) => {
      calls.push(model.binaries !== undefined);
      return model.binaries !== undefined
        ? {
            status: "timedout",
            result: 20,
            variables: [
              ["0:0", 1],
              ["1:1", 1],
            ],
          }
        : { status: "optimal", result: 10, variables: [] };
    };
    const choice = cheapestChoice(outOfTime, plans, 1, { capacity: 1, transitions: null }, 5);
    expect(calls).toEqual([true, false]); // the programme, then its relaxation for the bound
    expect(choice).toEqual({ status: "stopped", chosen: [0, 1], relativeGap: (20 - 10) / 220 });
  });

  it("no plan in time, a cycling simplex or a plan over a limit is never reported as infeasible or optimal", () => {
    const answers: Solution[] = [
      { status: "timedout", result: NaN, variables: [] },
      { status: "cycled", result: NaN, variables: [] },
      {
        status: "optimal",
        result: 0,
        variables: [
          ["0:0", 1],
          ["1:0", 1],
        ],
      }, // both over the capacity of 1
    ];
    for (const answer of answers) {
      const choice = cheapestChoice(() => answer, plans, 1, { capacity: 1, transitions: null }, 5);
      expect(choice.status).toBe("stopped");
      expect(choice.chosen).toBeNull();
    }
  });
});

describe("inputs and results", () => {
  const withAssumption = (key: string, value: CellValue) =>
    parseModelInput({ assumptions: baseAssumptions({ [key]: value }), functions: [handRow()] });

  it("reports a negative capacity, a fractional transition count and a step of 0 or above 600 as assumption errors a finance user can act on", () => {
    const cases: [string, CellValue, RegExp][] = [
      [
        "managementCapacityFte",
        -1,
        /Management capacity \(manager FTE\) must be a number of manager FTEs of at least 0.*got -1/,
      ],
      ["maxConcurrentTransitions", 1.5, /Max concurrent transitions must be a whole number of at least 0.*got 1\.5/],
      [
        "transitionStartStepMonths",
        0,
        /Transition start step \(months\) must be a whole number of months from 1 to 600.*got 0/,
      ],
      ["transitionStartStepMonths", 601, /from 1 to 600.*got 601/],
      ["Management capacity (manager FTE)", "lots", /got "lots" \(text\)/],
    ];
    for (const [key, value, message] of cases) {
      const parsed = withAssumption(key, value);
      expect(parsed.errors).toHaveLength(1);
      expect(parsed.errors[0]).toMatchObject({ row: null, value });
      expect(parsed.errors[0].message).toMatch(message);
    }
  });

  it("reads the limits by label, blank as unlimited, and the step's default of 3", async () => {
    const parsed = parseModelInput({
      assumptions: [
        ["Management capacity (manager FTE)", 1.5],
        ["Max concurrent transitions", ""],
      ],
      functions: [handRow()],
    });
    expect(parsed.errors).toEqual([]);
    const result = await optimisePortfolio(parsed);
    expect(result.limits).toEqual({
      managementCapacityFte: 1.5,
      maxConcurrentTransitions: null,
      transitionStartStepMonths: 3,
    });
    // The single-function model reads them as given and nothing else changes.
    expect(evaluate({ assumptions: baseAssumptions(), functions: [handRow()] }).results).toEqual(
      evaluate({ assumptions: baseAssumptions({ managementCapacityFte: 1.5 }), functions: [handRow()] }).results,
    );
  });

  it("optimises the valid rows of a table with errors and says so", async () => {
    const parsed = parseModelInput({
      assumptions: baseAssumptions(),
      functions: [handRow(), handRow({ function: "Broken", headcount: "abc" }), handRow({ function: "Third" })],
    });
    const result = await optimisePortfolio(parsed);
    expect(result.plans.map((p) => p.function)).toEqual(["Hand case", "Third"]);
    expect(result.errors).toHaveLength(1);
    expect(result.warnings.map((w) => w.message)).toContain(
      "1 row has input errors and is left out; the portfolio optimises the other 2 functions.",
    );
  });

  it("rejects a bad override with the assumption's own message, and stops when cancelled", async () => {
    const parsed = withAssumption("managementCapacityFte", 2);
    await expect(optimisePortfolio(parsed, { limits: { maxConcurrentTransitions: 0.5 } })).rejects.toThrow(
      /Max concurrent transitions must be a whole number/,
    );
    await expect(optimisePortfolio(parsed, { signal: { aborted: true } })).rejects.toMatchObject({
      name: "AbortError",
    });
    const stages: string[] = [];
    await optimisePortfolio(parsed, { onProgress: (p) => stages.push(p.stage) });
    expect(stages[0]).toBe("plans");
    expect(stages).toContain("one-more-manager");
  });

  it("refuses a portfolio too large to optimise, saying what to change, before building a plan", async () => {
    const functions = Array.from({ length: 10 }, (_, i) => handRow({ function: `Function ${i + 1}` }));
    const parsed = parseModelInput({
      assumptions: baseAssumptions({ horizonMonths: 600, transitionStartStepMonths: 1 }),
      functions,
    });
    await expect(optimisePortfolio(parsed)).rejects.toThrow(
      /The portfolio has 3,612,000 plan-months \(functions × plans × 600 months\); the optimiser takes at most 3,000,000\. Use a longer transition start step \(it is 1 month\)/,
    );
  });

  it("gives each plan its monthly load and transition months, summing to the portfolio's months", async () => {
    const parsed = parseModelInput({
      assumptions: baseAssumptions({
        managementCapacityFte: 2.5,
        maxConcurrentTransitions: 1,
        transitionStartStepMonths: 2,
      }),
      functions: [handRow(), handRow({ function: "Second" }), handRow({ function: "Third", headcount: 1 })],
    });
    const result = await optimisePortfolio(parsed);
    expect(result.status).toBe("optimal");
    result.months.forEach((month, i) => {
      const load = result.plans.reduce((sum, p) => sum + p.managementLoadFte[i], 0);
      expect(month.managementLoadFte).toBeCloseTo(load, 12);
      expect(month.transitions).toBe(result.plans.filter((p) => p.inTransition[i]).length);
    });
    expect(result.managerNpv).toBeCloseTo(10000 * 14, 6); // discount rate 0 in baseAssumptions
    expect(Object.keys(toPortfolioJson(result))).toEqual(PORTFOLIO_JSON_KEYS);
    expect(Object.keys(toPortfolioJson(result).plans[0])).toEqual(PORTFOLIO_PLAN_KEYS);
  });
});
