/**
 * Reading named scenarios from an input file (the model applies them: src/model/scenarios.ts):
 *  - .json: a top-level "scenarios" list of {"scenario", "key", "value", "function"?} objects;
 *  - .xlsx: the table SourcingScenarios (columns Scenario | Key | Value | Function, any order, matched by header).
 * A .csv file holds the functions table only, so it has no scenarios.
 */
import { readFile } from "node:fs/promises";
import { SCENARIOS_TABLE } from "../layout/workbook";
import { scenarioColumnOf, scenarioRowsFromTable, type ScenarioRow } from "../model/scenarios";
import type { CellValue } from "../model/types";
import { InputFileError } from "./errors";
import { formatOf } from "./read";

const isCell = (v: unknown): v is CellValue => v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Scenario rows from a parsed JSON document (its "scenarios" list); [] when it has none. */
export function scenariosFromJson(data: unknown, path: string): ScenarioRow[] {
  if (typeof data !== "object" || data === null || !("scenarios" in data)) return [];
  const list = (data as { scenarios: unknown }).scenarios;
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) throw new InputFileError("malformed", path, '"scenarios" must be a list of {"scenario", "key", "value", "function"} objects.');
  return list.map((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw new InputFileError("malformed", path, `scenarios[${i}] must be an object with "scenario", "key", "value" and optionally "function".`);
    }
    const row: ScenarioRow = { scenario: null, key: null, value: null, function: null };
    for (const [name, value] of Object.entries(item as Record<string, unknown>)) {
      const column = scenarioColumnOf(name);
      if (!column) continue;
      if (!isCell(value)) throw new InputFileError("malformed", path, `scenarios[${i}].${name} must be a number, text, true/false or null.`);
      row[column] = value;
    }
    return row;
  });
}

/** Scenario rows from a header row and data rows (a workbook table). */
export const scenariosFromTable = scenarioRowsFromTable;

/** The scenarios of an input file; [] when it has none. */
export async function readScenarios(path: string): Promise<ScenarioRow[]> {
  const format = formatOf(path);
  if (format === "csv") return [];
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputFileError("unreadable", path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  if (format === "json") {
    try {
      return scenariosFromJson(JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, "")), path);
    } catch (error) {
      if (error instanceof InputFileError) throw error;
      throw new InputFileError("malformed", path, `not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  const { default: ExcelJS } = await import("exceljs");
  const { convertCell } = await import("./cell-values");
  const { parseRange } = await import("../layout/address");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  for (const worksheet of workbook.worksheets) {
    const tables = Object.values((worksheet as unknown as { tables?: Record<string, { model?: { name?: string; displayName?: string; tableRef?: string; ref?: string; totalsRow?: boolean } }> }).tables ?? {});
    for (const table of tables) {
      const model = table.model;
      const names = [model?.name, model?.displayName].filter((n): n is string => typeof n === "string").map((n) => n.toLowerCase());
      if (!model || !names.includes(SCENARIOS_TABLE.toLowerCase())) continue;
      const bounds = parseRange(model.tableRef ?? model.ref ?? "");
      if (!bounds) continue;
      const read = (r: number): CellValue[] => {
        const cells: CellValue[] = [];
        for (let c = bounds.left; c <= bounds.right; c++) cells.push(convertCell(worksheet.findCell(r, c)?.value ?? null).value);
        return cells;
      };
      const rows: CellValue[][] = [];
      for (let r = bounds.top + 1; r <= bounds.bottom - (model.totalsRow ? 1 : 0); r++) rows.push(read(r));
      return scenariosFromTable(read(bounds.top), rows);
    }
  }
  return [];
}
