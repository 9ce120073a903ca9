/**
 * LibreOffice (headless, recalculation on load forced) opens exported workbooks, recalculates every formula and
 * saves them; the values it computed equal the TypeScript model. All files go through ONE soffice call (about 4 s
 * of start-up whatever the number of files): the sample, the random workbooks, the sample with an assumption
 * changed in the file, and a frozen workbook.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { freezeWorkbook } from "../../src/export";
import { INPUT_SHEET } from "../../src/layout/workbook";
import { FIELD_BY_KEY, evaluate, sampleInput } from "../../src/model";
import { type CellReader, compareWithModel } from "./support/compare";
import { setNumberCell } from "./support/edit-xlsx";
import { sourcingWorkbook } from "./support/freeze-fixture";
import { FROZEN_VALUES, valueFormsWorkbook } from "./support/raw-workbook";
import { recalculateWithLibreOffice, skipLibreOffice } from "./support/libreoffice";
import { type ExportCase, exportCase, exportCases } from "./support/workbooks";

async function readBack(path: string): Promise<{ workbook: ExcelJS.Workbook; read: CellReader }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const read: CellReader = (sheet, row, column) => {
    const cell = workbook.getWorksheet(sheet)?.getCell(`${column}${row}`);
    if (!cell) throw new Error(`No sheet ${sheet}`);
    const value = cell.value;
    if (value !== null && typeof value === "object" && "formula" in value) {
      // ExcelJS leaves `result` undefined for an empty-text result.
      const result = cell.result;
      if (result === undefined) return "";
      return typeof result === "object" && result !== null && "error" in result ? result.error : result;
    }
    return value;
  };
  return { workbook, read };
}

/** The sample exported, then one assumption changed in the file as a reader would type it. */
function changedSample(key: string, value: number): ExportCase & { changed: ReturnType<typeof evaluate> } {
  const base = exportCase(`sample-${key}`, sampleInput());
  const inputs = base.exported.workbook.sheets.findIndex((s) => s.name === INPUT_SHEET);
  const label = FIELD_BY_KEY.get(key)?.label;
  const row = [...base.exported.workbook.sheets[inputs].rows.entries()].find(([, cells]) => {
    const content = cells.get(1)?.content;
    return content?.kind === "text" && content.value === label;
  })?.[0];
  if (row === undefined) throw new Error(`No assumption row for ${key}`);
  const input = sampleInput();
  input.assumptions[key] = value;
  return {
    ...base,
    bytes: setNumberCell(base.bytes, `xl/worksheets/sheet${inputs + 1}.xml`, `B${row}`, value),
    changed: evaluate(input),
  };
}

