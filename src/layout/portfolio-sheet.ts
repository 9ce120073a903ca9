/**
 * The "Sourcing Portfolio" sheet (docs/model.md §8) and the portfolio's sentences, built from optimisePortfolio's
 * result. Pure: the Portfolio panel (src/taskpane/portfolio-panel.ts) shows the sentences, src/excel/write-portfolio.ts
 * writes these rows with their charts; the numbers come from the model, this module only arranges them in words.
 */
import { formatMoney, RECOMMENDATION_LABELS, STRATEGY_LABELS } from "../model/format";
import type { PortfolioPlan, PortfolioResult, PortfolioStrategy } from "../model/portfolio-types";
import {
  FRACTION_FORMAT,
  MONEY_FORMAT,
  MONTH_FORMAT,
  TEXT_FORMAT,
  WHOLE_FORMAT,
  asText,
  blankIfMissing,
  columnsOf,
  moneyColumns,
  type ColumnSpec,
  type OutputCell,
} from "./table-columns";

export const PORTFOLIO_SHEET = "Sourcing Portfolio";
export const PORTFOLIO_SUMMARY_TABLE = "SourcingPortfolioSummary";
export const PORTFOLIO_PLAN_TABLE = "SourcingPortfolioPlan";
export const PORTFOLIO_TIMELINE_TABLE = "SourcingPortfolioTimeline";
export const PORTFOLIO_MONTHS_TABLE = "SourcingPortfolioMonths";

/** The portfolio's charts, in points: load vs capacity and the timeline side by side, as the analysis sheet's pair. */
export const PORTFOLIO_CHART_SIZE = { width: 372, height: 240, gap: 12 } as const;
/** The timeline grows with the functions so each keeps a readable bar, up to a height that still scrolls well. */
export const TIMELINE_BAR_POINTS = 18;
export const TIMELINE_MAX_HEIGHT = 1200;
/** Excel's default row height, to turn a chart's height into the rows it covers. */
export const ROW_POINTS = 15;

/** The three phases of a function's timeline, in the order they happen (the stacked bar's segments). */
export const TIMELINE_PHASES = ["Staff augmentation only", "Transition under way", "BPO running"] as const;

/** Manager FTE with two decimals (1.50), as the assumptions table shows a fraction. */
const fte = (value: number): string =>
  value.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** A least capacity rounded up to what two decimals show, so "at least" never names a capacity that is too small. */
const fteAtLeast = (value: number): string => fte(Math.ceil(value * 100 - 1e-7) / 100);

const count = (value: number): string => value.toLocaleString("en-US");

/** A portfolio strategy in words; null (an infeasible portfolio chose nothing) reads as such. */
export function portfolioStrategyLabel(strategy: PortfolioStrategy | null): string {
  if (strategy === null) return "No plan (no portfolio meets the limits)";
  return strategy === "DOCUMENT_FIRST" ? RECOMMENDATION_LABELS.DOCUMENT_FIRST : STRATEGY_LABELS[strategy];
}

/** The plan in words, as the command line writes it: "Staff augmentation", "BPO", "Bridge from month 7". */
export function planInWords(plan: Pick<PortfolioPlan, "strategy" | "startMonth">): string {
  const label = portfolioStrategyLabel(plan.strategy);
  return plan.strategy === "BRIDGE" && plan.startMonth !== null ? `${label} from month ${plan.startMonth}` : label;
}

/** The status in words, for the panel and the sheet's first line. */
export function statusInWords(result: PortfolioResult): string {
  switch (result.status) {
    case "optimal":
      return "Optimal: the least portfolio NPV under both limits";
    case "infeasible":
      return "Infeasible: no choice of plans meets both limits";
    default:
      return `Stopped at the time limit: the best plan found, within ${(result.relativeGap * 100).toPrecision(3)}% of the proven best (not proven optimal)`;
  }
}

/** The status in one or a few words, for the summary's value cell (the sentence goes beside it). */
export function statusWord(result: PortfolioResult): string {
  return result.status === "optimal"
    ? "Optimal"
    : result.status === "infeasible"
      ? "Infeasible"
      : "Stopped at the time limit";
}

