import { DetailedCellError, HyperFormula } from "hyperformula";
import { beforeAll, describe, expect, it } from "vitest";
import { goalSeek, simulate, type CellValue } from "../../src/model";
import { registerSourcingPlugin } from "../../src/playground/hyperformula-sourcing";
import { RANGED_SUPPORT_HEADERS, RANGED_SUPPORT_ROW } from "./helpers";

const headers = [...RANGED_SUPPORT_HEADERS, "BPO transition cost", "Management capacity"];
const row: CellValue[] = [...RANGED_SUPPORT_ROW, 130000, "no"];
const assumptions: CellValue[][] = [
  ["Assumption", "Value"],
  ["Horizon (months)", 36],
  ["Discount rate (annual)", 0.08],
];

function sheet(formulas: string[]): HyperFormula {
  const heavy: CellValue[] = ["Heavy transition", 12, 25, "", "", 4200, "", 8, "", "", 1_000_000, "no"];
  const data = [headers, row, heavy, ...assumptions, [], formulas];
  return HyperFormula.buildFromArray(data as (string | number | null)[][], {
    licenseKey: "gpl-v3",
    smartRounding: false,
  });
}

const input = () => ({
  assumptions: { horizonMonths: 36, discountRateAnnual: 0.08 },
  functions: [Object.fromEntries(headers.map((h, i) => [h, row[i]]))],
});

describe("SOURCING.PROBABILITY / BREAKEVENFEE / BREAKEVENRATE in a calculating engine", () => {
  beforeAll(registerSourcingPlugin);
  // Row 2 is the function, rows 4–6 the assumptions, row 8 the formulas.
  const ROW = "A2:L2, A1:L1, A4:B6";

  it("PROBABILITY equals the model's simulation for the same trials and seed", () => {
    const hf = sheet([
      `=SOURCING.PROBABILITY(${ROW}, 4000, 17)`,
      `=SOURCING.PROBABILITY(${ROW})`,
      `=SOURCING.PROBABILITY(A2:L2, A1:L1, A4:B6, 0)`,
    ]);
    const expected = simulate(input(), { trials: 4000, seed: 17 }).results[0].BPO.probabilityCheaper;
    expect(hf.getCellValue({ sheet: 0, row: 7, col: 0 })).toBe(expected);
    expect(hf.getCellValue({ sheet: 0, row: 7, col: 1 })).toBe(simulate(input()).results[0].BPO.probabilityCheaper);
    const bad = hf.getCellValue({ sheet: 0, row: 7, col: 2 }) as DetailedCellError;
    expect(bad).toBeInstanceOf(DetailedCellError);
    expect(bad.type).toBe("VALUE");
    expect(bad.message).toMatch(/trials must be a whole number from 1 to 100,000/);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(1);
  });

  it("BREAKEVENFEE and BREAKEVENRATE equal the model's goal seek; #N/A when no fee can", () => {
    const hf = sheet([
      `=SOURCING.BREAKEVENFEE(A2:L2, 6, A1:L1, A4:B6)`,
      `=SOURCING.BREAKEVENRATE(A2:L2, 6, A1:L1, A4:B6)`,
      `=SOURCING.BREAKEVENFEE(A3:L3, 3, A1:L1, A4:B6)`,
      `=SOURCING.BREAKEVENFEE(A2:L2, 40, A1:L1, A4:B6)`,
    ]);
    const [fn] = goalSeek(input(), 6).results;
    expect(hf.getCellValue({ sheet: 0, row: 7, col: 0 })).toBe(fn.fee.value);
    expect(hf.getCellValue({ sheet: 0, row: 7, col: 1 })).toBe(fn.rate.value);
    const never = hf.getCellValue({ sheet: 0, row: 7, col: 2 }) as DetailedCellError;
    expect(never).toBeInstanceOf(DetailedCellError);
    expect(never.type).toBe("NA");
    expect(never.message).toMatch(/even at a fee of 0/);
    const outside = hf.getCellValue({ sheet: 0, row: 7, col: 3 }) as DetailedCellError;
    expect(outside.type).toBe("VALUE");
    expect(outside.message).toBe("month must be a whole number from 1 to 36 (the horizon); got 40.");
  });

  it("treats a range end on the wrong side of the most likely value as the simulation does: moved to it", () => {
    const bad = ["Support", 12, 25, 26, 30, 4200, 5200, 8, 4, 12, 130000, "no"];
    const fixed = ["Support", 12, 25, 25, 30, 4200, 5200, 8, 4, 12, 130000, "no"];
    const hf = HyperFormula.buildFromArray(
      [
        headers,
        bad,
        fixed,
        ["=SOURCING.PROBABILITY(A2:L2, A1:L1, , 2000, 3)", "=SOURCING.PROBABILITY(A3:L3, A1:L1, , 2000, 3)"],
      ] as (string | number)[][],
      { licenseKey: "gpl-v3" },
    );
    const [withBadEnd, withFixedEnd] = [0, 1].map((col) => hf.getCellValue({ sheet: 0, row: 3, col }));
    expect(withBadEnd).not.toBeInstanceOf(DetailedCellError);
    expect(withBadEnd).toBe(withFixedEnd);
    hf.destroy();
  });
});
