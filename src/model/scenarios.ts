/**
 * Named scenarios linked to a base: a scenarios table of (scenario, key, value, optional function) rows whose
 * overrides apply on top of the base inputs, and the results of each scenario beside the base's.
 *
 * How an override applies (the base input is never changed; a copy is):
 *  - function given: the cell of that function's row in the column `key` (a key or label of the functions
 *    table, range columns included); the column is added when the table lacks it.
 *  - function blank, `key` an assumption of docs/model.md §2.1: that assumption.
 *  - function blank, `key` a per-function field: that cell in EVERY row (and the assumption default). Setting only
 *    the assumption default would change nothing for rows that fill the cell, which is rarely what
 *    "what if ramp takes 12 weeks?" means.
 * Overrides of one scenario apply in table order; a later one for the same cell wins. Values are read as cells
 * are (8%, 1,250, yes/no) and validated by the model like any input.
 *
 * Setting an input that can carry a range (UNCERTAIN_KEYS) also sets its `<key>Min` and `<key>Max` to the new
 * value, unless the scenario sets those itself: the scenario states the value, and an old range that no longer
 * contains it would only make the row invalid.
 */
import { evaluateParsed } from "./evaluate";
import { ASSUMPTION_FIELDS, UNCERTAIN_KEYS } from "./fields";
import { assumptionKeyMatcher, functionHeaderMatcher, mapFunctionHeaders } from "./headers";
import { isBlank, parseModelInput, toTable } from "./parse";
import type { CellValue, ModelInput, ModelResult, PerStrategy, Recommendation } from "./types";

/** One row of the scenarios table, as read from a file or a workbook. */
export interface ScenarioRow {
  scenario: CellValue;
  key: CellValue;
  value: CellValue;
  function?: CellValue;
}

/** Which column of a scenarios table a header names ("Scenario", "Key", "Value", "Function"), ignoring case and spacing. */
export function scenarioColumnOf(header: CellValue): keyof ScenarioRow | undefined {
  const text = String(header ?? "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
  if (text === "scenario" || text === "scenarioname" || text === "name") return "scenario";
  if (text === "key" || text === "input" || text === "assumption" || text === "column" || text === "field")
    return "key";
  if (text === "value") return "value";
  if (text === "function") return "function";
  return undefined;
}

/** Scenario rows from a header row and data rows (a workbook table); columns are found by their headers. */
export function scenarioRowsFromTable(
  headers: readonly CellValue[],
  rows: readonly (readonly CellValue[])[],
): ScenarioRow[] {
  const columns = headers.map(scenarioColumnOf);
  return rows.map((cells) => {
    const row: ScenarioRow = { scenario: null, key: null, value: null, function: null };
    columns.forEach((column, i) => {
      if (column && row[column] === null) row[column] = cells[i] ?? null;
    });
    return row;
  });
}

export interface ScenarioOverride {
  /** Canonical key. */
  key: string;
  value: CellValue;
  /** The function's name as given, or null for every row / the assumption. */
  function: string | null;
  /** 1-based row of the scenarios table. */
  row: number;
}

export interface Scenario {
  name: string;
  overrides: ScenarioOverride[];
}

/** A scenarios-table row the model cannot use. */
export interface ScenarioError {
  /** 1-based row of the scenarios table. */
  row: number;
  scenario: string;
  message: string;
}

const GLOBAL_KEYS = new Set(ASSUMPTION_FIELDS.map((f) => f.key));

/** Groups rows by scenario name (trimmed; case-insensitive, first spelling kept), in order of first appearance. */
export function parseScenarios(rows: readonly ScenarioRow[]): { scenarios: Scenario[]; errors: ScenarioError[] } {
  const byName = new Map<string, Scenario>();
  const errors: ScenarioError[] = [];
  rows.forEach((r, i) => {
    const row = i + 1;
    if (isBlank(r.scenario) && isBlank(r.key) && isBlank(r.value) && isBlank(r.function)) return;
    const name = isBlank(r.scenario) ? "" : String(r.scenario).trim();
    if (name === "") {
      errors.push({ row, scenario: "", message: `Scenario row ${row} has no scenario name.` });
      return;
    }
    const keyText = isBlank(r.key) ? "" : String(r.key).trim();
    const fnName = isBlank(r.function) ? null : String(r.function).trim();
    const field =
      fnName === null
        ? (assumptionKeyMatcher.match(keyText) ?? functionHeaderMatcher.match(keyText))
        : functionHeaderMatcher.match(keyText);
    if (keyText === "" || !field) {
      errors.push({
        row,
        scenario: name,
        message:
          keyText === ""
            ? `Scenario "${name}", row ${row}: the key is blank; give an input's key or label, e.g. bpoRampWeeks.`
            : `Scenario "${name}", row ${row}: "${keyText}" is not an input of the model${fnName !== null && assumptionKeyMatcher.match(keyText) ? " row (it is an assumption: leave the function blank)" : ""}.`,
      });
      return;
    }
    if (field.key === "function") {
      errors.push({
        row,
        scenario: name,
        message: `Scenario "${name}", row ${row}: a scenario cannot rename a function.`,
      });
      return;
    }
    const id = name.toLowerCase();
    let scenario = byName.get(id);
    if (!scenario) byName.set(id, (scenario = { name, overrides: [] }));
    scenario.overrides.push({ key: field.key, value: r.value ?? null, function: fnName, row });
  });
  return { scenarios: [...byName.values()], errors };
}

const findScenario = (scenarios: readonly Scenario[], name: string): Scenario | undefined =>
  scenarios.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());

