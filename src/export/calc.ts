/**
 * "Sourcing Calc": one block of rows per function, one row per month up to the export's longest horizon, one
 * docs/model.md §3–§5 term per column. Months beyond the horizon in use count as zero cost, so a reader can shorten the
 * horizon; the block has no rows for a longer one (export again).
 *
 * Each formula repeats the model's arithmetic in the model's order of operations (engine.ts), so the two agree to
 * the last few bits. The first and last month of a block get their own formulas (no running total before month 1;
 * nothing after the last row), generated here rather than guarded by IFs.
 */
import { columnLetters } from "../layout/address";
import { STRATEGY_LABELS } from "../model";
import { BPO_RAMP_DAYS, CALC_SHEET, GLOBAL_NAMES, TOLERANCE_NAME, driverName } from "./names";
import { type CellSpec, type CellStyle, type SheetSpec, formula, newSheet, num, setCell, text } from "./spec";

const D = GLOBAL_NAMES.businessDaysPerMonth;
const TOL = TOLERANCE_NAME;

export interface CalcRow {
  fn: number;
  month: number;
  first: boolean;
  last: boolean;
  /** This row's cell of a column, e.g. "P7". */
  at(key: CalcKey): string;
  /** The previous / next row's cell (same function block). */
  prev(key: CalcKey): string;
  next(key: CalcKey): string;
  /** The function's resolved input, e.g. INDEX(Headcount,$A7). */
  input(key: string): string;
}

interface CalcColumn {
  key: string;
  header: string;
  style?: CellStyle;
  cell(r: CalcRow): CellSpec;
}

const f = (style?: CellStyle) => (build: (r: CalcRow) => string) => (r: CalcRow) => formula(build(r), style);
const money = f("money");
const share = f("share");
const plain = f();
const int = f("integer");

/** p(R, m) for a linear ramp (docs/model.md §3), with a = start day, b = end day of the month. */
const linearShare = (R: string, a: string, b: string): string =>
  `IF(${R}=0,1,IF(${a}>=${R},1,MIN(1,IF(${b}<=${R},(${b}*${b}-${a}*${a})/(2*${R}),(${R}*${R}-${a}*${a})/(2*${R})+(${b}-${R}))/${D})))`;

/** Smallest month m with ok(k) for all k in m..H, computed backwards: ok(m) = cond(m) and ok(m + 1). */
const sustained = (condition: (r: CalcRow) => string) => (r: CalcRow) =>
  formula(
    r.last
      ? `IF(${r.at("inHorizon")}=0,1,IF(${condition(r)},1,0))`
      : `IF(${r.at("inHorizon")}=0,1,IF(AND(${condition(r)},${r.next(SELF)}=1),1,0))`,
    "integer",
  );
const SELF = "__self__";

const running = (monthly: CalcKey, factor?: CalcKey) => (r: CalcRow) => {
  const term = factor ? `${r.at(monthly)}*${r.at(factor)}` : r.at(monthly);
  return formula(r.first ? term : `${r.prev(SELF)}+${term}`, "money");
};

