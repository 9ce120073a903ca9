/**
 * The sample model: the seed article's situations, with the figures the examples, the sample workbook and the
 * task pane's "Insert sample model" all use. Every default's source is in fields.ts; the sources of the sample's
 * ranges (the `…Min` / `…Max` columns the simulation and the tornado use) are in SAMPLE_RANGE_SOURCES.
 */
import { FIELD_BY_KEY, type UncertainKey } from "./fields";
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
  /** Ranges for the simulation and the tornado (the row's own value is the most likely); sources in SAMPLE_RANGE_SOURCES. */
  saRampDaysMin: number;
  saRampDaysMax: number;
  bpoRampWeeksMin: number;
  bpoRampWeeksMax: number;
  bpoMonthlyFeePerFteMin: number;
  bpoMonthlyFeePerFteMax: number;
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
    saRampDaysMin: 3,
    saRampDaysMax: 5,
    bpoRampWeeksMin: 4,
    bpoRampWeeksMax: 12,
    bpoMonthlyFeePerFteMin: 3990,
    bpoMonthlyFeePerFteMax: 4620,
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
    saRampDaysMin: 3,
    saRampDaysMax: 5,
    bpoRampWeeksMin: 4,
    bpoRampWeeksMax: 12,
    bpoMonthlyFeePerFteMin: 11875,
    bpoMonthlyFeePerFteMax: 13750,
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
    saRampDaysMin: 3,
    saRampDaysMax: 5,
    bpoRampWeeksMin: 4,
    bpoRampWeeksMax: 12,
    bpoMonthlyFeePerFteMin: 4085,
    bpoMonthlyFeePerFteMax: 4730,
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
    saRampDaysMin: 3,
    saRampDaysMax: 5,
    bpoRampWeeksMin: 4,
    bpoRampWeeksMax: 12,
    bpoMonthlyFeePerFteMin: 2280,
    bpoMonthlyFeePerFteMax: 2640,
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
  // Range columns last, so the columns above keep their places (A..M) for tables and rows read without headers.
  "saRampDaysMin",
  "saRampDaysMax",
  "bpoRampWeeksMin",
  "bpoRampWeeksMax",
  "bpoMonthlyFeePerFteMin",
  "bpoMonthlyFeePerFteMax",
] as const;

/** A field's own source (fields.ts): the ramps' ranges are the seed article's, as their defaults are. */
const sourceOf = (key: string): string => FIELD_BY_KEY.get(key)?.source ?? key;

/** Where the sample's ranges come from, one line per ranged input (its `<key>Min` and `<key>Max` columns): shown in the sample's notes. */
export const SAMPLE_RANGE_SOURCES: readonly { key: UncertainKey; source: string }[] = [
  { key: "saRampDays", source: sourceOf("saRampDays") },
  { key: "bpoRampWeeks", source: sourceOf("bpoRampWeeks") },
  {
    key: "bpoMonthlyFeePerFte",
    source: "Vendor quote ± negotiation: about 5% below to 10% above each row's quoted fee",
  },
];

/** The sample as the JSON input of the command line and of evaluate(). */
export function sampleInput(): { assumptions: Record<string, CellValue>; functions: Record<string, CellValue>[] } {
  return {
    assumptions: { ...SAMPLE_ASSUMPTIONS },
    functions: SAMPLE_FUNCTIONS.map((row) => Object.fromEntries(SAMPLE_FUNCTION_COLUMNS.map((key) => [key, row[key]]))),
  };
}

/**
 * The sample's named scenarios (rows of a SourcingScenarios table: docs/analysis.md), so every analysis has
 * something to compare on first use. "Vendor quotes +10%": each row's fee at its quote's upper range (the vendor
 * does not negotiate); "Slow transition": every BPO ramp takes the 12 weeks of the seed article's slow case.
 */
export const SAMPLE_SCENARIOS: readonly { scenario: string; key: string; value: number; function: string | null }[] = [
  ...SAMPLE_FUNCTIONS.map((row) => ({
    scenario: "Vendor quotes +10%",
    key: "bpoMonthlyFeePerFte",
    value: Math.round(row.bpoMonthlyFeePerFte * 1.1),
    function: row.function,
  })),
  { scenario: "Slow transition", key: "bpoRampWeeks", value: 12, function: null },
];
