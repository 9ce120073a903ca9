import { describe, expect, it } from "vitest";
import {
  MARK_FORMULA,
  SourcingUserError,
  insertSample,
  onInputsChanged,
  readInputs,
  runModel,
  selectCell,
} from "../../src/excel";
import { REQUEST_BUDGET_BYTES } from "../../src/excel/result-tables";
import {
  ASSUMPTIONS_TABLE,
  CHARTS_SHEET,
  FUNCTIONS_TABLE,
  INPUT_SHEET,
  RESULTS_SHEET,
  RESULTS_TABLE,
  SCHEDULE_SHEET,
  SCHEDULE_TABLE,
  sampleFunctionHeaders,
} from "../../src/layout/workbook";
import { RECOMMENDATION_LABELS, evaluate } from "../../src/model";
import { cellRef, parseRef } from "../../src/layout/address";
import { REQUEST_PAYLOAD_LIMIT, WorkbookModel, createStandin } from "../../src/office-standin";
import { asRun, functionRows, workbookWith } from "./helpers";

const done = async (run: Parameters<typeof runModel>[0]) => {
  const outcome = await runModel(run);
  if (outcome.kind !== "done") throw new Error(outcome.message);
  return outcome;
};

describe("readInputs", () => {
  it("reads both tables in three requests: look up, shape, values", async () => {
    const { run, standin } = workbookWith(functionRows(10));
    const inputs = await readInputs(run);
    expect(standin.stats.syncCount).toBe(3);
    expect(inputs.functions).toMatchObject({
      kind: "table",
      sheet: "Inputs",
      headerRow: 2,
      firstColumn: 1,
      rowCount: 10,
    });
    expect(inputs.assumptions).toMatchObject({ kind: "table", sheet: "Inputs", keyColumn: 1 });
    const result = evaluate(inputs.input);
    expect(result.errors).toEqual([]);
    expect(result.results.map((r) => r.function)).toEqual(functionRows(10).map((r) => r[0]));
    expect(result.assumptions.horizonMonths).toBe(36);
  });

  it("falls back to the region around the selection, with its header row", async () => {
    const { run, model, standin } = workbookWith(functionRows(3), { tables: false });
    // No tables: the data sits on "Inputs"; the user selects a cell inside the functions block.
    model.userSelect("Inputs", "D4");
    const inputs = await readInputs(run);
    expect(inputs.functions).toMatchObject({
      kind: "selection",
      sheet: "Inputs",
      headerRow: 2,
      firstColumn: 1,
      rowCount: 3,
    });
    expect(inputs.assumptions).toBeNull();
    // look up, the region (a request of its own), shape, values
    expect(standin.stats.syncCount).toBe(4);
    expect(evaluate(inputs.input).results).toHaveLength(3);
  });

  it("explains what is missing when nothing is found", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    model.userSelect("Sheet1", "C3");
    const empty = await runModel(asRun(createStandin(model)));
    expect(empty).toEqual({
      kind: "no-functions",
      message: "No functions table found: insert the sample or select your table.",
    });

    model.userInput("Sheet1", "A1:B2", [
      ["Name", "Size"],
      ["x", 1],
    ]);
    model.userSelect("Sheet1", "A1");
    const noFunctionColumn = await runModel(asRun(createStandin(model)));
    expect(noFunctionColumn.kind).toBe("no-functions");
    expect(noFunctionColumn.kind === "no-functions" && noFunctionColumn.message).toMatch(/no "Function" column/);

    model.userSelect("Sheet1", "chart");
    const chart = await runModel(asRun(createStandin(model)));
    expect(chart.kind === "no-functions" && chart.message).toMatch(/not a range of cells/);
  });

  it("uses the Functions and Assumptions sheets when there are no tables", async () => {
    const model = new WorkbookModel(["Functions", "Assumptions"]);
    const rows = functionRows(2);
    const headers = ["Function", "Headcount (FTE)", "SA hourly rate", "BPO monthly fee per FTE"];
    model.userInput("Functions", "A1:D3", [headers, ...rows.map((r) => r.slice(0, 4))]);
    model.userInput("Assumptions", "A1:B3", [
      ["Assumption", "Value"],
      ["Horizon (months)", "abc"],
      ["Currency", "EUR"],
    ]);
    const standin = createStandin(model);
    const outcome = await runModel(asRun(standin));
    expect(outcome.kind).toBe("done");
    if (outcome.kind !== "done") return;
    expect(outcome.inputs.functions?.kind).toBe("sheet");
    expect(outcome.errors).toEqual([
      expect.objectContaining({ row: null, column: "horizonMonths", address: "Assumptions!B2" }),
    ]);
  });

  it("refuses an input table on a sheet the add-in replaces", async () => {
    const model = new WorkbookModel([RESULTS_SHEET, "Other"]);
    model.userInput(RESULTS_SHEET, "A1:B2", [
      ["Function", "Headcount"],
      ["x", 1],
    ]);
    model.userAddTable(RESULTS_SHEET, "A1:B2", FUNCTIONS_TABLE);
    await expect(readInputs(asRun(createStandin(model)))).rejects.toBeInstanceOf(SourcingUserError);
  });
});

