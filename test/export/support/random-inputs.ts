/**
 * Seeded random model inputs for the export checks: both ramp shapes, horizons 1 to 120, blank cells that fall back
 * to assumptions and defaults, every spelling of yes/no, margins wide enough for scope tie-breaks, escalations that
 * make the cumulative lines cross either way, gates that leave one strategy or none.
 */
import type { CellValue, ModelInput } from "../../../src/model";
import { mulberry32 } from "../../../src/model/random";

const YES = ["yes", "Yes", "y", "TRUE", true, 1, "1"];
const NO = ["no", "No", "n", "false", false, 0, "0"];
const NAMES = [
  "Customer support",
  "=SUM(A1)",
  "'Quoted",
  "R&D <lab>",
  "Payroll",
  "  Spaced  ",
  "Données",
  "IT helpdesk",
  "Accounts payable",
];

export function randomInput(seed: number): ModelInput {
  const rnd = mulberry32(seed * 7919 + 17);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const between = (lo: number, hi: number, digits = 2) => Number((lo + rnd() * (hi - lo)).toFixed(digits));
  const maybe = (value: CellValue, blankShare = 0.25): CellValue => (rnd() < blankShare ? null : value);

  const horizon = seed === 0 ? 1 : seed === 1 ? 120 : seed === 2 ? 2 : 1 + Math.floor(rnd() * 120);
  const assumptions: Record<string, CellValue> = {
    currency: pick(["USD", "EUR", "GBP"]),
    horizonMonths: horizon,
    businessDaysPerMonth: pick([21, 20, 22, 21.5, 18.75]),
    hoursPerMonth: pick([160, 168, 150.5]),
    managerMonthlyCost: between(4000, 20000, 0),
    discountRateAnnual: pick([0, 0.05, 0.08, between(0, 0.25, 3)]),
    decisionMargin: pick([0, 0.05, 0.1, between(0.2, 0.9, 2)]),
    rampShape: seed % 2 === 0 ? "step" : pick(["linear", "Linear"]),
    changeOrdersPerYearStable: between(0, 3, 1),
    changeOrdersPerYearEvolving: between(2, 12, 1),
  };
  // Per-function defaults in the assumptions table, for rows that leave the cell blank.
  if (rnd() < 0.5) assumptions.saRampDays = between(0, 15, 1);
  if (rnd() < 0.4) assumptions.bpoRampWeeks = pick([0, 2, 6.5, 10]);
  if (rnd() < 0.3) assumptions.bpoChangeOrdersPerYear = between(0, 8, 1);
  if (rnd() < 0.3) assumptions.processDocumented = pick([...YES, ...NO]);
  if (rnd() < 0.3) assumptions.scope = pick(["stable", "evolving"]);
  if (rnd() < 0.3) assumptions.delayCostPerFteMonth = between(0, 4000, 0);

  const count = 1 + Math.floor(rnd() * 5);
  const names = [...NAMES].sort(() => rnd() - 0.5).slice(0, count);
  const functions = names.map((name) => {
    // Crossings in both directions: BPO cheap at first but escalating fast, or slow transfer with high transition.
    const bpoEscalates = rnd() < 0.3;
    return {
      function: name,
      headcount: between(0.5, 40, 1),
      saHourlyRate: between(12, 110, 2),
      bpoMonthlyFeePerFte: between(1500, 16000, 0),
      processDocumented: rnd() < 0.12 ? pick(NO) : maybe(pick(YES), 0.2),
      managementCapacity: rnd() < 0.15 ? pick(NO) : maybe(pick(YES), 0.2),
      scope: maybe(pick(["stable", "evolving", "Evolving", "STABLE"]), 0.2),
      saRampDays: maybe(between(0, 25, 1)),
      saMgmtShare: maybe(between(0, 0.4, 3)),
      saOverheadPerFteMonth: maybe(between(0, 900, 0), 0.5),
      saOnboardingCostPerFte: maybe(between(0, 6000, 0), 0.5),
      saAnnualAttrition: maybe(between(0, 0.6, 2), 0.4),
      saAnnualEscalation: maybe(bpoEscalates ? between(-0.1, 0.02, 3) : between(-0.05, 0.2, 3)),
      bpoRampWeeks: maybe(pick([0, 1, 4, 8, 12.5, 20])),
      bpoTransitionCost: maybe(between(0, 250000, 0)),
      bpoGovernanceShare: maybe(between(0, 0.1, 3)),
      bpoChangeOrdersPerYear: maybe(between(0, 12, 1), 0.5),
      bpoChangeOrderCost: maybe(between(0, 15000, 0)),
      bpoAnnualEscalation: maybe(bpoEscalates ? between(0.2, 0.6, 3) : between(-0.05, 0.15, 3)),
      delayCostPerFteMonth: maybe(between(0, 5000, 0)),
    } satisfies Record<string, CellValue>;
  });
  return { assumptions, functions };
}
