/**
 * The sample model: the seed article's situations, with the figures the examples, the sample workbook and the
 * task pane's "Insert sample model" all use. Every default's source is in fields.ts.
 */
import type { CellValue } from "./types";

export interface SampleFunction {
  function: string;
  headcount: number;
  saHourlyRate: number;
  bpoMonthlyFeePerFte: number;
  processDocumented: "yes" | "no";
  managementCapacity: "yes" | "no";
  scope: "stable" | "evolving";
  saRampDays: number;
  saMgmtShare: number;
  bpoRampWeeks: number;
  bpoTransitionCost: number;
  bpoChangeOrderCost: number;
  delayCostPerFteMonth: number;
  /** Why the row looks like this: shown in the sample's notes. */
  note: string;
}

export const SAMPLE_FUNCTIONS: readonly SampleFunction[] = [
  {
    function: "Customer support",
    headcount: 12,
    saHourlyRate: 25,
    bpoMonthlyFeePerFte: 4200,
    processDocumented: "yes",
    managementCapacity: "no",
    scope: "stable",
    saRampDays: 4,
    saMgmtShare: 0.15,
    bpoRampWeeks: 8,
    bpoTransitionCost: 130000,
    bpoChangeOrderCost: 5000,
    delayCostPerFteMonth: 3000,
    note: "Documented process, no spare management capacity: staff augmentation is cheaper at first, BPO passes it at about six months.",
  },
  {
    function: "React developer",
    headcount: 3,
    saHourlyRate: 75,
    bpoMonthlyFeePerFte: 12500,
    processDocumented: "yes",
    managementCapacity: "yes",
    scope: "evolving",
    saRampDays: 5,
    saMgmtShare: 0.15,
    bpoRampWeeks: 6,
    bpoTransitionCost: 30000,
    bpoChangeOrderCost: 8000,
    delayCostPerFteMonth: 6000,
    note: "Evolving scope: frequent change orders make a fixed-scope BPO contract expensive.",
  },
  {
    function: "Bookkeeping",
    headcount: 4,
    saHourlyRate: 38,
    bpoMonthlyFeePerFte: 4300,
    processDocumented: "yes",
    managementCapacity: "yes",
    scope: "stable",
    saRampDays: 4,
    saMgmtShare: 0.15,
    bpoRampWeeks: 4,
    bpoTransitionCost: 30000,
    bpoChangeOrderCost: 5000,
    delayCostPerFteMonth: 2500,
    note: "Stable, documented, a short transfer: a textbook BPO candidate.",
  },
  {
    function: "Data entry",
    headcount: 6,
    saHourlyRate: 18,
    bpoMonthlyFeePerFte: 2400,
    processDocumented: "no",
    managementCapacity: "no",
    scope: "stable",
    saRampDays: 3,
    saMgmtShare: 0.3,
    bpoRampWeeks: 12,
    bpoTransitionCost: 20000,
    bpoChangeOrderCost: 5000,
    delayCostPerFteMonth: 500,
    note: "No documented process and no one to manage augmented staff: document the process first.",
  },
];

/** The sample's assumptions: the model's defaults, stated so the workbook shows them. */
export const SAMPLE_ASSUMPTIONS: Readonly<Record<string, CellValue>> = {
  currency: "USD",
  horizonMonths: 36,
  businessDaysPerMonth: 21,
  hoursPerMonth: 160,
  managerMonthlyCost: 12000,
  discountRateAnnual: 0.08,
  decisionMargin: 0.05,
  rampShape: "step",
  changeOrdersPerYearStable: 1,
  changeOrdersPerYearEvolving: 6,
};

/** Columns of the sample functions table, in order (canonical keys). */
export const SAMPLE_FUNCTION_COLUMNS = [
  "function",
  "headcount",
  "saHourlyRate",
  "bpoMonthlyFeePerFte",
  "processDocumented",
  "managementCapacity",
  "scope",
  "saRampDays",
  "saMgmtShare",
  "bpoRampWeeks",
  "bpoTransitionCost",
  "bpoChangeOrderCost",
  "delayCostPerFteMonth",
] as const;

/** The sample as the JSON input of the command line and of evaluate(). */
export function sampleInput(): { assumptions: Record<string, CellValue>; functions: Record<string, CellValue>[] } {
  return {
    assumptions: { ...SAMPLE_ASSUMPTIONS },
    functions: SAMPLE_FUNCTIONS.map((row) => Object.fromEntries(SAMPLE_FUNCTION_COLUMNS.map((key) => [key, row[key]]))),
  };
}
