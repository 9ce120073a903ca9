/**
 * Value of information as people read it, in the task pane and on the "Sourcing Analysis" sheet: per function, the
 * decision with today's information, what knowing every range before signing would save (EVPI) and, input by
 * input, what knowing that one would save (EVPPI) and how often it would change the decision. Pure: the numbers
 * come from the model (src/model/voi.ts, on the simulation's own trials); this module words and arranges them.
 * The tornado says what moves the cost; this says what could change the decision.
 */
import { formatMoney, formatPercentOneDecimal, RECOMMENDATION_LABELS, STRATEGY_LABELS } from "../model/format";
import type { Strategy } from "../model/types";
import { type FunctionVoi, NEGLIGIBLE_EVPI_SHARE } from "../model/voi";
import { tornadoChartLabel } from "./analysis-sheet";
import {
  TEXT_FORMAT,
  asText,
  blankIfMissing,
  columnsOf,
  moneyColumns,
  type ColumnSpec,
  type OutputCell,
} from "./table-columns";

/** The analysis sheet's value-of-information table. */
export const VOI_TABLE = "SourcingValueOfInformation";

/** The value-of-information chart shows the inputs worth most (the table lists them all), as the tornado does. */
export const VOI_CHART_BARS = 8;

/**
 * "± 1,234": a Monte Carlo standard error in the finance format of the amounts it qualifies (no currency); empty
 * when there is none or it is 0 (the figure is then exact: an input that never changes the decision).
 */
export function plusMinus(standardError: number | null): string {
  if (standardError === null || standardError === 0) return "";
  const amount = formatMoney(standardError, "").trim();
  return `± ${amount}`;
}

/** How a function's value of information reads: nothing to decide, nothing worth finding out, or something. */
export type VoiVerdict = "document-first" | "only-allowed" | "no-ranges" | "nothing-worth" | "worth";

export function voiVerdict(f: FunctionVoi): VoiVerdict {
  if (f.decision === "DOCUMENT_FIRST") return "document-first";
  if (f.basis === "only-allowed") return "only-allowed";
  if (f.basis === "no-ranges") return "no-ranges";
  // Below 0.1% of the decision's NPV the amount is within what a cost estimate can tell apart (sourcing-model voi).
  return f.evpi === 0 || f.evpi < NEGLIGIBLE_EVPI_SHARE * Math.abs(f.expectedNpv ?? 0) ? "nothing-worth" : "worth";
}

/** One sentence per function: the decision today and whether anything is worth finding out before signing. */
export function voiSentence(f: FunctionVoi, currency: string): string {
  const money = (x: number) => formatMoney(x, currency);
  const withError = (x: number, se: number | null) => [money(x), plusMinus(se)].filter(Boolean).join(" ");
  const decision = f.decision === "DOCUMENT_FIRST" ? "" : STRATEGY_LABELS[f.decision as Strategy];
  switch (voiVerdict(f)) {
    case "document-first":
      return `${f.function}: document the process first; no strategy is allowed yet, so no information changes the decision.`;
    case "only-allowed":
      return `${f.function}: ${decision} is the only strategy allowed; nothing is worth finding out before signing.`;
    case "no-ranges":
      return `${f.function}: ${decision} is cheapest and no input has a range (Min/Max columns), so there is nothing to find out.`;
    case "nothing-worth":
      if (f.evpi === 0)
        return `${f.function}: ${decision} is cheapest in every trial, whatever the ranges; nothing is worth finding out before signing.`;
      return `${f.function}: ${decision} is cheapest on average; nothing is worth finding out before signing (knowing every range would save ${withError(f.evpi, f.evpiStandardError)} on average, below 0.1% of its NPV).`;
    case "worth": {
      const top = f.inputs[0];
      const most =
        top && top.evppi > 0
          ? ` ${top.label} is worth most: ${withError(top.evppi, top.evppiStandardError)}; it changes the decision in ${formatPercentOneDecimal(top.decisionChangeProbability)} of trials.`
          : " No single input is worth finding out on its own.";
      return `${f.function}: ${decision} is cheapest on average; knowing every range before signing would save up to ${withError(f.evpi, f.evpiStandardError)} on average.${most}`;
    }
  }
}

export function voiColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(TEXT_FORMAT, "Function", "Decision today", "Input"),
    ...moneyColumns(currency, "Worth knowing (EVPPI)", "± standard error"),
    ...columnsOf("0.0%", "Decision changes in (share of trials)"),
    ...moneyColumns(currency, "Worth knowing every range (EVPI)", "EVPI ± standard error"),
    ...columnsOf(TEXT_FORMAT, "In words", "Chart label"),
  ];
}

/**
 * One row per ranged input, largest EVPPI first, grouped by function (the chart reads each function's first rows);
 * a function with no ranged input (or nothing to decide) has one row with the Input blank. The sentence is on each
 * function's first row.
 */
export function voiRows(functions: readonly FunctionVoi[], currency: string): OutputCell[][] {
  return functions.flatMap((f) => {
    const decision = asText(RECOMMENDATION_LABELS[f.decision]);
    const sentence = asText(voiSentence(f, currency));
    const evpi: OutputCell[] = [f.evpi, blankIfMissing(f.evpiStandardError)];
    if (f.inputs.length === 0) return [[asText(f.function), decision, "", "", "", "", ...evpi, sentence, ""]];
    return f.inputs.map((input, i) => [
      asText(f.function),
      decision,
      input.label,
      input.evppi,
      blankIfMissing(input.evppiStandardError),
      input.decisionChangeProbability,
      ...evpi,
      i === 0 ? sentence : "",
      tornadoChartLabel(input.input, input.label),
    ]);
  });
}

/** Rows voiRows gives a function: where each function's rows start in the table. */
export const voiRowCount = (f: FunctionVoi): number => Math.max(1, f.inputs.length);
