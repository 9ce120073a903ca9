/**
 * Model throughput: evaluate() on 1,000 functions × 120 months, beside a bare loop of the same arithmetic so
 * the ratio is measured in one run on the same (noisy, shared) machine.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { CellValue } from "../src/model";

// Time the shipped code: the model as compiled to lib/ by `npm run build:cli` (the bench script builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { evaluate } = require("../lib/model") as typeof import("../src/model");

const FUNCTIONS = 1000;
const MONTHS = 120;

/** A synthetic table of `count` varied functions (both gates, both scopes, ramps of 4–12 weeks). */
export function syntheticInput(
  count: number,
  months: number,
): { assumptions: Record<string, CellValue>; functions: Record<string, CellValue>[] } {
  const functions: Record<string, CellValue>[] = [];
  for (let i = 0; i < count; i++) {
    functions.push({
      function: `Function ${i + 1}`,
      headcount: 1 + (i % 40),
      saHourlyRate: 20 + (i % 60),
      bpoMonthlyFeePerFte: 2500 + ((i * 37) % 9000),
      processDocumented: i % 5 === 0 ? "no" : "yes",
      managementCapacity: i % 7 === 0 ? "no" : "yes",
      scope: i % 3 === 0 ? "evolving" : "stable",
      bpoRampWeeks: 4 + (i % 9),
      bpoTransitionCost: 10000 + ((i * 911) % 90000),
      saAnnualAttrition: 0.2,
      delayCostPerFteMonth: 1500,
    });
  }
  return { assumptions: { horizonMonths: months, rampShape: "linear" }, functions };
}

/** The same per-month arithmetic with no parsing, objects or analysis: a floor for the model's cost. */
function bareLoop(): number {
  let sink = 0;
  for (let i = 0; i < FUNCTIONS; i++) {
    const N = 1 + (i % 40),
      rate = 20 + (i % 60),
      fee = 2500 + ((i * 37) % 9000),
      R = 5 * (4 + (i % 9)),
      D = 21;
    let cSa = 0,
      cB = 0,
      cBr = 0;
    for (let m = 1; m <= MONTHS; m++) {
      const esc = Math.pow(1.03, Math.floor((m - 1) / 12));
      const fSa = N * rate * 160 * esc,
        mSa = N * 0.15 * 12000,
        aSa = N * (0.2 / 12) * ((rate * 160 * esc * 4) / D);
      const r = Math.min(Math.max(R - (m - 1) * D, 0), D),
        live = 1 - r / D;
      const fB = N * fee * esc * live,
        tB = (50000 * r) / R,
        gB = 0.05 * fB,
        cO = (1 / 12) * 5000 * live;
      const sa = fSa + mSa + aSa + N * 1500 * (1 - live),
        bpo = fB + tB + gB + cO + N * 1500 * (1 - live);
      cSa += sa;
      cB += bpo;
      cBr += (1 - live) * (fSa + mSa + aSa) + fB + tB + gB + cO;
    }
    sink += cSa - cB + cBr;
  }
  return sink;
}

/** A full garbage collection, so heap figures count only what is still held. */
function fullGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function timeIt(fn: () => unknown, minMs = 1500): { perRunMs: number; runs: number } {
  for (let i = 0; i < 3; i++) fn(); // warm up the JIT
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs || runs < 5) {
    fn();
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { perRunMs: elapsed / runs, runs };
}

export function benchModel(): string[] {
  const input = syntheticInput(FUNCTIONS, MONTHS);
  const fm = FUNCTIONS * MONTHS;
  const model = timeIt(() => evaluate(input));
  // Memory, measured apart from the timing (reading it is not free): what one result holds, and peak RSS.
  const collect = fullGc();
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const kept = evaluate(input);
  collect();
  const heapAfter = process.memoryUsage().heapUsed;
  const json = timeIt(() => JSON.stringify(evaluate(input)), 500);
  const bare = timeIt(bareLoop);
  const modelRate = fm / (model.perRunMs / 1000);
  const bareRate = fm / (bare.perRunMs / 1000);
  return [
    `model: evaluate() on ${FUNCTIONS} functions × ${MONTHS} months: ${model.perRunMs.toFixed(2)} ms per run (${model.runs} runs)`,
    `model: throughput ${(modelRate / 1e6).toFixed(1)} million function-months/s (target ≥ 20)`,
    `model: bare loop of the same arithmetic ${(bareRate / 1e6).toFixed(1)} million function-months/s; model/bare time ratio ${(model.perRunMs / bare.perRunMs).toFixed(2)}×`,
    `model: evaluate() plus the full §6 JSON (every monthly row materialised and serialised): ${json.perRunMs.toFixed(1)} ms per run`,
    `model: memory: one result of ${kept.results.length} functions holds ~${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MB of heap before its monthly rows are read; peak RSS of the bench ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
}
