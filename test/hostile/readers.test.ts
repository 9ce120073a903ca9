/**
 * Hostile and huge input files, as the readers meet them: each case is generated at test time, run through the
 * built command line, and must end with the expected exit code and first line, within the hostile bounds (15 s,
 * 1 GB). Before the bounded readers, the stray cell and the huge table refs ran past 60 s and 2.9–3.9 GB, the
 * zip bombs took up to 1.2 GB and ended in "Invalid string length", openpyxl's workbooks did not open.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNCTIONS_TABLE } from "../../src/layout/workbook";
import { describeRun, fixtureDir, runMeasured, type MeasuredRun, expectWithinBounds } from "./support";
import {
  FUNCTION_HEADERS,
  FUNCTION_ROW,
  buildXlsx,
  withAliases,
  workbookParts,
  writeStreamedXlsx,
  zipParts,
  type FixtureSheet,
} from "./workbook-fixtures";

const dir = fixtureDir();
const ASSUMPTIONS: FixtureSheet = {
  name: "Assumptions",
  rows: [
    ["Assumption", "Value"],
    ["Currency", "EUR"],
  ],
};
const FUNCTIONS: FixtureSheet = { name: "Functions", rows: [FUNCTION_HEADERS, FUNCTION_ROW] };

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Runs `evaluate FILE …` and checks the bounds every hostile case must meet. */
function evaluateWithin(path: string, ...flags: string[]): MeasuredRun {
  const run = runMeasured(["evaluate", path, ...flags]);
  expectWithinBounds(run);
  expect(run.code, describeRun(run)).not.toBe(3);
  return run;
}

/** Exit 2 with exactly one line on stderr, which says `pattern`. */
function expectRefusal(run: MeasuredRun, pattern: RegExp): void {
  expect(run.code, describeRun(run)).toBe(2);
  expect(run.stderr.trim().split("\n"), run.stderr).toHaveLength(1);
  expect(run.firstLine).toMatch(/^sourcing-model: /);
  expect(run.firstLine).toMatch(pattern);
}

const tableBook = (ref: string): Uint8Array =>
  buildXlsx([
    {
      name: "Inputs",
      rows: [FUNCTION_HEADERS, FUNCTION_ROW],
      tables: [{ name: FUNCTIONS_TABLE, ref, columns: FUNCTION_HEADERS }],
    },
    ASSUMPTIONS,
  ]);

describe("hostile workbooks: only the cells a sheet holds are walked", () => {
  it("a stray cell at XFD1048576 on the Functions sheet costs nothing (was: past 60 s, 2.9 GB)", () => {
    const path = write(
      "stray.xlsx",
      buildXlsx([{ ...FUNCTIONS, cells: [{ ref: "XFD1048576", value: "stray" }] }, ASSUMPTIONS]),
    );
    const run = evaluateWithin(path);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.firstLine).toMatch(/1 function modelled/);
  });

  it("a stray name at A1048576 under the header is a row in error at its own cell; the blank rows between are skipped", () => {
    const path = write(
      "stray-a.xlsx",
      buildXlsx([{ ...FUNCTIONS, cells: [{ ref: "A1048576", value: "Stray" }] }, ASSUMPTIONS]),
    );
    const run = evaluateWithin(path);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toMatch(/Functions!B1048576: Headcount/);
  });

  it("a table ref of A1:XFD1048576 reads the header and the rows the sheet holds (was: past 60 s, 3.3 GB)", () => {
    const run = evaluateWithin(write("table-xfd.xlsx", tableBook("A1:XFD1048576")));
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.firstLine).toMatch(/1 function modelled/);
  });

  it("a table ref beyond Excel's last row is refused as invalid (was: past 60 s, 3.9 GB)", () => {
    expectRefusal(
      evaluateWithin(write("table-99999999.xlsx", tableBook("A1:D99999999"))),
      /the table SourcingFunctions on sheet "Inputs" has the range "A1:D99999999", which is not a range of a sheet/,
    );
  });

  it("a row or a cell beyond row 1,048,576 is refused, naming it", () => {
    const rowBeyond = write("row-beyond.xlsx", buildXlsx([{ ...FUNCTIONS, cells: [{ ref: "A1048577", value: "x" }] }]));
    expectRefusal(evaluateWithin(rowBeyond), /sheet "Functions" has a row numbered "1048577", outside Excel's grid/);
  });
});

describe("hostile workbooks: bogus table refs say so", () => {
  it.each(["ZZZ", "A1:AAAA3", "A0:D3"])(
    'a table ref "%s" is named as invalid (was: "no table named SourcingFunctions" or 12 blank errors)',
    (ref) => {
      const run = evaluateWithin(write(`table-${ref.replace(/:/g, "-")}.xlsx`, tableBook(ref)));
      expectRefusal(
        run,
        new RegExp(
          `the table SourcingFunctions on sheet "Inputs" has the range "${ref}", which is not a range of a sheet \\(expected e\\.g\\. A1:D20`,
        ),
      );
    },
  );
});

