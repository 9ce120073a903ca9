/**
 * The tables of the "Sourcing Analysis" sheet (simulation summary, histogram, tornado, scenario comparison), built
 * from the model's analysis results. Pure: the worker computes the report, src/excel/write-analysis.ts writes
 * these rows to Excel with its charts; the numbers come from the model (src/model/simulate.ts, sensitivity.ts,
 * scenarios.ts), this module only arranges them.
 */
import { FIELD_BY_KEY } from "../model/fields";
import { RECOMMENDATION_LABELS, STRATEGY_LABELS } from "../model/format";
import type { GoalSeekAnswer, GoalSeekResult, GoalSeekTarget } from "../model/goalseek";
import type { ScenarioComparison } from "../model/scenarios";
import type { SensitivityResult } from "../model/sensitivity";
import type { SimulationResult } from "../model/simulate";
import type { VoiResult } from "../model/voi";
import type { FunctionStandardErrors } from "../model/convergence";
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
  /** Value of information on the simulation's trials (layout/voi-sheet.ts); absent from reports made without it. */
  voi?: VoiResult;
  /** Monte Carlo standard errors of each function's figures (model/convergence.ts), in the simulation's order. */
  standardErrors?: FunctionStandardErrors[];
}

const SHARE_FORMAT = "0.0%";
const NUMBER_FORMAT = "0.####";

/** A Monte Carlo standard error beside the figure it qualifies, shown "± 1,234" / "± 0.5%" (finance formats). */
const PLUS_MINUS_MONEY_FORMAT = '"± "#,##0';
const PLUS_MINUS_SHARE_FORMAT = '"± "0.0%';

export function simulationColumns(currency: string): ColumnSpec[] {
  const money = (label: string): ColumnSpec[] => [
    ...moneyColumns(currency, label),
    { header: `${label} ± (${currency})`, format: PLUS_MINUS_MONEY_FORMAT },
  ];
  return [
    ...columnsOf(TEXT_FORMAT, "Function", "Compared with staff augmentation"),
    ...columnsOf(SHARE_FORMAT, "Probability cheaper (NPV)"),
    ...columnsOf(PLUS_MINUS_SHARE_FORMAT, "Probability ± (standard error)"),
    ...money("Saving P10"),
    ...money("Saving P50"),
    ...money("Saving P90"),
    ...moneyColumns(currency, "Saving mean", "Saving, model"),
    ...columnsOf(MONTH_FORMAT, "Break-even P10", "Break-even P50", "Break-even P90", "Break-even, model"),
    ...columnsOf(SHARE_FORMAT, "Share with no break-even"),
    ...columnsOf(MONTH_FORMAT, "Trials", "Seed"),
  ];
}

/**
 * One row per function and strategy; each simulated figure with its Monte Carlo standard error beside it
 * (`standardErrors`, model/convergence.ts; blank when the report has none or the trials cannot give one).
 */
