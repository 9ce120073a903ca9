/** Builders for model tests: fully specified rows so expectations do not depend on defaults. */
import type { CellValue } from "../../src/model";

export const baseAssumptions = (over: Record<string, CellValue> = {}): Record<string, CellValue> => ({
  currency: "USD",
  horizonMonths: 14,
  businessDaysPerMonth: 21,
  hoursPerMonth: 160,
  managerMonthlyCost: 10000,
  discountRateAnnual: 0,
  decisionMargin: 0.05,
  rampShape: "step",
  changeOrdersPerYearStable: 1,
  changeOrdersPerYearEvolving: 6,
  ...over,
});

/** The hand-computed case of engine.test.ts: every cost term is a round number. */
export const handRow = (over: Record<string, CellValue> = {}): Record<string, CellValue> => ({
  function: "Hand case",
  headcount: 2,
  saHourlyRate: 50,
  bpoMonthlyFeePerFte: 5000,
  processDocumented: "yes",
  managementCapacity: "yes",
  scope: "stable",
  saRampDays: 21,
  saMgmtShare: 0.5,
  saOverheadPerFteMonth: 100,
  saOnboardingCostPerFte: 1000,
  saAnnualAttrition: 1.2,
  saAnnualEscalation: 0.1,
  bpoRampWeeks: 4.2,
  bpoTransitionCost: 2100,
  bpoGovernanceShare: 0.1,
  bpoChangeOrdersPerYear: 12,
  bpoChangeOrderCost: 100,
  bpoAnnualEscalation: 0.2,
  delayCostPerFteMonth: 1000,
  ...over,
});

export const close = (actual: number, expected: number, relative = 1e-12): boolean =>
  Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected));

/** The keys of the portfolio's JSON (`portfolio --json`, toPortfolioJson), in the order docs/portfolio.md gives. */
export const PORTFOLIO_JSON_KEYS = [
  "status",
  "totalNpv",
  "unconstrainedNpv",
  "plans",
  "months",
  "minimumManagementCapacityFte",
  "minimumConcurrentTransitions",
  "valueOfOneMoreManager",
  "valueOfOneMoreTransition",
  "errors",
  "warnings",
];

/** The keys of one plan in that JSON. */
export const PORTFOLIO_PLAN_KEYS = ["function", "strategy", "startMonth", "npv", "recommendation"];
