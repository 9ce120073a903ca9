/**
 * The Diagnostics page's self-test in CI: the same scenario list (src/selftest/scenarios.ts) and the same host
 * adapter the page uses inside Excel (src/selftest/office-host.ts, reading the globals Office and Excel), with the
 * strict stand-in playing Excel on the desktop and on the web. HyperFormula (test-only, as in the playground)
 * calculates the SOURCING formulas the way Excel would call the add-in's functions.
 */
import { afterEach, describe, expect, it } from "vitest";
import { writeXlsx } from "../../src/export/xlsx-writer";
import { type CellContent, type WorkbookSpec, newSheet } from "../../src/export/spec";
import { type Standin, type StandinPlatform, WorkbookModel, createStandin } from "../../src/office-standin";
import { FormulaEngine } from "../../src/playground/formula-engine";
import { officeHost } from "../../src/selftest/office-host";
import { type SelftestReport, SCENARIOS, formatReport, runSelftest } from "../../src/selftest/scenarios";

const globals = globalThis as unknown as Record<string, unknown>;

/** The open workbook as Excel would hand it over with getFileAsync(Compressed): cells and formulas as typed. */
function fileOf(model: WorkbookModel): Uint8Array {
  const workbook: WorkbookSpec = { sheets: [], definedNames: [] };
  for (const sheet of model.sheets) {
    const spec = newSheet(sheet.name);
    for (const [row, column] of sheet.filledCells()) {
      const { value, formula } = sheet.raw(row, column);
      const content: CellContent | undefined =
        formula !== undefined
          ? { kind: "formula", formula: formula.replace(/^=/, "") }
          : typeof value === "number"
            ? { kind: "number", value }
            : typeof value === "boolean"
              ? { kind: "boolean", value }
              : value === undefined || value === ""
                ? undefined
                : { kind: "text", value: String(value) };
      if (!content) continue;
      const cells = spec.rows.get(row + 1) ?? new Map();
      cells.set(column + 1, { content });
      spec.rows.set(row + 1, cells);
    }
    workbook.sheets.push(spec);
  }
  return writeXlsx(workbook);
}

/** Installs the stand-in as Office.js's globals, as the playground's office.js does in the browser. */
function installStandin(platform: StandinPlatform, model = new WorkbookModel(["Sheet1"])): Standin {
  new FormulaEngine(model);
  const standin = createStandin(model, { platform, workbookFile: () => fileOf(model) });
  globals.Office = standin.office;
  globals.Excel = { run: standin.run, createWorkbook: (base64?: string) => standin.createWorkbook(base64) };
  return standin;
}

afterEach(() => {
  delete globals.Office;
  delete globals.Excel;
});

const byId = (report: SelftestReport) => new Map(report.results.map((r) => [r.id, r]));

describe("the self-test against the strict stand-in (one scenario list, two hosts)", () => {
  it.each(["desktop", "web"] as const)(
    "passes every scenario on Excel %s and leaves the workbook as it found it",
    async (platform) => {
      const model = new WorkbookModel(["Budget"]);
      model.userInput("Budget", "A1:B2", [
        ["Line", "Amount"],
        ["Rent", 1200],
      ]);
      const standin = installStandin(platform, model);
      const seen: string[] = [];
      const report = await runSelftest(officeHost(), (result) => seen.push(result.id));
      const text = formatReport(report);

      expect(
        report.results.filter((r) => r.status !== "pass"),
        text,
      ).toEqual([]);
      expect(seen).toEqual(["requirement-sets", ...SCENARIOS.map((s) => s.id), "clean-up"]);
      const results = byId(report);
      expect(results.get("live-input-error")?.detail).toMatch(
        /^One run wrote results after the edit, then Live mode settled \(\d+ runs? in all/,
      );
      expect(results.get("export-freeze")?.detail).toMatch(
        platform === "desktop" ? /Freeze read this workbook/ : /Freeze is not offered here/,
      );

      // Everything it created is gone; the user's sheet and cells are untouched.
      expect(model.sheets.map((s) => s.name)).toEqual(["Budget"]);
      expect(model.tables).toEqual([]);
      expect(model.sheet("Budget")?.cell(1, 1).value).toBe(1200);
      expect(standin.openedWorkbooks).toEqual([]);

      // The report names the host and the requirement sets, in words.
      expect(text).toContain(`Excel: Excel on ${platform === "web" ? "OfficeOnline" : "PC"}`);
      expect(text).toMatch(/Requirement sets: ExcelApi 1\.\d+, CustomFunctionsRuntime 1\.\d+, SharedRuntime 1\.\d/);
      expect(text).toMatch(platform === "web" ? /CompressedFile not supported/ : /CompressedFile 1\.1/);
      expect(text).toMatch(/^Result: 11 passed, 0 failed, 0 skipped$/m);
    },
    60_000,
  );

  it("refuses a workbook that already holds a model, changes nothing in it, and says what to do", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    installStandin("desktop", model);
    model.userInput("Sheet1", "A1:B2", [
      ["Function", "Headcount"],
      ["Payroll", 5],
    ]);
    model.userAddTable("Sheet1", "A1:B2", "SourcingFunctions");
    const report = await runSelftest(officeHost());
    const results = byId(report);
    expect(results.get("fresh-workbook")?.status).toBe("fail");
    expect(results.get("fresh-workbook")?.detail).toMatch(
      /already has the table SourcingFunctions.*Open a new blank workbook/,
    );
    expect(SCENARIOS.slice(1).every((s) => results.get(s.id)?.status === "skip")).toBe(true);
    expect(results.has("clean-up")).toBe(false);
    expect(model.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(model.sheet("Sheet1")?.cell(1, 1).value).toBe(5);
  });

  it("fails the custom-functions check, with the reason, when Excel never calculates them", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    const standin = createStandin(model, { platform: "web" });
    globals.Office = standin.office;
    globals.Excel = { run: standin.run, createWorkbook: (base64?: string) => standin.createWorkbook(base64) };
    const report = await runSelftest({ ...officeHost(), calculationTimeoutMs: 500 });
    const functions = byId(report).get("custom-functions");
    expect(functions?.status).toBe("fail");
    expect(functions?.detail).toMatch(
      /did not calculate the SOURCING functions within 1 s .*Open the Sourcing Modeler pane once/,
    );
    // A failed check still cleans up.
    expect(byId(report).get("clean-up")?.status).toBe("pass");
    expect(model.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  }, 60_000);
});
