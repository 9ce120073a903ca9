/**
 * The bounded .xlsx reader's parts: zip directory and inflation limits, grid ranges, relationship targets, and the
 * cell forms other writers than Excel produce (prefixed elements, cells without addresses, hidden header rows,
 * phonetic runs, date formats). Workbooks are written part by part (test/hostile/workbook-fixtures.ts).
 */
import { crc32 } from "node:zlib";
import { Zip, type ZipInputFile } from "fflate";
import { describe, expect, it } from "vitest";
import { InputFileError, readXlsxBuffer } from "../../src/io";
import { DEFAULT_READ_LIMITS } from "../../src/io/limits";
import { parseGridRange, resolveTarget } from "../../src/io/workbook-package";
import { decodeCellText } from "../../src/io/xml-parts";
import { ZipArchive, ZipFormatError, ZipPartTooLargeError } from "../../src/io/zip";
import { escapeCellText, unescapeXml } from "../../src/export/xml";
import { evaluate } from "../../src/model";
import { FUNCTIONS_TABLE } from "../../src/layout/workbook";
import {
  FUNCTION_HEADERS,
  FUNCTION_ROW,
  workbookParts,
  zipParts,
  type FixtureSheet,
} from "../hostile/workbook-fixtures";

const FUNCTIONS: FixtureSheet = { name: "Functions", rows: [FUNCTION_HEADERS, FUNCTION_ROW] };
const rowsOf = (loaded: { input: { functions: unknown } }): unknown[][] =>
  (loaded.input.functions as { rows: unknown[][] }).rows;

/** A stored (uncompressed) zip of one part whose central directory declares `declared` bytes. */
function storedZip(name: string, data: Uint8Array, declared: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  const file: ZipInputFile = { filename: name, size: declared, crc: crc32(data), compression: 0 };
  zip.add(file);
  file.ondata?.(null, new Uint8Array(data), true);
  zip.end();
  return Buffer.concat(chunks);
}

/** Replaces the sheet part of a one-sheet workbook by this XML. */
async function readSheetXml(sheetXml: string, extraParts: Record<string, string> = {}) {
  const parts = {
    ...workbookParts([FUNCTIONS], { strings: "inline" }),
    "xl/worksheets/sheet1.xml": sheetXml,
    ...extraParts,
  };
  return readXlsxBuffer(zipParts(parts), "book.xlsx");
}

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

describe("zip directory and bounded inflation", () => {
  it("lists parts with their declared sizes and unpacks them piece by piece", () => {
    const zip = ZipArchive.open(zipParts({ "a.xml": "<a/>", "b/c.xml": "x".repeat(100_000) }));
    expect(zip.entries.map((e) => [e.name, e.declaredSize])).toEqual([
      ["a.xml", 4],
      ["b/c.xml", 100_000],
    ]);
    let total = 0;
    zip.inflate(zip.entry("B/C.XML")!, 1_000_000, (piece) => ((total += piece.length), true));
    expect(total).toBe(100_000);
  });

  it("refuses a part whose declared size is over the limit before unpacking anything", () => {
    const zip = ZipArchive.open(zipParts({ "big.xml": "x".repeat(10_000) }));
    let called = false;
    expect(() => zip.inflate(zip.entry("big.xml")!, 5_000, () => (called = true))).toThrow(ZipPartTooLargeError);
    expect(called).toBe(false);
  });

  it("stops a stored part that holds more than it declares", () => {
    const zip = ZipArchive.open(storedZip("lie.xml", new Uint8Array(50_000), 10));
    expect(() => zip.inflate(zip.entry("lie.xml")!, 1_000_000, () => true)).toThrow(
      /unpacks to more than the zip declares/,
    );
  });

  it("says what is wrong with bytes that are not a zip, or a cut-short one", () => {
    expect(() => ZipArchive.open(new Uint8Array(10))).toThrow(new ZipFormatError("not a zip archive (too short)"));
    expect(() => ZipArchive.open(new Uint8Array(100))).toThrow("not a zip archive");
    const whole = zipParts({ "a.xml": "<a/>".repeat(1000) });
    const cut = Buffer.concat([whole.subarray(0, 40), whole.subarray(whole.length - 200)]);
    expect(() => {
      const zip = ZipArchive.open(cut);
      zip.inflate(zip.entries[0], 1e6, () => true);
    }).toThrow(ZipFormatError);
  });
});

