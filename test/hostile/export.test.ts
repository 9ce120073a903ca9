/**
 * Hostile input for `sourcing-model export`: sizes that used to exhaust the heap, a limit that refuses them before
 * any work, names that only differ by a control character, no function at all, and an output that is the input.
 * Every fixture is generated here; every run is a real process held to the time and memory bounds.
 */
import { linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sampleInput } from "../../src/model";
import { describeRun, fixtureDir, runMeasured, expectWithinBounds } from "./support";

const dir = fixtureDir();

/** `count` varied functions, as the benches generate them. */
function functionsFile(name: string, count: number): string {
  const functions = Array.from({ length: count }, (_, i) => ({
    function: `Function ${i + 1}`,
    headcount: 1 + (i % 40),
    saHourlyRate: 20 + (i % 60),
    bpoMonthlyFeePerFte: 2500 + ((i * 37) % 9000),
    processDocumented: i % 5 === 0 ? "no" : "yes",
    managementCapacity: i % 7 === 0 ? "no" : "yes",
    scope: i % 3 === 0 ? "evolving" : "stable",
    bpoRampWeeks: 4 + (i % 9),
    bpoTransitionCost: 10000 + ((i * 911) % 90000),
  }));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ assumptions: { horizonMonths: 36 }, functions }));
  return path;
}