const COLUMNS: readonly CalcColumn[] = [
  { key: "fn", header: "Function #", cell: (r) => num(r.fn, "integer") },
  { key: "month", header: "Month", cell: (r) => num(r.month, "integer") },
  { key: "name", header: "Function", cell: plain((r) => r.input("function")) },
  {
    key: "inHorizon",
    header: "In horizon (1/0)",
    cell: int((r) => `IF(${r.at("month")}<=${GLOBAL_NAMES.horizonMonths},1,0)`),
  },
  { key: "year", header: "Contract year y", cell: int((r) => `INT((${r.at("month")}-1)/12)`) },
  { key: "startDay", header: "Business days before the month (a)", cell: plain((r) => `(${r.at("month")}-1)*${D}`) },
  { key: "endDay", header: "Business days to month end (b)", cell: plain((r) => `${r.at("month")}*${D}`) },
  {
    key: "saRamp",
    header: "SA ramp days in month",
    cell: plain((r) => `MAX(0,MIN(${D},${r.input("saRampDays")}-${r.at("startDay")}))`),
  },
  {
    key: "saProductive",
    header: "SA productive share",
    cell: share(
      (r) =>
        `IF(${GLOBAL_NAMES.rampShape}="linear",${linearShare(r.input("saRampDays"), r.at("startDay"), r.at("endDay"))},1-${r.at("saRamp")}/${D})`,
    ),
  },
  {
    key: "bpoRamp",
    header: "BPO ramp days in month",
    cell: plain((r) => `MAX(0,MIN(${D},${r.input(BPO_RAMP_DAYS)}-${r.at("startDay")}))`),
  },
  { key: "bpoLive", header: "BPO live share", cell: share((r) => `1-${r.at("bpoRamp")}/${D}`) },
  {
    key: "bpoProductive",
    header: "BPO productive share",
    cell: share(
      (r) =>
        `IF(${GLOBAL_NAMES.rampShape}="linear",${linearShare(r.input(BPO_RAMP_DAYS), r.at("startDay"), r.at("endDay"))},${r.at("bpoLive")})`,
    ),
  },
  {
    key: "saEscalation",
    header: "SA escalation factor",
    cell: plain((r) => `(1+${r.input("saAnnualEscalation")})^${r.at("year")}`),
  },
  {
    key: "bpoEscalation",
    header: "BPO escalation factor",
    cell: plain((r) => `(1+${r.input("bpoAnnualEscalation")})^${r.at("year")}`),
  },
  {
    key: "saFees",
    header: "SA fees",
    cell: money(
      (r) => `${r.input("headcount")}*${r.input("saHourlyRate")}*${GLOBAL_NAMES.hoursPerMonth}*${r.at("saEscalation")}`,
    ),
  },
  {
    key: "saManagement",
    header: "SA management",
    cell: money((r) => `${r.input("headcount")}*${r.input("saMgmtShare")}*${GLOBAL_NAMES.managerMonthlyCost}`),
  },
  {
    key: "saOverhead",
    header: "SA overhead",
    cell: money((r) => `${r.input("headcount")}*${r.input("saOverheadPerFteMonth")}`),
  },
  {
    key: "saOnboarding",
    header: "SA onboarding",
    cell: money((r) => (r.month === 1 ? `${r.input("headcount")}*${r.input("saOnboardingCostPerFte")}` : "0")),
  },
  {
    key: "saAttrition",
    header: "SA attrition",
    cell: money(
      (r) =>
        `${r.input("headcount")}*(${r.input("saAnnualAttrition")}/12)*(${r.input("saOnboardingCostPerFte")}+${r.input("saHourlyRate")}*${GLOBAL_NAMES.hoursPerMonth}*${r.at("saEscalation")}*${r.input("saRampDays")}/${D})`,
    ),
  },
  {
    key: "saDelay",
    header: "SA delay",
    cell: money((r) => `${r.input("headcount")}*${r.input("delayCostPerFteMonth")}*(1-${r.at("saProductive")})`),
  },
  {
    key: "saMonthly",
    header: "Staff augmentation monthly",
    cell: money(
      (r) =>
        `IF(${r.at("inHorizon")}=1,${["saFees", "saManagement", "saOverhead", "saOnboarding", "saAttrition", "saDelay"].map((k) => r.at(k)).join("+")},0)`,
    ),
  },
  {
    key: "bpoFees",
    header: "BPO fees",
    cell: money(
      (r) => `${r.input("headcount")}*${r.input("bpoMonthlyFeePerFte")}*${r.at("bpoEscalation")}*${r.at("bpoLive")}`,
    ),
  },
  {
    key: "bpoTransition",
    header: "BPO transition",
    cell: money(
      (r) =>
        `IF(${r.input(BPO_RAMP_DAYS)}=0,${r.month === 1 ? r.input("bpoTransitionCost") : "0"},${r.input("bpoTransitionCost")}*${r.at("bpoRamp")}/${r.input(BPO_RAMP_DAYS)})`,
    ),
  },
  {
    key: "bpoGovernance",
    header: "BPO governance",
    cell: money((r) => `${r.input("bpoGovernanceShare")}*${r.at("bpoFees")}`),
  },
  {
    key: "bpoChangeOrders",
    header: "BPO change orders",
    cell: money((r) => `(${r.input("bpoChangeOrdersPerYear")}/12)*${r.input("bpoChangeOrderCost")}*${r.at("bpoLive")}`),
  },
  {
    key: "bpoDelay",
    header: "BPO delay",
    cell: money((r) => `${r.input("headcount")}*${r.input("delayCostPerFteMonth")}*(1-${r.at("bpoProductive")})`),
  },
  {
    key: "bpoMonthly",
    header: "BPO monthly",
    cell: money(
      (r) =>
        `IF(${r.at("inHorizon")}=1,${["bpoFees", "bpoTransition", "bpoGovernance", "bpoChangeOrders", "bpoDelay"].map((k) => r.at(k)).join("+")},0)`,
    ),
  },
  { key: "bridgeShare", header: "Bridge SA share s", cell: share((r) => `1-${r.at("bpoLive")}`) },
  {
    key: "bridgeDelay",
    header: "Bridge delay",
    cell: money(
      (r) =>
        `${r.input("headcount")}*${r.input("delayCostPerFteMonth")}*(1-MAX(${r.at("saProductive")},${r.at("bpoProductive")}))`,
    ),
  },
  {
    key: "bridgeMonthly",
    header: "Bridge monthly",
    cell: money(
      (r) =>
        `IF(${r.at("inHorizon")}=1,${r.at("bridgeShare")}*(${r.at("saFees")}+${r.at("saManagement")}+${r.at("saOverhead")}+${r.at("saAttrition")})+${["saOnboarding", "bpoFees", "bpoTransition", "bpoGovernance", "bpoChangeOrders", "bridgeDelay"].map((k) => r.at(k)).join("+")},0)`,
    ),
  },
  {
    key: "discount",
    header: "Discount factor v",
    cell: plain((r) => `(1+${GLOBAL_NAMES.discountRateAnnual})^(-${r.at("month")}/12)`),
  },
  { key: "cumSa", header: "Staff augmentation cumulative", cell: running("saMonthly") },
  { key: "cumBpo", header: "BPO cumulative", cell: running("bpoMonthly") },
  { key: "cumBridge", header: "Bridge cumulative", cell: running("bridgeMonthly") },
  { key: "discSa", header: "Staff augmentation discounted cumulative", cell: running("saMonthly", "discount") },
  { key: "discBpo", header: "BPO discounted cumulative", cell: running("bpoMonthly", "discount") },
  { key: "discBridge", header: "Bridge discounted cumulative", cell: running("bridgeMonthly", "discount") },
  {
    key: "gap",
    header: "Gap g = BPO − staff augmentation cumulative",
    cell: money((r) => `${r.at("cumBpo")}-${r.at("cumSa")}`),
  },
  {
    key: "sign",
    header: "Gap sign",
    cell: int((r) => `IF(${r.at("inHorizon")}=0,0,IF(${r.at("gap")}<-${TOL},-1,IF(${r.at("gap")}>${TOL},1,0)))`),
  },
  {
    key: "lastSign",
    header: "Last non-zero sign",
    cell: int((r) => (r.first ? r.at("sign") : `IF(${r.at("sign")}<>0,${r.at("sign")},${r.prev(SELF)})`)),
  },
  {
    key: "crossing",
    header: "Crossing (1/0)",
    cell: int((r) =>
      r.first ? "0" : `IF(AND(${r.at("sign")}<>0,${r.prev("lastSign")}<>0,${r.at("sign")}<>${r.prev("lastSign")}),1,0)`,
    ),
  },
  {
    key: "crossings",
    header: "Crossings so far",
    cell: plain((r) =>
      r.first
        ? '""'
        : `${r.prev(SELF)}&IF(${r.at("crossing")}=1,IF(${r.prev(SELF)}="","","; ")&${r.at("month")}&" "&IF(${r.at("sign")}<0,"${STRATEGY_LABELS.BPO}","${STRATEGY_LABELS.STAFF_AUG}"),"")`,
    ),
  },
  {
    key: "breakEvenOk",
    header: "BPO cumulative ≤ staff augmentation from here to the horizon",
    cell: sustained((r) => `${r.at("cumBpo")}<=${r.at("cumSa")}+${TOL}`),
  },
  {
    key: "discountedOk",
    header: "BPO discounted ≤ staff augmentation from here to the horizon",
    cell: sustained((r) => `${r.at("discBpo")}<=${r.at("discSa")}+${TOL}`),
  },
  {
    key: "runRateOk",
    header: "BPO monthly ≤ staff augmentation from here to the horizon",
    cell: sustained((r) => `${r.at("bpoMonthly")}<=${r.at("saMonthly")}+${TOL}`),
  },
];

