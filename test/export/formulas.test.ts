/**
 * The generated formulas: only functions Excel 2016 and LibreOffice 7.4 both calculate, every name they use is
 * defined, the input tables keep the add-in's layout (so the readers read an exported workbook as their input),
 * and the precedence row → assumption → default is live in the formulas.
 */
import { describe, expect, it } from "vitest";
import {
  ABOUT_SHEET,
  CALC_SHEET,
  DRIVERS_SHEET,
  ExportInputError,
  SUMMARY_SHEET,
  buildNativeExport,
  writeXlsx,
} from "../../src/export";
import { sheetRows } from "../../src/export/spec";
import { readXlsxBuffer } from "../../src/io/xlsx";
import { ASSUMPTIONS_TABLE, FUNCTIONS_TABLE, INPUT_SHEET } from "../../src/layout/workbook";
import { evaluate, sampleInput } from "../../src/model";
import { randomInput } from "./support/random-inputs";
import { EXPORTED_AT } from "./support/workbooks";

const ALLOWED = new Set([
  "IF",
  "AND",
  "OR",
  "NOT",
  "INDEX",
  "MATCH",
  "MIN",
  "MAX",
  "SUM",
  "INT",
  "ROUND",
  "TEXT",
  "TRIM",
  "IFERROR",
  "ISNUMBER",
  "NA",
  "TRUE",
  "FALSE",
]);

function allFormulas(workbook: ReturnType<typeof buildNativeExport>["workbook"]): { sheet: string; formula: string }[] {
  const out: { sheet: string; formula: string }[] = [];
  for (const sheet of workbook.sheets)
    for (const [, cells] of sheetRows(sheet))
      for (const cell of cells.values())
        if (cell.content.kind === "formula") out.push({ sheet: sheet.name, formula: cell.content.formula });
  return out;
}