/** Why an infeasible portfolio is infeasible: which limit, and the least that would make it feasible. */
export function infeasibleInWords(result: PortfolioResult): string[] {
  if (result.status !== "infeasible") return [];
  const { managementCapacityFte: capacity, maxConcurrentTransitions: transitions } = result.limits;
  const lines: string[] = [];
  const leastCapacity = result.minimumManagementCapacityFte;
  const fewestTransitions = result.minimumConcurrentTransitions;
  if (capacity !== null && leastCapacity !== null && leastCapacity > capacity)
    lines.push(
      `Management capacity is too small: ${fte(capacity)} manager FTE is set; at least ${fteAtLeast(leastCapacity)} manager FTE would make the portfolio feasible with the transition limit as it is.`,
    );
  if (transitions !== null && fewestTransitions !== null && fewestTransitions > transitions)
    lines.push(
      `Too few concurrent transitions: ${count(transitions)} allowed; at least ${count(fewestTransitions)} would make the portfolio feasible with the management capacity as it is.`,
    );
  if (capacity !== null && leastCapacity === null)
    lines.push(
      `No management capacity is enough while at most ${transitions === null ? "the given number of" : count(transitions)} transitions may run at once: raise the transition limit first.`,
    );
  if (transitions !== null && fewestTransitions === null)
    lines.push(
      `No number of concurrent transitions is enough with ${capacity === null ? "this" : `${fte(capacity)} manager FTE of`} management capacity: raise the capacity first.`,
    );
  if (lines.length === 0)
    lines.push("Raise the management capacity or the concurrent-transition limit in the assumptions table.");
  return lines;
}

/** The hiring verdict: one more manager saves X against Y for a manager over the horizon. */
export function hiringVerdict(result: PortfolioResult): string {
  const currency = result.assumptions.currency;
  const horizon = result.assumptions.horizonMonths;
  const manager = formatMoney(result.managerNpv, currency);
  if (result.limits.managementCapacityFte === null)
    return `No management capacity is set (unlimited), so one more manager changes nothing; a manager costs ${manager} over the ${horizon}-month horizon.`;
  const value = result.valueOfOneMoreManager;
  if (value === null) {
    const note = result.notes.find((n) => /manager/.test(n));
    return (
      note ?? `One more manager does not make the portfolio feasible; a manager costs ${manager} over the horizon.`
    );
  }
  const pays = value > result.managerNpv;
  return `One more manager saves ${formatMoney(value, currency)} against ${manager} for a manager over the ${horizon}-month horizon: hiring ${pays ? "pays" : "does not pay"}.`;
}

/** What the limits cost: the optimum above the unconstrained NPV (null when infeasible). */
export const limitsCost = (result: PortfolioResult): number | null =>
  result.totalNpv === null ? null : result.totalNpv - result.unconstrainedNpv;

// ---- Sheet tables ---------------------------------------------------------------------------------------------

/** A summary row: the figure in words, its value (a number in `format`, or words), and how to read it. */
export interface SummaryRow {
  figure: string;
  value: OutputCell;
  format: string;
  reading: string;
}

export const SUMMARY_COLUMNS: readonly ColumnSpec[] = columnsOf(TEXT_FORMAT, "Figure", "Value", "How to read it");

const orWords = (value: number | null, format: string, words: string): { value: OutputCell; format: string } =>
  value === null ? { value: words, format: TEXT_FORMAT } : { value, format };

/** The summary figures at the top of the sheet (docs/model.md §8.4). */
export function summaryRows(result: PortfolioResult): SummaryRow[] {
  const currency = result.assumptions.currency;
  const { managementCapacityFte: capacity, maxConcurrentTransitions: transitions } = result.limits;
  const cost = limitsCost(result);
  const row = (figure: string, shown: { value: OutputCell; format: string }, reading: string): SummaryRow => ({
    figure,
    ...shown,
    reading,
  });
  /** The value of one more unit of a limit: money, or why there is none. */
  const oneMore = (what: string, value: number | null, limit: number | null, unlimited: string, change: string) =>
    row(
      `Value of one more ${what} (${currency})`,
      orWords(value, MONEY_FORMAT, limit === null ? `Not applicable: ${unlimited}` : "Not known: see the status"),
      `Total NPV now minus total NPV with ${change}.`,
    );
  return [
    row(
      "Status",
      { value: statusWord(result), format: TEXT_FORMAT },
      [`${statusInWords(result)}.`, ...infeasibleInWords(result)].join(" "),
    ),
    row(
      `Total NPV (${currency})`,
      orWords(result.totalNpv, MONEY_FORMAT, "None: no plan meets the limits"),
      "The portfolio's cost over the horizon, in today's money: the sum of the chosen plans' NPVs.",
    ),
    row(
      `NPV without the limits (${currency})`,
      { value: result.unconstrainedNpv, format: MONEY_FORMAT },
      "Each function at its cheapest allowed plan, as if managers and transition teams were unlimited.",
    ),
    row(
      `What the limits cost (${currency})`,
      orWords(cost, MONEY_FORMAT, "Not known: no plan meets the limits"),
      "Total NPV minus the NPV without the limits.",
    ),
    row(
      "Management capacity (manager FTE)",
      orWords(capacity, FRACTION_FORMAT, "Unlimited"),
      "From the assumptions table: manager FTEs free each month to manage augmented staff.",
    ),
    row(
      "Max concurrent transitions",
      orWords(transitions, WHOLE_FORMAT, "Unlimited"),
      "From the assumptions table: BPO transitions that may be under way in one month.",
    ),
    row(
      "Transition start step (months)",
      { value: result.limits.transitionStartStepMonths, format: WHOLE_FORMAT },
      "A delayed transition may start in months 1, 1 + step, 1 + 2 × step, …",
    ),
    row(
      "Least feasible capacity (manager FTE)",
      orWords(result.minimumManagementCapacityFte, FRACTION_FORMAT, "None: see the status"),
      "The smallest capacity with which some portfolio meets the transition limit (the least possible peak load).",
    ),
    row(
      "Fewest feasible concurrent transitions",
      orWords(result.minimumConcurrentTransitions, WHOLE_FORMAT, "None: see the status"),
      "The smallest transition limit with which some portfolio fits the management capacity.",
    ),
    oneMore(
      "manager",
      result.valueOfOneMoreManager,
      capacity,
      "capacity is unlimited",
      "one more manager FTE of capacity",
    ),
    oneMore(
      "transition",
      result.valueOfOneMoreTransition,
      transitions,
      "transitions are unlimited",
      "one more concurrent transition allowed",
    ),
    row(
      `One manager over the horizon (${currency})`,
      { value: result.managerNpv, format: MONEY_FORMAT },
      hiringVerdict(result),
    ),
  ];
}

