/**
 * "Sourcing Portfolio" in the native-formula export (docs/export.md): the portfolio plan (docs/model.md §8) as
 * values, with a note that the optimiser needs the add-in, and the monthly management load and transitions in
 * flight as formulas on those values. Recalculating the workbook never re-optimises; it does make the loads follow
 * the inputs (a headcount, a ramp), and "Within limits" says whether the fixed plan still fits the limits above it.
 *
 * Each plan row reads its function's resolved inputs (Sourcing Drivers: Headcount, SaMgmtShare) and the BPO ramp
 * days of its Sourcing Calc block, shifted to the plan's start month: r_s(m) = r(R, m − s + 1), as §8.2 defines.
 */
import { columnLetters, quoteSheetName } from "../layout/address";
import { RECOMMENDATION_LABELS, formatMoney, type PortfolioResult } from "../model";
import { calcBlock } from "./calc";
import { CALC_SHEET, GLOBAL_NAMES, driverName } from "./names";
import { type CellSpec, type SheetSpec, formula, newSheet, num, setCell, text } from "./spec";

export const PORTFOLIO_EXPORT_SHEET = "Sourcing Portfolio";

/** Capacity comparisons allow this many manager FTEs, as the optimiser does (docs/model.md §8.3). */
const CAPACITY_TOLERANCE = "1E-9";

/** Sheet rows of the parts of the sheet (1-based). */
const LIMIT_ROWS = { capacity: 5, transitions: 6, step: 7 } as const;
const PLAN_HEADER_ROW = 9;

const PLAN_COLUMNS = [
  "Function #",
  "Function",
  "Portfolio strategy",
  "Strategy code",
  "Start month",
  "Recommendation alone",
  "NPV of the plan",
] as const;
const CODE_COLUMN = "D";
const START_COLUMN = "E";

export const MONTHLY_HEADERS = [
  "Month",
  "Management load (manager FTE)",
  "Management capacity (manager FTE)",
  "Transitions in flight",
  "Max concurrent transitions",
  "Within limits",
] as const;

/** Where the monthly block starts, for readers and tests: the header row and the first month's row. */
export const monthlyBlockRow = (functionCount: number): number => PLAN_HEADER_ROW + functionCount + 2;

/** 1-based sheet columns of month m's load and in-transition cells on a plan row. */
const loadColumn = (m: number): number => PLAN_COLUMNS.length + m;
const transitionColumn = (m: number, maxHorizon: number): number => PLAN_COLUMNS.length + maxHorizon + m;

/** Manager FTEs to two decimals, rounded up. */
const roundedUp = (fte: number): string => (Math.ceil(fte * 100 - 1e-9) / 100).toFixed(2);

function statusLine(portfolio: PortfolioResult): string {
  const currency = portfolio.assumptions.currency;
  const unconstrained = formatMoney(portfolio.unconstrainedNpv, currency);
  if (portfolio.status === "infeasible") {
    const needs: string[] = [];
    if (portfolio.minimumManagementCapacityFte !== null)
      // Rounded up: the figure given is enough.
      needs.push(`a management capacity of at least ${roundedUp(portfolio.minimumManagementCapacityFte)} manager FTE`);
    if (portfolio.minimumConcurrentTransitions !== null)
      needs.push(`at least ${portfolio.minimumConcurrentTransitions} concurrent transitions`);
    return `No plan meets both limits${needs.length > 0 ? `: allow ${needs.join(" or ")}` : ""}. Without the limits the portfolio NPV would be ${unconstrained}.`;
  }
  const total = formatMoney(portfolio.totalNpv ?? 0, currency);
  const found =
    portfolio.status === "stopped"
      ? `Best plan found in time (within ${(portfolio.relativeGap * 100).toFixed(2)}% of the optimum)`
      : "Optimal plan";
  return `${found}: portfolio NPV ${total}, against ${unconstrained} without the limits.`;
}

/**
 * The sheet for a plan of the exported functions: `portfolio.plans` in input order, one per exported function (the
 * rows without input errors, as Sourcing Calc numbers them).
 */
