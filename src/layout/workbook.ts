/**
 * The workbook layout shared by the add-in (Insert sample, Run model), the command line's .xlsx reader and the
 * sample-workbook generator. Inputs live in two Excel tables the user owns; outputs live on sheets the add-in
 * owns and replaces on every run.
 *
 * Reading a workbook (add-in and command line alike):
 *  - functions: the table named SourcingFunctions, else the sheet named "Functions" (header row first);
 *  - assumptions: the table named SourcingAssumptions, else the sheet named "Assumptions"; first column the
 *    key or label, second column the value; a header row ("Assumption" | "Value") is skipped.
 */
import { ASSUMPTION_FIELDS, FIELD_BY_KEY } from "../model/fields";
import { SAMPLE_ASSUMPTIONS, SAMPLE_FUNCTIONS, SAMPLE_FUNCTION_COLUMNS, SAMPLE_SCENARIOS } from "../model/sample";
import type { CellValue } from "../model/types";
import { inputNumberFormat } from "./table-columns";

export const INPUT_SHEET = "Sourcing Inputs";
export const FUNCTIONS_TABLE = "SourcingFunctions";
export const ASSUMPTIONS_TABLE = "SourcingAssumptions";
export const FUNCTIONS_SHEET_FALLBACK = "Functions";
export const ASSUMPTIONS_SHEET_FALLBACK = "Assumptions";

/** Header row of the assumptions table. */
export const ASSUMPTION_HEADERS = ["Assumption", "Value", "Source / notes"] as const;

/** Output sheets and tables: owned by the add-in, replaced on every run, never input. */
export const RESULTS_SHEET = "Sourcing Results";
export const RESULTS_TABLE = "SourcingResults";
export const SCHEDULE_SHEET = "Sourcing Schedule";
export const SCHEDULE_TABLE = "SourcingSchedule";
export const CHARTS_SHEET = "Sourcing Charts";

/** Is this first row of an assumptions range a header row rather than data? */
export function isAssumptionHeaderRow(row: readonly CellValue[]): boolean {
  const key = String(row[0] ?? "")
    .trim()
    .toLowerCase();
  const value = String(row[1] ?? "")
    .trim()
    .toLowerCase();
  return (key === "assumption" || key === "key") && value === "value";
}

/** Header row of the sample functions table (labels, as a finance user reads them). */
export const sampleFunctionHeaders = (): string[] =>
  SAMPLE_FUNCTION_COLUMNS.map((key) => (FIELD_BY_KEY.get(key) as { label: string }).label);

export const sampleFunctionRows = (): CellValue[][] =>
  SAMPLE_FUNCTIONS.map((row) => SAMPLE_FUNCTION_COLUMNS.map((key) => row[key]));

/**
 * The number format of each sample functions column (undefined: General), from the field's kind in fields.ts:
 * money with separators, shares as percentages, counts and durations as whole numbers unless a value has a fraction.
 */
export const sampleFunctionFormats = (): (string | undefined)[] => {
  const rows = sampleFunctionRows();
  return SAMPLE_FUNCTION_COLUMNS.map((key, c) => {
    const kind = FIELD_BY_KEY.get(key)?.format;
    const fraction = rows.find((row) => typeof row[c] === "number" && !Number.isInteger(row[c]));
    return inputNumberFormat(kind, fraction?.[c]);
  });
};

/** The number format of each sample assumption's value cell, in sampleAssumptionRows order. */
export const sampleAssumptionFormats = (): (string | undefined)[] =>
  ASSUMPTION_FIELDS.map((field) =>
    inputNumberFormat(field.format, SAMPLE_ASSUMPTIONS[field.key] ?? field.defaultValue),
  );

/** Rows of the sample assumptions table: label, value, source. */
export const sampleAssumptionRows = (): [string, CellValue, string][] =>
  ASSUMPTION_FIELDS.map((field) => [
    field.label,
    SAMPLE_ASSUMPTIONS[field.key] ?? field.defaultValue ?? null,
    field.source,
  ]);

/** Rows of the sample scenarios table (Scenario | Key | Value | Function), keys as their labels for people. */
export const sampleScenarioRows = (): CellValue[][] =>
  SAMPLE_SCENARIOS.map((s) => [s.scenario, FIELD_BY_KEY.get(s.key)?.label ?? s.key, s.value, s.function ?? ""]);

/** The sample's input tables, names and contents, for whichever host lays them out (add-in, example files). */
export function sampleTables(): {
  functions: { name: string; headers: string[]; rows: CellValue[][] };
  assumptions: { name: string; headers: string[]; rows: [string, CellValue, string][] };
  scenarios: { name: string; headers: string[]; rows: CellValue[][] };
} {
  return {
    functions: { name: FUNCTIONS_TABLE, headers: sampleFunctionHeaders(), rows: sampleFunctionRows() },
    assumptions: { name: ASSUMPTIONS_TABLE, headers: [...ASSUMPTION_HEADERS], rows: sampleAssumptionRows() },
    scenarios: { name: SCENARIOS_TABLE, headers: [...SCENARIO_HEADERS], rows: sampleScenarioRows() },
  };
}

/**
 * The row the pane's "Add a scenarios table" writes under the header: one example override a user can copy,
 * in words (a label, a blank function: every row).
 */
export const SCENARIO_TEMPLATE_ROW: readonly CellValue[] = ["Slow transition", "BPO ramp (weeks)", 12, ""];

// ---- Analysis: scenarios input, analysis output ------------------------------------------------------------

/** Named scenarios: a table the user owns, one override per row (Scenario | Key | Value | Function). */
export const SCENARIOS_TABLE = "SourcingScenarios";
export const SCENARIO_HEADERS = ["Scenario", "Key", "Value", "Function"] as const;

/** The goal-seek answers the pane writes to the analysis sheet. */
export const GOAL_SEEK_TABLE = "SourcingGoalSeek";

/** The analysis output: a sheet owned by the add-in, replaced on every analysis run. */
export const ANALYSIS_SHEET = "Sourcing Analysis";
export const SIMULATION_TABLE = "SourcingSimulation";
export const HISTOGRAM_TABLE = "SourcingHistogram";
export const TORNADO_TABLE = "SourcingTornado";
export const SCENARIO_COMPARISON_TABLE = "SourcingScenarioComparison";

/** Which column of a scenarios table a header names (model/scenarios.ts). */
export { scenarioColumnOf } from "../model/scenarios";