/** A column key of Sourcing Calc ("saFees", "cumBpo", …). */
export type CalcKey = string;

const LETTERS = new Map(COLUMNS.map((c, i) => [c.key, columnLetters(i)]));

/** The column letter of a key; an unknown key is a bug in this file, caught by the tests at once. */
export function calcLetter(key: CalcKey): string {
  const letter = LETTERS.get(key);
  if (letter === undefined) throw new Error(`Sourcing Calc has no column "${key}".`);
  return letter;
}

export const CALC_HEADERS: ReadonlyMap<CalcKey, string> = new Map(COLUMNS.map((c) => [c.key, c.header]));

/** Sheet row of month m of function i (both 1-based). */
export const calcRow = (i: number, month: number, maxHorizon: number): number => 1 + (i - 1) * maxHorizon + month;

/** Absolute range of one column over function i's block, e.g. 'Sourcing Calc'!$AF$2:$AF$37. */
export const calcBlock = (key: CalcKey, i: number, maxHorizon: number, sheetRef: string): string =>
  `${sheetRef}!$${calcLetter(key)}$${calcRow(i, 1, maxHorizon)}:$${calcLetter(key)}$${calcRow(i, maxHorizon, maxHorizon)}`;

export function calcSheet(functionCount: number, maxHorizon: number): SheetSpec {
  const sheet = newSheet(CALC_SHEET);
  COLUMNS.forEach((column, c) => {
    setCell(sheet, 1, c + 1, text(column.header, "header"));
    sheet.widths.set(c + 1, Math.min(Math.max(column.header.length * 0.6, 11), 22));
  });
  // functions × months rows of ~45 formulas: made row by row as the writer asks, never held all at once.
  sheet.generated = { first: 2, last: 1 + functionCount * maxHorizon, row: (row) => calcRowCells(row, maxHorizon) };
  return sheet;
}