export function portfolioSheet(portfolio: PortfolioResult, maxHorizon: number, exportedAt: Date): SheetSpec {
  const sheet = newSheet(PORTFOLIO_EXPORT_SHEET);
  sheet.freezeHeader = false;
  const day = exportedAt.toISOString().slice(0, 10);
  setCell(
    sheet,
    1,
    1,
    text(
      `Portfolio plan computed by the Sourcing Modeler add-in on ${day}; recalculating this workbook does not re-optimise it.`,
      "header",
    ),
  );
  setCell(
    sheet,
    2,
    1,
    text(
      "The optimiser needs the add-in (Portfolio panel) or sourcing-model portfolio: re-optimise there and export again. The loads and transitions below are formulas on this plan, so they follow an edited headcount or ramp.",
    ),
  );
  setCell(sheet, 3, 1, text(statusLine(portfolio)));

  const limits = portfolio.limits;
  const limit = (row: number, label: string, value: number | null, note: string) => {
    setCell(sheet, row, 1, text(label));
    if (value !== null) setCell(sheet, row, 2, num(value, "decimal"));
    setCell(sheet, row, 3, text(note));
  };
  limit(LIMIT_ROWS.capacity, "Management capacity (manager FTE)", limits.managementCapacityFte, "blank = unlimited");
  limit(LIMIT_ROWS.transitions, "Max concurrent transitions", limits.maxConcurrentTransitions, "blank = unlimited");
  limit(LIMIT_ROWS.step, "Transition start step (months)", limits.transitionStartStepMonths, "");

  PLAN_COLUMNS.forEach((header, c) => setCell(sheet, PLAN_HEADER_ROW, c + 1, text(header, "header")));
  for (let m = 1; m <= maxHorizon; m++) {
    setCell(sheet, PLAN_HEADER_ROW, loadColumn(m), text(`Load, month ${m}`, "header"));
    setCell(sheet, PLAN_HEADER_ROW, transitionColumn(m, maxHorizon), text(`In transition, month ${m}`, "header"));
  }

  const calc = quoteSheetName(CALC_SHEET);
  const D = GLOBAL_NAMES.businessDaysPerMonth;
  const H = GLOBAL_NAMES.horizonMonths;
  portfolio.plans.forEach((plan, index) => {
    const fn = index + 1;
    const row = PLAN_HEADER_ROW + fn;
    const code = `$${CODE_COLUMN}${row}`;
    const start = `$${START_COLUMN}${row}`;
    const ramp = calcBlock("bpoRamp", fn, maxHorizon, calc);
    const perMonth = `INDEX(${driverName("headcount")},$A${row})*INDEX(${driverName("saMgmtShare")},$A${row})`;
    const strategy = plan.strategy;
    const cells: (CellSpec | undefined)[] = [
      num(fn, "integer"),
      text(plan.function),
      text(strategy === null ? "No plan meets the limits" : RECOMMENDATION_LABELS[strategy]),
      strategy === null ? undefined : text(strategy),
      plan.startMonth === null ? undefined : num(plan.startMonth, "integer"),
      text(RECOMMENDATION_LABELS[plan.recommendation]),
      plan.npv === null ? undefined : num(plan.npv, "money"),
    ];
    cells.forEach((cell, c) => cell && setCell(sheet, row, c + 1, cell));
    for (let m = 1; m <= maxHorizon; m++) {
      // §8.2: c_s(m) = 1 − live_s(m), live_s(m) = 0 before the start, 1 − r_s(m)/D from it; in the model's order.
      const bridgeCover = `(1-IF(${m}<${start},0,1-INDEX(${ramp},${m}-${start}+1)/${D}))`;
      setCell(
        sheet,
        row,
        loadColumn(m),
        formula(
          `IF(${m}>${H},0,IF(${code}="STAFF_AUG",${perMonth},IF(${code}="BRIDGE",${bridgeCover}*(${perMonth}),0)))`,
          "decimal",
        ),
      );
      // In transition: BPO (start 1) or a bridge from its start, while the shifted ramp has days left.
      setCell(
        sheet,
        row,
        transitionColumn(m, maxHorizon),
        formula(
          `IF(${m}>${H},0,IF(OR(${code}="BPO",${code}="BRIDGE"),IF(${m}<${start},0,IF(INDEX(${ramp},${m}-${start}+1)>0,1,0)),0))`,
          "integer",
        ),
      );
    }
  });

  const top = monthlyBlockRow(portfolio.plans.length);
  MONTHLY_HEADERS.forEach((header, c) => setCell(sheet, top, c + 1, text(header, "header")));
  const firstPlan = PLAN_HEADER_ROW + 1;
  const lastPlan = PLAN_HEADER_ROW + Math.max(1, portfolio.plans.length);
  const capacity = `$B$${LIMIT_ROWS.capacity}`;
  const transitions = `$B$${LIMIT_ROWS.transitions}`;
  for (let m = 1; m <= maxHorizon; m++) {
    const row = top + m;
    const sum = (column: number) => {
      const letters = columnLetters(column - 1);
      return `SUM(${letters}${firstPlan}:${letters}${lastPlan})`;
    };
    setCell(sheet, row, 1, num(m, "integer"));
    setCell(sheet, row, 2, formula(sum(loadColumn(m)), "decimal"));
    setCell(sheet, row, 3, formula(`IF(${capacity}="","Unlimited",${capacity})`, "decimal"));
    setCell(sheet, row, 4, formula(sum(transitionColumn(m, maxHorizon)), "integer"));
    setCell(sheet, row, 5, formula(`IF(${transitions}="","Unlimited",${transitions})`, "integer"));
    setCell(
      sheet,
      row,
      6,
      formula(
        `IF(AND(OR(${capacity}="",B${row}<=${capacity}+${CAPACITY_TOLERANCE}),OR(${transitions}="",D${row}<=${transitions})),"yes","no")`,
      ),
    );
  }
  sheet.widths.set(1, 34);
  sheet.widths.set(2, 24);
  sheet.widths.set(3, 24);
  for (let c = 4; c <= PLAN_COLUMNS.length; c++) sheet.widths.set(c, 16);
  return sheet;
}