function assumptionPairs(input: ModelInput["assumptions"]): [CellValue, CellValue][] {
  if (!input) return [];
  if (Array.isArray(input)) return (input as ReadonlyArray<readonly CellValue[]>).map((p) => [p[0], p[1]]);
  return Object.entries(input as Record<string, CellValue>);
}

/** The base input with the scenario's overrides applied (a copy), and the overrides that could not apply. */
export function applyScenario(input: ModelInput, scenario: Scenario): { input: ModelInput; errors: ScenarioError[] } {
  const errors: ScenarioError[] = [];
  const table = toTable(input.functions ?? []);
  const headers: CellValue[] = [...table.headers];
  const rows: CellValue[][] = table.rows.map((r) => [...(r ?? [])]);
  let pairs = assumptionPairs(input.assumptions);
  const functionColumn = mapFunctionHeaders(headers).indexByKey.get("function");

  const columnOf = (key: string): number => {
    const index = mapFunctionHeaders(headers).indexByKey.get(key);
    if (index !== undefined) return index;
    headers.push(key);
    for (const row of rows) row[headers.length - 1] = null;
    return headers.length - 1;
  };
  const setAssumption = (key: string, value: CellValue) => {
    pairs = pairs.filter(([k]) =>
      typeof k === "string" || typeof k === "number" ? assumptionKeyMatcher.match(String(k).trim())?.key !== key : true,
    );
    pairs.push([key, value]);
  };

  // Range ends the scenario sets itself, per function (null: every row).
  const explicitEnds = new Set(
    scenario.overrides
      .filter((o) => /(Min|Max)$/.test(o.key))
      .map((o) => `${o.function?.toLowerCase() ?? ""}|${o.key}`),
  );
  const withRange = (o: ScenarioOverride): (ScenarioOverride & { derived?: boolean })[] =>
    (UNCERTAIN_KEYS as readonly string[]).includes(o.key)
      ? [
          o,
          ...["Min", "Max"]
            .map((end) => ({ ...o, key: `${o.key}${end}`, derived: true }))
            .filter((e) => !explicitEnds.has(`${o.function?.toLowerCase() ?? ""}|${e.key}`)),
        ]
      : [o];

  for (const o of scenario.overrides.flatMap(withRange)) {
    if (o.function === null) {
      if (GLOBAL_KEYS.has(o.key)) {
        setAssumption(o.key, o.value);
        continue;
      }
      if (assumptionKeyMatcher.match(o.key)) setAssumption(o.key, o.value);
      const column = columnOf(o.key);
      for (const row of rows) if (!row.every(isBlank)) row[column] = o.value;
      continue;
    }
    const wanted = o.function.toLowerCase();
    const target =
      functionColumn === undefined
        ? -1
        : rows.findIndex(
            (r) => !isBlank(r[functionColumn]) && String(r[functionColumn]).trim().toLowerCase() === wanted,
          );
    if (target < 0) {
      if (o.derived) continue; // reported once, for the override itself
      errors.push({
        row: o.row,
        scenario: scenario.name,
        message: `Scenario "${scenario.name}", row ${o.row}: no function named "${o.function}" in the functions table.`,
      });
      continue;
    }
    rows[target][columnOf(o.key)] = o.value;
  }
  return { input: { assumptions: pairs, functions: { headers, rows } }, errors };
}

