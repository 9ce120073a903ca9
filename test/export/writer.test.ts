/** The xlsx writer: well-formed parts, read back by ExcelJS (values, formulas, names, tables, widths, styles). */
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { type WorkbookSpec, writeXlsx } from "../../src/export";
import { bool, formula, newSheet, num, setCell, text } from "../../src/export/spec";
import { partNames, readPart } from "./support/edit-xlsx";

function smallWorkbook(): WorkbookSpec {
  const sheet = newSheet("Inputs & Notes");
  setCell(sheet, 1, 1, text("Name", "header"));
  setCell(sheet, 1, 2, text("Amount", "header"));
  setCell(sheet, 2, 1, text("=SUM(1,2)")); // text that looks like a formula stays text
  setCell(sheet, 2, 2, num(1250.5, "money"));
  setCell(sheet, 3, 1, text('  spaced <a&b> "q" \u0001'));
  setCell(sheet, 3, 2, num(0.075, "share"));
  setCell(sheet, 5, 1, bool(true));
  setCell(sheet, 5, 2, formula("SUM(B2:B3)*Rate", "money"));
  setCell(sheet, 6, 2, formula('IF(B5>1,"big","small")'));
  sheet.widths.set(1, 30);
  sheet.tables.push({
    name: "Amounts",
    top: 1,
    left: 1,
    columns: ["Name", "Amount"],
    rowCount: 2,
    style: "TableStyleMedium2",
  });
  const other = newSheet("Other");
  setCell(other, 1, 1, num(2));
  return { sheets: [sheet, other], definedNames: [{ name: "Rate", refersTo: "Other!$A$1" }] };
}

describe("xlsx writer", () => {
  const bytes = writeXlsx(smallWorkbook());

  it("writes well-formed XML parts, a table part and a full calculation on load", () => {
    const parts = partNames(bytes);
    expect(parts[0]).toBe("[Content_Types].xml");
    expect(parts).toEqual(
      expect.arrayContaining([
        "xl/workbook.xml",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
        "xl/tables/table1.xml",
        "xl/worksheets/_rels/sheet1.xml.rels",
      ]),
    );
    for (const part of parts) {
      const parser = new SaxesParser();
      expect(() => parser.write(readPart(bytes, part)).close(), part).not.toThrow();
    }
    expect(readPart(bytes, "xl/workbook.xml")).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
    expect(readPart(bytes, "xl/worksheets/sheet1.xml")).not.toMatch(/<f>[^<]*<\/f><v>/); // no cached values
  });

  it("reads back in ExcelJS with its values, formulas, defined names, table, widths and styles", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet("Inputs & Notes") as ExcelJS.Worksheet;
    expect(ws.getCell("A2").value).toBe("=SUM(1,2)");
    expect(ws.getCell("B2").value).toBe(1250.5);
    expect(ws.getCell("B2").numFmt).toBe("#,##0;(#,##0)");
    expect(ws.getCell("B3").numFmt).toBe("0.0%");
    expect(ws.getCell("A3").value).toBe('  spaced <a&b> "q" \u0001'); // kept, written _x0001_ (ST_Xstring)
    expect(ws.getCell("A5").value).toBe(true);
    expect(ws.getCell("B5").value).toMatchObject({ formula: "SUM(B2:B3)*Rate" });
    expect(ws.getCell("B6").value).toMatchObject({ formula: 'IF(B5>1,"big","small")' });
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getColumn(1).width).toBe(30);
    const tables = Object.values(
      (ws as unknown as { tables: Record<string, { model: { name: string; tableRef?: string } }> }).tables,
    );
    expect(tables.map((t) => [t.model.name, t.model.tableRef])).toEqual([["Amounts", "A1:B3"]]);
    const names = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(names).toEqual([{ name: "Rate", ranges: ["Other!$A$1"] }]);
  });

  it("refuses a number a workbook cannot hold", () => {
    const sheet = newSheet("S");
    setCell(sheet, 1, 1, num(Number.NaN));
    expect(() => writeXlsx({ sheets: [sheet], definedNames: [] })).toThrow(/not a number/);
  });
});
