/**
 * HyperFormula (an independent engine, in process) recalculates exported workbooks loaded from their .xlsx bytes;
 * every monthly cost, total, NPV, break-even month, crossing and recommendation equals the model's.
 */
import { DetailedCellError, type HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import { columnIndex } from "../../src/layout/address";
import { INPUT_SHEET } from "../../src/layout/workbook";
import { FIELD_BY_KEY, FUNCTION_FIELDS, evaluate, sampleInput } from "../../src/model";
import { type CellReader, compareWithModel, coverage } from "./support/compare";
import { hyperFormulaFromXlsx } from "./support/hyperformula-xlsx";
import { randomInput } from "./support/random-inputs";
import { RANDOM_WORKBOOKS, exportCase, exportCases } from "./support/workbooks";

function reader(hf: HyperFormula): CellReader {
  return (sheet, row, column) => {
    const id = hf.getSheetId(sheet);
    if (id === undefined) throw new Error(`No sheet ${sheet}`);
    const value = hf.getCellValue({ sheet: id, row: row - 1, col: columnIndex(column) });
    return value instanceof DetailedCellError ? value.value : value;
  };
}

describe("native-formula export recalculated by HyperFormula", () => {
  it("the random inputs cover every recommendation, scope tie-breaks, both ramp shapes and crossings both ways", () => {
    const seen = coverage(Array.from({ length: RANDOM_WORKBOOKS }, (_, seed) => evaluate(randomInput(seed))));
    for (const wanted of [
      "recommendation:STAFF_AUG",
      "recommendation:BPO",
      "recommendation:BRIDGE",
      "recommendation:DOCUMENT_FIRST",
      "tie-break:STAFF_AUG",
      "tie-break:BPO",
      "shape:step",
      "shape:linear",
      "crossing:BPO",
      "crossing:STAFF_AUG",
      "crossings:several",
      "break-even:none",
      "break-even:1",
      "break-even:later",
    ]) {
      expect(seen, wanted).toContain(wanted);
    }
  });

  it(`agrees with the model on the sample and ${RANDOM_WORKBOOKS} random workbooks`, async () => {
    const cases = exportCases();
    let numbers = 0;
    let maxRelativeError = 0;
    const mismatches: string[] = [];
    for (const c of cases) {
      const hf = await hyperFormulaFromXlsx(c.bytes);
      const agreement = compareWithModel(reader(hf), c.exported.result, c.exported.maxHorizon, { rationale: false });
      hf.destroy();
      numbers += agreement.numbers;
      maxRelativeError = Math.max(maxRelativeError, agreement.maxRelativeError);
      mismatches.push(...agreement.mismatches.slice(0, 5).map((m) => `${c.name}: ${m}`));
    }
    console.log(
      `HyperFormula: ${cases.length} workbooks, ${numbers} numbers compared, max relative error ${maxRelativeError.toExponential(2)}`,
    );
    expect(mismatches).toEqual([]);
    expect(numbers).toBeGreaterThan(10_000);
  });

  it("recalculates everything when a reader edits the inputs: an assumption, and a row cell cleared to fall back to it", async () => {
    const c = exportCase("sample", sampleInput());
    const hf = await hyperFormulaFromXlsx(c.bytes);
    const inputs = hf.getSheetId(INPUT_SHEET) as number;
    const labels = hf.getSheetValues(inputs).map((row) => row[0]);
    const assumptionRow = (key: string) => labels.indexOf(FIELD_BY_KEY.get(key)?.label as string);
    hf.setCellContents({ sheet: inputs, row: assumptionRow("managerMonthlyCost"), col: 1 }, 40000);
    hf.setCellContents({ sheet: inputs, row: assumptionRow("saRampDays"), col: 1 }, 15);
    const rampColumn = FUNCTION_FIELDS.findIndex((f) => f.key === "saRampDays");
    hf.setCellContents({ sheet: inputs, row: 1, col: rampColumn }, null); // Customer support: blank → the assumption
    // The sample's ramp range (3–5 days) would not contain the assumption's 15 days: the reader clears it too.
    const headerRow = hf.getSheetValues(inputs)[0];
    for (const key of ["saRampDaysMin", "saRampDaysMax"]) {
      const column = headerRow.indexOf(FIELD_BY_KEY.get(key)?.label as string);
      expect(column).toBeGreaterThan(rampColumn);
      hf.setCellContents({ sheet: inputs, row: 1, col: column }, null);
    }

    const input = sampleInput();
    input.assumptions.managerMonthlyCost = 40000;
    input.assumptions.saRampDays = 15;
    Object.assign(input.functions[0], { saRampDays: null, saRampDaysMin: null, saRampDaysMax: null });
    const expected = evaluate(input);
    expect(expected.errors).toEqual([]);
    expect(expected.results.map((r) => r.recommendation)).not.toEqual(
      c.exported.result.results.map((r) => r.recommendation),
    );
    const agreement = compareWithModel(reader(hf), expected, c.exported.maxHorizon, { rationale: false });
    expect(agreement.mismatches).toEqual([]);
    // And the untouched export no longer matches: the comparison can fail.
    expect(
      compareWithModel(reader(hf), c.exported.result, c.exported.maxHorizon, { rationale: false }).mismatches.length,
    ).toBeGreaterThan(0);
    hf.destroy();
  });
});
