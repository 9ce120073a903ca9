/**
 * Hostile input for `sourcing-model freeze`: formulas that only look like SOURCING calls, worksheets written with
 * prefixes and single quotes, zip bombs (honest and lying about their size), and an output that is the input.
 * Every fixture is generated here; every run is a real process held to the time and memory bounds.
 */
import { linkSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Zip, ZipDeflate, strToU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { rawWorkbook, valueFormsWorkbook, worksheet } from "../export/support/raw-workbook";
import { describeRun, fixtureDir, runMeasured, expectWithinBounds } from "./support";

const dir = fixtureDir();

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * A workbook whose one worksheet unpacks to `megabytes` MB of blanks inside valid XML, deflated as it is made (a
 * few hundred KB); `declaredBytes` overwrites the sizes the zip declares for it (a zip bomb that lies).
 */
function bombWorkbook(megabytes: number, declaredBytes?: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  // The other parts of a valid workbook, then the big sheet in their place.
  const parts = unzipSync(rawWorkbook([{ name: "Big", xml: worksheet("") }]));
  for (const [path, data] of Object.entries(parts)) {
    if (path === "xl/worksheets/sheet1.xml") continue;
    const part = new ZipDeflate(path);
    zip.add(part);
    part.push(data, true);
  }
  const sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 1 });
  zip.add(sheet);
  const blank = new Uint8Array(1024 * 1024).fill(0x20);
  sheet.push(strToU8(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`));
  for (let i = 0; i < megabytes; i++) sheet.push(blank);
  sheet.push(strToU8(`</sheetData></worksheet>`), true);
  zip.end();
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  if (declaredBytes !== undefined) {
    // The sheet is the last entry: its data descriptor and its central-directory record are the last of each kind.
    const view = new DataView(bytes.buffer);
    let descriptor = -1;
    let central = -1;
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x08074b50) descriptor = i;
      if (signature === 0x02014b50) central = i;
    }
    view.setUint32(descriptor + 12, declaredBytes, true);
    view.setUint32(central + 24, declaredBytes, true);
  }
  return bytes;
}

describe("hostile freeze", () => {
  it("formulas that only look like SOURCING calls are left as formulas: nothing to freeze", () => {
    const sheet = worksheet(
      `<row r="1"><c r="A1" t="str"><f>"Use SOURCING.DECIDE( to decide"</f><v>Use SOURCING.DECIDE( to decide</v></c>` +
        `<c r="B1"><f>'Sourcing.Data'!A1*2</f><v>4</v></c><c r="C1"><f>Table1[SOURCING.NPV(]</f><v>1</v></c></row>`,
    );
    const input = file(
      "lookalike.xlsx",
      rawWorkbook([
        { name: "S", xml: sheet },
        { name: "Sourcing.Data", xml: worksheet('<row r="1"><c r="A1"><v>2</v></c></row>') },
      ]),
    );
    const out = join(dir, "lookalike-out.xlsx");
    const run = runMeasured(["freeze", input, out]);
    expectWithinBounds(run);
    expect(run.code).toBe(0);
    expect(run.firstLine).toBe(`${out}: ${input} has no SOURCING formulas; written unchanged.`);
    expect(readFileSync(out).equals(readFileSync(input))).toBe(true);
  });

  it("every cached-value form is kept; prefixed (x:c) and single-quoted worksheets are frozen too; a never-calculated cell is reported", () => {
    for (const [name, bytes] of [
      ["forms.xlsx", valueFormsWorkbook()],
      ["forms-prefixed.xlsx", valueFormsWorkbook(true, "'")],
    ] as const) {
      const input = file(name, bytes);
      const out = join(dir, `frozen-${name}`);
      const run = runMeasured(["freeze", input, out]);
      expectWithinBounds(run);
      expect(run.code, name).toBe(1);
      expect(run.firstLine).toBe(
        "1 SOURCING cell(s) had no saved value (the workbook was saved without calculating) and are blank in the copy. Calculate and save it in Excel, then freeze again.",
      );
      expect(run.stdout).toBe(
        `${out}: 7 SOURCING formula cell(s) frozen to their values.\n  Forms: 7 cell(s), note in E1\n`,
      );
    }
  });

  it("a zip bomb (a 100 MB worksheet in a few hundred KB) is refused from its declared size, before unpacking", () => {
    const bomb = bombWorkbook(100);
    expect(bomb.length).toBeLessThan(1_000_000);
    const input = file("bomb.xlsx", bomb);
    const run = runMeasured(["freeze", input, join(dir, "bomb-out.xlsx")]);
    expectWithinBounds(run);
    expect(run.code).toBe(2);
    expect(run.firstLine).toBe(
      `sourcing-model: ${input}: xl/worksheets/sheet1.xml unpacks to 101 MB, more than the 64 MB allowed. Nothing was written; if the workbook is genuine, raise the limit with --max-part-mb 126.`,
    );
    expect(run.peakRssMb).toBeLessThan(200);
  });

  it("a zip bomb that declares a small size is cut at that size and reported as malformed", () => {
    const input = file("lying-bomb.xlsx", bombWorkbook(100, 4096));
    const run = runMeasured(["freeze", input, join(dir, "lying-out.xlsx")]);
    console.log(`freeze, lying zip bomb: ${describeRun(run)}`);
    expectWithinBounds(run);
    expect(run.code).toBe(2);
    expect(run.firstLine).toBe(
      `sourcing-model: ${input}: xl/worksheets/sheet1.xml is not well-formed XML (1:4096: unclosed tag: sheetData).`,
    );
    expect(run.peakRssMb).toBeLessThan(400);
  });

  it("refuses an OUT that is IN (same path, ./, a symbolic or hard link) unless --in-place is given", () => {
    const input = file("live.xlsx", valueFormsWorkbook());
    const before = readFileSync(input);
    symlinkSync(input, join(dir, "live-link.xlsx"));
    linkSync(input, join(dir, "live-hard.xlsx"));
    for (const out of [input, join(dir, ".", "live.xlsx"), join(dir, "live-link.xlsx"), join(dir, "live-hard.xlsx")]) {
      const run = runMeasured(["freeze", input, out]);
      expectWithinBounds(run);
      expect(run.code, out).toBe(2);
      expect(run.firstLine).toBe(
        `sourcing-model: OUT (${out}) is the input file itself; freeze would overwrite it. Give another OUT, or add --in-place to replace the input on purpose. Run "sourcing-model freeze --help" for usage.`,
      );
    }
    expect(runMeasured(["freeze", "live.xlsx", "./live.xlsx"], { cwd: dir }).code).toBe(2);
    expect(readFileSync(input).equals(before)).toBe(true);

    const inPlace = runMeasured(["freeze", input, input, "--in-place"]);
    expectWithinBounds(inPlace);
    expect(inPlace.code).toBe(1); // frozen, with the one never-calculated cell reported
    expect(readFileSync(input).equals(before)).toBe(false);
    const again = runMeasured(["freeze", input, join(dir, "live-again.xlsx")]);
    expect(again.firstLine).toMatch(/has no SOURCING formulas; written unchanged\.$/);
    expect(runMeasured(["help", "freeze"]).stdout).toContain("--in-place");
  });
});
