/** Random model inputs for the tests that compare a host's output with the model's own (fast-check arbitraries). */
import fc from "fast-check";
import type { ModelInput } from "../../src/model";
import { baseAssumptions, handRow } from "../model/helpers";

/** A row with every component on, its numbers drawn (ramps up to 90 days and 30 weeks, so both month paths run). */
export const randomRow = (names: fc.Arbitrary<string>) =>
  fc.record({
    function: names,
    headcount: fc.integer({ min: 1, max: 60 }),
    saHourlyRate: fc.double({ min: 10, max: 200, noNaN: true }),
    bpoMonthlyFeePerFte: fc.double({ min: 500, max: 20000, noNaN: true }),
    processDocumented: fc.constantFrom("yes", "no"),
    managementCapacity: fc.constantFrom("yes", "no"),
    scope: fc.constantFrom("stable", "evolving"),
    saRampDays: fc.integer({ min: 0, max: 90 }),
    saAnnualAttrition: fc.double({ min: 0, max: 1, noNaN: true }),
    saAnnualEscalation: fc.double({ min: 0, max: 0.2, noNaN: true }),
    bpoRampWeeks: fc.integer({ min: 0, max: 30 }),
    bpoTransitionCost: fc.integer({ min: 0, max: 500000 }),
    bpoAnnualEscalation: fc.double({ min: 0, max: 0.2, noNaN: true }),
    delayCostPerFteMonth: fc.integer({ min: 0, max: 5000 }),
  });

/** A horizon of up to `maxMonths`, either ramp shape and a discount rate. */
export const randomAssumptions = (maxMonths: number) =>
  fc.record({
    horizonMonths: fc.integer({ min: 1, max: maxMonths }),
    rampShape: fc.constantFrom("step", "linear"),
    discountRateAnnual: fc.double({ min: 0, max: 0.3, noNaN: true }),
  });

/**
 * A table of up to `maxRows` rows over the hand case (every component on) with its numbers drawn, a horizon of up
 * to `maxMonths`, either ramp shape and a discount rate; names drawn from `names` (repeats are rows in error).
 */
export function randomInput(
  names: fc.Arbitrary<string>,
  { maxRows, maxMonths }: { maxRows: number; maxMonths: number },
): fc.Arbitrary<ModelInput> {
  return fc
    .tuple(randomAssumptions(maxMonths), fc.array(randomRow(names), { minLength: 0, maxLength: maxRows }))
    .map(([a, rows]) => ({ assumptions: baseAssumptions(a), functions: rows.map((r) => handRow(r)) }));
}
