/**
 * The stand-in's strict rules and what the adapter does under them. Each rule has a test that the old, lenient
 * stand-in would have passed wrongly (it gave null objects for navigation from a null object, kept contexts
 * alive, ignored totals rows and hidden headers, and raised no events for formats).
 */
import { describe, expect, it } from "vitest";
import { type ExcelRun, MARK_FORMULA, onInputsChanged, readInputs, runModel } from "../../src/excel";
import { readScenarioRows } from "../../src/excel/read-scenarios";
import { READ_BUDGET_BYTES, readValueBlocks } from "../../src/excel/read-values";
import { parseRef } from "../../src/layout/address";
import { FUNCTIONS_TABLE, RESULTS_SHEET } from "../../src/layout/workbook";
import { evaluate } from "../../src/model";
import {
  type ChangeEvent,
  RESPONSE_PAYLOAD_LIMIT,
  type RequestContext,
  WorkbookModel,
  createStandin,
} from "../../src/office-standin";
import { asRun, functionRows, workbookWith } from "./helpers";

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

describe("a request context lives for its Excel.run", () => {
  it("refuses loads, writes and syncs after the run; values loaded before stay readable", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    model.userInput("Sheet1", "A1", [[5]]);
    const standin = createStandin(model);
    const { context, range } = await standin.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
      await context.sync();
      return { context, range };
    });
    expect(range.values).toEqual([[5]]);
    expect(() => range.load("address")).toThrow(expect.objectContaining({ code: "InvalidRequestContext" }));
    expect(() => {
      range.values = [[6]];
    }).toThrow(expect.objectContaining({ code: "InvalidRequestContext" }));
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidRequestContext" });
    // Excel.run(context, batch) revives it for that batch only.
    await standin.run(context, async (again) => {
      range.values = [[7]];
      await again.sync();
    });
    expect(model.requireSheet("Sheet1").cell(0, 0).value).toBe(7);
    expect(() => range.load("values")).toThrow(expect.objectContaining({ code: "InvalidRequestContext" }));
  });
});

/** The usual workbook, its functions table with a totals row and/or a hidden header row. */
function withTableOptions(options: { showHeaders?: boolean; showTotals?: boolean }) {
  const built = workbookWith(functionRows(3));
  const table = built.model.table(FUNCTIONS_TABLE);
  if (!table) throw new Error("no table");
  built.model.setTableOptions(table, options);
  return { ...built, table };
}