describe("hostile export", () => {
  it("500 functions × 600 months (formerly a heap crash, exit 134, 4.3 GB) is refused before any work, naming the limit and its flag", () => {
    const run = runMeasured([
      "export",
      functionsFile("f500.json", 500),
      join(dir, "f500.xlsx"),
      "--max-horizon",
      "600",
    ]);
    expectWithinBounds(run);
    expect(run.code).toBe(2);
    expect(run.firstLine).toBe(
      "sourcing-model: nothing exported: the export would need 300,000 rows on Sourcing Calc (500 functions × 600 months), more than the limit of 50,000 rows. " +
        'Export fewer functions or a shorter --max-horizon, or raise the limit with --max-calc-rows N (at most 1,048,575). Run "sourcing-model export --help" for usage.',
    );
    expect(() => statSync(join(dir, "f500.xlsx"))).toThrow(); // nothing written
    expect(run.peakRssMb).toBeLessThan(200);
  });

  it("at the default limit (125 functions × 400 months: 50,000 rows, 2.25 million formulas) it writes the workbook within the bounds", () => {
    const out = join(dir, "f125.xlsx");
    const run = runMeasured(["export", functionsFile("f125.json", 125), out, "--max-horizon", "400"]);
    expectWithinBounds(run);
    expect(run.code).toBe(0);
    expect(run.firstLine).toBe(`${out}: 125 functions as native Excel formulas, horizon up to 400 months.`);
    expect(statSync(out).size).toBeGreaterThan(1_000_000);
    console.log(`export 125 × 400: ${describeRun(run)}; ${(statSync(out).size / 1e6).toFixed(1)} MB written`);
  });

  it("--max-calc-rows moves the limit: lower refuses, enough accepts, beyond Excel's last row is a usage error", () => {
    const input = functionsFile("f20.json", 20);
    const lower = runMeasured([
      "export",
      input,
      join(dir, "f20a.xlsx"),
      "--max-horizon",
      "120",
      "--max-calc-rows",
      "2,000",
    ]);
    expect(lower.code).toBe(2);
    expect(lower.firstLine).toMatch(
      /^sourcing-model: nothing exported: the export would need 2,400 rows on Sourcing Calc \(20 functions × 120 months\), more than the limit of 2,000 rows\./,
    );
    const enough = runMeasured([
      "export",
      input,
      join(dir, "f20b.xlsx"),
      "--max-horizon",
      "120",
      "--max-calc-rows",
      "2400",
    ]);
    expect(enough.code).toBe(0);
    const beyond = runMeasured(["export", input, join(dir, "f20c.xlsx"), "--max-calc-rows", "2000000"]);
    expect(beyond.code).toBe(2);
    expect(beyond.firstLine).toMatch(
      /^sourcing-model: --max-calc-rows must be a whole number from 1 to 1,048,575 \(Excel's last row\); got "2000000"\./,
    );
    for (const run of [lower, enough, beyond]) expectWithinBounds(run);
  });

  it("no function at all: one clean line, no dangling colon", () => {
    const empty = join(dir, "empty.json");
    writeFileSync(empty, JSON.stringify({ functions: [] }));
    const run = runMeasured(["export", empty, join(dir, "empty.xlsx")]);
    expectWithinBounds(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("sourcing-model: nothing exported. There is no function to export.\n");
  });

  it("names that differ only by control characters stay distinct in the workbook and read back exactly", async () => {
    const input = sampleInput();
    const names = ["A\u0007", "A", "Tab\tand CR\rinside", "_x0041_ literal"];
    input.functions = names.map((name, i) => ({ ...sampleInput().functions[i % 4], function: name }));
    const path = join(dir, "control.json");
    writeFileSync(path, JSON.stringify(input));
    const out = join(dir, "control.xlsx");
    const run = runMeasured(["export", path, out]);
    expectWithinBounds(run);
    expect(run.code).toBe(0);
    expect(run.firstLine).toBe(`${out}: 4 functions as native Excel formulas, horizon up to 36 months.`);
    // As Excel shows them: ExcelJS decodes _xHHHH_ as Excel does.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const inputs = workbook.getWorksheet("Sourcing Inputs") as ExcelJS.Worksheet;
    expect([2, 3, 4, 5].map((row) => inputs.getCell(`A${row}`).value)).toEqual(names);
    const again = runMeasured(["evaluate", out, "--json"]);
    expect(again.code).toBe(0); // no "already appears" duplicate-name error
    // And as the command line reads them back: the reader decodes _xHHHH_ too, so the round trip is exact.
    expect((JSON.parse(again.stdout) as { results: { function: string }[] }).results.map((r) => r.function)).toEqual(
      names,
    );
  });

  it("refuses an OUT that is IN (same path, ./, a symbolic or hard link) unless --in-place is given", () => {
    const input = join(dir, "in.xlsx");
    const seed = runMeasured(["export", functionsFile("seed.json", 3), input]);
    expect(seed.code).toBe(0);
    const before = readFileSync(input);
    mkdirSync(join(dir, "sub"));
    symlinkSync(input, join(dir, "sub", "link.xlsx"));
    linkSync(input, join(dir, "hard.xlsx"));
    for (const out of [
      input,
      join(dir, ".", "in.xlsx"),
      join(dir, "sub", "..", "in.xlsx"),
      join(dir, "sub", "link.xlsx"),
      join(dir, "hard.xlsx"),
    ]) {
      const run = runMeasured(["export", input, out]);
      expectWithinBounds(run);
      expect(run.code, out).toBe(2);
      expect(run.firstLine).toBe(
        `sourcing-model: OUT (${out}) is the input file itself; export would overwrite it. Give another OUT, or add --in-place to replace the input on purpose. Run "sourcing-model export --help" for usage.`,
      );
      expect(readFileSync(input).equals(before)).toBe(true);
    }
    const relative = runMeasured(["export", "./in.xlsx", "in.xlsx"], { cwd: dir });
    expect(relative.code).toBe(2);

    const inPlace = runMeasured(["export", input, join(dir, "sub", "link.xlsx"), "--in-place", "--max-horizon", "48"]);
    expectWithinBounds(inPlace);
    expect(inPlace.code).toBe(0);
    expect(readFileSync(input).equals(before)).toBe(false); // the link's target was replaced, the link kept
    expect(runMeasured(["evaluate", input]).code).toBe(0);
    expect((runMeasured(["help", "export"]).stdout.match(/--in-place/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it("an OUT that cannot be written is exit 2 with the reason, and leaves no partial file", () => {
    const run = runMeasured(["export", functionsFile("seed2.json", 2), join(dir, "missing-folder", "out.xlsx")]);
    expectWithinBounds(run);
    expect(run.code).toBe(2);
    expect(run.firstLine).toMatch(/^sourcing-model: cannot write .*missing-folder\/out\.xlsx \(ENOENT\)\./);
  });
});