export function planColumns(currency: string): ColumnSpec[] {
  return [
    ...columnsOf(TEXT_FORMAT, "Function", "Recommendation, function alone", "Portfolio strategy"),
    ...columnsOf(MONTH_FORMAT, "BPO transition starts (month)"),
    ...moneyColumns(currency, "NPV"),
    ...columnsOf(TEXT_FORMAT, "Differs from the function alone"),
  ];
}

export function planRows(result: PortfolioResult): OutputCell[][] {
  return result.plans.map((plan) => [
    asText(plan.function),
    RECOMMENDATION_LABELS[plan.recommendation],
    portfolioStrategyLabel(plan.strategy),
    blankIfMissing(plan.startMonth),
    blankIfMissing(plan.npv),
    plan.differsFromRecommendation ? "Yes" : "No",
  ]);
}

/**
 * Months, with a phase of no months left blank: in the table, and on the timeline chart, whose value labels take the
 * cells' format (Excel would otherwise put a "0" at the edge of every bar that skips a phase).
 */
export const MONTHS_OR_BLANK_FORMAT = "#,##0;-#,##0;";

export const TIMELINE_COLUMNS: readonly ColumnSpec[] = [
  ...columnsOf(TEXT_FORMAT, "Function"),
  ...columnsOf(MONTHS_OR_BLANK_FORMAT, ...TIMELINE_PHASES.map((phase) => `${phase} (months)`)),
];

/** Functions with a chosen plan (DOCUMENT_FIRST and an infeasible portfolio's functions have none). */
export const timelinePlans = (result: PortfolioResult): PortfolioPlan[] =>
  result.plans.filter((p) => p.strategy !== null && p.strategy !== "DOCUMENT_FIRST");

/** Months of each phase per function: before the transition, while it is under way, after it. */
export function timelineRows(result: PortfolioResult): OutputCell[][] {
  const horizon = result.assumptions.horizonMonths;
  return timelinePlans(result).map((plan) => {
    const before = plan.startMonth === null ? horizon : plan.startMonth - 1;
    const during = plan.inTransition.filter(Boolean).length;
    return [asText(plan.function), before, during, horizon - before - during];
  });
}

export const MONTH_COLUMNS: readonly ColumnSpec[] = [
  ...columnsOf(MONTH_FORMAT, "Month"),
  ...columnsOf(FRACTION_FORMAT, "Management load (manager FTE)", "Management capacity (manager FTE)"),
  ...columnsOf(WHOLE_FORMAT, "Transitions in flight", "Max concurrent transitions"),
];

export function monthRows(result: PortfolioResult): OutputCell[][] {
  const { managementCapacityFte: capacity, maxConcurrentTransitions: transitions } = result.limits;
  return result.months.map((m) => [
    m.month,
    m.managementLoadFte,
    blankIfMissing(capacity),
    m.transitions,
    blankIfMissing(transitions),
  ]);
}

/** The sheet's first line, kept in view (frozen): the outcome in one sentence. */
export function headline(result: PortfolioResult): string {
  const currency = result.assumptions.currency;
  const cost = limitsCost(result);
  const figures =
    result.totalNpv === null || cost === null
      ? `no plan meets the limits (${infeasibleInWords(result)[0] ?? ""})`
      : `total NPV ${formatMoney(result.totalNpv, currency)} against ${formatMoney(result.unconstrainedNpv, currency)} without the limits; the limits cost ${formatMoney(cost, currency)}`;
  return `Sourcing portfolio: ${statusInWords(result).split(":")[0].toLowerCase()}; ${figures}. Replaced on every portfolio run.`;
}