describe("runModel: syncs and request sizes", () => {
  it("takes the same number of syncs for 10 and 2,000 rows when the output fits one request", async () => {
    const counts: number[] = [];
    for (const n of [10, 2000]) {
      const { run, standin } = workbookWith(functionRows(n), { horizon: 3 });
      const outcome = await done(run);
      expect(outcome.result.results).toHaveLength(n);
      counts.push(standin.stats.syncCount);
      expect(standin.stats.syncs.slice(4).every((s) => s.calculationSuspended)).toBe(true);
    }
    // read 3 + prepare 1 (nothing to check on a fresh workbook) + one write request
    expect(counts).toEqual([5, 5]);
  });

  it("keeps every request under 5 MB at 2,000 functions × 120 months; only the payload split adds syncs", async () => {
    const { run, standin, model } = workbookWith(functionRows(2000), { horizon: 120 });
    const outcome = await done(run);
    expect(outcome.written.scheduleRows).toBe(240_000);
    expect(model.table(SCHEDULE_TABLE)?.rect.rowCount).toBe(240_001);
    const writes = standin.stats.syncs.slice(4);
    expect(standin.stats.syncCount).toBe(4 + outcome.written.requests);
    expect(standin.stats.maxRequestBytes).toBeLessThanOrEqual(REQUEST_PAYLOAD_LIMIT);
    // Greedy packing: at most one request more than the payload strictly needs at the budget.
    const total = writes.reduce((sum, s) => sum + s.requestBytes, 0);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(total / REQUEST_BUDGET_BYTES) + 1);
    expect(writes.length).toBeGreaterThanOrEqual(Math.ceil(total / REQUEST_PAYLOAD_LIMIT));
    expect(writes.every((s) => s.calculationSuspended)).toBe(true);
    // Spot-check the last schedule row against the model.
    const last = outcome.result.results[1999];
    const sheet = model.sheet(SCHEDULE_SHEET);
    expect(sheet?.cell(3 + 239_999, 0).value).toBe(last.function);
    expect(sheet?.cell(3 + 239_999, 7).value).toBeCloseTo(last.total.BRIDGE, 6);
  });
});

