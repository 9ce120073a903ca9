/**
 * The engine's monthly loop stays optimised once V8 has optimised it (issue #11). In Node 20, a deoptimisation of
 * a function whose long loop also has on-stack-replaced code leaves it unoptimised up to that loop for the rest of
 * the process, about 4× slower (src/model/engine.ts, runMonths). So this runs the compiled model in a fresh process
 * with V8's own trace on, first on rows that never cross and have whole-number inputs, then on rows that cross both
 * ways with fractional ramps, days and headcounts, then reads stored series: each of these used to deoptimise the
 * loop. The trace must show the loop optimised and never deoptimised. No time is measured.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, assertBuilt } from "../cli/run-cli";

const WORKLOAD = `
const model = require(process.argv[1]);
const steady = (i) => ({ function: "Steady " + i, headcount: 1 + (i % 30), saHourlyRate: 60 + (i % 20),
  bpoMonthlyFeePerFte: 2000 + (i % 500), bpoRampWeeks: 4 + (i % 5), bpoTransitionCost: 0,
  saAnnualEscalation: 0, bpoAnnualEscalation: 0 });
const flipping = (i) => ({ function: "Flipping " + i, headcount: 2.5, saHourlyRate: 41.5,
  bpoMonthlyFeePerFte: 5500 + i, bpoRampWeeks: 4.5, saRampDays: 7.5, bpoTransitionCost: 60000,
  saAnnualEscalation: 0, bpoAnnualEscalation: 0.25 });
const first = model.parseModelInput({ assumptions: { horizonMonths: 120, rampShape: "step" },
  functions: Array.from({ length: 500 }, (_, i) => steady(i)) });
let steadyCrossings = 0;
// Long enough for V8's background compiler to finish even on a loaded machine.
const started = Date.now();
for (let r = 0; r < 150 || Date.now() - started < 1000; r++)
  for (const res of model.evaluateParsed(first).results) steadyCrossings += res.crossings.length;
const second = { assumptions: { horizonMonths: 120, rampShape: "linear", businessDaysPerMonth: 20.5 },
  functions: Array.from({ length: 200 }, (_, i) => flipping(i)) };
const ways = new Set();
for (let r = 0; r < 50; r++) for (const res of model.evaluate(second).results) for (const c of res.crossings) ways.add(c.cheaper);
let stored = 0;
for (const res of model.evaluate(second).results) stored += res.series.cumulative.BPO.length;
console.log("WORKLOAD " + JSON.stringify({ steadyCrossings, ways: [...ways].sort(), stored }));
`;

describe("the engine's loop under V8 (Node)", () => {
  it("is optimised and never deoptimised, whatever rows come after it is optimised", () => {
    assertBuilt();
    const run = spawnSync(
      process.execPath,
      ["--trace-opt", "--trace-deopt", "-e", WORKLOAD, resolve(REPO, "lib", "model")],
      { encoding: "utf8", maxBuffer: 256 * 2 ** 20 },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    // The workload did what it is meant to: no crossing first, then crossings both ways, then stored series.
    const summary = lines.find((line) => line.startsWith("WORKLOAD "));
    expect(JSON.parse(summary?.slice("WORKLOAD ".length) ?? "null")).toEqual({
      steadyCrossings: 0,
      ways: ["BPO", "STAFF_AUG"],
      stored: 200 * 120,
    });
    const aboutTheLoop = (what: RegExp) =>
      lines.filter((line) => what.test(line) && /<JSFunction runMonths\b/.test(line));
    expect(aboutTheLoop(/^\[completed optimizing/)).not.toEqual([]);
    expect(aboutTheLoop(/deoptimizing/)).toEqual([]);
  });
});
