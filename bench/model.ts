/**
 * Model throughput: evaluate() on 1,000 functions × 120 months with every component on, beside a floor loop of
 * the same arithmetic so the ratio is measured in one run on the same (noisy, shared) machine; the §6 JSON; and the
 * memory one result holds. Each figure is printed beside its target (issue #11); none is a pass/fail test.
 */
import { spawnSync } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { CellValue } from "../src/model";

// Time the shipped code: the model as compiled to lib/ by `npm run build:cli` (the bench script builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const compiled = require("../lib/model") as typeof import("../src/model");
const { evaluate, evaluateParsed, modelResultJson, parseModelInput } = compiled;

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

/**
 * syntheticInput with every component of docs/model.md §3 on: linear ramps on both sides, onboarding, overhead,
 * attrition, 3% escalation on both sides (the defaults), transition, governance, change orders and delay.
 */
export function fullComponentInput(count: number, months: number): ReturnType<typeof syntheticInput> {
  const input = syntheticInput(count, months);
  input.functions.forEach((row, i) => {
    row.saRampDays = 5 + (i % 16);
    row.saOverheadPerFteMonth = 400;
    row.saOnboardingCostPerFte = 3000;
  });
  return input;
}

/**
 * The floor: the same monthly arithmetic as the engine on the same functions (three strategies, linear ramps,
 * every component, cumulative and discounted sums), with escalation updated once per contract year and nothing
 * else: no parsing, no objects, no analysis, no stored series. What the model costs beyond this is overhead.
 */
function floorLoop(): number {
  const D = 21,
    hours = 160,
    manager = 12000,
    months = MONTHS;
  // v(m) = 1.08^(−m/12), computed once as the model does for a run.
  const factors = new Float64Array(months);
  const monthly = Math.pow(1.08, 1 / 12);
  for (let m = 1, g = 1; m <= months; m++) factors[m - 1] = 1 / (g *= monthly);
  // Productive share of month m for a linear ramp of R days (the engine's p(R, m)).
  const productive = (R: number, m: number): number => {
    const start = (m - 1) * D,
      end = m * D;
    if (R === 0 || start >= R) return 1;
    const days = end <= R ? (end * end - start * start) / (2 * R) : (R * R - start * start) / (2 * R) + (end - R);
    return Math.min(1, days / D);
  };
  let sink = 0;
  for (let i = 0; i < FUNCTIONS; i++) {
    const N = 1 + (i % 40),
      rate = 20 + (i % 60),
      fee = 2500 + ((i * 37) % 9000),
      saRamp = 5 + (i % 16),
      bpoRamp = 5 * (4 + (i % 9)),
      transition = 10000 + ((i * 911) % 90000),
      changeOrders = ((i % 3 === 0 ? 6 : 1) / 12) * 5000,
      delay = N * 1500,
      management = N * 0.15 * manager,
      overhead = N * 400,
      attrition = 0.2 / 12;
    let esc = 1,
      cSa = 0,
      cB = 0,
      cBr = 0,
      dSa = 0,
      dB = 0,
      dBr = 0;
    for (let m = 1; m <= months; m++) {
      if (m > 1 && (m - 1) % 12 === 0) esc *= 1.03; // once per contract year
      const fSa = N * rate * hours * esc,
        aSa = N * attrition * (3000 + (rate * hours * esc * saRamp) / D),
        bSa = m === 1 ? N * 3000 : 0;
      const r = Math.min(Math.max(bpoRamp - (m - 1) * D, 0), D),
        live = 1 - r / D;
      const pSa = productive(saRamp, m),
        pB = productive(bpoRamp, m);
      const fB = N * fee * esc * live,
        tB = (transition * r) / bpoRamp,
        gB = 0.05 * fB,
        cO = changeOrders * live;
      const sa = fSa + management + overhead + bSa + aSa + delay * (1 - pSa),
        bpo = fB + tB + gB + cO + delay * (1 - pB),
        bridge =
          (1 - live) * (fSa + management + overhead + aSa) + bSa + fB + tB + gB + cO + delay * (1 - Math.max(pSa, pB));
      const v = factors[m - 1];
      cSa += sa;
      dSa += sa * v;
      cB += bpo;
      dB += bpo * v;
      cBr += bridge;
      dBr += bridge * v;
    }
    sink += cSa - cB + cBr + dSa - dB + dBr;
  }
  return sink;
}

/** A full garbage collection, so heap figures count only what is still held. */
function fullGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** Heap and typed-array stores together: a series moved off the heap still counts. */
const heldBytes = (): number => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

interface Timing {
  /** Median wall time of one run. */
  perRunMs: number;
  bestMs: number;
  /** Median CPU time of one run (the process's, garbage collector threads included): what a run costs when
   * the shared machine deschedules this process in the middle of it. */
  cpuMs: number;
  runs: number;
}

const median = (values: number[]): number => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];

/**
 * Times each function over at least minMs, in rounds that run every one of them in turn, so that each sees the same
 * load of the shared machine; the figure is each one's median run (a mean would count the time the process was
 * not scheduled).
 */
