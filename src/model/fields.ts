/**
 * The input fields of docs/model.md §2: canonical key, label, default, validity rule and where the default comes from.
 * Every host (command line, task pane, custom functions, sample workbook) reads this one table.
 */
import { z } from "zod";

export type FieldType = "number" | "integer" | "boolean" | "text" | "enum";

export interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  /** Validity of the coerced value (docs/model.md's "valid" column), for documents and JSON Schema export. */
  schema: z.ZodType;
  /** Number fields: the same rule as plain data (the limit below included), checked directly on the hot path of a run. */
  range?: NumberRange;
  /** A bound beyond docs/model.md's validity that keeps every total finite (docs/model.md §2), with its own message. */
  limit?: FieldLimit;
  /** What is allowed, in words, for error messages. */
  rule: string;
  /** Allowed words for enum fields, lower case. */
  values?: readonly string[];
  /** undefined = required (functions) or derived (bpoChangeOrdersPerYear). */
  defaultValue?: string | number | boolean;
  /** Where the default comes from, shown beside it in the sample workbook. */
  source: string;
  /** Triangular-distribution friendly numeric fields use this to format values. */
  format?: "money" | "share" | "count" | "months" | "days" | "weeks" | "text" | "flag";
}

const SEED_ARTICLE = 'Seed article, "Staff Augmentation vs Outsourcing in 2026" (Kore BPO)';

export interface NumberRange {
  min: number;
  max?: number;
  /** min itself is not allowed ("> 0"). */
  minExclusive?: boolean;
  integer?: boolean;
}

/**
 * The model's own bound on a field that docs/model.md leaves open ("≥ 0"): far beyond any real figure, and low enough
 * that no total can overflow (worst case, every field at its limit over 600 months: about 1e46; docs/limits.md).
 */
export interface FieldLimit {
  min?: number;
  max?: number;
  /** What is allowed, in words, for the message when only the limit is broken. */
  rule: string;
  /** docs/model.md's rule alone: a value that breaks it gets the field's usual message. */
  specified: NumberRange;
}

/** Money amounts (per hour, per FTE-month, one-time, per change order): at most 10^15 in the file's currency. */
export const MONEY_LIMIT = 1e15;
/** Change orders per year: at most 100,000 (about 400 a business day). */
export const CHANGE_ORDERS_LIMIT = 100_000;
/** SA ramp in business days: longer than the longest horizon (600 months × 31 days = 18,600). */
export const RAMP_DAYS_LIMIT = 20_000;
/** BPO ramp in weeks: the same 20,000 business days (5 a week). */
export const RAMP_WEEKS_LIMIT = 4_000;
/** Business days per month: at least a hundredth of a day, so a ramp over them stays a finite number of months. */
export const BUSINESS_DAYS_FLOOR = 0.01;

const grouped = (n: number): string => n.toLocaleString("en-US");
const moneyLimit: Omit<FieldLimit, "specified"> = {
  max: MONEY_LIMIT,
  rule: `a number of at most ${grouped(MONEY_LIMIT)} (10^15, the largest amount the model accepts in any currency)`,
};

/** A number rule as data, and the zod schema it stands for; a limit narrows both. */
function range(
  r: NumberRange,
  limit?: Omit<FieldLimit, "specified">,
): { range: NumberRange; schema: z.ZodType; limit?: FieldLimit } {
  const checked: NumberRange = { ...r };
  if (limit?.min !== undefined && limit.min > r.min) {
    checked.min = limit.min;
    checked.minExclusive = false;
  }
  if (limit?.max !== undefined && (r.max === undefined || limit.max < r.max)) checked.max = limit.max;
  let schema = z.number();
  if (checked.integer) schema = schema.int();
  schema = checked.minExclusive ? schema.gt(checked.min) : schema.min(checked.min);
  if (checked.max !== undefined) schema = schema.max(checked.max);
  return limit ? { range: checked, schema, limit: { ...limit, specified: r } } : { range: checked, schema };
}

export const inRange = (value: number, r: NumberRange): boolean =>
  (r.minExclusive ? value > r.min : value >= r.min) &&
  (r.max === undefined || value <= r.max) &&
  (!r.integer || Number.isInteger(value));

const money = range({ min: 0 }, moneyLimit);
const changeOrders = range(
  { min: 0 },
  { max: CHANGE_ORDERS_LIMIT, rule: `a number of at most ${grouped(CHANGE_ORDERS_LIMIT)} a year (the model's limit)` },
);
const share = range({ min: 0, max: 1 });
/** An enum field that takes one of two words, the first its default. */
const eitherOr = (first: string, second: string) => ({
  type: "enum" as const,
  schema: z.enum([first, second]),
  values: [first, second],
  rule: `${first} or ${second}`,
  defaultValue: first,
});

