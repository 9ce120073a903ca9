/** simulate, sensitivity, goalseek and evaluate --scenario as real processes (`npm run build:cli` first; npm test does). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goalSeek, parseScenarios, compareScenarios, sensitivity, simulate } from "../../src/model";
import {
  ASSUMPTION_HEADERS,
  ASSUMPTIONS_TABLE,
  FUNCTIONS_TABLE,
  SCENARIOS_TABLE,
  SCENARIO_HEADERS,
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
} from "../../src/layout/workbook";
import { assertBuilt, runCli } from "./run-cli";
import { sampleWithRanges } from "../analysis/helpers";

let dir: string;
let file: string;
const scenarioRows = [
  { scenario: "Slow ramp", key: "bpoRampWeeks", value: 12 },
  { scenario: "Pricey", key: "BPO monthly fee per FTE", value: 9000, function: "Bookkeeping" },
];

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), "sourcing-analysis-"));
  file = join(dir, "ranges.json");
  writeFileSync(file, JSON.stringify({ ...sampleWithRanges(), scenarios: scenarioRows }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sourcing-model simulate", () => {
  it("--json equals the model's simulation for the seed and trials given, and repeats exactly", () => {
    const run = runCli(["simulate", file, "--trials", "2000", "--seed", "42", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(JSON.stringify(simulate(sampleWithRanges(), { trials: 2000, seed: 42 }))),
    );
    expect(runCli(["simulate", file, "--trials", "2000", "--seed", "42", "--json"]).stdout).toBe(run.stdout);
  });

  it("prints a table of probabilities and percentiles by default (10,000 trials, seed 1)", () => {
    const run = runCli(["simulate", file]);
    expect(run.code).toBe(0);
    const expected = simulate(sampleWithRanges()).results[1];
    expect(run.stdout.split("\n")[0]).toBe(
      `${file}: 4 functions simulated, 10,000 trials each, seed 1, horizon 36 months.`,
    );
    const line = run.stdout.split("\n").find((l) => l.startsWith("React developer"));
    expect(line).toContain(`${(expected.BPO.probabilityCheaper * 100).toFixed(1)}%`);
    expect(run.stdout).toContain("Saving = NPV of staff augmentation - NPV of BPO");
  });

  it("rejects bad options (exit 2) and warns about a bad range cell, still simulating every row", () => {
    const bad = runCli(["simulate", file, "--trials", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'sourcing-model: --trials must be a whole number from 1 to 1,000,000; got "0". Run "sourcing-model simulate --help" for usage.\n',
    );
    expect(runCli(["simulate", file, "--seed", "x"]).code).toBe(2);
    const input = sampleWithRanges();
    input.functions[1].bpoRampWeeksMin = 9;
    const broken = join(dir, "broken.json");
    writeFileSync(broken, JSON.stringify(input));
    const run = runCli(["simulate", broken, "--trials", "100"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "warning: row 2 (functions[1].bpoRampWeeksMin): BPO ramp (weeks) min (9) is above the most likely value, BPO ramp (weeks) = 6; the simulation uses 6 as the min.",
    );
    expect(run.stdout.split("\n")[0]).toContain("4 functions simulated");
  });
});

describe("sourcing-model sensitivity", () => {
  it("--json equals the model's tornado; the text lists the inputs by swing", () => {
    const run = runCli(["sensitivity", file, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(sensitivity(sampleWithRanges()))));
    const text = runCli(["sensitivity", file]).stdout;
    const first = sensitivity(sampleWithRanges()).results[0].bars[0];
    expect(text).toMatch(new RegExp(`Customer support: saving USD 427,349 .*\\n.*Input.*\\n.*\\n  ${first.label}`));
  });
});

describe("sourcing-model goalseek", () => {
  it("--json equals the model's goal seek; --month is required and checked", () => {
    const run = runCli(["goalseek", file, "--month", "6", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(goalSeek(sampleWithRanges(), 6))));
    const text = runCli(["goalseek", file, "--month", "6"]).stdout;
    expect(text).toMatch(
      /Customer support\s+BPO fee per FTE-month \(highest\)\s+USD 4,200\s+6\s+USD 4,345\s+6\s+exact/,
    );
    expect(runCli(["goalseek", file]).stderr).toMatch(/goalseek needs --month M/);
    const outside = runCli(["goalseek", file, "--month", "40"]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--month: month must be a whole number from 1 to 36 \(the horizon\); got 40\./);
  });
});

describe("sourcing-model evaluate --scenario", () => {
  it("compares the named scenarios with the base (JSON from the file's scenarios list)", () => {
    const run = runCli(["evaluate", file, "--scenario", "pricey", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const expected = compareScenarios(sampleWithRanges(), parseScenarios(scenarioRows).scenarios, ["pricey"]);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    const text = runCli(["evaluate", file, "--scenario", "Slow ramp", "--scenario", "Pricey"]).stdout;
    expect(text).toContain('Scenario "Slow ramp" (bpoRampWeeks=12) compared with the base:');
    expect(text).toMatch(/Bookkeeping\s+BPO -> Staff augmentation/);
    const unknown = runCli(["evaluate", file, "--scenario", "Nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No scenario named "Nope"; scenarios: Slow ramp, Pricey/);
  });

  it("reads the SourcingScenarios table of a workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sourcing Inputs");
    const headers = sampleFunctionHeaders();
    sheet.addTable({
      name: FUNCTIONS_TABLE,
      ref: "A1",
      headerRow: true,
      columns: headers.map((name) => ({ name })),
      rows: sampleFunctionRows() as ExcelJS.CellValue[][],
    });
    sheet.addTable({
      name: ASSUMPTIONS_TABLE,
      ref: "A8",
      headerRow: true,
      columns: ASSUMPTION_HEADERS.map((name) => ({ name })),
      rows: sampleAssumptionRows() as ExcelJS.CellValue[][],
    });
    const scenarioSheet = workbook.addWorksheet("Scenarios");
    scenarioSheet.addTable({
      name: SCENARIOS_TABLE,
      ref: "B2",
      headerRow: true,
      columns: SCENARIO_HEADERS.map((name) => ({ name })),
      rows: [
        ["Pricey", "bpoMonthlyFeePerFte", 9000, "Bookkeeping"],
        ["Slow ramp", "BPO ramp (weeks)", 12, null],
      ],
    });
    const path = join(dir, "scenarios.xlsx");
    await workbook.xlsx.writeFile(path);
    const run = runCli(["evaluate", path, "--scenario", "Pricey", "--json"]);
    expect(run.stderr).toBe("");
    const parsed = JSON.parse(run.stdout) as ReturnType<typeof compareScenarios>;
    expect(parsed.scenarios[0].overrides).toEqual([
      { key: "bpoMonthlyFeePerFte", value: 9000, function: "Bookkeeping", row: 1 },
    ]);
    expect(parsed.scenarios[0].differences.find((d) => d.function === "Bookkeeping")?.recommendationChanged).toBe(true);
  });
});

describe("sourcing-model help", () => {
  it("lists the new commands", () => {
    const run = runCli(["--help"]);
    for (const name of ["simulate", "sensitivity", "goalseek"])
      expect(run.stdout).toMatch(new RegExp(`^  ${name}\\s`, "m"));
    expect(runCli(["help", "simulate"]).stdout).toMatch(/^Usage: sourcing-model simulate FILE/);
  });
});
