/**
 * The playground's workbook in Node: the real adapter (insert sample, run) against the stand-in, with
 * HyperFormula calculating the formulas the sample writes. Checks that the grid's numbers are the model's.
 */
import { describe, expect, it } from "vitest";
import { type ExcelRun, insertSample, onInputsChanged, runModel } from "../../src/excel";
import {
  ASSUMPTIONS_TABLE,
  FUNCTIONS_TABLE,
  INPUT_SHEET,
  RESULTS_SHEET,
  sampleFunctionRows,
} from "../../src/layout/workbook";
import { PORTFOLIO_HEADERS } from "../../src/functions/portfolio";
import { onPortfolioSolved } from "../../src/playground/hyperformula-sourcing";
import { RECOMMENDATION_LABELS, SAMPLE_FUNCTION_COLUMNS, evaluate, noMonthWithin, sampleInput } from "../../src/model";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { FormulaEngine } from "../../src/playground/formula-engine";

function setup() {
  const model = new WorkbookModel(["Sheet1"]);
  const engine = new FormulaEngine(model);
  const standin = createStandin(model);
  return { model, engine, run: standin.run as unknown as ExcelRun };
}

/** The sample's live-formula block: the rows under the header that names SOURCING.DECIDE (wherever it sits). */
const liveBlock = (model: WorkbookModel) => {
  const sheet = model.requireSheet(INPUT_SHEET);
  const used = sheet.usedRect(true);
  if (!used) throw new Error("empty sheet");
  let header = used.row;
  while (header < used.row + used.rowCount && !/SOURCING\.DECIDE/.test(String(sheet.cell(header, 1).value))) header++;
  if (header === used.row + used.rowCount) throw new Error("no live-formula block");
  const rows = sampleFunctionRows().length;
  return Array.from({ length: rows }, (_, i) => [0, 1, 2, 3].map((c) => sheet.cell(header + 1 + i, c)));
};

/** Months the sample models (the length of its monthly schedule). */
const HORIZON = evaluate(sampleInput()).results[0].monthly.length;

describe("playground engine", () => {
  it("calculates the sample's SOURCING formulas (structured references and whole-row INDEX) like evaluate()", async () => {
    const { model, run } = setup();
    await insertSample(run);
    const expected = evaluate(sampleInput()).results;
    const block = liveBlock(model);
    expected.forEach((result, i) => {
      const [name, decide, crossover, explain] = block[i];
      expect(name.formula).toMatch(/^=INDEX\(SourcingFunctions\[Function\]/);
      expect(name.value).toBe(result.function);
      // What people read: words, and "None within 36 months" rather than an error value (issue 14).
      expect(decide.value).toBe(RECOMMENDATION_LABELS[result.recommendation]);
      expect(crossover.value).toBe(result.breakEvenMonth ?? noMonthWithin(HORIZON));
      expect(explain.value).toBe(result.rationale);
    });
  });

  it("recalculates after a user edit, fires the table's change event, and keeps the typed text", async () => {
    const { model, run } = setup();
    await insertSample(run);
    const table = model.table(FUNCTIONS_TABLE);
    if (!table) throw new Error("no table");
    // The sample gives the fee a range (min/max columns); a fee of 100 lies outside it, so the user clears it first.
    const feeMin = String.fromCharCode(
      "A".charCodeAt(0) + table.rect.column + SAMPLE_FUNCTION_COLUMNS.indexOf("bpoMonthlyFeePerFteMin"),
    );
    model.userInput(INPUT_SHEET, `${feeMin}${table.rect.row + 3}`, [["", ""]]);
    let changes = 0;
    await onInputsChanged(() => changes++, run);
    const before = liveBlock(model)[1][1].value;
    // BPO fee of "React developer" (column D): make BPO very cheap, then type text into it.
    model.userInput(INPUT_SHEET, `D${table.rect.row + 3}`, [[100]]);
    await Promise.resolve();
    await Promise.resolve();
    expect(changes).toBe(1);
    expect(liveBlock(model)[1][1].value).toBe(RECOMMENDATION_LABELS.BPO);
    expect(before).toBe(RECOMMENDATION_LABELS.STAFF_AUG);
    model.userInput(INPUT_SHEET, `D${table.rect.row + 3}`, [["lots"]]);
    expect(model.requireSheet(INPUT_SHEET).cell(table.rect.row + 2, 3).value).toBe("lots");
    expect(liveBlock(model)[1][1].value).toBe("#VALUE!");
  });

  it("runs the model on top and reads back results; re-running replaces the output sheets in HyperFormula too", async () => {
    const { model, engine, run } = setup();
    await insertSample(run);
    const first = await runModel(run);
    expect(first.kind).toBe("done");
    await runModel(run);
    expect(model.sheet(RESULTS_SHEET)).toBeDefined();
    expect(engine.hf.getSheetNames().filter((n) => n === RESULTS_SHEET)).toHaveLength(1);
    // A formula pointing at the results sheet sees the written values.
    model.userInput("Sheet1", "A1", [[`='${RESULTS_SHEET}'!B4`]]);
    expect(model.requireSheet("Sheet1").cell(0, 0).value).toBe(
      RECOMMENDATION_LABELS[evaluate(sampleInput()).results[0].recommendation],
    );
  });

  it("spills SOURCING.SCHEDULE into the cells below, readable through the model", () => {
    const { model } = setup();
    const sheet = model.requireSheet("Sheet1");
    model.userInput("Sheet1", "A1:D1", [["Support", 12, 25, 4200]]);
    model.userInput("Sheet1", "A3", [["=SOURCING.SCHEDULE(A1:D1)"]]);
    expect(sheet.cell(2, 0).value).toBe("Month");
    expect(sheet.cell(3, 0).value).toBe(1);
    expect(sheet.cell(38, 0).value).toBe(36);
    expect(sheet.cell(39, 0).value).toBe("");
  });
});

describe("playground engine and SOURCING.PORTFOLIO", () => {
  it("shows 'Optimising…' first, then the solved plan without the formula being typed again", async () => {
    const { model, run } = setup();
    await insertSample(run);
    const sheet = model.requireSheet("Sheet1");
    const solved = new Promise<void>((resolve) => {
      const stop = onPortfolioSolved(() => {
        stop();
        resolve();
      });
    });
    model.userInput("Sheet1", "A1", [[`=SOURCING.PORTFOLIO(${FUNCTIONS_TABLE}[#All], , ${ASSUMPTIONS_TABLE}[#All])`]]);
    expect(String(sheet.cell(1, 1).value)).toMatch(/Optimising/);
    await solved;
    const spilled = [0, 1, 2].map((c) => sheet.cell(0, c).value);
    expect(spilled).toEqual([...PORTFOLIO_HEADERS]);
    const names = sampleFunctionRows().map((row) => row[0]);
    expect(names.map((_, i) => sheet.cell(1 + i, 0).value)).toEqual(names);
    expect(String(sheet.cell(1, 1).value)).not.toMatch(/Optimising/);
  });
});