function timeTogether<K extends string>(fns: Record<K, () => unknown>, minMs: number): Record<K, Timing> {
  const keys = Object.keys(fns) as K[];
  const wall = {} as Record<K, number[]>;
  const cpu = {} as Record<K, number[]>;
  for (const key of keys) {
    for (let i = 0; i < 3; i++) fns[key](); // warm up the JIT
    wall[key] = [];
    cpu[key] = [];
  }
  const start = performance.now();
  while (performance.now() - start < minMs || wall[keys[0]].length < 5) {
    for (const key of keys) {
      const before = performance.now();
      const cpuBefore = process.cpuUsage();
      fns[key]();
      const used = process.cpuUsage(cpuBefore);
      wall[key].push(performance.now() - before);
      cpu[key].push((used.user + used.system) / 1000);
    }
  }
  const figures = {} as Record<K, Timing>;
  for (const key of keys) {
    const runs = wall[key].length;
    figures[key] = { perRunMs: median(wall[key]), bestMs: wall[key][0], cpuMs: median(cpu[key]), runs };
  }
  return figures;
}

const mega = (perSecond: number): string => (perSecond / 1e6).toFixed(1);

export function benchModel(): string[] {
  const input = fullComponentInput(FUNCTIONS, MONTHS);
  const fm = FUNCTIONS * MONTHS;
  const rate = (ms: number): number => fm / (ms / 1000);
  const parsed = parseModelInput(input);
  // Memory first, apart from the timing (reading it is not free): what one result holds. Collected twice, as an
  // array buffer's memory returns one collection after its object.
  const collect = fullGc();
  collect();
  collect();
  const heldBefore = heldBytes();
  const kept = evaluate(input);
  collect();
  collect();
  const heldAfter = heldBytes();
  const { floor, model, again, parse } = timeTogether(
    {
      floor: floorLoop,
      model: () => evaluate(input),
      again: () => evaluateParsed(parsed),
      parse: () => parseModelInput(input),
    },
    3000,
  );
  const { json, stringified } = timeTogether(
    { json: () => modelResultJson(evaluate(input)), stringified: () => JSON.stringify(evaluate(input)) },
    3000,
  );
  // Wall time as the figure; beside it, CPU time against the floor's, which a loaded machine (a collection
  // waiting for its helper threads, a process descheduled mid-run) inflates far less.
  const line = (what: string, timing: Timing, target: string): string =>
    `model: ${what}: ${timing.perRunMs.toFixed(2)} ms per run, ${mega(rate(timing.perRunMs))} million function-months/s (${target}); ${(timing.perRunMs / floor.perRunMs).toFixed(2)}× the floor (target ≤ 3×); CPU time ${timing.cpuMs.toFixed(2)} ms, ${(timing.cpuMs / floor.cpuMs).toFixed(2)}× the floor's`;
  return [
    `model: ${FUNCTIONS} functions × ${MONTHS} months, every component on (linear ramps, escalation, attrition, onboarding, overhead, transition, governance, change orders, delay)`,
    `model: floor (the same monthly arithmetic, escalation once per contract year, no parsing or objects): ${floor.perRunMs.toFixed(2)} ms per run, ${mega(rate(floor.perRunMs))} million function-months/s`,
    line(`evaluate(input), parsing included (${model.runs} runs)`, model, "target ≥ 30"),
    line(`evaluateParsed(parsed), a re-evaluation without parsing (${again.runs} runs)`, again, "target ≥ 30"),
    `model: parseModelInput(input) alone: ${parse.perRunMs.toFixed(2)} ms per run`,
    `model: evaluate() plus the full §6 JSON (every monthly row): modelResultJson ${json.perRunMs.toFixed(1)} ms per run (median wall time; best ${json.bestMs.toFixed(1)}; median CPU time ${json.cpuMs.toFixed(1)}; target ≤ 80); JSON.stringify ${stringified.perRunMs.toFixed(1)} ms (CPU ${stringified.cpuMs.toFixed(1)})`,
    `model: memory: one result of ${kept.results.length} functions holds ~${((heldAfter - heldBefore) / 2 ** 20).toFixed(2)} MB (heap and typed arrays) before its monthly rows are read (target ≤ 3 MB); peak RSS of the bench ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
}

const PROCESSES = 5;

/**
 * benchModel in fresh Node processes, one after another: each starts from a cold JIT, as the command line does,
 * and V8 decides per process. Before the engine's loop was made safe from deoptimisation (src/model/engine.ts,
 * runMonths), one process in three to six ran it about four times slower throughout, which one in-process run
 * would show or hide at random; every process's figure is printed so such a case would show. The figures above are
 * those of the first process.
 */
export function benchModelInFreshProcesses(): string[] {
  const script = `console.log(JSON.stringify(require(${JSON.stringify(__filename)}).benchModel()))`;
  const runs = Array.from({ length: PROCESSES }, () => {
    const run = spawnSync(process.execPath, [...process.execArgv, "-e", script], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "[]") as string[];
  });
  const figure = (lines: string[], what: RegExp): string =>
    lines.map((l) => what.exec(l)?.[1]).find((v) => v !== undefined) ?? "?";
  const each = (what: RegExp) => runs.map((lines) => figure(lines, what)).join(", ");
  return [
    ...runs[0],
    `model: in ${PROCESSES} fresh processes, ms per run of each: evaluate(input) ${each(/evaluate\(input\), parsing included \(\d+ runs\): ([\d.]+) ms/)}; evaluateParsed ${each(/evaluateParsed\(parsed\).*?: ([\d.]+) ms per run/)}; the floor ${each(/floor .*?: ([\d.]+) ms per run/)}`,
  ];
}