describe("tables with a totals row or a hidden header row", () => {
  it("the stand-in: getRange includes the totals row, the data body does not, a hidden header row has no range", async () => {
    const { standin, table } = withTableOptions({ showHeaders: false, showTotals: true });
    expect(table.rect).toEqual(parseRef("B4:T7"));
    await standin.run(async (context) => {
      const t = context.workbook.tables.getItem(FUNCTIONS_TABLE).load("showHeaders,showTotals");
      const whole = t.getRange().load("address");
      const body = t.getDataBodyRange().load("address");
      const totals = t.getTotalRowRange().load("values");
      const rows = t.rows.load("count");
      const columns = t.columns.load("items/name");
      await context.sync();
      expect([t.showHeaders, t.showTotals]).toEqual([false, true]);
      expect(whole.address).toBe("Inputs!B4:T7");
      expect(body.address).toBe("Inputs!B4:T6");
      expect(totals.values[0][0]).toBe("Total");
      expect(rows.count).toBe(3);
      expect(columns.items[0].name).toBe("Function");
      t.getHeaderRowRange().load("values");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
  });

  it.each([
    ["a totals row", { showTotals: true }],
    ["a hidden header row", { showHeaders: false }],
    ["both", { showHeaders: false, showTotals: true }],
  ])("readInputs models the data rows only, with %s, and errors point at their cells", async (_label, options) => {
    const { run, model } = withTableOptions(options);
    const inputs = await readInputs(run);
    expect(inputs.functions).toMatchObject({
      kind: "table",
      sheet: "Inputs",
      headerRow: 2,
      firstColumn: 1,
      rowCount: 3,
    });
    const result = evaluate(inputs.input);
    expect(result.errors).toEqual([]);
    expect(result.results.map((r) => r.function)).toEqual(functionRows(3).map((r) => r[0]));

    model.userInput("Inputs", "C5", [["abc"]]); // data row 2, headcount
    const outcome = await runModel(run);
    expect(outcome.kind === "done" && outcome.errors.map((e) => e.address)).toEqual(["Inputs!C5"]);
    expect(model.conditionalFormats.filter((f) => f.formula === MARK_FORMULA).map((f) => f.rect)).toEqual([
      parseRef("C5"),
    ]);
  });

  it("readScenarioRows leaves a totals row out", async () => {
    const model = new WorkbookModel(["Inputs"]);
    model.userInput("Inputs", "A1:D3", [
      ["Scenario", "Key", "Value", "Function"],
      ["Slow ramp", "bpoRampWeeks", 12, ""],
      ["Fee cut", "bpoMonthlyFeePerFte", 3900, ""],
    ]);
    const table = model.userAddTable("Inputs", "A1:D3", "SourcingScenarios");
    model.setTableOptions(table, { showTotals: true });
    expect(await readScenarioRows(asRun(createStandin(model)))).toHaveLength(2);
  });
});

describe("change events", () => {
  it("fire for values, number formats, formats and conditional formats in a watched range, the add-in's own writes included, with their source", async () => {
    const { standin, model } = workbookWith(functionRows(2));
    const events: ChangeEvent[] = [];
    await standin.run(async (context) => {
      context.workbook.tables.getItem(FUNCTIONS_TABLE).onChanged.add(async (event) => void events.push(event));
      await context.sync();
    });
    const write = (change: (range: ReturnType<typeof rangeAt>) => void) =>
      standin.run(async (context) => {
        change(rangeAt(context));
        await context.sync();
      });
    const rangeAt = (context: RequestContext) => context.workbook.worksheets.getItem("Inputs").getRange("C4");
    await write((r) => (r.values = [[9]]));
    await write((r) => (r.numberFormat = [["0.0"]]));
    await write((r) => (r.format.fill.color = "#FFFF00"));
    await write((r) => (r.conditionalFormats.add("Custom").custom.rule.formula = "=TRUE"));
    await write((r) => (r.format.font.bold = true));
    // Outside the table: nothing.
    await standin.run(async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("A1").format.fill.color = "#FF0000";
      await context.sync();
    });
    model.remoteInput("Inputs", "C4", [[10]]);
    await settle();
    expect(events.every((e) => e.type === "TableChanged" && e.address.includes("C4"))).toBe(true);
    // value, number format, fill, the conditional format (added, then its rule), bold, the co-author's edit
    expect(events.map((e) => e.source)).toEqual(["Local", "Local", "Local", "Local", "Local", "Local", "Remote"]);
  });
});

describe("Live mode's subscription", () => {
  it("ignores a co-author's edits (source Remote) and removes its handlers in their own context", async () => {
    const { run, model, standin } = workbookWith(functionRows(2));
    const heard: string[] = [];
    const subscription = await onInputsChanged((change) => heard.push(change.address), run);
    model.remoteInput("Inputs", "C4", [[5]]);
    await settle();
    expect(heard).toEqual([]);
    model.userInput("Inputs", "C4", [[6]]);
    await settle();
    expect(heard).toEqual(["Inputs!C4"]);
    await subscription.remove();
    expect(model.listeners.size).toBe(0);
    model.userInput("Inputs", "C4", [[7]]);
    await settle();
    expect(heard).toHaveLength(1);
    // Removing twice is harmless.
    await subscription.remove();
    expect(standin.stats.syncCount).toBeGreaterThan(0);
  });
});

describe("large tables are read in requests under the 5 MB response limit", () => {
  const longNames = (count: number, length: number) =>
    functionRows(count).map((row, i) => [`${String(row[0])} ${i} ${"x".repeat(length)}`, ...row.slice(1)]);

  it("25,000 and 50,000 rows: every response under the limit, requests growing with the bytes, not the rows", async () => {
    const requests: number[] = [];
    for (const count of [25_000, 50_000]) {
      const { run, standin } = workbookWith(longNames(count, 150), { horizon: 3 });
      const inputs = await readInputs(run);
      expect((inputs.input.functions as { rows: unknown[] }).rows).toHaveLength(count);
      expect(inputs.functions?.rowCount).toBe(count);
      const responses = standin.stats.syncs.map((s) => s.responseBytes);
      expect(Math.max(...responses)).toBeLessThanOrEqual(RESPONSE_PAYLOAD_LIMIT);
      const read = responses.reduce((a, b) => a + b, 0);
      // look up + shape + ⌈bytes / budget⌉ value requests, one more for the first guess of the rate
      expect(standin.stats.syncCount).toBeLessThanOrEqual(2 + Math.ceil(read / READ_BUDGET_BYTES) + 2);
      expect(standin.stats.syncCount).toBeGreaterThan(3);
      requests.push(standin.stats.syncCount);
    }
    expect(requests[1]).toBeLessThan(2 * requests[0] + 2);
    expect(requests[1]).toBeGreaterThan(requests[0]);
  }, 60_000);

  it("asks again for less when a response is refused (cells far heavier than the first guess)", async () => {
    const { standin, model } = workbookWith(longNames(3_000, 3_000), { horizon: 3 });
    const table = model.table(FUNCTIONS_TABLE);
    if (!table) throw new Error("no table");
    const { values, requests } = await standin.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Inputs");
      return readValueBlocks(context as unknown as Excel.RequestContext, [
        {
          sheet: sheet as unknown as Excel.Worksheet,
          row: table.rect.row + 1,
          column: table.rect.column,
          rowCount: 3_000,
          columnCount: table.rect.columnCount,
        },
      ]);
    });
    expect(values[0]).toHaveLength(3_000);
    expect(values[0][2_999][0]).toMatch(/ 2999 x{3000}$/);
    const refused = standin.stats.syncs.filter((s) => s.responseBytes > RESPONSE_PAYLOAD_LIMIT);
    expect(refused.length).toBeGreaterThan(0);
    expect(requests).toBe(standin.stats.syncCount);
  }, 60_000);
});