export const ASSUMPTION_FIELDS: readonly FieldSpec[] = [
  {
    key: "currency",
    label: "Currency",
    type: "text",
    schema: z.string().min(1),
    rule: "text such as USD",
    defaultValue: "USD",
    source: "Model default",
    format: "text",
  },
  {
    key: "horizonMonths",
    label: "Horizon (months)",
    type: "integer",
    ...range({ min: 1, max: 600, integer: true }),
    rule: "a whole number from 1 to 600",
    defaultValue: 36,
    source: "Model default: a typical three-year sourcing contract",
    format: "months",
  },
  {
    key: "businessDaysPerMonth",
    label: "Business days per month",
    type: "number",
    ...range(
      { min: 0, minExclusive: true, max: 31 },
      {
        min: BUSINESS_DAYS_FLOOR,
        rule: `a number of at least ${BUSINESS_DAYS_FLOOR} (the model's limit: a month has at least a hundredth of a business day)`,
      },
    ),
    rule: "a number greater than 0 and at most 31",
    defaultValue: 21,
    source: "Calendar average (about 21 working days a month)",
    format: "days",
  },
  {
    key: "hoursPerMonth",
    label: "Hours per month",
    type: "number",
    ...range({ min: 0, minExclusive: true, max: 744 }),
    rule: "a number greater than 0 and at most 744",
    defaultValue: 160,
    source: "Full-time equivalent: 40 hours × 4 weeks",
    format: "count",
  },
  {
    key: "managerMonthlyCost",
    label: "Manager monthly cost",
    type: "number",
    ...money,
    rule: "a number of at least 0",
    defaultValue: 12000,
    source: "Model default: loaded monthly cost of one manager",
    format: "money",
  },
  {
    key: "discountRateAnnual",
    label: "Discount rate (annual)",
    type: "number",
    ...share,
    rule: "a number from 0 to 1 (8% is 0.08)",
    defaultValue: 0.08,
    source: "Model default: a typical corporate cost of capital",
    format: "share",
  },
  {
    key: "decisionMargin",
    label: "Decision margin",
    type: "number",
    ...share,
    rule: "a number from 0 to 1 (5% is 0.05)",
    defaultValue: 0.05,
    source: "Model default: NPVs closer than this are a tie, settled by scope",
    format: "share",
  },
  {
    key: "rampShape",
    label: "Ramp shape",
    ...eitherOr("step", "linear"),
    source: "Model default: productive from go-live",
    format: "text",
  },
  {
    key: "changeOrdersPerYearStable",
    label: "Change orders per year (stable scope)",
    type: "number",
    ...changeOrders,
    rule: "a number of at least 0",
    defaultValue: 1,
    source: "Model default: about one scope change a year",
    format: "count",
  },
  {
    key: "changeOrdersPerYearEvolving",
    label: "Change orders per year (evolving scope)",
    type: "number",
    ...changeOrders,
    rule: "a number of at least 0",
    defaultValue: 6,
    source: "Change orders can add 20–30% a year to a fixed-price contract whose scope keeps moving",
    format: "count",
  },
];

