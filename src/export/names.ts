/**
 * Sheet names and defined names of the native-formula export. The input sheet and table names come from
 * src/layout/workbook.ts (the add-in and the command line read an exported workbook like any other).
 */
import { quoteSheetName } from "../layout/address";

export const SUMMARY_SHEET = "Sourcing Summary";
export const ASSUMPTIONS_USED_SHEET = "Sourcing Assumptions Used";
export const DRIVERS_SHEET = "Sourcing Drivers";
export const CALC_SHEET = "Sourcing Calc";
export const ABOUT_SHEET = "Sourcing About";

/** Longest horizon an export can be sized for (docs/model.md §2.1: horizonMonths ≤ 600). */
export const MAX_EXPORT_HORIZON = 600;

const pascal = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

/** A column of the input functions table, e.g. In_Headcount. */
export const inputName = (key: string): string => `In_${pascal(key)}`;
/** The assumption that stands in for a blank row cell, e.g. Default_SaRampDays. */
export const defaultName = (key: string): string => `Default_${pascal(key)}`;
/** A column of the resolved per-function inputs (Drivers sheet), e.g. Headcount. */
export const driverName = (key: string): string => (key === "function" ? "FunctionName" : pascal(key));
export const BPO_RAMP_DAYS = "BpoRampDays";

/** The value used for each docs/model.md §2.1 assumption. */
export const GLOBAL_NAMES: Readonly<Record<string, string>> = {
  currency: "Currency",
  horizonMonths: "Horizon",
  businessDaysPerMonth: "DaysPerMonth",
  hoursPerMonth: "HoursPerMonth",
  managerMonthlyCost: "ManagerMonthlyCost",
  discountRateAnnual: "DiscountRate",
  decisionMargin: "DecisionMargin",
  rampShape: "RampShape",
  changeOrdersPerYearStable: "ChangeOrdersStable",
  changeOrdersPerYearEvolving: "ChangeOrdersEvolving",
};
export const MAX_HORIZON_NAME = "MaxHorizon";
export const TOLERANCE_NAME = "Tolerance";
/** Key and value columns of the input assumptions table. */
export const ASSUMPTION_LABELS_NAME = "AssumptionLabels";
export const ASSUMPTION_VALUES_NAME = "AssumptionValues";

/** Absolute reference to a range of one column, e.g. 'Sourcing Drivers'!$C$2:$C$5. */
export function columnRange(sheet: string, column: string, top: number, bottom: number): string {
  return `${quoteSheetName(sheet)}!$${column}$${top}:$${column}$${bottom}`;
}

export const absoluteCell = (sheet: string, column: string, row: number): string =>
  `${quoteSheetName(sheet)}!$${column}$${row}`;
