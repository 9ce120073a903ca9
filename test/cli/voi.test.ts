/** `sourcing-model voi` as a real process (`npm run build:cli` first; npm test does). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney, valueOfInformation } from "../../src/model";
import { sampleWithRanges } from "../analysis/helpers";
import { assertBuilt, runCli } from "./run-cli";

let dir: string;
let ranged: string;
let broken: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), "sourcing-voi-"));
  ranged = join(dir, "ranges.json");
  writeFileSync(ranged, JSON.stringify(sampleWithRanges()));
  broken = join(dir, "broken.json");
  const withError = sampleWithRanges();
  withError.functions[2].headcount = "twelve";
  writeFileSync(broken, JSON.stringify(withError));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keysOf = (value: unknown): string[] => Object.keys(value as Record<string, unknown>);

describe("sourcing-model voi", () => {
  it("--json prints exactly trials, seed, functions (function, decision, evpi, inputs) and errors: the model's figures", () => {
    const run = runCli(["voi", ranged, "--trials", "2000", "--seed", "5", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      trials: number;
      seed: number;
      functions: { function: string; decision: string; evpi: number; inputs: Record<string, unknown>[] }[];
      errors: unknown[];
    };
    expect(keysOf(json)).toEqual(["trials", "seed", "functions", "errors"]);
    expect(json).toMatchObject({ trials: 2000, seed: 5, errors: [] });
    const model = valueOfInformation(sampleWithRanges(), { trials: 2000, seed: 5 });
    expect(json.functions).toHaveLength(model.functions.length);
    json.functions.forEach((f, i) => {
      expect(keysOf(f)).toEqual(["function", "decision", "evpi", "inputs"]);
      const expected = model.functions[i];
      expect(f).toMatchObject({ function: expected.function, decision: expected.decision, evpi: expected.evpi });
      expect(f.inputs).toEqual(
        expected.inputs.map((x) => ({
          input: x.input,
          evppi: x.evppi,
          decisionChangeProbability: x.decisionChangeProbability,
        })),
      );
      for (const input of f.inputs) expect(keysOf(input)).toEqual(["input", "evppi", "decisionChangeProbability"]);
    });
    const documentFirst = json.functions.find((f) => f.function === "Data entry");
    expect(documentFirst).toEqual({ function: "Data entry", decision: "DOCUMENT_FIRST", evpi: 0, inputs: [] });
    // Inputs ranked by EVPPI, largest first.
    for (const f of json.functions)
      for (let k = 1; k < f.inputs.length; k++)
        expect(f.inputs[k - 1].evppi as number).toBeGreaterThanOrEqual(f.inputs[k].evppi as number);
    expect(runCli(["voi", ranged, "--trials", "2000", "--seed", "5", "--json"]).stdout).toBe(run.stdout);
  });

  it("--standard-errors adds the batch-means standard errors to the JSON", () => {
    const run = runCli(["voi", ranged, "--trials", "400", "--json", "--standard-errors"]);
    const json = JSON.parse(run.stdout) as { functions: { evpiStandardError: unknown; inputs: object[] }[] };
    const react = json.functions[1];
    expect(typeof react.evpiStandardError).toBe("number");
    expect(keysOf(react.inputs[0])).toEqual(["input", "evppi", "evppiStandardError", "decisionChangeProbability"]);
  });

  it("the text report says what is worth finding out, in money and words, and plainly when nothing is", () => {
    const run = runCli(["voi", ranged, "--trials", "4000"]);
    expect(run.code).toBe(0);
    const model = valueOfInformation(sampleWithRanges(), { trials: 4000 });
    const react = model.functions[1];
    const top = react.inputs[0];
    expect(run.stdout).toContain(
      `React developer: with today's information, Staff augmentation is cheapest on average (NPV ${formatMoney(react.expectedNpv ?? 0, "USD")}).`,
    );
    expect(run.stdout).toContain(
      `Worth finding out before signing: up to ${formatMoney(react.evpi, "USD")} on average`,
    );
    const row = run.stdout.split("\n").find((line) => line.trim().startsWith(top.label));
    expect(row).toContain(formatMoney(top.evppi, "USD"));
    expect(run.stdout).toMatch(/Bookkeeping: .*\n {2}Nothing is worth finding out before signing/);
    expect(run.stdout).toContain("Customer support: BPO is the only strategy allowed");
    expect(run.stdout).toContain("Data entry: document the process first.");
    expect(run.stdout).not.toMatch(/STAFF_AUG|DOCUMENT_FIRST|bpoMonthlyFeePerFte|NaN|undefined/);
  });

  it("reports invalid rows (exit 1) and refuses bad options or too many trials (exit 2)", () => {
    const withErrors = runCli(["voi", broken, "--trials", "100", "--json"]);
    expect(withErrors.code).toBe(1);
    const json = JSON.parse(withErrors.stdout) as { functions: unknown[]; errors: { row: number; column: string }[] };
    expect(json.functions).toHaveLength(3);
    expect(json.errors[0]).toMatchObject({ row: 3, column: "headcount" });
    const badTrials = runCli(["voi", ranged, "--trials", "0"]);
    expect(badTrials.code).toBe(2);
    expect(badTrials.stderr).toMatch(/--trials must be a whole number/);
    const tooMany = runCli(["voi", ranged, "--max-trials-total", "1000"]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/above the limit of 1,000/);
    expect(runCli(["help"]).stdout).toContain("voi FILE [--trials N] [--seed S] [--json] [--standard-errors]");
  });
});
