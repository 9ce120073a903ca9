/** The sample's live-formula block, calculated by HyperFormula: a blank function name reads blank, not 0. */
import { describe, expect, it } from "vitest";
import { type ExcelRun, insertSample } from "../../src/excel";
import { sampleLayout } from "../../src/excel/sample";
import { INPUT_SHEET, sampleAssumptionRows, sampleFunctionRows } from "../../src/layout/workbook";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { FormulaEngine } from "../../src/playground/formula-engine";

describe("live formulas", () => {
  it("show a blank function name as blank and a typed one as typed", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    new FormulaEngine(model);
    await insertSample(createStandin(model).run as unknown as ExcelRun);
    const layout = sampleLayout(sampleFunctionRows().length, sampleAssumptionRows().length);
    const sheet = model.requireSheet(INPUT_SHEET);
    const liveName = () => sheet.cell(layout.liveHeader + 1, 0).value;
    expect(liveName()).toBe("Customer support");
    model.userInput(INPUT_SHEET, `A${layout.functionsHeader + 2}`, [[""]]);
    expect(liveName()).toBe("");
    model.userInput(INPUT_SHEET, `A${layout.functionsHeader + 2}`, [["Payroll"]]);
    expect(liveName()).toBe("Payroll");
  });
});