describe("runModel: what it writes", () => {
  it("re-running replaces only the owned sheets; the user's sheets stay byte-for-byte", async () => {
    const { run, model } = workbookWith(functionRows(5));
    const before = {
      notes: JSON.stringify(model.sheet("Notes")?.snapshot()),
      inputs: JSON.stringify(model.sheet("Inputs")?.snapshot()),
    };
    await done(run);
    const firstIds = [RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET].map((n) => model.sheet(n)?.id);
    await done(run);
    expect(JSON.stringify(model.sheet("Notes")?.snapshot())).toBe(before.notes);
    expect(JSON.stringify(model.sheet("Inputs")?.snapshot())).toBe(before.inputs);
    expect(model.sheets.map((s) => s.name).sort()).toEqual(
      ["Inputs", "Notes", CHARTS_SHEET, RESULTS_SHEET, SCHEDULE_SHEET].sort(),
    );
    // Recreated, not patched: new sheets, one set of tables and charts.
    expect([RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET].map((n) => model.sheet(n)?.id)).not.toEqual(firstIds);
    expect(model.tables.map((t) => t.name).sort()).toEqual(
      [ASSUMPTIONS_TABLE, FUNCTIONS_TABLE, RESULTS_TABLE, SCHEDULE_TABLE].sort(),
    );
    expect(model.charts).toHaveLength(5);
    expect(model.sheet("Notes")?.cell(1, 0).formula).toBe("=SUM(B1,1)");
  });

  it("puts a warning on one cell (a simulation range on the wrong side) at its address; the row is still modelled", async () => {
    const rows = functionRows(2);
    const minColumn = sampleFunctionHeaders().indexOf("BPO monthly fee per FTE min");
    rows[1][minColumn] = 99999; // above the row's fee
    const { run } = workbookWith(rows);
    const outcome = await done(run);
    expect(outcome.errors).toEqual([]);
    expect(outcome.result.results).toHaveLength(2);
    // Functions table header at row 3 from column B: data row 2 is sheet row 5.
    expect(outcome.warnings).toEqual([`Inputs!${cellRef(4, 1 + minColumn)}: ${outcome.result.warnings[0].message}`]);
  });

  it("writes results with the model's numbers and number formats", async () => {
    const { run, model } = workbookWith(functionRows(4));
    const outcome = await done(run);
    const sheet = model.sheet(RESULTS_SHEET);
    const table = model.table(RESULTS_TABLE);
    expect(table?.rect).toEqual({ row: 2, column: 0, rowCount: 5, columnCount: 14 });
    const first = outcome.result.results[0];
    expect(sheet?.cell(3, 0).value).toBe(first.function);
    // People read words; formulas read the code column at the right end (docs/model.md P6.5).
    expect(sheet?.cell(3, 1).value).toBe(RECOMMENDATION_LABELS[first.recommendation]);
    expect(sheet?.cell(2, 13).value).toBe("Recommendation code");
    expect(sheet?.cell(3, 13).value).toBe(first.recommendation);
    expect(sheet?.cell(3, 2).value).toBe(first.breakEvenMonth ?? "None within 36 months");
    expect(sheet?.cell(3, 8).value).toBe(first.npv.STAFF_AUG);
    expect(sheet?.cell(3, 11).value).toBe(first.npv.STAFF_AUG - first.npv[first.recommendation as "BPO"]);
    expect(sheet?.cell(3, 12).value).toBe(first.rationale);
    expect(sheet?.cell(3, 5).numberFormat).toBe("#,##0;(#,##0)");
    expect(sheet?.cell(3, 2).numberFormat).toBe("0");
    expect(sheet?.cell(2, 5).value).toBe("Total staff augmentation (USD)");
    const chart = model.charts[0];
    expect(chart.title).toBe(
      `${first.function}: ${first.breakEvenMonth === null ? "no break-even within 36 months" : `break-even in month ${first.breakEvenMonth}`}`,
    );
    expect(chart.seriesNames).toEqual(["Staff augmentation", "BPO", "Bridge"]);
    expect(chart.source.rect).toEqual({ row: 3, column: 5, rowCount: 36, columnCount: 3 });
    expect(chart.categories?.rect).toEqual({ row: 3, column: 1, rowCount: 36, columnCount: 1 });
  });

  it("writes function names that start with = + - @ as text, never as formulas", async () => {
    const names = ["=Payroll", "+x", "-x", "@x", "'90s desk"];
    // A user enters such names with an apostrophe; the cell then holds the plain text.
    const rows = functionRows(5).map((row, i) => [`'${names[i]}`, ...row.slice(1)]);
    const { run, model } = workbookWith(rows);
    const outcome = await done(run);
    expect(outcome.result.results.map((r) => r.function)).toEqual(names);
    const results = model.sheet(RESULTS_SHEET);
    const schedule = model.sheet(SCHEDULE_SHEET);
    names.forEach((name, i) => {
      expect(results?.cell(3 + i, 0)).toMatchObject({ value: name, formula: undefined });
      expect(schedule?.cell(3 + i * 36, 0)).toMatchObject({ value: name, formula: undefined });
    });
    expect(results?.cell(3, 12).formula).toBeUndefined();
  });

  it("maps errors to their cells, marks them without touching values, and clears the marks when fixed", async () => {
    const rows = functionRows(4);
    rows[2][1] = "abc"; // data row 3, headcount → Inputs!C6
    const { run, model } = workbookWith(rows);
    // The user's own rule on the same cells must survive.
    const inputs = model.requireSheet("Inputs");
    const userRule = model.addConditionalFormat(inputs, parseRef("B3:N7"), "Custom");
    userRule.formula = "=B3>100";
    const before = JSON.stringify(inputs.snapshot());

    const outcome = await done(run);
    expect(outcome.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: "headcount",
        address: "Inputs!C6",
        cell: "C6",
        sheet: "Inputs",
        value: "abc",
      }),
    ]);
    expect(JSON.stringify(inputs.snapshot())).toBe(before);
    const marks = () => model.conditionalFormats.filter((f) => f.formula === MARK_FORMULA);
    expect(marks().map((f) => f.rect)).toEqual([parseRef("C6")]);
    expect(marks()[0]).toMatchObject({ fill: "#FDE7E9", fontColor: "#A4262C" });

    // Running again with the same error: still exactly one mark.
    await done(run);
    expect(marks()).toHaveLength(1);

    model.userInput("Inputs", "C6", [[7]]);
    const fixed = await done(run);
    expect(fixed.errors).toEqual([]);
    expect(marks()).toHaveLength(0);
    expect(model.conditionalFormats).toEqual([userRule]);
  });

  it("points an assumption error at its value cell", async () => {
    const { run, model } = workbookWith(functionRows(2));
    const inputs = model.requireSheet("Inputs");
    // Assumptions header is at B8 (2 rows + 3); row "Discount rate (annual)" → find it.
    let row = -1;
    for (let r = 0; r < 30; r++) if (inputs.cell(r, 1).value === "Discount rate (annual)") row = r;
    model.userInput("Inputs", `C${row + 1}`, [["#DIV/0!"]]);
    const outcome = await done(run);
    expect(outcome.errors).toEqual([
      expect.objectContaining({ row: null, column: "discountRateAnnual", address: `Inputs!C${row + 1}` }),
    ]);
    expect(outcome.result.results).toEqual([]);
  });

  it("selects the cell of an error", async () => {
    const { run, model } = workbookWith(functionRows(2));
    await selectCell("Inputs!C4", run);
    expect(model.activeSheet?.name).toBe("Inputs");
    expect(model.selection).toEqual({ sheet: model.sheet("Inputs"), rect: parseRef("C4") });
    await selectCell("'Sourcing Results'!A1", run).catch(() => undefined);
  });
});