export interface FunctionSnapshot {
  recommendation: Recommendation;
  breakEvenMonth: number | null;
  npv: PerStrategy<number>;
  /** NPV(STAFF_AUG) − NPV(BPO). */
  saving: number;
}

export interface FunctionDifference {
  function: string;
  /** null: the function is not modelled on that side (an input error). */
  base: FunctionSnapshot | null;
  scenario: FunctionSnapshot | null;
  recommendationChanged: boolean;
  /** Scenario − base, in months; null when either side has no break-even (see the two months). */
  breakEvenChange: number | null;
  /** Scenario − base NPV per strategy; null when a side is missing. */
  npvDelta: PerStrategy<number> | null;
  /** Scenario − base BPO saving. */
  savingDelta: number | null;
}

export interface ScenarioOutcome {
  name: string;
  overrides: ScenarioOverride[];
  /** Overrides that could not be applied (the others were). */
  scenarioErrors: ScenarioError[];
  result: ModelResult;
  differences: FunctionDifference[];
}

export interface ScenarioComparison {
  base: ModelResult;
  scenarios: ScenarioOutcome[];
}

const snapshot = (r: ModelResult["results"][number]): FunctionSnapshot => ({
  recommendation: r.recommendation,
  breakEvenMonth: r.breakEvenMonth,
  npv: { ...r.npv },
  saving: r.npv.STAFF_AUG - r.npv.BPO,
});

/** Differences per function, in the base's order, then functions only the scenario models. */
export function differences(base: ModelResult, scenario: ModelResult): FunctionDifference[] {
  const key = (name: string) => name.trim().toLowerCase();
  const scenarioBy = new Map(scenario.results.map((r) => [key(r.function), r]));
  const baseBy = new Map(base.results.map((r) => [key(r.function), r]));
  // A lookup, not a scan of the base per scenario row: 100,000 functions would be 5e9 comparisons.
  const names = [
    ...base.results.map((r) => r.function),
    ...scenario.results.map((r) => r.function).filter((n) => !baseBy.has(key(n))),
  ];
  return names.map((name) => {
    const b = baseBy.get(key(name));
    const s = scenarioBy.get(key(name));
    const bs = b ? snapshot(b) : null;
    const ss = s ? snapshot(s) : null;
    const both = bs !== null && ss !== null;
    return {
      function: name,
      base: bs,
      scenario: ss,
      recommendationChanged: both ? bs.recommendation !== ss.recommendation : bs !== ss,
      breakEvenChange:
        both && bs.breakEvenMonth !== null && ss.breakEvenMonth !== null ? ss.breakEvenMonth - bs.breakEvenMonth : null,
      npvDelta: both
        ? {
            STAFF_AUG: ss.npv.STAFF_AUG - bs.npv.STAFF_AUG,
            BPO: ss.npv.BPO - bs.npv.BPO,
            BRIDGE: ss.npv.BRIDGE - bs.npv.BRIDGE,
          }
        : null,
      savingDelta: both ? ss.saving - bs.saving : null,
    };
  });
}

/** Runs the base and each scenario (all of them, or those named) and sets them side by side. */
export function compareScenarios(
  input: ModelInput,
  scenarios: readonly Scenario[],
  names?: readonly string[],
): ScenarioComparison {
  const chosen =
    names === undefined
      ? [...scenarios]
      : names.map((n) => {
          const found = findScenario(scenarios, n);
          if (!found)
            throw new RangeError(
              `No scenario named "${n}"${scenarios.length > 0 ? `; scenarios: ${scenarios.map((s) => s.name).join(", ")}` : "; the input has no scenarios"}.`,
            );
          return found;
        });
  // The base is parsed once; each scenario's table takes the base's outcome for every row it leaves unchanged.
  const baseParse = parseModelInput(input, { remember: true });
  const base = evaluateParsed(baseParse);
  return {
    base,
    scenarios: chosen.map((scenario) => {
      const applied = applyScenario(input, scenario);
      const result = evaluateParsed(parseModelInput(applied.input, { previous: baseParse }));
      return {
        name: scenario.name,
        overrides: scenario.overrides,
        scenarioErrors: applied.errors,
        result,
        differences: differences(base, result),
      };
    }),
  };
}
