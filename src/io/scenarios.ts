/**
 * Reading named scenarios from an input file (the model applies them: src/model/scenarios.ts):
 *  - .json: a top-level "scenarios" list of {"scenario", "key", "value", "function"?} objects;
 *  - .xlsx: the table SourcingScenarios (columns Scenario | Key | Value | Function, any order, matched by header).
 * A .csv file holds the functions table only, so it has no scenarios.
 */
import { SCENARIOS_TABLE } from "../layout/workbook";
import { scenarioColumnOf, scenarioRowsFromTable, type ScenarioRow } from "../model/scenarios";
import type { CellValue } from "../model/types";
import { InputFileError } from "./errors";
import { DEFAULT_READ_LIMITS, type ReadLimits } from "./limits";
import { readFileList } from "./correlations";

const isCell = (v: unknown): v is CellValue =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Scenario rows from a parsed JSON document (its "scenarios" list); [] when it has none. */
export function scenariosFromJson(data: unknown, path: string): ScenarioRow[] {
  if (typeof data !== "object" || data === null || !("scenarios" in data)) return [];
  const list = (data as { scenarios: unknown }).scenarios;
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list))
    throw new InputFileError(
      "malformed",
      path,
      '"scenarios" must be a list of {"scenario", "key", "value", "function"} objects.',
    );
  return list.map((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw new InputFileError(
        "malformed",
        path,
        `scenarios[${i}] must be an object with "scenario", "key", "value" and optionally "function".`,
      );
    }
    const row: ScenarioRow = { scenario: null, key: null, value: null, function: null };
    for (const [name, value] of Object.entries(item as Record<string, unknown>)) {
      const column = scenarioColumnOf(name);
      if (!column) continue;
      if (!isCell(value))
        throw new InputFileError(
          "malformed",
          path,
          `scenarios[${i}].${name} must be a number, text, true/false or null.`,
        );
      row[column] = value;
    }
    return row;
  });
}

/** Scenario rows from a header row and data rows (a workbook table). */
export const scenariosFromTable = scenarioRowsFromTable;

/** The scenarios of an input file; [] when it has none. */
export const readScenarios = (path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ScenarioRow[]> =>
  readFileList(path, limits, scenariosFromJson, SCENARIOS_TABLE, scenariosFromTable);
