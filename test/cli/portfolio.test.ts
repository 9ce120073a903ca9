/** `sourcing-model portfolio` as a real process (`npm run build:cli` first; npm test does). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { optimisePortfolio, parseModelInput, type ModelInput } from "../../src/model";
import { PORTFOLIO_JSON_KEYS, PORTFOLIO_PLAN_KEYS } from "../model/helpers";
import { REPO, assertBuilt, runCli } from "./run-cli";

const SAMPLE = join(REPO, "examples", "sample.json");
const LIMITS = ["--set", "managementCapacityFte=2", "--set", "maxConcurrentTransitions=1"];

beforeAll(() => assertBuilt());

const keysOf = (value: unknown): string[] => Object.keys(value as Record<string, unknown>);

describe("sourcing-model portfolio", () => {
  it("--json prints exactly the issue's shape, with the model's own figures", async () => {
    const run = runCli(["portfolio", SAMPLE, "--json", ...LIMITS]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown> & {
      plans: Record<string, unknown>[];
      months: Record<string, unknown>[];
    };
    expect(keysOf(json)).toEqual(PORTFOLIO_JSON_KEYS);
    expect(keysOf(json.plans[0])).toEqual(PORTFOLIO_PLAN_KEYS);
    expect(keysOf(json.months[0])).toEqual(["month", "managementLoadFte", "transitions"]);

    const input = JSON.parse(readFileSync(SAMPLE, "utf8")) as ModelInput;
    const expected = await optimisePortfolio(
      parseModelInput({
        ...input,
        assumptions: { ...(input.assumptions as object), managementCapacityFte: 2, maxConcurrentTransitions: 1 },
      }),
    );
    expect(json.status).toBe("optimal");
    expect(json.totalNpv).toBe(expected.totalNpv);
    expect(json.plans.map((p) => [p.strategy, p.startMonth])).toEqual(
      expected.plans.map((p) => [p.strategy, p.startMonth]),
    );
    expect(json.plans.map((p) => p.strategy)).toContain("DOCUMENT_FIRST");
  });

  it("prints the plan in words, what the limits cost and a verdict on hiring", () => {
    const run = runCli(["portfolio", SAMPLE, ...LIMITS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Limits: management capacity 2\.00 manager FTE, at most 1 concurrent transition/);
    expect(run.stdout).toMatch(/Bookkeeping\s+BPO\s+Bridge from month 4\s+690,558\s+yes/);
    expect(run.stdout).toMatch(/Staff augmentation/);
    expect(run.stdout).toMatch(/the limits cost USD 60,085\./);
    expect(run.stdout).toMatch(
      /Hiring: one more manager saves USD 0 against USD 384,520 for a manager over 36 months, so hiring does not pay\./,
    );
    expect(run.stdout).not.toMatch(/STAFF_AUG|BRIDGE|DOCUMENT_FIRST/);
  });

  it("says in words when no plan meets the limits, and what would", () => {
    const run = runCli([
      "portfolio",
      SAMPLE,
      "--set",
      "managementCapacityFte=1",
      "--set",
      "Max concurrent transitions=1",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No choice of plans meets both limits: the portfolio is infeasible\./);
    expect(run.stdout).toMatch(/the least capacity that works under the transition limit is 1\.05 manager FTE/);
    expect(run.stdout).toMatch(/With one more manager the portfolio becomes feasible/);
  });

  it("reports an invalid limit at the flag that set it, with exit code 1", () => {
    const run = runCli(["portfolio", SAMPLE, "--set", "maxConcurrentTransitions=1.5"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /--set maxConcurrentTransitions=1\.5: Max concurrent transitions must be a whole number of at least 0/,
    );
    // No plan table, no "unlimited" limits and no NPV of 0 that would read as an answer.
    expect(run.stdout).toMatch(/nothing to optimise: see the errors below\./);
    expect(run.stdout).not.toMatch(/Portfolio NPV|unlimited|Function\s+Alone/);
    // Nor in JSON: the status says nothing was optimised, and no figure stands in for an answer.
    const json = runCli(["portfolio", SAMPLE, "--json", "--set", "managerMonthlyCost=-5"]);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown> & { errors: { column: string }[] };
    expect(keysOf(parsed)).toEqual(PORTFOLIO_JSON_KEYS);
    expect(parsed).toMatchObject({
      status: "invalid",
      totalNpv: null,
      unconstrainedNpv: null,
      plans: [],
      months: [],
      minimumManagementCapacityFte: null,
      minimumConcurrentTransitions: null,
      valueOfOneMoreManager: null,
      valueOfOneMoreTransition: null,
    });
    expect(parsed.errors.map((e) => e.column)).toContain("managerMonthlyCost");
  });

  it("checks --time-limit and is listed in the main help", () => {
    const bad = runCli(["portfolio", SAMPLE, "--time-limit", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--time-limit must be a whole number from 1 to 3,600; got "0"/);
    expect(runCli(["--help"]).stdout).toMatch(/portfolio\s+One plan per function/);
  });
});
