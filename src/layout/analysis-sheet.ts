/**
 * The tables of the "Sourcing Analysis" sheet (simulation summary, histogram, tornado, scenario comparison), built
 * from the model's analysis results. Pure: the worker computes the report, src/excel/write-analysis.ts writes
 * these rows to Excel with its charts; the numbers come from the model (src/model/simulate.ts, sensitivity.ts,
 * scenarios.ts), this module only arranges them.
 */
import { FIELD_BY_KEY } from "../model/fields";
import { formatMoney } from "../model/format";
import type { GoalSeekAnswer, GoalSeekResult, GoalSeekTarget } from "../model/goalseek";
import type { ScenarioComparison } from "../model/scenarios";
import type { SensitivityResult } from "../model/sensitivity";
import type { SimulationResult } from "../model/simulate";
import {
  MONEY_FORMAT,
  MONTH_FORMAT,
  TEXT_FORMAT,
  asText,
  blankIfMissing,
  columnsOf,
  moneyColumns,
  type ColumnSpec,
  type OutputCell,
} from "./table-columns";

/** Everything the analysis panel writes: the model's results, computed in the worker. */
export interface AnalysisReport {
  simulation: SimulationResult;
  sensitivity: SensitivityResult;
  /** null when the workbook has no scenarios. */
  scenarios: ScenarioComparison | null;
}

const SHARE_FORMAT = "0.0%";
const NUMBER_FORMAT = "0.####";

export function simulationColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(TEXT_FORMAT, "Function", "Compared with staff augmentation"),
    ...columnsOf(SHARE_FORMAT, "Probability cheaper (NPV)"),
    ...moneyColumns(currency, "Saving P10", "Saving P50", "Saving P90", "Saving mean", "Saving, model"),
    ...columnsOf(MONTH_FORMAT, "Break-even P10", "Break-even P50", "Break-even P90", "Break-even, model"),
    ...columnsOf(SHARE_FORMAT, "Share with no break-even"),
    ...columnsOf(MONTH_FORMAT, "Trials", "Seed"),
  ];
}

export function simulationRows(result: SimulationResult): OutputCell[][] {
  return result.results.flatMap((r) =>
    (["BPO", "BRIDGE"] as const).map((strategy) => {
      const o = r[strategy];
      return [
        asText(r.function),
        strategy,
        o.probabilityCheaper,
        o.saving.p10,
        o.saving.p50,
        o.saving.p90,
        o.saving.mean,
        o.saving.deterministic,
        blankIfMissing(o.breakEvenMonth.p10),
        blankIfMissing(o.breakEvenMonth.p50),
        blankIfMissing(o.breakEvenMonth.p90),
        blankIfMissing(o.breakEvenMonth.deterministic),
        o.noBreakEvenShare,
        result.trials,
        result.seed,
      ];
    }),
  );
}

export function histogramColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(TEXT_FORMAT, "Function", "BPO saving range"),
    ...columnsOf(MONEY_FORMAT, `From (${currency})`, `To (${currency})`),
    ...columnsOf(MONTH_FORMAT, "Trials"),
  ];
}

const short = (amount: number, currency: string): string => {
  const magnitude = Math.abs(amount);
  if (magnitude >= 1e6) return `${(amount / 1e6).toFixed(2)}M`;
  if (magnitude >= 1e3) return `${(amount / 1e3).toFixed(0)}k`;
  return formatMoney(amount, currency).replace(`${currency} `, "");
};

export function histogramRows(result: SimulationResult): OutputCell[][] {
  const currency = result.assumptions.currency;
  return result.results.flatMap((r) =>
    r.histogram.map((bin) => [
      asText(r.function),
      `${short(bin.from, currency)} to ${short(bin.to, currency)}`,
      bin.from,
      bin.to,
      bin.count,
    ]),
  );
}

export function tornadoColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(TEXT_FORMAT, "Function", "Input"),
    ...columnsOf(NUMBER_FORMAT, "Low", "High"),
    ...moneyColumns(currency, "Change in saving at low", "Change in saving at high", "Swing in saving"),
    ...columnsOf(MONTH_FORMAT, "Break-even at low", "Break-even at high"),
    ...columnsOf(TEXT_FORMAT, "Range from"),
  ];
}

