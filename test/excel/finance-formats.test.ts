/**
 * What a CFO reads on the sheets the add-in writes (docs/model.md P6.5), through the strict stand-in: words for the
 * recommendation and for a month that never comes, finance number formats, and error messages that quote a
 * percentage the way the cell shows it.
 */
import { describe, expect, it } from "vitest";
import { insertSample, runModel } from "../../src/excel";
import { cellRef } from "../../src/layout/address";
import { RESULTS_SHEET, sampleFunctionHeaders } from "../../src/layout/workbook";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { asRun, functionRows, workbookWith } from "./helpers";

async function done(run: Parameters<typeof runModel>[0]) {
  const outcome = await runModel(run);
  if (outcome.kind !== "done") throw new Error(outcome.message);
  return outcome;
}

/** The functions table starts at B3 (helpers.ts): the cell of data row `row` (1-based) under `header`. */
function functionCell(row: number, header: string): { row: number; column: number } {
  const column = sampleFunctionHeaders().indexOf(header);
  if (column < 0) throw new Error(`No column ${header}`);
  return { row: 2 + row, column: 1 + column };
}

describe("finance formats and words on the sheets", () => {
  it("quotes a percentage typed into a percentage cell as typed: 200%, not 2", async () => {
    const { run, model } = workbookWith(functionRows(3));
    const inputs = model.requireSheet("Inputs");
    const share = functionCell(1, "SA management share");
    inputs.setNumberFormat(share.row, share.column, "0.0%");
    model.userInput("Inputs", cellRef(share.row, share.column), [["200%"]]);
    // The same number typed into a General cell is quoted as the number it is.
    const plain = functionCell(2, "SA management share");
    model.userInput("Inputs", cellRef(plain.row, plain.column), [[2]]);

    const outcome = await done(run);
    const messages = outcome.errors.map((e) => [e.row, e.message]);
    expect(messages).toEqual([
      [1, expect.stringMatching(/^SA management share must be .*; got 200%\.$/)],
      [2, expect.stringMatching(/^SA management share must be .*; got 2\.$/)],
    ]);
    // The model's own result carries the same words, so every reader of the run agrees.
    expect(outcome.result.errors[0].message).toBe(outcome.errors[0].message);
  });

  it("quotes an assumption typed as a percentage as typed", async () => {
    const { run, model } = workbookWith(functionRows(2));
    const inputs = model.requireSheet("Inputs");
    // The assumptions table sits below the functions table, labels in column B: the discount rate's value cell.
    let valueCell: { row: number; column: number } | undefined;
    for (let r = 0; r < 60 && !valueCell; r++)
      if (inputs.cell(r, 1).value === "Discount rate (annual)") valueCell = { row: r, column: 2 };
    if (!valueCell) throw new Error("no discount rate row");
    inputs.setNumberFormat(valueCell.row, valueCell.column, "0%");
    model.userInput("Inputs", cellRef(valueCell.row, valueCell.column), [["-20%"]]);

    const outcome = await done(run);
    expect(outcome.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Discount rate \(annual\) must be .*; got -20%\.$/),
    ]);
  });

  it("writes words, 'None within N months', a code column and money that shows negatives in parentheses", async () => {
    const { run, model } = workbookWith(functionRows(3));
    const outcome = await done(run);
    const sheet = model.requireSheet(RESULTS_SHEET);
    const header = (column: number) => sheet.cell(2, column).value;
    const columnOf = (name: string) => {
      for (let c = 0; c < 20; c++) if (String(header(c)).startsWith(name)) return c;
      throw new Error(`No column ${name}`);
    };
    const none = outcome.result.results.findIndex((r) => r.breakEvenMonth === null);
    expect(none).toBeGreaterThanOrEqual(0);
    const row = 3 + none;
    expect(sheet.cell(row, columnOf("Break-even month")).value).toBe("None within 36 months");
    expect(sheet.cell(row, columnOf("Recommendation")).value).not.toMatch(/^[A-Z_]+$/);
    const code = columnOf("Recommendation code");
    expect(code).toBe(13);
    expect(sheet.cell(row, code).value).toBe(outcome.result.results[none].recommendation);
    const saving = columnOf("Saving vs staff augmentation");
    expect(sheet.cell(row, saving).numberFormat).toBe("#,##0;(#,##0)");
    expect(String(sheet.cell(0, 0).value)).toContain('"None within 36 months"');
  });

  it("inserts the sample with finance formats derived from each field's kind: 15.0%, 4,200, whole months", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    const outcome = await insertSample(asRun(createStandin(model)));
    const sheet = model.requireSheet(outcome.sheet as string);
    const find = (text: string): { row: number; column: number } => {
      for (let r = 0; r < 80; r++)
        for (let c = 0; c < 30; c++) if (sheet.cell(r, c).value === text) return { row: r, column: c };
      throw new Error(`No cell ${text}`);
    };
    const below = (header: string) => {
      const at = find(header);
      return sheet.cell(at.row + 1, at.column);
    };
    expect(below("SA management share")).toMatchObject({ value: 0.15, numberFormat: "0.0%" });
    expect(below("BPO monthly fee per FTE")).toMatchObject({ value: 4200, numberFormat: "#,##0;(#,##0)" });
    expect(below("BPO transition cost")).toMatchObject({ value: 130000, numberFormat: "#,##0;(#,##0)" });
    expect(below("SA ramp (business days)").numberFormat).toBe("#,##0");
    expect(below("Headcount (FTE)").numberFormat).toBe("#,##0");
    const valueOf = (label: string) => {
      const at = find(label);
      return sheet.cell(at.row, at.column + 1);
    };
    expect(valueOf("Discount rate (annual)")).toMatchObject({ value: 0.08, numberFormat: "0.0%" });
    expect(valueOf("Manager monthly cost").numberFormat).toBe("#,##0;(#,##0)");
    expect(valueOf("Horizon (months)").numberFormat).toBe("#,##0");
    // Text and yes/no stay General or Text: nothing turns a word into a number.
    expect(valueOf("Currency").numberFormat).toBe("General");
  });
});
