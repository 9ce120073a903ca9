/** Run model from every sheet: where the user lands, and the order of the tabs afterwards (the stand-in). */
import { describe, expect, it } from "vitest";
import { runModel } from "../../src/excel";
import { ownedSheetsPosition } from "../../src/excel/sheet-order";
import { ANALYSIS_SHEET, CHARTS_SHEET, INPUT_SHEET, RESULTS_SHEET, SCHEDULE_SHEET } from "../../src/layout/workbook";
import { functionRows, workbookWith } from "./helpers";

const tabs = (model: { sheets: { name: string }[] }) => model.sheets.map((sheet) => sheet.name);
const OUTPUTS = [RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET];

describe("Run model keeps the user's place and the tabs' order", () => {
  it("from an input or user sheet the user stays where they were", async () => {
    const { run, model } = workbookWith(functionRows(2));
    model.userSelect("Inputs", "C4");
    await runModel(run);
    expect(model.activeSheet?.name).toBe("Inputs");
    expect(model.selection).toMatchObject({ sheet: model.sheet("Inputs") });
    expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS]);
  });

  it.each(OUTPUTS)(
    "from %s, which the run replaces, the user lands on Sourcing Results, not on a blank sheet",
    async (sheet) => {
      const { run, model } = workbookWith(functionRows(2));
      await runModel(run);
      model.userSelect(sheet, "B7");
      await runModel(run);
      expect(model.activeSheet?.name).toBe(RESULTS_SHEET);
      expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS]);
    },
  );

  it("output sheets stay before the analysis sheet, and a sheet the user added after them stays after them", async () => {
    const { run, model } = workbookWith(functionRows(2));
    await runModel(run);
    model.addSheet(ANALYSIS_SHEET);
    model.addSheet("My summary");
    model.userSelect(ANALYSIS_SHEET, "A1");
    await runModel(run);
    expect(model.activeSheet?.name).toBe(ANALYSIS_SHEET);
    expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS, ANALYSIS_SHEET, "My summary"]);
    model.userSelect(SCHEDULE_SHEET, "A1");
    await runModel(run);
    expect(model.activeSheet?.name).toBe(RESULTS_SHEET);
    expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS, ANALYSIS_SHEET, "My summary"]);
  });

  it("a first run after an analysis puts the outputs before the analysis sheet", async () => {
    const { run, model } = workbookWith(functionRows(2));
    model.addSheet(ANALYSIS_SHEET);
    await runModel(run);
    expect(tabs(model)).toEqual(["Notes", "Inputs", ...OUTPUTS, ANALYSIS_SHEET]);
  });

  it("places the outputs where the first add-in sheet stood among the sheets that stay", () => {
    expect(ownedSheetsPosition([INPUT_SHEET, "Notes"])).toBeUndefined();
    expect(ownedSheetsPosition([INPUT_SHEET, RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET, "Notes"])).toBe(1);
    expect(ownedSheetsPosition(["Notes", INPUT_SHEET, ANALYSIS_SHEET, RESULTS_SHEET])).toBe(2);
    expect(ownedSheetsPosition([RESULTS_SHEET.toUpperCase(), INPUT_SHEET])).toBe(0);
  });
});
