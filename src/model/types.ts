/** Shared types of the sourcing cost model (docs/model.md). */

export const STRATEGIES = ["STAFF_AUG", "BPO", "BRIDGE"] as const;
export type Strategy = (typeof STRATEGIES)[number];
export type Recommendation = Strategy | "DOCUMENT_FIRST";

export type RampShape = "step" | "linear";
export type Scope = "stable" | "evolving";

/** A value as it comes from a cell, a CSV field or a JSON document. */
export type CellValue = string | number | boolean | null | undefined;

/** docs/model.md §2.1, after defaults and validation. */
export interface Assumptions {
  currency: string;
  horizonMonths: number;
  businessDaysPerMonth: number;
  hoursPerMonth: number;
  managerMonthlyCost: number;
  discountRateAnnual: number;
  decisionMargin: number;
  rampShape: RampShape;
  changeOrdersPerYearStable: number;
  changeOrdersPerYearEvolving: number;
}

/** docs/model.md §2.2 for one row, after the row → assumption → default precedence. */
export interface FunctionInputs {
  function: string;
  headcount: number;
  saHourlyRate: number;
  bpoMonthlyFeePerFte: number;
  processDocumented: boolean;
  managementCapacity: boolean;
  scope: Scope;
  saRampDays: number;
  saMgmtShare: number;
  saOverheadPerFteMonth: number;
  saOnboardingCostPerFte: number;
  saAnnualAttrition: number;
  saAnnualEscalation: number;
  bpoRampWeeks: number;
  bpoTransitionCost: number;
  bpoGovernanceShare: number;
  bpoChangeOrdersPerYear: number;
  bpoChangeOrderCost: number;
  bpoAnnualEscalation: number;
  delayCostPerFteMonth: number;
}

/** The functions table: either one object per row (JSON) or a header row and data rows (CSV, workbook). */
export interface TableInput {
  headers: CellValue[];
  rows: CellValue[][];
}

/** What every host hands to {@link evaluate}. */
export interface ModelInput {
  /** Key/value assumptions: an object, or [key, value] pairs as in a two-column range. */
  assumptions?: Record<string, CellValue> | ReadonlyArray<readonly CellValue[]>;
  functions: ReadonlyArray<Record<string, CellValue>> | TableInput;
}

export const COMPONENT_KEYS = [
  "fees",
  "management",
  "overhead",
  "onboarding",
  "attrition",
  "transition",
  "governance",
  "changeOrders",
  "delay",
] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];
export type Components = Record<ComponentKey, number>;

export type PerStrategy<T> = Record<Strategy, T>;

export interface MonthRow {
  month: number;
  STAFF_AUG: number;
  BPO: number;
  BRIDGE: number;
}

export interface Crossing {
  month: number;
  cheaper: "BPO" | "STAFF_AUG";
}

export interface FunctionResult {
  function: string;
  recommendation: Recommendation;
  rationale: string;
  breakEvenMonth: number | null;
  discountedBreakEvenMonth: number | null;
  runRateCrossoverMonth: number | null;
  crossings: Crossing[];
  total: PerStrategy<number>;
  npv: PerStrategy<number>;
  components: PerStrategy<Components>;
  monthly: MonthRow[];
  /**
   * The same months as typed arrays, with the cumulative and discounted cumulative sums the engine computes in
   * the same pass. Not part of the §6 JSON (a prototype getter, built on first read like `monthly`): hosts that
   * write tables or charts read these instead of summing `monthly` again.
   */
  readonly series: FunctionSeries;
}

/** A function's monthly costs (month m at index m − 1) and their running sums, per strategy. */
export interface FunctionSeries {
  monthly: PerStrategy<Float64Array>;
  cumulative: PerStrategy<Float64Array>;
  /** Cumulative sums of the costs discounted to today (docs/model.md §5): the last month is the NPV. */
  discounted: PerStrategy<Float64Array>;
}

/** A value the model could not use: which data row (1-based; null for an assumption), which column, why. */
export interface InputError {
  row: number | null;
  column: string;
  value: CellValue;
  message: string;
}

/** Something the model ignored, e.g. a column it does not know. Not an error. */
export interface InputWarning {
  /** The data row (1-based) for a warning on one cell, e.g. a simulation range; absent for a whole column. */
  row?: number;
  column: string;
  message: string;
}

/** docs/model.md §6, plus `warnings` for ignored columns (docs/model.md §2: "ignored and reported as such"). */
export interface ModelResult {
  assumptions: Assumptions & Partial<Omit<FunctionInputs, "function">>;
  results: FunctionResult[];
  errors: InputError[];
  warnings: InputWarning[];
}
