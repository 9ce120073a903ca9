/** `sourcing-model export` and `sourcing-model freeze`, run in process through main(). */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { readXlsxBuffer } from "../../src/io/xlsx";
import { evaluate, sampleInput } from "../../src/model";
import { readPart } from "../export/support/edit-xlsx";
import { sourcingWorkbook } from "../export/support/freeze-fixture";

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe("sourcing-model export / freeze", () => {
  const dir = mkdtempSync(join(tmpdir(), "sourcing-cli-export-"));
  const sampleJson = join(dir, "sample.json");
  writeFileSync(sampleJson, JSON.stringify(sampleInput()));

  it("exports a .json input to an .xlsx that evaluate reads back to the same result", async () => {
    const out = join(dir, "sample-export.xlsx");
    const run = await cli(["export", sampleJson, out, "--max-horizon", "48"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("4 functions as native Excel formulas, horizon up to 48 months");
    const read = await readXlsxBuffer(readFileSync(out), out);
    expect(JSON.parse(JSON.stringify(evaluate(read.input).results))).toEqual(
      JSON.parse(JSON.stringify(evaluate(sampleInput()).results)),
    );
    const again = await cli(["evaluate", out]);
    expect(again.code).toBe(0);
  });

  it("exits 1 and names the cells when rows have errors (exported without them) or an assumption is invalid (nothing)", async () => {
    const input = sampleInput();
    input.functions[1].headcount = "three";
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify(input));
    const run = await cli(["export", bad, join(dir, "bad.xlsx"), "--set", "managerMonthlyCost=15000"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("3 functions");
    expect(run.stderr).toMatch(/row 2.*Headcount \(FTE\) must be/);
    const none = await cli(["export", sampleJson, join(dir, "none.xlsx"), "--horizon", "0"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/nothing exported[\s\S]*--horizon 0: Horizon \(months\) must be/);
  });

  it("exits 2 on a bad command line", async () => {
    expect((await cli(["export", sampleJson])).code).toBe(2);
    expect((await cli(["export", sampleJson, join(dir, "x.csv")])).code).toBe(2);
    expect((await cli(["export", sampleJson, join(dir, "x.xlsx"), "--max-horizon", "12"])).stderr).toMatch(
      /from the horizon \(36\)/,
    );
    expect((await cli(["freeze", join(dir, "missing.xlsx"), join(dir, "y.xlsx")])).code).toBe(2);
    writeFileSync(join(dir, "not.xlsx"), "plain text");
    const notZip = await cli(["freeze", join(dir, "not.xlsx"), join(dir, "y.xlsx")]);
    expect(notZip.code).toBe(2);
    expect(notZip.stderr).toContain("not an Excel workbook");
  });

  it("freezes the SOURCING formulas of a workbook", async () => {
    const input = join(dir, "live.xlsx");
    writeFileSync(input, await sourcingWorkbook());
    const out = join(dir, "frozen.xlsx");
    const run = await cli(["freeze", input, out]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("7 SOURCING formula cell(s) frozen");
    expect(run.stdout).toContain("Live: 7 cell(s), note in H1");
    expect(readPart(new Uint8Array(readFileSync(out)), "xl/worksheets/sheet1.xml")).not.toMatch(
      /<f\b[^>]*>[^<]*SOURCING/i,
    );
    expect((await cli(["help", "freeze"])).stdout).toContain("Usage: sourcing-model freeze IN.xlsx OUT.xlsx");
    expect((await cli(["--help"])).stdout).toMatch(/export\s+Write a workbook/);
  });
});
