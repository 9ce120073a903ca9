import { describe, expect, it } from "vitest";
import { evaluate, goalSeek, sampleInput, type CellValue } from "../../src/model";
import { sampleWithRanges } from "./helpers";

const breakEvenWith = (
  input: { assumptions?: Record<string, CellValue>; functions: Record<string, CellValue>[] },
  index: number,
  key: string,
  value: number,
) => {
  // The answer may lie outside the row's Min/Max range for that input: goal seek works on the most likely values.
  const functions = input.functions.map((r, i) =>
    i === index ? { ...r, [key]: value, [`${key}Min`]: null, [`${key}Max`]: null } : r,
  );
  return (
    evaluate({ ...input, functions }).results.find((r) => r.function === input.functions[index].function)
      ?.breakEvenMonth ?? null
  );
};

describe("goal seek", () => {
  it("puts every answer back into the model and gets the requested break-even month", () => {
    for (const input of [
      sampleInput(),
      sampleWithRanges(),
      {
        assumptions: { rampShape: "linear", horizonMonths: 48, discountRateAnnual: 0.1 },
        functions: sampleInput().functions,
      },
    ]) {
      const model = evaluate(input);
      let exact = 0;
      for (let month = 1; month <= (model.assumptions.horizonMonths as number); month++) {
        const result = goalSeek(input, month);
        result.results.forEach((fn) => {
          const index = input.functions.findIndex((r) => r.function === fn.function);
          for (const answer of [fn.fee, fn.rate]) {
            const at = answer.value === null ? null : breakEvenWith(input, index, answer.target, answer.value);
            expect(at, `${fn.function} ${answer.target} month ${month}`).toBe(answer.breakEvenAtValue);
            if (answer.status === "exact") {
              exact++;
              expect(at).toBe(month);
              // Just past the answer (by a cent), BPO no longer pays back by that month.
              const past = breakEvenWith(
                input,
                index,
                answer.target,
                answer.target === "bpoMonthlyFeePerFte"
                  ? (answer.value as number) + 0.01
                  : (answer.value as number) - 0.01,
              );
              expect(past === null || past > month, `${fn.function} ${answer.target} month ${month} past`).toBe(true);
            } else if (answer.status === "earlier") {
              expect(at).not.toBeNull();
              expect(at as number).toBeLessThan(month);
            } else if (answer.status === "never") {
              const atZero = breakEvenWith(input, index, answer.target, 0);
              if (answer.target === "bpoMonthlyFeePerFte") expect(atZero === null || atZero > month).toBe(true);
            } else {
              expect(answer.target === "saHourlyRate" ? breakEvenWith(input, index, answer.target, 0) : null).toSatisfy(
                (m: number | null) => m === null || m <= month,
              );
            }
          }
        });
      }
      expect(exact).toBeGreaterThan(20);
    }
  });

  it("answers the CFO's question on the sample: the fee for a six-month payback", () => {
    const [support] = goalSeek(sampleInput(), 6).results;
    expect(support.fee.status).toBe("exact");
    expect(support.fee.value as number).toBeGreaterThan(4200); // today's fee pays back in month 6 already
    expect(support.fee.message).toMatch(
      /^A BPO monthly fee per FTE of at most USD 4,345 per FTE-month makes BPO pay back by month 6/,
    );
  });

  it("says when no value can: never at a zero fee, and no exact month when the lines never cross", () => {
    const row = {
      function: "X",
      headcount: 1,
      saHourlyRate: 50,
      bpoMonthlyFeePerFte: 6000,
      bpoRampWeeks: 0,
      saRampDays: 0,
      bpoGovernanceShare: 0,
      bpoChangeOrdersPerYear: 0,
      saMgmtShare: 0,
      saAnnualEscalation: 0,
      bpoAnnualEscalation: 0,
    };
    const assumptions = { horizonMonths: 12, discountRateAnnual: 0 };
    // BPO costs a constant amount a month, SA 8,000: the cumulative lines meet only at 0, so the break-even is
    // month 1 or never; exactly month 6 cannot be had, and the highest fee paying back by 6 is 8,000.
    const straight = goalSeek({ assumptions, functions: [row] }, 6).results[0];
    expect(straight.fee).toMatchObject({ status: "earlier", breakEvenAtValue: 1 });
    expect(straight.fee.value).toBeCloseTo(8000, 6);
    expect(straight.fee.message).toMatch(/No BPO monthly fee per FTE makes the break-even land exactly in month 6/);
    // A transition cost larger than a year of SA: not even a zero fee pays back by month 3.
    const heavy = goalSeek({ assumptions, functions: [{ ...row, bpoTransitionCost: 1_000_000 }] }, 3).results[0];
    expect(heavy.fee).toMatchObject({ status: "never", value: null, breakEvenAtValue: null });
    expect(heavy.fee.message).toMatch(/even at a fee of 0/);
    expect(heavy.rate.status).toBe("exact");
    // Cheap BPO: any SA rate, even 0, pays back by month 12.
    const cheap = goalSeek(
      {
        assumptions: { ...assumptions, managerMonthlyCost: 10000 },
        functions: [{ ...row, bpoMonthlyFeePerFte: 100, saMgmtShare: 0.5 }],
      },
      12,
    ).results[0];
    expect(cheap.rate).toMatchObject({ status: "always", value: 0 });
  });

  it("checks the month", () => {
    expect(() => goalSeek(sampleInput(), 0)).toThrow(/month must be a whole number from 1 to 36/);
    expect(() => goalSeek(sampleInput(), 37)).toThrow(/from 1 to 36/);
  });
});