export function simulationRows(
  result: SimulationResult,
  standardErrors?: readonly FunctionStandardErrors[],
): OutputCell[][] {
  return result.results.flatMap((r, i) =>
    (["BPO", "BRIDGE"] as const).map((strategy) => {
      const o = r[strategy];
      const se = standardErrors?.[i]?.[strategy];
      return [
        asText(r.function),
        STRATEGY_LABELS[strategy],
        o.probabilityCheaper,
        blankIfMissing(se?.probabilityCheaper),
        o.saving.p10,
        blankIfMissing(se?.p10),
        o.saving.p50,
        blankIfMissing(se?.p50),
        o.saving.p90,
        blankIfMissing(se?.p90),
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

/**
 * The analysis charts, in points: a histogram and a tornado side by side, together within columns A–P at Excel's
 * default column width (16 × 48 pt = 768 pt), so both are on the first screen beside each other; the
 * value-of-information chart, the same size, goes under the histogram, not right of the tornado (beyond column P).
 * (Narrower, three across, leaves the tornado's bars no room between its input names and its Low/High labels.)
 */
export const ANALYSIS_CHART_SIZE = { width: 372, height: 240, gap: 12 } as const;
/** The tornado chart shows the inputs that move the saving most (the table lists them all): more bars would crowd it. */
export const TORNADO_CHART_BARS = 8;
/** Rows one row of charts takes: 18 rows of 15 pt hold 240 pt with room to spare. */
export const ANALYSIS_CHART_ROWS = 18;

/**
 * Rows a function's charts take: one row of charts (histogram and tornado), or two when the value-of-information
 * chart is drawn under the histogram.
 */
export const analysisChartRows = (withValueOfInformation: boolean): number =>
  (withValueOfInformation ? 2 : 1) * ANALYSIS_CHART_ROWS;

/** The longest chart label (a histogram range, a tornado input): Excel shows this many characters uncut at 45°. */
export const CHART_LABEL_MAX = 16;

/**
 * Short range labels for one histogram ("258k–290k", "1.25M–1.31M", "−40k–−10k"): one unit (k or M) for all of a
 * function's bins, chosen from the largest amount, and as many decimals as a bin's width needs, so that neighbouring
 * labels differ. The From and To columns keep the full amounts.
 */
export function histogramRangeLabels(bins: readonly { from: number; to: number }[]): string[] {
  if (bins.length === 0) return [];
  const largest = Math.max(...bins.flatMap((b) => [Math.abs(b.from), Math.abs(b.to)]));
  const narrowest = Math.min(...bins.map((b) => Math.abs(b.to - b.from)).filter((w) => w > 0), largest || 1);
  const decimalsFor = (unit: number) => Math.max(0, Math.ceil(-Math.log10(narrowest / unit) - 1e-9));
  // [unit, suffix, from what amount it is used]: "k" from 10,000 so that 1,250–1,500 reads as it is.
  const units: [number, string, number][] = [
    [1e6, "M", 1e6],
    [1e3, "k", 1e4],
    [1, "", 0],
  ];
  // The largest unit the amounts reach, or a smaller one when narrow bins would need more than two decimals.
  let pick = units.findIndex(([, , from]) => largest >= from);
  while (pick < units.length - 1 && decimalsFor(units[pick][0]) > 2) pick++;
  const [unit, suffix] = units[pick];
  const decimals = Math.min(2, decimalsFor(unit));
  const amount = (value: number) => {
    const text = (Math.abs(value) / unit).toFixed(decimals);
    return `${value < 0 && Number(text) !== 0 ? "−" : ""}${text}${suffix}`;
  };
  return bins.map((b) => `${amount(b.from)}–${amount(b.to)}`);
}

export function histogramRows(result: SimulationResult): OutputCell[][] {
  return result.results.flatMap((r) => {
    const labels = histogramRangeLabels(r.histogram);
    return r.histogram.map((bin, i) => [asText(r.function), labels[i], bin.from, bin.to, bin.count]);
  });
}

/**
 * The tornado chart's label for each input it moves, chosen (not cut) to fit CHART_LABEL_MAX; the table's Input
 * column keeps the full words. An input missing here is labelled with its full name.
 */
export const TORNADO_SHORT_LABELS: Readonly<Record<string, string>> = {
  headcount: "Headcount",
  saHourlyRate: "SA rate",
  bpoMonthlyFeePerFte: "BPO fee",
  saRampDays: "SA ramp",
  saMgmtShare: "SA mgmt share",
  saOverheadPerFteMonth: "SA overhead",
  saOnboardingCostPerFte: "SA onboarding",
  saAnnualAttrition: "SA attrition",
  saAnnualEscalation: "SA escalation",
  bpoRampWeeks: "BPO ramp",
  bpoTransitionCost: "BPO transition",
  bpoGovernanceShare: "BPO governance",
  bpoChangeOrdersPerYear: "BPO COs a year",
  bpoChangeOrderCost: "BPO CO cost",
  bpoAnnualEscalation: "BPO escalation",
  delayCostPerFteMonth: "Delay cost",
  managerMonthlyCost: "Manager cost",
  hoursPerMonth: "Hours a month",
  businessDaysPerMonth: "Days a month",
  discountRateAnnual: "Discount rate",
};

export const tornadoChartLabel = (key: string, label: string): string => TORNADO_SHORT_LABELS[key] ?? label;

export function tornadoColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(TEXT_FORMAT, "Function", "Input"),
    ...columnsOf(NUMBER_FORMAT, "Low", "High"),
    ...moneyColumns(currency, "Change in saving at low", "Change in saving at high", "Swing in saving"),
    ...columnsOf(MONTH_FORMAT, "Break-even at low", "Break-even at high"),
    ...columnsOf(TEXT_FORMAT, "Range from", "Chart label"),
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
      tornadoChartLabel(b.key, b.label),
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
      d.base ? RECOMMENDATION_LABELS[d.base.recommendation] : "not modelled",
      d.scenario ? RECOMMENDATION_LABELS[d.scenario.recommendation] : "not modelled",
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