describe("Insert sample and Run model on a new workbook, strictly", () => {
  it("no navigation from a null object on the first run (the old stand-in let it through)", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    const run: ExcelRun = asRun(createStandin(model));
    const { insertSample } = await import("../../src/excel");
    expect((await insertSample(run)).inserted).toBe(true);
    const outcome = await runModel(run);
    expect(outcome.kind).toBe("done");
    expect(model.sheet(RESULTS_SHEET)).toBeDefined();
  });
});

describe("fallbacks under the strict rules", () => {
  it("an empty Functions sheet: the region around the selection is read, in one more request", async () => {
    const { run, model, standin } = workbookWith(functionRows(3), { tables: false });
    model.addSheet("Functions");
    model.userSelect("Inputs", "D4");
    const inputs = await readInputs(run);
    expect(inputs.functions).toMatchObject({ kind: "selection", sheet: "Inputs", rowCount: 3 });
    // look up, shape (the empty sheet's used range), the region, values, the region sheet's mark rules
    expect(standin.stats.syncCount).toBe(5);
  });

  it("a chart selected and no table: says so, and still reads the Assumptions sheet", async () => {
    const model = new WorkbookModel(["Sheet1", "Assumptions"]);
    model.userInput("Assumptions", "A1:B2", [
      ["Assumption", "Value"],
      ["Currency", "EUR"],
    ]);
    model.userSelect("Sheet1", "chart");
    const inputs = await readInputs(asRun(createStandin(model)));
    expect(inputs.functions).toBeNull();
    expect(inputs.notFoundReason).toMatch(/not a range of cells/);
    expect(inputs.assumptions).toMatchObject({ kind: "sheet", sheet: "Assumptions" });
  });
});