describe("insertSample", () => {
  it("inserts the sample tables and live formulas, and the model runs on them", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    const run = asRun(createStandin(model));
    const inserted = await insertSample(run);
    expect(inserted).toMatchObject({ inserted: true, sheet: INPUT_SHEET });
    const sheet = model.requireSheet(INPUT_SHEET);
    expect(model.table(FUNCTIONS_TABLE)?.rect).toEqual(parseRef("A4:S8"));
    expect(model.table(ASSUMPTIONS_TABLE)?.rect).toEqual(parseRef("A11:C21"));
    expect(sheet.cell(11, 2).value).toMatch(/Model default|Calendar|Full-time|Seed/);
    expect(sheet.cell(25, 1).formula).toBe(
      "=SOURCING.DECIDE(INDEX(SourcingFunctions,1,0),SourcingFunctions[#Headers],SourcingAssumptions[[#All],[Assumption]:[Value]])",
    );
    expect(sheet.cell(25, 0).formula).toBe('=INDEX(SourcingFunctions[Function],1)&""');
    const outcome = await done(run);
    expect(outcome.errors).toEqual([]);
    expect(outcome.result.results.map((r) => r.function)).toEqual([
      "Customer support",
      "React developer",
      "Bookkeeping",
      "Data entry",
    ]);
  });

  it("does not clobber: refuses when the tables exist, and picks a new sheet name when only the sheet exists", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    const run = asRun(createStandin(model));
    await insertSample(run);
    model.userInput(INPUT_SHEET, "B5", [[99]]);
    const snapshot = JSON.stringify(model.requireSheet(INPUT_SHEET).snapshot());
    const again = await insertSample(run);
    expect(again.inserted).toBe(false);
    expect(again.message).toMatch(
      /already has a table named SourcingFunctions \(on the sheet "Sourcing Inputs"\).*nothing was changed/,
    );
    expect(JSON.stringify(model.requireSheet(INPUT_SHEET).snapshot())).toBe(snapshot);
    expect(model.sheets).toHaveLength(2);

    const other = new WorkbookModel([INPUT_SHEET]);
    other.userInput(INPUT_SHEET, "A1", [["my data"]]);
    const result = await insertSample(asRun(createStandin(other)));
    expect(result).toMatchObject({ inserted: true, sheet: `${INPUT_SHEET} (2)` });
    expect(other.requireSheet(INPUT_SHEET).cell(0, 0).value).toBe("my data");
  });
});

describe("onInputsChanged", () => {
  it("calls back on edits to the input tables until removed; output writes do not trigger it", async () => {
    const { run, model } = workbookWith(functionRows(2));
    let calls = 0;
    const subscription = await onInputsChanged(() => calls++, run);
    expect(subscription.watching).toEqual([`table ${FUNCTIONS_TABLE}`, `table ${ASSUMPTIONS_TABLE}`]);
    model.userInput("Inputs", "C4", [[5]]);
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).toBe(1);
    await done(run);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
    await subscription.remove();
    model.userInput("Inputs", "C4", [[6]]);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
  });
});