describe("grid ranges and relationship targets", () => {
  it("accepts ranges inside Excel's grid, in any corner order, with or without $", () => {
    expect(parseGridRange("B2:D10")).toEqual({ top: 2, left: 2, bottom: 10, right: 4 });
    expect(parseGridRange("$D$10:$B$2")).toEqual({ top: 2, left: 2, bottom: 10, right: 4 });
    expect(parseGridRange("A1:XFD1048576")).toEqual({ top: 1, left: 1, bottom: 1_048_576, right: 16_384 });
    expect(parseGridRange("C7")).toEqual({ top: 7, left: 3, bottom: 7, right: 3 });
  });

  it.each(["ZZZ", "A1:AAAA3", "A0:D3", "A1:D99999999", "A1:XFE1", "A1:B2:C3", "", "1:3", "A:D"])(
    'refuses "%s"',
    (ref) => {
      expect(parseGridRange(ref)).toBeUndefined();
    },
  );

  it("resolves targets relative to the source part, absolute ones from the root, and percent-encoded names", () => {
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../tables/table1.xml")).toBe("xl/tables/table1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "/xl/tables/table1.xml")).toBe("xl/tables/table1.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/my%20sheet.xml")).toBe("xl/worksheets/my sheet.xml");
  });
});

describe("cell forms other writers produce", () => {
  it("reads prefixed elements (x:c), cells without addresses and rows without numbers", async () => {
    const xml =
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      `<x:row>${FUNCTION_HEADERS.map((h) => `<x:c t="inlineStr"><x:is><x:t>${h}</x:t></x:is></x:c>`).join("")}</x:row>` +
      `<x:row><x:c t="inlineStr"><x:is><x:t>Support</x:t></x:is></x:c><x:c><x:v>12</x:v></x:c><x:c><x:v>25</x:v></x:c><x:c><x:v>4200</x:v></x:c></x:row>` +
      `</x:sheetData></x:worksheet>`;
    const loaded = await readSheetXml(xml);
    expect(rowsOf(loaded)).toEqual([["Support", 12, 25, 4200]]);
    expect(evaluate(loaded.input).results).toHaveLength(1);
  });

  it("joins rich-text runs, leaves out phonetic guides, and reads booleans, errors and string results", async () => {
    const headers = ["Function", "Headcount (FTE)", "SA hourly rate", "BPO monthly fee per FTE", "Process documented"];
    const xml =
      `<worksheet ${MAIN}><sheetData><row r="1">${headers.map((h, i) => `<c r="${"ABCDE"[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>` +
      `<row r="2"><c r="A2" t="inlineStr"><is><r><t>Cust</t></r><r><t xml:space="preserve">omer </t></r><r><t>support</t></r><rPh sb="0" eb="1"><t>カスタマー</t></rPh></is></c>` +
      `<c r="B2" t="str"><f>"1"&amp;"2"</f><v>12</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2"><v>4200</v></c><c r="E2" t="b"><v>1</v></c></row></sheetData></worksheet>`;
    const loaded = await readSheetXml(xml);
    expect(rowsOf(loaded)).toEqual([["Customer support", "12", "#N/A", 4200, true]]);
  });

  it("reads shared texts with rich runs and without their phonetic guides", async () => {
    const parts = workbookParts([FUNCTIONS]);
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
      '<si><t xml:space="preserve">Support</t></si>',
      '<si><r><t>Sup</t></r><r><rPr><b/></rPr><t>port</t></r><rPh sb="0" eb="1"><t>サポート</t></rPh></si>',
    );
    const loaded = await readXlsxBuffer(zipParts(parts), "book.xlsx");
    expect(rowsOf(loaded)[0][0]).toBe("Support");
  });

  it("an index past the end of the shared texts is an error naming the cell", async () => {
    const xml = `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>999</v></c></row></sheetData></worksheet>`;
    const parts = { ...workbookParts([FUNCTIONS]), "xl/worksheets/sheet1.xml": xml };
    await expect(readXlsxBuffer(zipParts(parts), "book.xlsx")).rejects.toThrow(
      /cell Functions!B1 holds shared text number 999, but xl\/sharedStrings\.xml has only \d+\./,
    );
  });

  it("shows numbers in a date format as ISO dates, in the 1900 and the 1904 systems", async () => {
    const styles = `<styleSheet ${MAIN}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
    const sheet = `<worksheet ${MAIN}><sheetData><row r="1">${FUNCTION_HEADERS.map((h, i) => `<c r="${"ABCD"[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row><row r="2"><c r="A2" t="inlineStr"><is><t>Support</t></is></c><c r="B2" s="0"><v>12</v></c><c r="C2" s="1"><v>45293</v></c><c r="D2" s="2"><v>45293.5</v></c></row></sheetData></worksheet>`;
    const base = workbookParts([FUNCTIONS], { strings: "inline" });
    const withStyles = (workbookXml: string) => ({
      ...base,
      "xl/worksheets/sheet1.xml": sheet,
      "xl/styles.xml": styles,
      "xl/workbook.xml": workbookXml,
      "xl/_rels/workbook.xml.rels": base["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>",
        '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
      ),
    });
    const loaded1900 = await readXlsxBuffer(zipParts(withStyles(base["xl/workbook.xml"])), "book.xlsx");
    expect(rowsOf(loaded1900)[0]).toEqual(["Support", 12, "2024-01-02T00:00:00.000Z", "2024-01-02T12:00:00.000Z"]);
    const loaded1904 = await readXlsxBuffer(
      zipParts(withStyles(base["xl/workbook.xml"].replace("<sheets>", '<workbookPr date1904="1"/><sheets>'))),
      "book.xlsx",
    );
    expect(rowsOf(loaded1904)[0][2]).toBe("2028-01-03T00:00:00.000Z");
  });

  it("notes shared formulas saved without results, with the formula of the cell that holds it", async () => {
    const xml =
      `<worksheet ${MAIN}><sheetData><row r="1">${FUNCTION_HEADERS.map((h, i) => `<c r="${"ABCD"[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>` +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>Support</t></is></c><c r="B2"><f t="shared" ref="B2:B3" si="0">6*2</f></c><c r="C2"><v>25</v></c><c r="D2"><v>4200</v></c></row>` +
      `<row r="3"><c r="A3" t="inlineStr"><is><t>Sales</t></is></c><c r="B3"><f t="shared" si="0"/></c><c r="C3"><v>25</v></c><c r="D3"><v>4200</v></c></row></sheetData></worksheet>`;
    const loaded = await readSheetXml(xml);
    expect(rowsOf(loaded).map((row) => row[1])).toEqual(["=6*2", "=6*2"]);
    expect(loaded.notes.filter((n) => n.includes("no saved result")).map((n) => n.slice(0, 12))).toEqual([
      "Functions!B2",
      "Functions!B3",
    ]);
  });

  it("the last of two cells at the same address wins, as in Excel", async () => {
    const xml =
      `<worksheet ${MAIN}><sheetData><row r="1">${FUNCTION_HEADERS.map((h, i) => `<c r="${"ABCD"[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>` +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>Support</t></is></c><c r="B2"><v>1</v></c><c r="B2"><v>12</v></c><c r="C2"><v>25</v></c><c r="D2"><v>4200</v></c></row></sheetData></worksheet>`;
    expect(rowsOf(await readSheetXml(xml))[0][1]).toBe(12);
  });

  it("rows written out of order are read in sheet order", async () => {
    const xml =
      `<worksheet ${MAIN}><sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>Sales</t></is></c><c r="B3"><v>3</v></c><c r="C3"><v>30</v></c><c r="D3"><v>5000</v></c></row>` +
      `<row r="1">${FUNCTION_HEADERS.map((h, i) => `<c r="${"ABCD"[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>` +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>Support</t></is></c><c r="B2"><v>12</v></c><c r="C2"><v>25</v></c><c r="D2"><v>4200</v></c></row></sheetData></worksheet>`;
    expect(rowsOf(await readSheetXml(xml)).map((row) => row[0])).toEqual(["Support", "Sales"]);
  });

  it("a table that hides its header row takes its column names from the table part", async () => {
    const parts = workbookParts([
      {
        name: "Inputs",
        rows: [FUNCTION_ROW],
        tables: [{ name: FUNCTIONS_TABLE, ref: "A1:D1", columns: FUNCTION_HEADERS }],
      },
    ]);
    parts["xl/tables/table1.xml"] = parts["xl/tables/table1.xml"].replace(
      'ref="A1:D1"',
      'ref="A1:D1" headerRowCount="0"',
    );
    const loaded = await readXlsxBuffer(zipParts(parts), "book.xlsx");
    expect((loaded.input.functions as { headers: unknown[] }).headers).toEqual(FUNCTION_HEADERS);
    expect(rowsOf(loaded)).toEqual([FUNCTION_ROW]);
    expect(loaded.locate({ row: 1, column: "headcount" })).toBe("Inputs!B1");
  });

  it("a word-processing document (a zip without a workbook part) is not a workbook", async () => {
    const docx = zipParts({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>" });
    const failure = readXlsxBuffer(docx, "letter.xlsx");
    await expect(failure).rejects.toBeInstanceOf(InputFileError);
    await expect(failure).rejects.toThrow(/it has no workbook part xl\/workbook\.xml/);
  });

  it("the default limits are the documented ones", () => {
    expect(DEFAULT_READ_LIMITS).toEqual({ maxPartBytes: 64 * 1024 * 1024, maxCells: 2_000_000 });
  });
});

describe("cell text escapes (ST_Xstring)", () => {
  it("reads back exactly what the export escapes, and keeps a literal _x0041_ literal", () => {
    for (const text of ["A\u0007", "Tab\tand CR\rinside", "_x0041_ literal", "plain", "__x_", "\u0001\u001f end"]) {
      // What an XML parser hands the reader is the text with entities resolved (unescapeXml).
      expect(decodeCellText(unescapeXml(escapeCellText(text)))).toBe(text);
    }
    expect(decodeCellText("Line_x000D_break")).toBe("Line\rbreak");
    expect(decodeCellText("_x005F_x0007_")).toBe("_x0007_");
  });
});
