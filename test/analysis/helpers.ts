/** Inputs for the analysis tests: the sample with the seed article's ranges as Min/Max columns. */
import { sampleInput, type CellValue } from "../../src/model";

/** The sample, each row with triangular ranges on ramp, rate and fee (BPO transfer 4–12 weeks, as the article says). */
export function sampleWithRanges(): { assumptions: Record<string, CellValue>; functions: Record<string, CellValue>[] } {
  const input = sampleInput();
  for (const row of input.functions) {
    const rate = row.saHourlyRate as number;
    const fee = row.bpoMonthlyFeePerFte as number;
    const weeks = row.bpoRampWeeks as number;
    Object.assign(row, {
      saHourlyRateMin: rate * 0.85,
      saHourlyRateMax: rate * 1.2,
      bpoMonthlyFeePerFteMin: fee * 0.9,
      bpoMonthlyFeePerFteMax: fee * 1.15,
      bpoRampWeeksMin: Math.min(4, weeks),
      bpoRampWeeksMax: Math.max(12, weeks),
      saRampDaysMin: 3,
      saRampDaysMax: 5,
      saMgmtShareMin: (row.saMgmtShare as number) * 0.5,
      saMgmtShareMax: Math.min(1, (row.saMgmtShare as number) * 2),
    });
  }
  return input;
}

/** The same rows with every range collapsed onto the most likely value. */
export function sampleWithZeroWidthRanges(): {
  assumptions: Record<string, CellValue>;
  functions: Record<string, CellValue>[];
} {
  const input = sampleInput();
  for (const row of input.functions) {
    for (const key of ["saHourlyRate", "bpoMonthlyFeePerFte", "bpoRampWeeks", "saRampDays", "saMgmtShare"]) {
      row[`${key}Min`] = row[key];
      row[`${key}Max`] = row[key];
    }
  }
  return input;
}

/** The sample without its range columns: every input at its most likely value. */
export function sampleWithoutRanges(): {
  assumptions: Record<string, CellValue>;
  functions: Record<string, CellValue>[];
} {
  const input = sampleInput();
  input.functions = input.functions.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => !/(Min|Max)$/.test(key))),
  );
  return input;
}

/** One function with ranges on rate, fee and ramp, as a worksheet row under its headers (custom-function tests). */
export const RANGED_SUPPORT_HEADERS: string[] = [
  "Function",
  "Headcount (FTE)",
  "SA hourly rate",
  "SA hourly rate min",
  "SA hourly rate max",
  "BPO monthly fee per FTE",
  "BPO monthly fee per FTE max",
  "BPO ramp (weeks)",
  "BPO ramp (weeks) min",
  "BPO ramp (weeks) max",
];
export const RANGED_SUPPORT_ROW: CellValue[] = ["Support", 12, 25, 22, 30, 4200, 5200, 8, 4, 12];
