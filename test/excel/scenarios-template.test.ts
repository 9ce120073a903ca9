/** "Add a scenarios table" and the sample's scenarios, through the strict stand-in. */
import { describe, expect, it } from "vitest";
import { insertSample } from "../../src/excel";
import { readScenarioRows } from "../../src/excel/read-scenarios";
import { addScenariosTable } from "../../src/excel/scenarios-template";
import { INPUT_SHEET, SCENARIOS_TABLE, SCENARIO_HEADERS } from "../../src/layout/workbook";
import { SAMPLE_SCENARIOS, parseScenarios } from "../../src/model";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { asRun, functionRows, workbookWith } from "./helpers";

/** Every non-empty cell of a sheet, by "row,column": what a user would see, to prove nothing was overwritten. */
const snapshot = (model: WorkbookModel, sheet: string) =>
  Object.fromEntries(Object.entries(model.requireSheet(sheet).snapshot()).map(([k, cell]) => [k, cell.value]));

describe("Add a scenarios table", () => {
  it("writes a header and one example row below the inputs, on the functions table's sheet, in three syncs", async () => {
    const { standin, run, model } = workbookWith(functionRows(2));
    const before = snapshot(model, "Inputs");
    const usedBottom = Math.max(...Object.keys(before).map((k) => Number(k.split(",")[0])));

    const outcome = await addScenariosTable(run);
    expect(outcome.added).toBe(true);
    expect(outcome.sheet).toBe("Inputs");
    expect(standin.stats.syncCount).toBe(3);
    const table = model.table(SCENARIOS_TABLE);
    expect(table?.sheet.name).toBe("Inputs");
    expect(table?.rect).toMatchObject({ row: usedBottom + 4, column: 0, rowCount: 2, columnCount: 4 });
    expect(outcome.header).toBe(`A${usedBottom + 5}:D${usedBottom + 5}`);
    expect(outcome.message).toContain(`at A${usedBottom + 5}:D${usedBottom + 5}`);
    // Nothing that was there changed.
    const after = snapshot(model, "Inputs");
    for (const [key, value] of Object.entries(before)) expect(after[key]).toEqual(value);

    // The example row is a scenario the model can use as it stands.
    const rows = await readScenarioRows(run);
    expect(rows).toEqual([{ scenario: "Slow transition", key: "BPO ramp (weeks)", value: 12, function: "" }]);
    const parsed = parseScenarios(rows);
    expect(parsed.errors).toEqual([]);
    expect(parsed.scenarios[0].overrides[0]).toMatchObject({ key: "bpoRampWeeks", value: 12, function: null });
  });

  it("leaves an existing scenarios table alone and says where it is", async () => {
    const { run, model } = workbookWith(functionRows(2));
    model.userInput("Notes", "F1:G2", [
      ["Scenario", "Key"],
      ["Mine", "Headcount"],
    ]);
    model.userAddTable("Notes", "F1:G2", SCENARIOS_TABLE);
    const before = snapshot(model, "Inputs");
    const outcome = await addScenariosTable(run);
    expect(outcome).toMatchObject({ added: false, sheet: "Notes" });
    expect(outcome.message).toMatch(/already has a SourcingScenarios table \(on the sheet "Notes"\)/);
    expect(snapshot(model, "Inputs")).toEqual(before);
    expect(model.tables.filter((t) => t.name === SCENARIOS_TABLE)).toHaveLength(1);
  });

  it("refuses, with what to do, when there is no inputs sheet", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    const outcome = await addScenariosTable(asRun(createStandin(model)));
    expect(outcome.added).toBe(false);
    expect(outcome.message).toMatch(/^No SourcingFunctions table found.*Insert the sample model/);
    expect(model.tables).toHaveLength(0);
  });
});

describe("Insert sample model: the scenarios", () => {
  it("inserts the sample's named scenarios as a SourcingScenarios table on the inputs sheet", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    const run = asRun(createStandin(model));
    const inserted = await insertSample(run);
    expect(inserted.message).toMatch(
      /Its scenarios \(Vendor quotes \+10%, Slow transition\) are compared by Run analysis\.$/,
    );
    const table = model.table(SCENARIOS_TABLE);
    expect(table?.sheet.name).toBe(INPUT_SHEET);
    const sheet = model.requireSheet(INPUT_SHEET);
    expect(SCENARIO_HEADERS.map((_, c) => sheet.cell(table?.rect.row ?? 0, c).value)).toEqual([...SCENARIO_HEADERS]);
    const parsed = parseScenarios(await readScenarioRows(run));
    expect(parsed.errors).toEqual([]);
    expect(parsed.scenarios.map((s) => s.name)).toEqual(["Vendor quotes +10%", "Slow transition"]);
    expect(parsed.scenarios[0].overrides).toHaveLength(SAMPLE_SCENARIOS.length - 1);
    // A second click finds the functions table taken and changes nothing.
    await insertSample(run);
    expect(model.tables.filter((t) => t.name === SCENARIOS_TABLE)).toHaveLength(1);
  });

  it("keeps a scenarios table the user already has, and inserts the rest of the sample", async () => {
    const model = new WorkbookModel(["Mine"]);
    model.userInput("Mine", "A1:C2", [
      ["Scenario", "Key", "Value"],
      ["Mine", "Headcount", 3],
    ]);
    model.userAddTable("Mine", "A1:C2", SCENARIOS_TABLE);
    const outcome = await insertSample(asRun(createStandin(model)));
    expect(outcome.inserted).toBe(true);
    expect(outcome.message).toMatch(/Your own SourcingScenarios table was kept/);
    expect(model.table(SCENARIOS_TABLE)?.sheet.name).toBe("Mine");
    expect(model.requireSheet("Mine").cell(1, 0).value).toBe("Mine");
  });
});
