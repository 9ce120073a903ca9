/** SOURCING.EVPPI: the value of information of one row, as the command line computes it, in slices for Excel. */
import { HyperFormula } from "hyperformula";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_EVPPI_TRIALS, createAnalysisFunctions, trialsPerSlice } from "../../src/functions/analysis";
import { valueOfInformation } from "../../src/model";
import { registerSourcingPlugin } from "../../src/playground/hyperformula-sourcing";
import { RANGED_SUPPORT_HEADERS, RANGED_SUPPORT_ROW } from "./helpers";

const errors = {
  invalidValue: (m: string) => ({ error: "#VALUE!", m }),
  notAvailable: (m: string) => ({ error: "#N/A", m }),
};
const headers = [RANGED_SUPPORT_HEADERS];
/** The support row with a BPO fee of 5,400 to 6,750 a month: near the break-even, so the ranges can change the decision. */
const closeCall = RANGED_SUPPORT_ROW.map((value, i) => (i === 5 ? 5400 : i === 6 ? 6750 : value));
const row = [closeCall];
const assumptions = [
  ["Horizon (months)", 36],
  ["Discount rate (annual)", 0.08],
];
const cli = (trials: number, seed: number) =>
  valueOfInformation(
    {
      assumptions: { horizonMonths: 36, discountRateAnnual: 0.08 },
      functions: [Object.fromEntries(RANGED_SUPPORT_HEADERS.map((h, i) => [h, closeCall[i]]))],
    },
    { trials, seed },
  ).functions[0];

describe("SOURCING.EVPPI", () => {
  it("answers EVPI without an input and each input's EVPPI by its column name or key, as sourcing-model voi does", () => {
    const functions = createAnalysisFunctions(errors);
    const expected = cli(3000, 5);
    // The row straddles the break-even: every input here is worth something, so the check is not vacuous.
    expect(expected.inputs.every((input) => input.evppi > 0 && input.evppi <= expected.evpi)).toBe(true);
    expect(functions.evppi(row, undefined, headers, assumptions, 3000, 5)).toBeCloseTo(expected.evpi, 4);
    for (const input of expected.inputs) {
      expect(functions.evppi(row, input.label, headers, assumptions, 3000, 5)).toBeCloseTo(input.evppi, 4);
      expect(functions.evppi(row, input.input, headers, assumptions, 3000, 5)).toBeCloseTo(input.evppi, 4);
    }
    // An input with no range is known already: worth nothing.
    expect(functions.evppi(row, "BPO transition cost", headers, assumptions, 3000, 5)).toBe(0);
    // One value of information per row, trials and seed: the other inputs are lookups.
    expect(functions.cacheSize).toBe(1);
  });

  it("names what is allowed when the input or the trials are wrong, and says #N/A for a row with nothing to decide", () => {
    const functions = createAnalysisFunctions(errors);
    expect(functions.evppi(row, "Headcount (FTE)", headers, assumptions)).toEqual({
      error: "#VALUE!",
      m: expect.stringMatching(/^input must name an input that can have a range .*SA hourly rate.*BPO ramp \(weeks\)/),
    });
    expect(functions.evppi(row, "", headers, assumptions, MAX_EVPPI_TRIALS + 1)).toEqual({
      error: "#VALUE!",
      m: expect.stringMatching(/trials must be a whole number from 1 to 50,000/),
    });
    const undocumented = [[...RANGED_SUPPORT_HEADERS, "Process documented", "Management capacity"]];
    const gated = [[...closeCall, "no", "no"]];
    expect(functions.evppi(gated, null, undocumented, assumptions, 100)).toEqual({
      error: "#N/A",
      m: expect.stringMatching(/document the process first/),
    });
  });

  it("runs its trials in slices with a yield between them, and gives the one-piece answer", async () => {
    const functions = createAnalysisFunctions(errors);
    const slices: number[] = [];
    let yields = 0;
    const value = await functions.evppiInSlices(
      async () => void yields++,
      row,
      "BPO ramp (weeks)",
      headers,
      assumptions,
      MAX_EVPPI_TRIALS,
      2,
      (n) => slices.push(n),
    );
    expect(Math.max(...slices)).toBe(trialsPerSlice(36));
    expect(slices.reduce((a, b) => a + b, 0)).toBe(MAX_EVPPI_TRIALS);
    expect(yields).toBe(slices.length);
    expect(value).toBe(
      createAnalysisFunctions(errors).evppi(row, "bpoRampWeeks", headers, assumptions, MAX_EVPPI_TRIALS, 2),
    );
    // Asking for another input of the same row, trials and seed runs no trial.
    const again: number[] = [];
    await functions.evppiInSlices(
      async () => undefined,
      row,
      "SA hourly rate",
      headers,
      assumptions,
      MAX_EVPPI_TRIALS,
      2,
      (n) => again.push(n),
    );
    expect(again).toEqual([]);
  });
});

describe("SOURCING.EVPPI in a calculating engine (the playground's HyperFormula plugin)", () => {
  beforeAll(registerSourcingPlugin);

  it("gives the custom function's answers, EVPI when the input is omitted", () => {
    const data = [
      RANGED_SUPPORT_HEADERS,
      closeCall,
      ["Horizon (months)", 36],
      ["Discount rate (annual)", 0.08],
      [
        '=SOURCING.EVPPI(A2:J2, "BPO monthly fee per FTE", A1:J1, A3:B4, 2000, 3)',
        "=SOURCING.EVPPI(A2:J2, , A1:J1, A3:B4, 2000, 3)",
        '=SOURCING.EVPPI(A2:J2, "Headcount (FTE)", A1:J1, A3:B4)',
      ],
    ];
    const hf = HyperFormula.buildFromArray(data as (string | number | null)[][], {
      licenseKey: "gpl-v3",
      smartRounding: false,
    });
    const functions = createAnalysisFunctions(errors);
    const value = (column: number) => hf.getCellValue({ sheet: 0, row: 4, col: column });
    expect(value(0)).toBe(functions.evppi(row, "bpoMonthlyFeePerFte", headers, assumptions, 2000, 3));
    expect(value(1)).toBe(functions.evppi(row, undefined, headers, assumptions, 2000, 3));
    expect(value(1)).toBeGreaterThan(value(0) as number);
    expect(String((value(2) as { value?: string }).value ?? value(2))).toMatch(/#VALUE!/);
  });
});