describe("hostile workbooks: zip bombs end fast with the limit named", () => {
  const sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
  const headerRow = `<row r="1">${FUNCTION_HEADERS.map((h, i) => `<c r="${"ABCD"[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>`;
  const small = workbookParts([FUNCTIONS], { strings: "inline" });
  const bombs: Record<string, string> = {};

  beforeAll(async () => {
    const spaces = " ".repeat(1 << 20);
    const letters = "A".repeat(1 << 20);
    const sheet = "xl/worksheets/sheet1.xml";
    for (const declared of [undefined, 4096]) {
      const suffix = declared ? "-lying" : "";
      bombs[`spaces${suffix}`] = join(dir, `bomb-spaces${suffix}.xlsx`);
      await writeStreamedXlsx(
        bombs[`spaces${suffix}`],
        {
          name: sheet,
          head: sheetHead + headerRow,
          repeat: spaces,
          times: 430,
          tail: "</sheetData></worksheet>",
          declaredSize: declared,
        },
        small,
      );
      bombs[`text${suffix}`] = join(dir, `bomb-text${suffix}.xlsx`);
      await writeStreamedXlsx(
        bombs[`text${suffix}`],
        {
          name: sheet,
          head: `${sheetHead}${headerRow}<row r="2"><c r="A2" t="inlineStr"><is><t>`,
          repeat: letters,
          times: 1000,
          tail: "</t></is></c></row></sheetData></worksheet>",
          declaredSize: declared,
        },
        small,
      );
    }
    // The most elements a part under the default limit can hold: 16.7 million empty ones in 64 MB.
    bombs.elements = join(dir, "bomb-elements.xlsx");
    await writeStreamedXlsx(
      bombs.elements,
      { name: sheet, head: sheetHead + headerRow, repeat: "<x/>", times: 16_700_000, tail: "</sheetData></worksheet>" },
      small,
    );
    // Three million small cells, four to a row, in 60 MB: under the part limit, the cells limit stops it.
    bombs.cells = join(dir, "bomb-cells.xlsx");
    await writeStreamedXlsx(
      bombs.cells,
      {
        name: sheet,
        head: sheetHead + headerRow,
        repeat: "<row><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>",
        times: 750_000,
        tail: "</sheetData></worksheet>",
      },
      small,
    );
  }, 120_000);

  it("a 0.45 GB sheet in a 440 KB file is refused by its declared size (was: 3.2 s, 1.0 GB, and read)", () => {
    expectRefusal(
      evaluateWithin(bombs.spaces),
      /the workbook part xl\/worksheets\/sheet1\.xml unpacks to 431 MB, above the limit of 64 MB per part; if the file is genuine, raise it with --max-part-mb 538\.$/,
    );
  });

  it("the same bomb declaring 4 KB stops as soon as it unpacks to more than it declares", () => {
    expectRefusal(
      evaluateWithin(bombs["spaces-lying"]),
      /the workbook is damaged or forged: its part xl\/worksheets\/sheet1\.xml unpacks to more than the zip declares/,
    );
  });

  it('a 1 GB text in a 1 MB file is refused by size, never "Invalid string length" (was: 3.8 s, 1.2 GB)', () => {
    expectRefusal(evaluateWithin(bombs.text), /unpacks to 1,001 MB, above the limit of 64 MB per part/);
  });

  it("with the part limit raised, a 1 GB text stops at the longest text a cell can hold", () => {
    expectRefusal(
      evaluateWithin(bombs.text, "--max-part-mb", "1024"),
      /its part xl\/worksheets\/sheet1\.xml holds a text or tag of more than 4,194,304 characters/,
    );
  });

  it("a lying 1 GB text stops early too", () => {
    expectRefusal(evaluateWithin(bombs["text-lying"]), /unpacks to more than the zip declares/);
  });

  it("a part just under the limit, of 16.7 million empty elements, is read within the bounds", () => {
    const run = evaluateWithin(bombs.elements);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toMatch(/default assumptions apply/);
  });

  it("many entries that overlap one compressed kernel stop at the total of four times the part limit", () => {
    // A sheet with 50 tables whose parts all point at the same 7 MB of table XML (8 MB allowed per part).
    const tables = Array.from({ length: 50 }, (_, i) => ({ name: `T${i}`, ref: "F1:F2", columns: ["x"] }));
    const parts = workbookParts([{ ...FUNCTIONS, tables }], { strings: "inline" });
    parts["xl/tables/table1.xml"] = parts["xl/tables/table1.xml"].replace(
      "<tableColumns",
      `${"<x/>".repeat(1_750_000)}<tableColumns`,
    );
    for (let i = 2; i <= 50; i++) delete parts[`xl/tables/table${i}.xml`];
    const aliases = Array.from({ length: 49 }, (_, i) => `xl/tables/table${i + 2}.xml`);
    const bomb = withAliases(zipParts(parts), "xl/tables/table1.xml", aliases);
    const run = evaluateWithin(write("overlapping.xlsx", bomb), "--max-part-mb", "8");
    expectRefusal(
      run,
      /the workbook parts read unpack to more than 32 MB together \(at the part xl\/tables\/table5\.xml\), 4 times the limit per part; if the file is genuine, raise it with --max-part-mb N\.$/,
    );
  });

  it("three million cells stop at the cells limit, which the message names with its flag", () => {
    expectRefusal(
      evaluateWithin(bombs.cells),
      /sheet "Functions" holds more than the limit of 2,000,000 cells; if the file is genuine, raise it with --max-cells N\.$/,
    );
  });
});