describe.skipIf(skipLibreOffice)(
  "native-formula export recalculated by LibreOffice (needs soffice: skipped without it, failed without it when CI is set)",
  () => {
    const cases = exportCases();
    const managerCost = changedSample("managerMonthlyCost", 40000);
    const shorterHorizon = changedSample("horizonMonths", 5);
    const outputs = new Map<string, string>();
    let frozenOutput = "";
    /** Hand-written worksheets (plain, then x:-prefixed with single quotes) after freezing, as LibreOffice saved them. */
    let frozenFormsOutputs: string[] = [];
    let milliseconds = 0;

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), "sourcing-export-"));
      const files: string[] = [];
      for (const c of [...cases, managerCost, shorterHorizon]) {
        const path = join(dir, `${c.name}.xlsx`);
        writeFileSync(path, c.bytes);
        files.push(path);
      }
      const frozen = join(dir, "frozen.xlsx");
      writeFileSync(frozen, freezeWorkbook(await sourcingWorkbook(), new Date("2026-01-15T00:00:00Z")).bytes);
      files.push(frozen);
      const forms = [valueFormsWorkbook(), valueFormsWorkbook(true, "'")].map((bytes, i) => {
        const path = join(dir, `frozen-forms-${i}.xlsx`);
        writeFileSync(path, freezeWorkbook(bytes, new Date("2026-01-15T00:00:00Z")).bytes);
        return path;
      });
      files.push(...forms);
      const recalculated = await recalculateWithLibreOffice(files);
      milliseconds = recalculated.milliseconds;
      recalculated.outputs.forEach((out, i) => outputs.set(files[i], out));
      [...cases, managerCost, shorterHorizon].forEach((c, i) => outputs.set(c.name, recalculated.outputs[i]));
      frozenOutput = recalculated.outputs[files.length - 3];
      frozenFormsOutputs = recalculated.outputs.slice(files.length - 2);
    }, 600_000);

    it(`agrees with the model on the sample and ${cases.length - 1} random workbooks`, async () => {
      let numbers = 0;
      let maxRelativeError = 0;
      const mismatches: string[] = [];
      for (const c of cases) {
        const { read } = await readBack(outputs.get(c.name) as string);
        const agreement = compareWithModel(read, c.exported.result, c.exported.maxHorizon, { rationale: true });
        numbers += agreement.numbers;
        maxRelativeError = Math.max(maxRelativeError, agreement.maxRelativeError);
        mismatches.push(...agreement.mismatches.slice(0, 5).map((m) => `${c.name}: ${m}`));
      }
      console.log(
        `LibreOffice: ${cases.length + 3} files in one soffice call, ${(milliseconds / 1000).toFixed(1)} s; ${cases.length} workbooks, ${numbers} numbers compared, max relative error ${maxRelativeError.toExponential(2)}`,
      );
      expect(mismatches).toEqual([]);
      expect(numbers).toBeGreaterThan(10_000);
    });

    it("an assumption changed in the exported sample moves the recommendation and the break-even month as the model says", async () => {
      const base = cases[0].exported.result;
      for (const c of [managerCost, shorterHorizon]) {
        const moved = c.changed.results.some(
          (r, i) =>
            r.recommendation !== base.results[i].recommendation || r.breakEvenMonth !== base.results[i].breakEvenMonth,
        );
        expect(moved, `${c.name} changes some outcome`).toBe(true);
        const { read } = await readBack(outputs.get(c.name) as string);
        const agreement = compareWithModel(read, c.changed, c.exported.maxHorizon, { rationale: true });
        expect(agreement.mismatches).toEqual([]);
      }
      // Spelled out for the sample's React developer: staff augmentation becomes the bridge, break-even "none" becomes 1.
      const { read } = await readBack(outputs.get(managerCost.name) as string);
      expect(managerCost.changed.results[1]).toMatchObject({ recommendation: "BRIDGE", breakEvenMonth: 1 });
      expect(read("Sourcing Summary", 3, "B")).toBe("Bridge"); // words; the code sits in the last column
      expect(read("Sourcing Summary", 3, "D")).toBe(1);
    });

    it("opens a frozen workbook: the frozen values stay, the other formulas recalculate, the note is there", async () => {
      const { workbook, read } = await readBack(frozenOutput);
      expect(read("Live", 2, "B")).toBe("BPO");
      expect(read("Live", 2, "C")).toBe(6);
      expect(read("Live", 2, "D")).toBe("#N/A");
      expect(read("Live", 2, "E")).toBe(7);
      expect([read("Live", 4, "B"), read("Live", 5, "B"), read("Live", 6, "B")]).toEqual([100, 200, 300]);
      expect([read("Live", 4, "C"), read("Live", 5, "C")]).toEqual([200, 400]);
      expect(String(read("Live", 1, "H"))).toMatch(/^Values frozen on 2026-01-15: 7 SOURCING formula cells/);
      const formulas: string[] = [];
      workbook.eachSheet((ws) =>
        ws.eachRow((row) => row.eachCell((cell) => void (cell.formula && formulas.push(cell.formula)))),
      );
      expect(formulas.some((f) => /SOURCING/i.test(f))).toBe(false);
      expect(formulas.length).toBeGreaterThanOrEqual(3);
    });

    it("opens frozen hand-written worksheets (every cached-value form; x:-prefixed, single-quoted): values kept, look-alike formulas still formulas", async () => {
      for (const output of frozenFormsOutputs) {
        const { workbook, read } = await readBack(output);
        const sheet = workbook.getWorksheet("Forms") as ExcelJS.Worksheet;
        for (const [ref, value] of Object.entries(FROZEN_VALUES)) {
          const expected = typeof value === "object" && value !== null && "error" in value ? value.error : value;
          expect(read("Forms", Number(ref.slice(1)), ref[0]) ?? null, `${output} ${ref}`).toEqual(expected);
        }
        expect(sheet.getCell("A3").formula).toBe('"Use SOURCING.DECIDE( to decide"');
        expect(read("Forms", 3, "B")).toBe(4);
        expect(String(read("Forms", 1, "E"))).toMatch(/^Values frozen on 2026-01-15: 7 SOURCING formula cells/);
      }
    });
  },
);
