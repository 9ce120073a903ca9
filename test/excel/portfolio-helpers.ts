/** A workbook for the portfolio's tests: the functions and assumptions tables, with the two limits typed in. */
import { cellRef } from "../../src/layout/address";
import { ASSUMPTION_HEADERS, sampleAssumptionRows, sampleFunctionHeaders } from "../../src/layout/workbook";
import { type ScalarValue, WorkbookModel, createStandin } from "../../src/office-standin";
import { asRun } from "./helpers";

/** Limits as a user types them into the assumptions table ("" leaves the cell blank; left out: no row). */
export interface Limits {
  capacity?: ScalarValue;
  transitions?: ScalarValue;
  step?: ScalarValue;
}

/** "Inputs" with the functions table at A1 and the assumptions table (the sample's, plus the limits) below it. */
export function portfolioWorkbook(rows: ScalarValue[][], limits: Limits) {
  const model = new WorkbookModel(["Inputs"]);
  const headers = sampleFunctionHeaders();
  const last = cellRef(rows.length, headers.length - 1);
  model.userInput("Inputs", `A1:${last}`, [headers, ...rows]);
  model.userAddTable("Inputs", `A1:${last}`, "SourcingFunctions");
  const assumptions: ScalarValue[][] = [
    [...ASSUMPTION_HEADERS],
    ...sampleAssumptionRows().map(([label, value, source]) => [label, value ?? "", source]),
  ];
  const limitRows: [string, ScalarValue | undefined][] = [
    ["Management capacity (manager FTE)", limits.capacity],
    ["Max concurrent transitions", limits.transitions],
    ["Transition start step (months)", limits.step],
  ];
  for (const [label, value] of limitRows) if (value !== undefined) assumptions.push([label, value, ""]);
  const top = rows.length + 3;
  const range = `A${top + 1}:C${top + assumptions.length}`;
  model.userInput("Inputs", range, assumptions);
  model.userAddTable("Inputs", range, "SourcingAssumptions");
  const standin = createStandin(model);
  return { model, standin, run: asRun(standin) };
}
