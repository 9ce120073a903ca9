/** Freezing SOURCING formulas in a workbook's bytes: values kept, other formulas untouched, a note, no calcChain. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  buildNativeExport,
  freezeWorkbook,
  isSourcingFormula,
  writeXlsx,
  FreezeError,
  FreezePartTooLargeError,
} from "../../src/export";
import { sampleInput } from "../../src/model";
import { SaxesParser } from "saxes";
import { zipSync, strToU8 } from "fflate";
import { partNames, readPart } from "./support/edit-xlsx";
import { sourcingWorkbook } from "./support/freeze-fixture";
import { FROZEN_VALUES, valueFormsWorkbook } from "./support/raw-workbook";

const FROZEN_AT = new Date("2026-01-15T10:00:00Z");

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe("freezeWorkbook", () => {
  it("recognises SOURCING calls as Excel saves them, and nothing else", () => {
    for (const f of [
      "SOURCING.DECIDE(A1:M1)",
      "_xldudf_SOURCING_DECIDE(A1)",
      '[2]!_xldudf_SOURCING_NPV(A1,"BPO")',
      '1+sourcing.total(A1,"BPO")',
    ])
      expect(isSourcingFormula(f), f).toBe(true);
    for (const f of ["SUM(A1)", "MYSOURCING.DECIDE(A1)", "Sourcing_Total*2", "'Sourcing Calc'!A1"])
      expect(isSourcingFormula(f), f).toBe(false);
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
          rows: new Map([
            [3, new Map([[2, { content: { kind: "formula" as const, formula: "SOURCING.DECIDE(A1)" } }]])],
          ]),
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

/** Cells of a worksheet part by reference, read as XML whatever the prefix or quoting: type, formula, value, inline text. */
function cellsOf(xml: string): Map<string, { type?: string; formula?: string; value?: string; inline?: string }> {
  const cells = new Map<string, { type?: string; formula?: string; value?: string; inline?: string }>();
  const parser = new SaxesParser();
  let current: { type?: string; formula?: string; value?: string; inline?: string } | undefined;
  let into: "formula" | "value" | "inline" | undefined;
  parser.on("opentag", (tag) => {
    const name = tag.name.replace(/^.*:/, "");
    if (name === "c") cells.set(String(tag.attributes.r), (current = { type: tag.attributes.t as string | undefined }));
    else if (current && (name === "f" || name === "v" || name === "t")) {
      into = name === "f" ? "formula" : name === "v" ? "value" : "inline";
      current[into] = "";
    }
  });
  parser.on("text", (text) => {
    if (current && into) current[into] += text;
  });
  parser.on("closetag", (tag) => {
    if (tag.name.replace(/^.*:/, "") === "c") current = undefined;
    into = undefined;
  });
  parser.write(xml).close();
  return cells;
}

describe("freezeWorkbook on worksheets as other writers save them", () => {
  it("finds calls with a formula scanner: text in quotes, quoted sheet names and brackets are not calls", () => {
    for (const f of ["_xlfn.SOURCING.DECIDE(A1)", 'IF(A1,SOURCING.NPV(A1,"BPO"),0)', "'Sheet 1'!A1+SOURCING.TOTAL(A1)"])
      expect(isSourcingFormula(f), f).toBe(true);
    for (const f of [
      '"Use SOURCING.DECIDE( to decide"',
      "'Sourcing.Data'!A1*2",
      "'It''s SOURCING.X('!A1",
      "Table1[SOURCING.DECIDE(]",
      "Sourcing.Data!A1",
      'CONCAT("SOURCING.NPV(",A1)',
    ]) {
      expect(isSourcingFormula(f), f).toBe(false);
    }
  });

  it("keeps the cached value in every form Excel and LibreOffice write, and rewrites only the changed cells", async () => {
    const original = valueFormsWorkbook();
    const frozen = freezeWorkbook(original, FROZEN_AT);
    expect(frozen.sheets).toEqual([{ name: "Forms", frozen: 7, withoutValue: 1, noteCell: "E1" }]);
    const ws = (await load(frozen.bytes)).getWorksheet("Forms") as ExcelJS.Worksheet;
    for (const [ref, value] of Object.entries(FROZEN_VALUES)) expect(ws.getCell(ref).value, ref).toEqual(value);
    expect(ws.getCell("A3").value).toMatchObject({ formula: '"Use SOURCING.DECIDE( to decide"' });
    expect(ws.getCell("B3").value).toMatchObject({ formula: "'Sourcing.Data'!A1*2", result: 4 });
    expect(String(ws.getCell("E1").value)).toMatch(/^Values frozen on 2026-01-15: 7 SOURCING formula cells/);

    const before = readPart(original, "xl/worksheets/sheet1.xml");
    const after = readPart(frozen.bytes, "xl/worksheets/sheet1.xml");
    const row3 = before.slice(before.indexOf('<row r="3">'), before.indexOf('<c r="C3">'));
    expect(after).toContain(row3); // the look-alike formulas, byte for byte
    expect(after).toContain('<c r="C3"/>');
    expect(after).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve">  BPO &amp; more  </t></is></c>');
    expect(after).toContain('<c r="B1"><v>12.5</v></c>');
    expect(after).toContain('<c r="C2" t="s"><v>0</v></c>');
    expect(after).toContain('<dimension ref="A1:E3"/>');
    expect(after).toContain('<row r="1">'); // spans dropped, as the note widens the row
    expect(readPart(frozen.bytes, "xl/worksheets/sheet2.xml")).toBe(readPart(original, "xl/worksheets/sheet2.xml"));
  });

  it("reads prefixed elements (x:c) and single-quoted attributes as the same cells: same values, no row written twice", () => {
    const plain = cellsOf(readPart(freezeWorkbook(valueFormsWorkbook(), FROZEN_AT).bytes, "xl/worksheets/sheet1.xml"));
    for (const [prefixed, quote] of [
      [true, '"'],
      [false, "'"],
      [true, "'"],
    ] as const) {
      const frozen = freezeWorkbook(valueFormsWorkbook(prefixed, quote), FROZEN_AT);
      expect(frozen.sheets, `${prefixed ? "x:" : ""} ${quote}`).toEqual([
        { name: "Forms", frozen: 7, withoutValue: 1, noteCell: "E1" },
      ]);
      const xml = readPart(frozen.bytes, "xl/worksheets/sheet1.xml");
      expect(cellsOf(xml)).toEqual(plain);
      expect(xml.match(/<(x:)?row\b[^>]*\br=["']1["']/g)).toHaveLength(1);
      if (prefixed) expect(xml).toContain('<x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve">');
    }
  });

  it("refuses a part that unpacks beyond the limit before unpacking it", () => {
    const files: Record<string, Uint8Array> = {
      "xl/worksheets/sheet1.xml": strToU8("<a>" + " ".repeat(3 * 1024 * 1024) + "</a>"),
    };
    const bomb = zipSync(files, { level: 9 });
    expect(bomb.length).toBeLessThan(50_000);
    expect(() => freezeWorkbook(bomb, { maxPartBytes: 1024 * 1024 })).toThrow(FreezePartTooLargeError);
    expect(() => freezeWorkbook(bomb, { maxPartBytes: 1024 * 1024 })).toThrow(
      /xl\/worksheets\/sheet1.xml unpacks to 4 MB, more than the 1 MB allowed/,
    );
  });
});