export const FUNCTION_FIELDS: readonly FieldSpec[] = [
  {
    key: "function",
    label: "Function",
    type: "text",
    schema: z.string().min(1),
    rule: "non-empty text, unique in the table",
    source: "Your input",
    format: "text",
  },
  {
    key: "headcount",
    label: "Headcount (FTE)",
    type: "number",
    ...range({ min: 0, minExclusive: true, max: 100000 }),
    rule: "a number greater than 0 and at most 100,000",
    source: "Your input",
    format: "count",
  },
  {
    key: "saHourlyRate",
    label: "SA hourly rate",
    type: "number",
    ...money,
    rule: "a number of at least 0",
    source: "Your input: the staff augmentation vendor's rate card",
    format: "money",
  },
  {
    key: "bpoMonthlyFeePerFte",
    label: "BPO monthly fee per FTE",
    type: "number",
    ...money,
    rule: "a number of at least 0",
    source: "Your input: the BPO vendor's quote",
    format: "money",
  },
  {
    key: "processDocumented",
    label: "Process documented",
    type: "boolean",
    schema: z.boolean(),
    rule: "yes or no",
    defaultValue: true,
    source: "Model default; BPO needs a documented process",
    format: "flag",
  },
  {
    key: "managementCapacity",
    label: "Management capacity",
    type: "boolean",
    schema: z.boolean(),
    rule: "yes or no",
    defaultValue: true,
    source: "Model default; staff augmentation needs your managers' time",
    format: "flag",
  },
  {
    key: "scope",
    label: "Scope",
    ...eitherOr("stable", "evolving"),
    source: "Model default",
    format: "text",
  },
  {
    key: "saRampDays",
    label: "SA ramp (business days)",
    type: "number",
    ...range(
      { min: 0 },
      {
        max: RAMP_DAYS_LIMIT,
        rule: `a number of at most ${grouped(RAMP_DAYS_LIMIT)} business days (longer than the longest horizon; the model's limit)`,
      },
    ),
    rule: "a number of at least 0",
    defaultValue: 4,
    source: `${SEED_ARTICLE}: staff augmentation ramps in 3–5 days`,
    format: "days",
  },
  {
    key: "saMgmtShare",
    label: "SA management share",
    type: "number",
    ...share,
    rule: "a number from 0 to 1 (share of one manager's time per augmented FTE)",
    defaultValue: 0.15,
    source: `${SEED_ARTICLE}: managing poorly documented augmented staff takes about 30% of a team's time; 15% per FTE for documented work`,
    format: "share",
  },
  {
    key: "saOverheadPerFteMonth",
    label: "SA overhead per FTE-month",
    type: "number",
    ...money,
    rule: "a number of at least 0",
    defaultValue: 0,
    source: "Model default: tooling, licences, equipment, HR pass-through",
    format: "money",
  },
  {
    key: "saOnboardingCostPerFte",
    label: "SA onboarding cost per FTE",
    type: "number",
    ...money,
    rule: "a number of at least 0",
    defaultValue: 0,
    source: "Model default: one-time onboarding",
    format: "money",
  },
  {
    key: "saAnnualAttrition",
    label: "SA annual attrition",
    type: "number",
    ...range({ min: 0, max: 3 }),
    rule: "a number from 0 to 3 (25% a year is 0.25)",
    defaultValue: 0,
    source: "Model default",
    format: "share",
  },
  {
    key: "saAnnualEscalation",
    label: "SA annual escalation",
    type: "number",
    ...range({ min: -0.5, max: 1 }),
    rule: "a number from -0.5 to 1 (3% a year is 0.03)",
    defaultValue: 0.03,
    source: "Model default: typical annual rate increase",
    format: "share",
  },
  {
    key: "bpoRampWeeks",
    label: "BPO ramp (weeks)",
    type: "number",
    ...range(
      { min: 0 },
      {
        max: RAMP_WEEKS_LIMIT,
        rule: `a number of at most ${grouped(RAMP_WEEKS_LIMIT)} weeks (longer than the longest horizon; the model's limit)`,
      },
    ),
    rule: "a number of at least 0",
    defaultValue: 8,
    source: `${SEED_ARTICLE}: a BPO function transfer takes 4–12 weeks`,
    format: "weeks",
  },
  {
    key: "bpoTransitionCost",
    label: "BPO transition cost",
    type: "number",
    ...money,
    rule: "a number of at least 0",
    defaultValue: 0,
    source: "Model default: SOPs, QA, knowledge transfer (one-time)",
    format: "money",
  },
  {
    key: "bpoGovernanceShare",
    label: "BPO governance share",
    type: "number",
    ...share,
    rule: "a number from 0 to 1 (5% is 0.05)",
    defaultValue: 0.05,
    source: "Vendor governance costs 3–6% of contract value",
    format: "share",
  },
  {
    key: "bpoChangeOrdersPerYear",
    label: "BPO change orders per year",
    type: "number",
    ...changeOrders,
    rule: "a number of at least 0",
    source: "Blank: the change-orders assumption for the row's scope",
    format: "count",
  },
  {
    key: "bpoChangeOrderCost",
    label: "BPO change order cost",
    type: "number",
    ...money,
    rule: "a number of at least 0",
    defaultValue: 5000,
    source: "Model default: cost of one change order",
    format: "money",
  },
  {
    key: "bpoAnnualEscalation",
    label: "BPO annual escalation",
    type: "number",
    ...range({ min: -0.5, max: 1 }),
    rule: "a number from -0.5 to 1 (3% a year is 0.03)",
    defaultValue: 0.03,
    source: "Model default: typical annual fee increase",
    format: "share",
  },
  {
    key: "delayCostPerFteMonth",
    label: "Delay cost per FTE-month",
    type: "number",
    ...money,
    rule: "a number of at least 0",
    defaultValue: 0,
    source: "Model default: value lost per FTE-month the work is not done",
    format: "money",
  },
];

/** Per-function fields that may also be given as assumptions (all but the identity and the required figures). */
export const REQUIRED_FUNCTION_KEYS = ["function", "headcount", "saHourlyRate", "bpoMonthlyFeePerFte"] as const;
export const OPTIONAL_FUNCTION_FIELDS: readonly FieldSpec[] = FUNCTION_FIELDS.filter(
  (f) => !(REQUIRED_FUNCTION_KEYS as readonly string[]).includes(f.key),
);

// ---- Uncertainty: triangular ranges (min, most likely, max) for the simulation and the tornado ---------------

