/** Correlated ranges from an input file: a .json "correlations" list or an .xlsx SourcingCorrelations table (`npm run build:cli` first). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCorrelations } from "../../src/io/correlations";
import { CORRELATIONS_TABLE } from "../../src/layout/correlations-table";
import { parseCorrelations, simulate, valueOfInformation } from "../../src/model";
import { REPO, assertBuilt, runCli } from "../cli/run-cli";
import { sampleWithRanges } from "./helpers";

let dir: string;
const correlations = [
  { input: "SA hourly rate", "other input": "BPO monthly fee per FTE", "rank correlation": 0.6 },
  { input: "bpoRampWeeks", "other input": "saRampDays", "rank correlation": "-30%" },
];

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), "sourcing-correlations-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, data: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
};

describe("correlated ranges from the command line", () => {
  it("simulate and voi apply a .json file's correlations list as the model does", () => {
    const file = write("correlated.json", { ...sampleWithRanges(), correlations });
    const { pairs } = parseCorrelations(
      correlations.map((c) => ({ first: c.input, second: c["other input"], correlation: c["rank correlation"] })),
    );
    expect(pairs).toHaveLength(2);
    const simulated = runCli(["simulate", file, "--trials", "2000", "--seed", "3", "--json"]);
    expect(simulated.code).toBe(0);
    expect(simulated.stderr).toBe("");
    const expected = simulate(sampleWithRanges(), { trials: 2000, seed: 3, correlations: pairs });
    expect(JSON.parse(simulated.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(JSON.parse(simulated.stdout)).not.toEqual(
      JSON.parse(JSON.stringify(simulate(sampleWithRanges(), { trials: 2000, seed: 3 }))),
    );
    const voi = runCli(["voi", file, "--trials", "2000", "--seed", "3", "--json"]);
    expect(voi.code).toBe(0);
    const cli = valueOfInformation(sampleWithRanges(), { trials: 2000, seed: 3, correlations: pairs });
    expect((JSON.parse(voi.stdout) as { functions: { evpi: number }[] }).functions.map((f) => f.evpi)).toEqual(
      cli.functions.map((f) => f.evpi),
    );
  });

  it("gives the same numbers on several threads (each reorders the draws of all the trials the same way)", async () => {
    const { pairs } = parseCorrelations([{ first: "saHourlyRate", second: "bpoMonthlyFeePerFte", correlation: 0.6 }]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiled = require(join(REPO, "lib", "cli", "simulate.js")) as typeof import("../../src/cli/simulate");
    const threaded = await compiled.simulateInThreads(sampleWithRanges(), 3001, 8, 3, pairs);
    expect(JSON.stringify(threaded)).toBe(
      JSON.stringify(simulate(sampleWithRanges(), { trials: 3001, seed: 8, correlations: pairs })),
    );
  });

  it("refuses a bad row, naming its row, its column and what is allowed", () => {
    const file = write("bad.json", {
      ...sampleWithRanges(),
      correlations: [correlations[0], { input: "Headcount", "other input": "SA hourly rate", "rank correlation": 2 }],
    });
    const run = runCli(["simulate", file, "--trials", "100"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/row 2, first: The first input must be one of the inputs that take a range/);
    expect(run.stderr).toMatch(/row 2, correlation: .*-1 to 1/);
  });

  it("reads the SourcingCorrelations table of an .xlsx file by its headers", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Inputs");
    sheet.addTable({
      name: CORRELATIONS_TABLE,
      ref: "B2",
      columns: [{ name: "Rank correlation" }, { name: "Input" }, { name: "Other input" }],
      rows: [[0.5, "SA hourly rate", "BPO monthly fee per FTE"]],
    });
    const file = join(dir, "correlations.xlsx");
    await workbook.xlsx.writeFile(file);
    expect(await readCorrelations(file)).toEqual([
      { correlation: 0.5, first: "SA hourly rate", second: "BPO monthly fee per FTE" },
    ]);
  });
});