/** Function names and bare identifiers of a formula, with string literals and sheet names removed. */
function tokens(formula: string): { functions: string[]; identifiers: string[] } {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, "");
  const functions = [...code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\(/g)].map((m) => m[1].toUpperCase());
  const identifiers = [
    ...code
      .replace(/([A-Za-z_][A-Za-z0-9_.]*)\(/g, "(")
      .matchAll(/(?<![A-Za-z0-9_$.])([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_(!])/g),
  ]
    .map((m) => m[1])
    .filter((id) => !/^\$?[A-Z]{1,3}\$?[0-9]+$/.test(id) && !/^[A-Z]{1,3}$/.test(id) && !/^E[0-9]*$/.test(id));
  return { functions, identifiers };
}

describe("generated formulas", () => {
  const exported = buildNativeExport(randomInput(7), { exportedAt: EXPORTED_AT });
  const formulas = allFormulas(exported.workbook);

  it("use only functions that Excel 2016 and LibreOffice 7.4 both calculate", () => {
    const used = new Set(formulas.flatMap((f) => tokens(f.formula).functions));
    expect([...used].filter((name) => !ALLOWED.has(name))).toEqual([]);
    const code = (f: string) => f.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, "");
    expect(
      formulas.filter((f) => /\b(LET|LAMBDA|XLOOKUP|FILTER|TEXTJOIN|IFS|SOURCING)\b/i.test(code(f.formula))),
    ).toEqual([]);
  });

  it("use only defined names, each defined once", () => {
    const defined = exported.workbook.definedNames.map((d) => d.name);
    expect(new Set(defined).size).toBe(defined.length);
    const used = new Set(formulas.flatMap((f) => tokens(f.formula).identifiers));
    expect([...used].filter((name) => !defined.includes(name))).toEqual([]);
    for (const name of [
      "Horizon",
      "DaysPerMonth",
      "DiscountRate",
      "DecisionMargin",
      "RampShape",
      "Headcount",
      "Default_SaRampDays",
      "MaxHorizon",
      "Tolerance",
    ])
      expect(used).toContain(name);
  });

  it("lays out one header row per sheet, one block of months per function on the calculation sheet", () => {
    const sheets = exported.workbook.sheets;
    expect(sheets.map((s) => s.name)).toEqual([
      SUMMARY_SHEET,
      INPUT_SHEET,
      "Sourcing Assumptions Used",
      DRIVERS_SHEET,
      CALC_SHEET,
      ABOUT_SHEET,
    ]);
    const calc = sheets.find((s) => s.name === CALC_SHEET);
    const functions = exported.result.results.length;
    expect(calc && [...sheetRows(calc)].length).toBe(1 + functions * exported.maxHorizon);
    expect(sheets.find((s) => s.name === INPUT_SHEET)?.tables.map((t) => t.name)).toEqual([
      FUNCTIONS_TABLE,
      ASSUMPTIONS_TABLE,
    ]);
    const summary = sheets.find((s) => s.name === SUMMARY_SHEET);
    expect(
      [...(summary?.rows.get(1)?.values() ?? [])].every((c) => c.style === "header" && c.content.kind === "text"),
    ).toBe(true);
  });

  it("keeps blank input cells blank, so the assumption and then the default apply in the formulas", () => {
    const input = sampleInput();
    // Blank, with its range (3–5 days in the sample, which would not contain the assumption's 9) blank too.
    Object.assign(input.functions[0], { saRampDays: null, saRampDaysMin: null, saRampDaysMax: null });
    input.assumptions.saRampDays = 9;
    const { workbook } = buildNativeExport(input, { exportedAt: EXPORTED_AT });
    const inputs = workbook.sheets.find((s) => s.name === INPUT_SHEET);
    expect(inputs?.rows.get(2)?.get(8)).toBeUndefined(); // SA ramp (business days) of row 1: blank
    const drivers = workbook.sheets.find((s) => s.name === DRIVERS_SHEET);
    const rampDays = [...(drivers?.rows.get(2)?.values() ?? [])].find(
      (c) => c.content.kind === "formula" && c.content.formula.includes("In_SaRampDays"),
    );
    expect(rampDays?.content).toEqual({
      kind: "formula",
      formula: 'IF(TRIM(INDEX(In_SaRampDays,1)&"")="",Default_SaRampDays,INDEX(In_SaRampDays,1))',
    });
  });

  it("normalises what the model read: numbers as numbers, yes/no as yes/no, and leaves out rows with input errors", async () => {
    const input = sampleInput();
    input.functions[0].headcount = "1,200";
    input.functions[0].processDocumented = "Y";
    input.functions[1].saMgmtShare = "15%";
    input.functions[2].headcount = "three";
    const exported = buildNativeExport(input, { exportedAt: EXPORTED_AT });
    expect(exported.skipped.map((e) => [e.row, e.column])).toEqual([[3, "headcount"]]);
    const read = await readXlsxBuffer(Buffer.from(writeXlsx(exported.workbook)), "exported.xlsx");
    const table = read.input.functions as { headers: string[]; rows: unknown[][] };
    expect(table.rows.map((r) => r[0])).toEqual(["Customer support", "React developer", "Data entry"]);
    expect(table.rows[0][1]).toBe(1200);
    expect(table.rows[0][4]).toBe("yes");
    expect(table.rows[1][8]).toBe(0.15);
  });

  it("is read by the command line's workbook reader as its own input: the same result", async () => {
    for (const input of [sampleInput(), randomInput(3), randomInput(11)]) {
      const exported = buildNativeExport(input, { exportedAt: EXPORTED_AT });
      const read = await readXlsxBuffer(Buffer.from(writeXlsx(exported.workbook)), "exported.xlsx");
      const again = evaluate(read.input);
      expect(again.errors).toEqual([]);
      expect(JSON.parse(JSON.stringify(again.results))).toEqual(JSON.parse(JSON.stringify(exported.result.results)));
      expect(again.assumptions).toEqual(exported.result.assumptions);
    }
  });

  it("refuses inputs it cannot export, and a longest horizon shorter than the horizon", () => {
    expect(() => buildNativeExport({ assumptions: { horizonMonths: 0 }, functions: sampleInput().functions })).toThrow(
      ExportInputError,
    );
    expect(() => buildNativeExport({ functions: [] })).toThrow(/no function/);
    expect(() => buildNativeExport(sampleInput(), { maxHorizon: 12 })).toThrow(RangeError);
  });
});