/**
 * Per-function fields that may carry a range: the row's value is the most likely value, and optional columns
 * `<key>Min` / `<key>Max` (labels "<label> min" / "<label> max") give the low and high ends of a triangular
 * distribution. Order matters: the simulation draws one number per key per trial in this order.
 */
export const UNCERTAIN_KEYS = [
  "saHourlyRate",
  "bpoMonthlyFeePerFte",
  "saRampDays",
  "bpoRampWeeks",
  "saMgmtShare",
  "bpoTransitionCost",
  "saAnnualEscalation",
  "bpoAnnualEscalation",
] as const;
export type UncertainKey = (typeof UNCERTAIN_KEYS)[number];

export type RangeEnd = "min" | "max";

/** One end of a range as a field: same type and validity as the field it bounds. */
function rangeField(base: FieldSpec, end: RangeEnd): FieldSpec {
  const suffix = end === "min" ? "Min" : "Max";
  return {
    ...base,
    key: `${base.key}${suffix}`,
    label: `${base.label} ${end}`,
    rule: `${base.rule}, and ${end === "min" ? "at most" : "at least"} the most likely value (${base.label})`,
    defaultValue: undefined,
    source: `Optional: the ${end === "min" ? "lowest" : "highest"} plausible ${base.label}; blank means no uncertainty on this side (the most likely value).`,
  };
}

/** `<key>Min` and `<key>Max` for every uncertain key, min first. */
export const UNCERTAINTY_FIELDS: readonly FieldSpec[] = UNCERTAIN_KEYS.flatMap((key) => {
  const base = FUNCTION_FIELDS.find((f) => f.key === key) as FieldSpec;
  return [rangeField(base, "min"), rangeField(base, "max")];
});

/** The field a range column bounds, and which end: `bpoRampWeeksMin` → { key: "bpoRampWeeks", end: "min" }. */
export const RANGE_FIELD_OF: ReadonlyMap<string, { key: UncertainKey; end: RangeEnd }> = new Map(
  UNCERTAIN_KEYS.flatMap((key) => [
    [`${key}Min`, { key, end: "min" as RangeEnd }],
    [`${key}Max`, { key, end: "max" as RangeEnd }],
  ]),
);

// ---- Portfolio: the limits shared by every function (docs/model.md §8.1) ------------------------------------

/** The longest start step: the longest horizon. */
export const START_STEP_LIMIT = 600;

/**
 * The portfolio's three assumptions. They are read from the assumptions table like §2.1's and validated the same
 * way, but only the portfolio uses them: blank limits mean unlimited, so a workbook without them models as before.
 */
export const PORTFOLIO_FIELDS: readonly FieldSpec[] = [
  {
    key: "managementCapacityFte",
    label: "Management capacity (manager FTE)",
    type: "number",
    ...range({ min: 0 }, { max: 1e9, rule: "a number of at most 1,000,000,000 manager FTEs (the model's limit)" }),
    rule: "a number of manager FTEs of at least 0 (1.5 is one and a half managers); blank means unlimited",
    source: "Portfolio: manager FTEs free each month to manage augmented staff; blank means unlimited",
    format: "count",
  },
  {
    key: "maxConcurrentTransitions",
    label: "Max concurrent transitions",
    type: "integer",
    ...range(
      { min: 0, integer: true },
      { max: 1e9, rule: "a whole number of at most 1,000,000,000 transitions (the model's limit)" },
    ),
    rule: "a whole number of at least 0 (the BPO transitions your team can run in the same month); blank means unlimited",
    source: "Portfolio: BPO transitions that may be under way in one month; blank means unlimited",
    format: "count",
  },
  {
    key: "transitionStartStepMonths",
    label: "Transition start step (months)",
    type: "integer",
    ...range({ min: 1, max: START_STEP_LIMIT, integer: true }),
    rule: `a whole number of months from 1 to ${START_STEP_LIMIT} (3: a delayed transition may start in months 1, 4, 7, …)`,
    defaultValue: 3,
    source: "Portfolio: a delayed BPO transition may start every this many months",
    format: "months",
  },
];

/** Fields an assumptions table may carry: §2.1, every optional per-function field as a default, range ends, and the portfolio's limits. */
export const ASSUMPTION_TABLE_FIELDS: readonly FieldSpec[] = [
  ...ASSUMPTION_FIELDS,
  ...OPTIONAL_FUNCTION_FIELDS,
  ...UNCERTAINTY_FIELDS,
  ...PORTFOLIO_FIELDS,
];

export const FIELD_BY_KEY: ReadonlyMap<string, FieldSpec> = new Map(
  [...ASSUMPTION_FIELDS, ...FUNCTION_FIELDS, ...UNCERTAINTY_FIELDS, ...PORTFOLIO_FIELDS].map((f) => [f.key, f]),
);
