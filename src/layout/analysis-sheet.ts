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
  moneyColumn,
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
  const money = moneyColumn(currency);
  return [
    { header: "Function", format: TEXT_FORMAT },
    { header: "Compared with staff augmentation", format: TEXT_FORMAT },
    { header: "Probability cheaper (NPV)", format: SHARE_FORMAT },
    money("Saving P10"),
    money("Saving P50"),
    money("Saving P90"),
    money("Saving mean"),
    money("Saving, model"),
    { header: "Break-even P10", format: MONTH_FORMAT },
    { header: "Break-even P50", format: MONTH_FORMAT },
    { header: "Break-even P90", format: MONTH_FORMAT },
    { header: "Break-even, model", format: MONTH_FORMAT },
    { header: "Share with no break-even", format: SHARE_FORMAT },
    { header: "Trials", format: MONTH_FORMAT },
    { header: "Seed", format: MONTH_FORMAT },
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
    { header: "Function", format: TEXT_FORMAT },
    { header: "BPO saving range", format: TEXT_FORMAT },
    { header: `From (${currency})`, format: MONEY_FORMAT },
    { header: `To (${currency})`, format: MONEY_FORMAT },
    { header: "Trials", format: MONTH_FORMAT },
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
  const money = moneyColumn(currency);
  return [
    { header: "Function", format: TEXT_FORMAT },
    { header: "Input", format: TEXT_FORMAT },
    { header: "Low", format: NUMBER_FORMAT },
    { header: "High", format: NUMBER_FORMAT },
    money("Change in saving at low"),
    money("Change in saving at high"),
    money("Swing in saving"),
    { header: "Break-even at low", format: MONTH_FORMAT },
    { header: "Break-even at high", format: MONTH_FORMAT },
    { header: "Range from", format: TEXT_FORMAT },
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
  const money = moneyColumn(currency);
  return [
    { header: "Scenario", format: TEXT_FORMAT },
    { header: "Function", format: TEXT_FORMAT },
    { header: "Base recommendation", format: TEXT_FORMAT },
    { header: "Scenario recommendation", format: TEXT_FORMAT },
    { header: "Recommendation changed", format: TEXT_FORMAT },
    { header: "Base break-even", format: MONTH_FORMAT },
    { header: "Scenario break-even", format: MONTH_FORMAT },
    { header: "Change in break-even (months)", format: MONTH_FORMAT },
    money("Base saving, NPV"),
    money("Scenario saving, NPV"),
    money("Change in saving"),
    money("Change in NPV staff augmentation"),
    money("Change in NPV BPO"),
    money("Change in NPV bridge"),
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
    { header: "Function", format: TEXT_FORMAT },
    { header: "Input solved for", format: TEXT_FORMAT },
    { header: "Break-even by month", format: MONTH_FORMAT },
    { header: "Answer", format: TEXT_FORMAT },
    { header: `Value (${currency})`, format: PRICE_FORMAT },
    { header: `Today (${currency})`, format: PRICE_FORMAT },
    { header: "Break-even today", format: MONTH_FORMAT },
    { header: "Break-even at the value", format: MONTH_FORMAT },
    { header: "In words", format: TEXT_FORMAT },
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
