/** Freezing SOURCING formulas in a workbook's bytes: values kept, other formulas untouched, a note, no calcChain. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildNativeExport, freezeWorkbook, isSourcingFormula, writeXlsx, FreezeError } from "../../src/export";
import { sampleInput } from "../../src/model";
import { partNames, readPart } from "./support/edit-xlsx";
import { sourcingWorkbook } from "./support/freeze-fixture";

const FROZEN_AT = new Date("2026-01-15T10:00:00Z");

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe("freezeWorkbook", () => {
  it("recognises SOURCING calls as Excel saves them, and nothing else", () => {
    for (const f of ["SOURCING.DECIDE(A1:M1)", "_xldudf_SOURCING_DECIDE(A1)", "[2]!_xldudf_SOURCING_NPV(A1,\"BPO\")", "1+sourcing.total(A1,\"BPO\")"]) expect(isSourcingFormula(f), f).toBe(true);
    for (const f of ["SUM(A1)", "MYSOURCING.DECIDE(A1)", "Sourcing_Total*2", "'Sourcing Calc'!A1"]) expect(isSourcingFormula(f), f).toBe(false);
  });

  it("replaces every SOURCING formula by its cached value, keeps the others, notes it on the sheet", async () => {
    const original = await sourcingWorkbook();
    const frozen = freezeWorkbook(original, FROZEN_AT);
    expect(frozen.frozenCells).toBe(7);
    expect(frozen.sheets).toEqual([{ name: "Live", frozen: 7, withoutValue: 0, noteCell: "H1" }]);

    const xml = readPart(frozen.bytes, "xl/worksheets/sheet1.xml");
    expect(xml).not.toMatch(/<f\b[^>]*>[^<]*SOURCING/i);
    expect(xml).toMatch(/<f>SUM\(C2,1\)<\/f>/);
    expect(readPart(frozen.bytes, "xl/worksheets/sheet2.xml")).toBe(readPart(original, "xl/worksheets/sheet2.xml"));
    expect(partNames(frozen.bytes)).not.toContain("xl/calcChain.xml");
    expect(readPart(frozen.bytes, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(readPart(frozen.bytes, "[Content_Types].xml")).not.toContain("calcChain");

    const ws = (await load(frozen.bytes)).getWorksheet("Live") as ExcelJS.Worksheet;
    expect(ws.getCell("B2").value).toBe("BPO");
    expect(ws.getCell("C2").value).toBe(6);
    expect(ws.getCell("D2").value).toEqual({ error: "#N/A" });
    expect(ws.getCell("E2").value).toMatchObject({ formula: "SUM(C2,1)", result: 7 });
    expect(ws.getCell("F2").value).toBe("  BPO: cheaper <sooner> & safer ");
    expect([4, 5, 6].map((r) => ws.getCell(`B${r}`).value)).toEqual([100, 200, 300]);
    expect(ws.getCell("C4").value).toMatchObject({ formula: "B4*2", result: 200 });
    expect(ws.getCell("C5").formula).toBe("B5*2"); // a shared formula that does not call SOURCING stays shared
    expect(ws.getCell("H1").value).toBe(
      "Values frozen on 2026-01-15: 7 SOURCING formula cells on this sheet now hold the value last calculated by the Sourcing Modeler add-in and no longer recalculate.",
    );
  });

  it("blanks a SOURCING cell that was never calculated and counts it; leaves a workbook without SOURCING alone", () => {
    const bytes = writeXlsx({
      sheets: [
        {
          name: "S",
          rows: new Map([[3, new Map([[2, { content: { kind: "formula" as const, formula: "SOURCING.DECIDE(A1)" } }]])]]),
          widths: new Map(),
          tables: [],
          freezeHeader: false,
        },
      ],
      definedNames: [],
    });
    const frozen = freezeWorkbook(bytes, FROZEN_AT);
    expect(frozen.sheets).toEqual([{ name: "S", frozen: 1, withoutValue: 1, noteCell: "D1" }]);
    expect(readPart(frozen.bytes, "xl/worksheets/sheet1.xml")).toContain('<row r="1"><c r="D1" t="inlineStr">');
    expect(readPart(frozen.bytes, "xl/worksheets/sheet1.xml")).toContain('<c r="B3"/>');

    const exported = writeXlsx(buildNativeExport(sampleInput()).workbook);
    const untouched = freezeWorkbook(exported, FROZEN_AT);
    expect(untouched.frozenCells).toBe(0);
    expect(untouched.bytes).toBe(exported);
  });

  it("refuses bytes that are not a workbook", () => {
    expect(() => freezeWorkbook(new Uint8Array([1, 2, 3]))).toThrow(FreezeError);
  });
});
