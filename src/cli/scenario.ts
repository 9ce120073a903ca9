/** `evaluate FILE --scenario NAME`: the base and the named scenarios side by side (src/model/scenarios.ts applies them). */
import { readScenarios } from "../io/scenarios";
import type { ReadLimits } from "../io/limits";
import {
  RECOMMENDATION_LABELS,
  compareScenarios,
  formatMoney,
  formatMonth,
  parseScenarios,
  type ModelInput,
  type Recommendation,
  type ScenarioComparison,
} from "../model";
import { UsageError, visible } from "./context";
import { alignedTable, tableColumns } from "./report";

export const SCENARIO_HELP = `  --scenario NAME     Also run the named scenario (repeatable) and compare it with the base. Scenarios
                      come from the .json file's "scenarios" list ({"scenario", "key", "value",
                      "function"?}) or the workbook table SourcingScenarios (Scenario | Key | Value |
                      Function). Blank function: an assumption, or a per-function input in every row.
                      With --json the output is {"base": RESULT, "scenarios": [...]}.`;

/** Reads the file's scenarios and compares the named ones with the (already overridden) base input. */
export async function scenarioComparison(
  path: string,
  base: ModelInput,
  names: readonly string[],
  limits?: ReadLimits,
): Promise<{ comparison: ScenarioComparison; tableErrors: string[] }> {
  const { scenarios, errors } = parseScenarios(await readScenarios(path, limits));
  try {
    const comparison = compareScenarios(base, scenarios, names);
    const wanted = new Set(comparison.scenarios.map((s) => s.name.toLowerCase()));
    // Table errors of other scenarios are not this run's business.
    return {
      comparison,
      tableErrors: errors
        .filter((e) => e.scenario === "" || wanted.has(e.scenario.toLowerCase()))
        .map((e) => e.message),
    };
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--scenario: ${error.message}`);
    throw error;
  }
}

/** The comparison as text: per scenario, each function's recommendation, break-even and NPV saving against the base. */
export function comparisonReport(comparison: ScenarioComparison): string {
  const currency = comparison.base.assumptions.currency;
  const money = (x: number | null | undefined) => (x === null || x === undefined ? "-" : formatMoney(x, currency));
  const signed = (x: number | null) => (x === null ? "-" : `${x > 0 ? "+" : ""}${formatMoney(x, currency)}`);
  const label = (code: Recommendation | undefined, none: string) => (code ? RECOMMENDATION_LABELS[code] : none);
  const lines: string[] = [];
  for (const s of comparison.scenarios) {
    const overrides = s.overrides
      .map((o) => `${o.key}=${String(o.value)}${o.function ? ` (${o.function})` : ""}`)
      .join(", ");
    lines.push("", `Scenario "${s.name}" (${overrides || "no overrides"}) compared with the base:`);
    lines.push(
      ...alignedTable(
        tableColumns(
          "Function | Recommendation | >Break-even | >Saving (NPV SA - BPO) | >Change in saving | >Change in NPV SA / BPO / bridge",
        ),
        s.differences.map((d) => [
          d.function,
          d.recommendationChanged
            ? `${label(d.base?.recommendation, "not modelled")} -> ${label(d.scenario?.recommendation, "not modelled")}`
            : label(d.base?.recommendation, "-"),
          `${formatMonth(d.base?.breakEvenMonth)} -> ${formatMonth(d.scenario?.breakEvenMonth)}`,
          `${money(d.base?.saving)} -> ${money(d.scenario?.saving)}`,
          signed(d.savingDelta),
          d.npvDelta
            ? `${signed(d.npvDelta.STAFF_AUG)} / ${signed(d.npvDelta.BPO)} / ${signed(d.npvDelta.BRIDGE)}`
            : "-",
        ]),
      ).map((l) => `  ${l}`),
    );
    for (const e of s.scenarioErrors) lines.push(`  warning: ${e.message}`);
    for (const e of s.result.errors)
      lines.push(
        `  error in the scenario: ${e.row === null ? "assumption" : `row ${e.row}`}, ${e.column}: ${e.message}`,
      );
  }
  return `${lines.map(visible).join("\n")}\n`;
}
