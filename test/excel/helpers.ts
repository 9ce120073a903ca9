/** Workbooks for the adapter tests, built in the stand-in's model the way a user would type them. */
import type { ExcelRun } from "../../src/excel";
import { cellRef } from "../../src/layout/address";
import {
  ASSUMPTION_HEADERS,
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
} from "../../src/layout/workbook";
import type { CellValue } from "../../src/model/types";
import { type ScalarValue, type Standin, WorkbookModel, createStandin } from "../../src/office-standin";

export const asRun = (standin: Standin): ExcelRun => standin.run as unknown as ExcelRun;

const scalar = (v: CellValue): ScalarValue => (v === null || v === undefined ? "" : v);

/** `count` function rows: the sample's rows repeated, each with a unique name. */
export function functionRows(count: number): ScalarValue[][] {
  const sample = sampleFunctionRows();
  return Array.from({ length: count }, (_, i) => {
    const row = sample[i % sample.length].map(scalar);
    row[0] = i < sample.length ? row[0] : `${row[0]} ${Math.floor(i / sample.length) + 1}`;
    return row;
  });
}

export interface Built {
  standin: Standin;
  run: ExcelRun;
  model: WorkbookModel;
}

/**
 * A workbook with a user sheet ("Notes"), and on "Inputs" the functions table at B3 and the assumptions table
 * below it, with the given horizon.
 */
export function workbookWith(rows: ScalarValue[][], options: { horizon?: number; tables?: boolean } = {}): Built {
  const model = new WorkbookModel(["Notes", "Inputs"]);
  model.userInput("Notes", "A1:B2", [
    ["My notes", 42],
    ["=SUM(B1,1)", "keep me"],
  ]);
  const headers = sampleFunctionHeaders();
  const top = 2; // B3
  const left = 1;
  const last = cellRef(top + rows.length, left + headers.length - 1);
  model.userInput("Inputs", `${cellRef(top, left)}:${last}`, [headers, ...rows]);
  const assumptions = sampleAssumptionRows().map(
    ([label, value, source]) => [label, scalar(value), source] as ScalarValue[],
  );
  const horizonRow = assumptions.findIndex((r) => r[0] === "Horizon (months)");
  if (options.horizon !== undefined) assumptions[horizonRow][1] = options.horizon;
  const aTop = top + rows.length + 3;
  model.userInput("Inputs", `B${aTop + 1}:D${aTop + 1 + assumptions.length}`, [
    [...ASSUMPTION_HEADERS],
    ...assumptions,
  ]);
  if (options.tables !== false) {
    model.userAddTable("Inputs", `${cellRef(top, left)}:${last}`, "SourcingFunctions");
    model.userAddTable("Inputs", `B${aTop + 1}:D${aTop + 1 + assumptions.length}`, "SourcingAssumptions");
  }
  model.userSelect("Notes", "A1");
  const standin = createStandin(model);
  return { standin, run: asRun(standin), model };
}