export function tornadoRows(result: SensitivityResult): OutputCell[][] {
  return result.results.flatMap((r) =>
    r.bars.map((b) => [
      asText(r.function),
      b.label,
      b.low,
      b.high,
      b.savingLow - r.saving,
      b.savingHigh - r.saving,
      b.savingSwing,
      blankIfMissing(b.breakEvenLow),
      blankIfMissing(b.breakEvenHigh),
      b.basis === "range" ? "Min/Max columns" : `±${Math.round(result.swingShare * 100)}%`,
    ]),
  );
}

export function scenarioColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(
      TEXT_FORMAT,
      "Scenario",
      "Function",
      "Base recommendation",
      "Scenario recommendation",
      "Recommendation changed",
    ),
    ...columnsOf(MONTH_FORMAT, "Base break-even", "Scenario break-even", "Change in break-even (months)"),
    ...moneyColumns(
      currency,
      "Base saving, NPV",
      "Scenario saving, NPV",
      "Change in saving",
      "Change in NPV staff augmentation",
      "Change in NPV BPO",
      "Change in NPV bridge",
    ),
  ];
}

export function scenarioRows(comparison: ScenarioComparison | null): OutputCell[][] {
  if (!comparison) return [];
  return comparison.scenarios.flatMap((s) =>
    s.differences.map((d) => [
      asText(s.name),
      asText(d.function),
      d.base?.recommendation ?? "not modelled",
      d.scenario?.recommendation ?? "not modelled",
      d.recommendationChanged ? "yes" : "no",
      blankIfMissing(d.base?.breakEvenMonth),
      blankIfMissing(d.scenario?.breakEvenMonth),
      blankIfMissing(d.breakEvenChange),
      blankIfMissing(d.base?.saving),
      blankIfMissing(d.scenario?.saving),
      blankIfMissing(d.savingDelta),
      blankIfMissing(d.npvDelta?.STAFF_AUG),
      blankIfMissing(d.npvDelta?.BPO),
      blankIfMissing(d.npvDelta?.BRIDGE),
    ]),
  );
}

/** What the goal-seek form asked and the model answered: the sheet shows only the inputs the user chose. */
export interface GoalSeekReport {
  result: GoalSeekResult;
  targets: readonly GoalSeekTarget[];
}

/** Fees and rates in the currency with cents: a rate of 24.35 per hour must not read as 24. */
const PRICE_FORMAT = "#,##0.00";

export function goalSeekColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(TEXT_FORMAT, "Function", "Input solved for"),
    ...columnsOf(MONTH_FORMAT, "Break-even by month"),
    ...columnsOf(TEXT_FORMAT, "Answer"),
    ...columnsOf(PRICE_FORMAT, `Value (${currency})`, `Today (${currency})`),
    ...columnsOf(MONTH_FORMAT, "Break-even today", "Break-even at the value"),
    ...columnsOf(TEXT_FORMAT, "In words"),
  ];
}

/** The answer's status in a few words (the "In words" column has the full sentence). */
export function goalSeekStatusWords(answer: GoalSeekAnswer): string {
  const bound = answer.target === "bpoMonthlyFeePerFte" ? "Highest fee" : "Lowest rate";
  switch (answer.status) {
    case "exact":
      return `${bound} paying back by month ${answer.month}`;
    case "earlier":
      return `${bound} paying back by month ${answer.month}; break-even comes earlier`;
    case "always":
      return answer.target === "bpoMonthlyFeePerFte" ? "Any fee pays back" : "Any rate pays back";
    case "never":
      return answer.target === "bpoMonthlyFeePerFte" ? "No fee pays back" : "No rate pays back";
  }
}

export function goalSeekRows(report: GoalSeekReport): OutputCell[][] {
  const answersOf = (r: GoalSeekResult["results"][number]): GoalSeekAnswer[] =>
    report.targets.map((target) => (target === "bpoMonthlyFeePerFte" ? r.fee : r.rate));
  return report.result.results.flatMap((r) =>
    answersOf(r).map((answer) => [
      asText(r.function),
      FIELD_BY_KEY.get(answer.target)?.label ?? answer.target,
      answer.month,
      goalSeekStatusWords(answer),
      blankIfMissing(answer.value),
      answer.current,
      blankIfMissing(answer.currentBreakEvenMonth),
      blankIfMissing(answer.breakEvenAtValue),
      asText(answer.message),
    ]),
  );
}
