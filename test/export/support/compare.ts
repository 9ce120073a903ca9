/**
 * Reads a recalculated export (through any engine's cell accessor) and compares it with the model's result:
 * every monthly cost, total, NPV, break-even month, crossing and recommendation.
 */
import { type CalcKey, calcLetter, calcRow } from "../../../src/export/calc";
import { CALC_SHEET, SUMMARY_SHEET } from "../../../src/export/names";
import { SUMMARY_COLUMNS } from "../../../src/export/summary";
import { columnLetters } from "../../../src/layout/address";
import {
  RECOMMENDATION_LABELS,
  STRATEGY_LABELS,
  describeBreakEven,
  type FunctionResult,
  type ModelResult,
  type Recommendation,
} from "../../../src/model";

/** A cell's calculated value: number, text, boolean, null (blank) or an error's text. */
export type CellReader = (sheet: string, row: number, column: string) => unknown;

const columnOfSummary = new Map(SUMMARY_COLUMNS.map((c, i) => [c.key, i]));
export const summaryColumn = (key: string): string => columnLetters(columnOfSummary.get(key) as number);

export interface Agreement {
  mismatches: string[];
  /** Numbers compared, and the largest relative error among them (abs floor 1e-6). */
  numbers: number;
  maxRelativeError: number;
}

const HEADLINE: Record<Recommendation, string> = {
  STAFF_AUG: "Staff augmentation",
  BPO: "BPO",
  BRIDGE: "Bridge (staff augmentation until BPO goes live)",
  DOCUMENT_FIRST: "Document the process first",
};

export function compareWithModel(
  read: CellReader,
  result: ModelResult,
  maxHorizon: number,
  options: { rationale: boolean },
): Agreement {
  const out: Agreement = { mismatches: [], numbers: 0, maxRelativeError: 0 };
  const H = result.assumptions.horizonMonths;
  /** Agreement as required: |a − e| ≤ max(1e-9·|e|, 1e-6). The reported relative error measures small values against 1,000. */
  const number = (where: string, actual: unknown, expected: number) => {
    out.numbers++;
    if (typeof actual !== "number") {
      out.mismatches.push(`${where}: expected ${expected}, got ${JSON.stringify(actual)}`);
      return;
    }
    const difference = Math.abs(actual - expected);
    if (!(difference <= Math.max(1e-9 * Math.abs(expected), 1e-6)))
      out.mismatches.push(`${where}: expected ${expected}, got ${actual} (difference ${difference})`);
    out.maxRelativeError = Math.max(out.maxRelativeError, difference / Math.max(Math.abs(expected), 1000));
  };
  const same = (where: string, actual: unknown, expected: unknown) => {
    if (actual !== expected)
      out.mismatches.push(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  const month = (value: number | null) => (value === null ? "none" : value);

  result.results.forEach((r: FunctionResult, index) => {
    const i = index + 1;
    const row = i + 1;
    const s = (key: string) => read(SUMMARY_SHEET, row, summaryColumn(key));
    const where = (what: string) => `${r.function} ${what}`;
    same(where("name"), s("function"), r.function);
    // People read the words; the code column at the right end carries the model's code (docs/model.md P6.5).
    same(where("recommendation"), s("recommendation"), RECOMMENDATION_LABELS[r.recommendation]);
    same(where("recommendation code"), s("recommendationCode"), r.recommendation);
    same(where("break-even"), s("breakEven"), month(r.breakEvenMonth));
    same(where("discounted break-even"), s("discountedBreakEven"), month(r.discountedBreakEvenMonth));
    same(where("run-rate crossover"), s("runRate"), month(r.runRateCrossoverMonth));
    same(where("crossings count"), s("crossingCount"), r.crossings.length);
    same(where("first crossing"), s("firstCrossing"), r.crossings.length === 0 ? "none" : r.crossings[0].month);
    same(
      where("crossings"),
      s("crossings") ?? "",
      r.crossings.map((c) => `${c.month} ${STRATEGY_LABELS[c.cheaper]}`).join("; "),
    );
    number(where("total STAFF_AUG"), s("totalSa"), r.total.STAFF_AUG);
    number(where("total BPO"), s("totalBpo"), r.total.BPO);
    number(where("total BRIDGE"), s("totalBridge"), r.total.BRIDGE);
    number(where("NPV STAFF_AUG"), s("npvSa"), r.npv.STAFF_AUG);
    number(where("NPV BPO"), s("npvBpo"), r.npv.BPO);
    number(where("NPV BRIDGE"), s("npvBridge"), r.npv.BRIDGE);
    if (options.rationale) {
      const rationale = String(s("rationale"));
      if (!rationale.startsWith(`${HEADLINE[r.recommendation]}: `))
        out.mismatches.push(`${where("rationale")}: "${rationale}" does not start with the headline`);
      if (!rationale.includes(describeBreakEven(r.breakEvenMonth, H)))
        out.mismatches.push(`${where("rationale")}: "${rationale}" lacks "${describeBreakEven(r.breakEvenMonth, H)}"`);
    }
    const monthly: [CalcKey, "STAFF_AUG" | "BPO" | "BRIDGE"][] = [
      ["saMonthly", "STAFF_AUG"],
      ["bpoMonthly", "BPO"],
      ["bridgeMonthly", "BRIDGE"],
    ];
    for (const m of r.monthly) {
      for (const [key, strategy] of monthly)
        number(
          where(`${strategy} month ${m.month}`),
          read(CALC_SHEET, calcRow(i, m.month, maxHorizon), calcLetter(key)),
          m[strategy],
        );
    }
    for (let m = H + 1; m <= maxHorizon; m++) {
      for (const [key, strategy] of monthly)
        same(
          where(`${strategy} month ${m} (beyond the horizon)`),
          read(CALC_SHEET, calcRow(i, m, maxHorizon), calcLetter(key)),
          0,
        );
    }
  });
  return out;
}

/** Which cases a set of results covers: recommendations, decision bases, crossing directions. */
export function coverage(results: readonly ModelResult[]): Set<string> {
  const seen = new Set<string>();
  for (const result of results) {
    seen.add(`shape:${result.assumptions.rampShape}`);
    for (const r of result.results) {
      seen.add(`recommendation:${r.recommendation}`);
      if (/count as a tie/.test(r.rationale)) seen.add(`tie-break:${r.recommendation}`);
      for (const c of r.crossings) seen.add(`crossing:${c.cheaper}`);
      if (r.crossings.length > 1) seen.add("crossings:several");
      if (r.breakEvenMonth === null) seen.add("break-even:none");
      else seen.add(r.breakEvenMonth === 1 ? "break-even:1" : "break-even:later");
    }
  }
  return seen;
}