describe("hostile workbooks: a workbook of 1,048,576 rows", () => {
  let path = "";
  beforeAll(async () => {
    path = join(dir, "million.xlsx");
    const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${FUNCTION_HEADERS.map((h, i) => `<c r="${"ABCD"[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row>`;
    const row = (i: number): string => {
      const r = i + 2;
      return `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Function ${r}</t></is></c><c r="B${r}"><v>${1 + (r % 40)}</v></c><c r="C${r}"><v>${20 + (r % 30)}</v></c><c r="D${r}"><v>${3000 + (r % 2000)}</v></c></row>`;
    };
    await writeStreamedXlsx(
      path,
      { name: "xl/worksheets/sheet1.xml", head, repeat: row, times: 1_048_575, tail: "</sheetData></worksheet>" },
      workbookParts([FUNCTIONS], { strings: "inline" }),
    );
  }, 120_000);

  it("is refused by the part limit in well under a second (was: 60 to 76 s and 3.0 to 3.6 GB, exit 3)", () => {
    expectRefusal(
      evaluateWithin(path),
      /the workbook part xl\/worksheets\/sheet1\.xml unpacks to 172 MB, above the limit of 64 MB per part; if the file is genuine, raise it with --max-part-mb 215\.$/,
    );
  });

  it("with the part limit raised, the cells limit stops it after scanning two million cells", () => {
    expectRefusal(evaluateWithin(path, "--max-part-mb", "215"), /holds more than the limit of 2,000,000 cells/);
  });
});

describe("valid files that were rejected", () => {
  it("reads a table whose relationship targets are absolute, as openpyxl writes them (was: \"Cannot read properties of undefined (reading 'name')\")", () => {
    const bytes = buildXlsx(
      [
        {
          name: "Inputs",
          rows: [FUNCTION_HEADERS, FUNCTION_ROW],
          tables: [{ name: FUNCTIONS_TABLE, ref: "A1:D2", columns: FUNCTION_HEADERS }],
        },
        ASSUMPTIONS,
      ],
      { absoluteTargets: true },
    );
    const run = evaluateWithin(write("openpyxl.xlsx", bytes));
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/Support/);
  });

  it.each([
    ["UTF-16 LE with BOM (Excel's Unicode Text)", Buffer.from([0xff, 0xfe]), "utf16le"],
    ["UTF-16 BE with BOM", Buffer.from([0xfe, 0xff]), "utf16be"],
    ["UTF-8 with BOM", Buffer.from([0xef, 0xbb, 0xbf]), "utf8"],
  ] as const)("reads tab-separated text in %s (was: Windows-1252 and 14 garbage errors)", (_, bom, encoding) => {
    const text =
      [FUNCTION_HEADERS.join("\t"), FUNCTION_ROW.join("\t"), "Café Zürich\t3\t30\t5000"].join("\r\n") + "\r\n";
    const body = encoding === "utf16be" ? Buffer.from(text, "utf16le").swap16() : Buffer.from(text, encoding);
    const run = evaluateWithin(write(`unicode-${encoding}.csv`, Buffer.concat([bom, body])));
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/Café Zürich/);
    expect(run.stderr).not.toMatch(/Windows-1252/);
  });

  it('a shared-text cell with the shared-strings part missing is an error naming the part and the cell (was: read as its index, "0")', () => {
    const run = evaluateWithin(write("no-shared-strings.xlsx", buildXlsx([FUNCTIONS], { omitSharedStrings: true })));
    expectRefusal(
      run,
      /cell Functions!A1 holds shared text number 0, but the shared texts part xl\/sharedStrings\.xml is missing/,
    );
  });

  it("a table part the relationships name but the zip lacks is an error naming the part", () => {
    const bytes = buildXlsx(
      [
        {
          name: "Inputs",
          rows: [FUNCTION_HEADERS, FUNCTION_ROW],
          tables: [{ name: FUNCTIONS_TABLE, ref: "A1:D2", columns: FUNCTION_HEADERS }],
        },
      ],
      { omitParts: ["xl/tables/table1.xml"] },
    );
    expectRefusal(
      evaluateWithin(write("no-table-part.xlsx", bytes)),
      /a table of sheet "Inputs" should be in the part xl\/tables\/table1\.xml, which the file does not have/,
    );
  });

  it("a sheet part the workbook lists but the zip lacks is an error naming the part", () => {
    const bytes = buildXlsx([FUNCTIONS], { omitParts: ["xl/worksheets/sheet1.xml"] });
    expectRefusal(
      evaluateWithin(write("no-sheet-part.xlsx", bytes)),
      /sheet "Functions" should be in the part xl\/worksheets\/sheet1\.xml, which the file does not have/,
    );
  });
});