/** The cells of one sheet row of Sourcing Calc, by 0-based column. */
function calcRowCells(row: number, maxHorizon: number): CellSpec[] {
  const fn = Math.floor((row - 2) / maxHorizon) + 1;
  const month = row - 1 - (fn - 1) * maxHorizon;
  const r: CalcRow = {
    fn,
    month,
    first: month === 1,
    last: month === maxHorizon,
    at: (key) => `${calcLetter(key)}${row}`,
    prev: (key) => `${calcLetter(key)}${row - 1}`,
    next: (key) => `${calcLetter(key)}${row + 1}`,
    // INDEX over the named column reads as the input's name; a direct cell reference would be quicker for
    // HyperFormula (the bench), not for Excel or LibreOffice, and harder to read.
    input: (key) => `INDEX(${key === BPO_RAMP_DAYS ? key : driverName(key)},$A${row})`,
  };
  const build = (column: CalcColumn): CellSpec => {
    const self = (key: CalcKey) => (key === SELF ? column.key : key);
    return column.cell({ ...r, at: (k) => r.at(self(k)), prev: (k) => r.prev(self(k)), next: (k) => r.next(self(k)) });
  };
  // Months 2 to H − 1 of a block differ only in their row numbers (the first and last month have formulas of their
  // own): each column of them is one shared formula, which keeps the file about five times smaller.
  if (month === 1 || month === maxHorizon || maxHorizon < 4) return COLUMNS.map(build);
  const top = calcRow(fn, 2, maxHorizon);
  const bottom = calcRow(fn, maxHorizon - 1, maxHorizon);
  return COLUMNS.map((column, c) => {
    const shape = COLUMN_SHAPES[c];
    if (!shape.formula) return build(column);
    const letter = calcLetter(column.key);
    const shared = { ref: `${letter}${top}:${letter}${bottom}` };
    if (month === 2)
      return { style: shape.style, content: { kind: "formula", formula: formulaOf(build(column)), shared } };
    // The writer stores only the run's first formula; the others are built only if something reads them (tests).
    return {
      style: shape.style,
      content: {
        kind: "formula",
        shared,
        get formula(): string {
          return formulaOf(build(column));
        },
      },
    };
  });
}

const formulaOf = (cell: CellSpec): string => (cell.content.kind === "formula" ? cell.content.formula : "");

/** Whether each column holds a formula in the middle months of a block, and its style (month 2 of a 3-month block). */
const COLUMN_SHAPES: readonly { formula: boolean; style?: CellStyle }[] = calcRowCells(3, 3).map((cell) => ({
  formula: cell.content.kind === "formula",
  style: cell.style,
}));