describe("other hostile input files", () => {
  it("an external entity (XXE) is malformed XML, never fetched or expanded", () => {
    const parts = workbookParts([FUNCTIONS], { strings: "inline" });
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"]
      .replace("<worksheet", '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet')
      .replace("<t>Support</t>", "<t>&xxe;</t>");
    expectRefusal(
      evaluateWithin(write("xxe.xlsx", zipParts(parts))),
      /the workbook is damaged: its part xl\/worksheets\/sheet1\.xml is not well-formed XML \(undefined entity\)/,
    );
  });

  it("a million nested elements stop at the nesting bound (21 million were a heap crash, exit 134, 4.5 GB)", () => {
    const parts = workbookParts([FUNCTIONS], { strings: "inline" });
    parts["xl/worksheets/sheet1.xml"] = `<worksheet><sheetData>${"<x>".repeat(1_000_000)}`;
    expectRefusal(
      evaluateWithin(write("deep.xlsx", zipParts(parts))),
      /its part xl\/worksheets\/sheet1\.xml nests elements more than 100 deep, deeper than any spreadsheet part/,
    );
  });

  it("a password-protected workbook (an OLE file) says so", () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expectRefusal(evaluateWithin(write("protected.xlsx", ole)), /it is password-protected, or an old \.xls workbook/);
  });

  it("a JSON file of ten million opening brackets is refused before JSON.parse builds it", () => {
    expectRefusal(
      evaluateWithin(write("nested.json", "[".repeat(10_000_000))),
      /lists or objects are nested 10,000,000 levels deep; an input file needs 3/,
    );
  });

  it("a CSV file of three million empty cells stops at the cells limit", () => {
    const line = `${",".repeat(999)}\n`;
    expectRefusal(
      evaluateWithin(write("commas.csv", `${FUNCTION_HEADERS.join(",")}\n${line.repeat(3_000)}`)),
      /the file holds more than the limit of 2,000,000 cells; if the file is genuine, raise it with --max-cells N\.$/,
    );
  });

  it("one line of 64 million commas stops at the cells limit before csv-parse builds the record (was: 28 s, 1.8 GB)", () => {
    expectRefusal(
      evaluateWithin(write("commas-line.csv", ",".repeat(64 * 1024 * 1024 - 100))),
      /the file holds more than the limit of 2,000,000 cells/,
    );
  });

  it("a file above the part limit is refused before it is read, naming the flag", () => {
    expectRefusal(
      evaluateWithin(
        write("small-limit.csv", `${FUNCTION_HEADERS.join(",")}\n${"Support,12,25,4200\n".repeat(70_000)}`),
        "--max-part-mb",
        "1",
      ),
      /the file is 2 MB, above the limit of 1 MB per file; if the file is genuine, raise it with --max-part-mb 2\.$/,
    );
  });

  it("an .xlsx file over four times the part limit is refused before it is read; its images never count otherwise", () => {
    const parts: Record<string, string | Uint8Array> = {
      ...workbookParts([FUNCTIONS, ASSUMPTIONS]),
      "xl/media/image1.png": new Uint8Array(randomBytes(4_700_000)),
    };
    const path = write("with-image.xlsx", zipParts(parts));
    expectRefusal(
      evaluateWithin(path, "--max-part-mb", "1"),
      /the workbook file is 5 MB, above 4 times the limit of 1 MB per part; if the file is genuine, raise it with --max-part-mb 2\.$/,
    );
    expect(evaluateWithin(path, "--max-part-mb", "2").code).toBe(0);
  });

  it("a bad limit flag is a usage error naming the flag", () => {
    expectRefusal(
      evaluateWithin(
        write("ok.csv", `${FUNCTION_HEADERS.join(",")}\n${FUNCTION_ROW.join(",")}\n`),
        "--max-cells",
        "lots",
      ),
      /--max-cells must be a whole number from 1 to 17,179,869,184; got "lots"\./,
    );
  });
});
