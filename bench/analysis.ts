/**
 * Analysis throughput, on the model as compiled to lib/ (`npm run bench` builds it first):
 *  - Monte Carlo, one function, 10,000 trials × 36 months (issue #11: median ≤ 15 ms, best ≤ 8 ms) in Node and in
 *    the task pane's Worker (the analysis worker bundled as webpack bundles it, in Debian's Chromium through
 *    playwright-core, as test/analysis/worker.test.ts runs it; skipped, with a line saying so, without Chromium);
 *  - the whole sample (4 functions × 10,000 trials, with the seed article's ranges; target ≤ 1 s);
 *  - the simulation on several cores: the sample at 100,000 trials in 1 and 2 worker threads (the command line's
 *    path), this machine's speed-up, and the one expected on 4 and 8 cores from the measured parts;
 *  - the tornado and the goal seek of the sample, for scale.
 */
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { browserAvailable, launchChromium } from "../scripts/chromium";
import { sampleWithRanges } from "../test/analysis/helpers";
import { workerBundle } from "../test/analysis/worker-bundle";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = require("../lib/model") as typeof import("../src/model");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require("../lib/cli/simulate") as typeof import("../src/cli/simulate");

interface Timing {
  median: number;
  best: number;
}

const summarise = (times: number[]): Timing => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], best: sorted[0] };
};

/** Median and best of `runs` timed runs after `warmup` untimed ones, in ms. */
function median(fn: () => unknown, runs = 15, warmup = 3): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return summarise(times);
}

async function medianAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return summarise(times);
}

const TRIALS = 10_000;
const RUNS = 25;

const againstTarget = (t: Timing) =>
  `median ${t.median.toFixed(1)} ms (target ≤ 15 ms), best ${t.best.toFixed(1)} ms (target ≤ 8 ms)`;

const PROCESSES = 5;

/**
 * One function × 10,000 trials in fresh Node processes running the compiled model, as the command line does (this
 * bench's own process has tsx, webpack and playwright loaded). Several processes, because V8 decides per process:
 * before runMonths (src/model/engine.ts) was made safe from deoptimisation, one process in eight ran the engine
 * unoptimised throughout and a run took about three times as long; each process's median shows such a case.
 */
function inFreshNode(one: ReturnType<typeof sampleWithRanges>): {
  all: Timing;
  perProcess: number[];
  cpuPerProcess: number[];
} {
  // Each run's wall and CPU time: a slow stretch with a normal CPU time is the shared machine, not V8.
  const script = `const model = require(${JSON.stringify(require.resolve("../lib/model"))});
    const input = JSON.parse(process.argv[1]);
    const times = [];
    const cpu = [];
    for (let i = 0; i < ${5 + RUNS}; i++) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      model.simulate(input, { trials: ${TRIALS} });
      const used = process.cpuUsage(cpuStart);
      if (i >= 5) times.push(performance.now() - start), cpu.push((used.user + used.system) / 1000);
    }
    console.log(JSON.stringify({ times, cpu }));`;
  const all: number[] = [];
  const perProcess: number[] = [];
  const cpuPerProcess: number[] = [];
  for (let p = 0; p < PROCESSES; p++) {
    const run = spawnSync(process.execPath, ["-e", script, JSON.stringify(one)], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(run.stderr);
    const { times, cpu } = JSON.parse(run.stdout) as { times: number[]; cpu: number[] };
    all.push(...times);
    perProcess.push(summarise(times).median);
    cpuPerProcess.push(summarise(cpu).median);
  }
  return { all: summarise(all), perProcess, cpuPerProcess };
}

/**
 * One function × 10,000 trials in the analysis worker, in Chromium: the pool's request for every trial (the worker
 * draws, runs the engine and sends the per-trial outcomes back), then the page's merge and summary of them (timed
 * in Node on the same outcomes, about a millisecond); and, for scale, the whole analysis request of one worker
 * (the simulation with its summary, the tornado and the value of information).
 */
async function inChromiumWorker(one: ReturnType<typeof sampleWithRanges>): Promise<string[]> {
  if (!browserAvailable) return ["analysis: Monte Carlo in the pane's Worker: not measured (no /usr/bin/chromium)"];
  const code = await workerBundle();
  // The page posts a request to one worker and times each answer, from post to the message that ends it.
  const page = `<!doctype html><meta charset="utf-8"><script>
    window.run = async (request, end, runs, warmup) => {
      const worker = new Worker("/worker.js");
      const once = () => new Promise((resolve) => {
        const started = performance.now();
        worker.onmessage = (e) => { if (e.data.type === end || e.data.type === "error") resolve(performance.now() - started); };
        worker.postMessage(request);
      });
      for (let i = 0; i < warmup; i++) await once();
      const times = [];
      for (let i = 0; i < runs; i++) times.push(await once());
      worker.terminate();
      return times;
    };
  </script>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": req.url === "/worker.js" ? "text/javascript" : "text/html" });
    res.end(req.url === "/worker.js" ? code : page);
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const timesOf = async (request: object, end: string) =>
      summarise(
        (await tab.evaluate(
          ([r, e, runs]) =>
            (window as unknown as { run(r: unknown, e: string, n: number, w: number): Promise<number[]> }).run(
              r,
              e,
              runs,
              5,
            ),
          [request, end, RUNS] as const,
        )) as number[],
      );
    const range = { from: 0, to: TRIALS };
    const trials = await timesOf(
      { type: "trials", id: 1, input: one, trials: TRIALS, seed: 1, part: 0, range },
      "trials-done",
    );
    const analyse = await timesOf(
      { type: "analyse", id: 1, input: one, scenarios: [], trials: TRIALS, seed: 1 },
      "done",
    );
    const merge = mergeTime(one);
    const pane: Timing = { median: trials.median + merge, best: trials.best + merge };
    return [
      `analysis: Monte Carlo in the pane's Worker (Chromium ${browser.version()}), 1 function × 10,000 trials × 36 months: the worker's trials, post to answer, plus the page's merge and summary (${merge.toFixed(1)} ms): ${againstTarget(pane)}`,
      `analysis: one analysis worker's whole request for that function (simulation and summary, tornado, value of information): median ${analyse.median.toFixed(1)} ms, best ${analyse.best.toFixed(1)} ms`,
    ];
  } finally {
    await browser.close();
    server.close();
  }
}

/** The merge and summary of one function's 10,000 trial outcomes (what the pool does in the page), median in ms. */
function mergeTime(one: ReturnType<typeof sampleWithRanges>): number {
  const kept: import("../src/model").TrialOutcomes[] = [];
  model.simulateTrials(one, { trials: TRIALS, seed: 1, from: 0, to: TRIALS }, (_, outcomes) => kept.push(outcomes));
  const ranges = model.splitTrials(TRIALS, 1);
  return median(() => {
    const merger = new model.SimulationMerger(one, { trials: TRIALS, seed: 1 }, ranges);
    // A copy: a summary reorders the arrays it is given.
    merger.add(0, 0, structuredClone(kept[0]));
    return merger.result();
  }, RUNS).median;
}

/** Starting a worker thread that loads the compiled model, in ms (what a split run pays per thread). */
async function threadStart(): Promise<number> {
  const started = performance.now();
  await new Promise<void>((done, fail) => {
    const worker = new Worker(`require(${JSON.stringify(require.resolve("../lib/model"))})`, { eval: true });
    worker.on("error", fail);
    worker.on("exit", () => done());
  });
  return performance.now() - started;
}

/** The sample at 100,000 trials per function on 1 and 2 threads, and what 4 and 8 cores should give. */
async function onSeveralCores(input: ReturnType<typeof sampleWithRanges>): Promise<string[]> {
  const trials = 100_000;
  const one = median(() => model.simulate(input, { trials, seed: 1 }), 5, 1);
  const two = await medianAsync(() => cli.simulateInThreads(input, trials, 1, 2), 5);
  // The parts of a split run: the trials themselves (divided among the threads), a thread's start, and the merge
  // (joining each function's ranges and summarising it), timed on outcomes kept from one run of the trials.
  const kept: [number, import("../src/model").TrialOutcomes][] = [];
  const trialsOnly = median(
    () => {
      kept.length = 0;
      model.simulateTrials(input, { trials, seed: 1, from: 0, to: trials }, (index, outcomes) =>
        kept.push([index, outcomes]),
      );
    },
    5,
    1,
  );
  const ranges = model.splitTrials(trials, 1);
  const merging = median(
    () => {
      const merger = new model.SimulationMerger(input, { trials, seed: 1 }, ranges);
      // Copies: a summary reorders the arrays it is given.
      for (const [index, outcomes] of kept) merger.add(index, 0, structuredClone(outcomes));
      return merger.result();
    },
    5,
    1,
  );
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) starts.push(await threadStart());
  const start = summarise(starts);
  const merge = merging.median;
  const expected = (cores: number) => one.median / (start.median + trialsOnly.median / cores + merge);
  return [
    `analysis: several cores (--threads, the pane's Workers): the sample × 100,000 trials: 1 thread median ${one.median.toFixed(0)} ms, 2 threads median ${two.median.toFixed(0)} ms: speed-up ${(one.median / two.median).toFixed(2)}× on this machine (${availableParallelism()} processors, shared with other work while measured)`,
    `analysis: several cores, parts: trials ${trialsOnly.median.toFixed(0)} ms, merge and summaries ${merge.toFixed(0)} ms, a thread's start with the model loaded ${start.median.toFixed(0)} ms; expected speed-up on idle cores: 2 ${expected(2).toFixed(1)}×, 4 ${expected(4).toFixed(1)}×, 8 (--threads 8) ${expected(8).toFixed(1)}×`,
  ];
}

export async function benchAnalysis(): Promise<string[]> {
  const input = sampleWithRanges();
  const one = { ...input, functions: [input.functions[0]] };
  const fresh = inFreshNode(one);
  const whole = median(() => model.simulate(input, { trials: TRIALS }), 7);
  const big = median(() => model.simulate(input, { trials: 100_000 }), 3, 1);
  const tornado = median(() => model.sensitivity(input));
  const seek = median(() => model.goalSeek(input, 6));
  return [
    `analysis: Monte Carlo in Node (${PROCESSES} fresh processes × ${RUNS} runs of the compiled model), 1 function × 10,000 trials × 36 months: ${againstTarget(fresh.all)}; ${((TRIALS * 36) / (fresh.all.median / 1000) / 1e6).toFixed(1)} million trial-months/s; median of each process: ${fresh.perProcess.map((m, p) => `${m.toFixed(1)} (CPU ${fresh.cpuPerProcess[p].toFixed(1)})`).join(", ")} ms`,
    ...(await inChromiumWorker(one)),
    `analysis: simulate the sample (4 functions × 10,000 trials, ranges on rate, fee, both ramps and management share): median ${whole.median.toFixed(1)} ms (target ≤ 1,000 ms)`,
    `analysis: simulate the sample with 100,000 trials per function: median ${big.median.toFixed(0)} ms`,
    ...(await onSeveralCores(input)),
    `analysis: tornado of the sample (20 inputs × 2 runs × 4 functions): median ${tornado.median.toFixed(2)} ms; goal seek (fee and rate, month 6): median ${seek.median.toFixed(2)} ms`,
    `analysis: memory: per function 4 Float64Arrays of trial outcomes (${((4 * 8 * TRIALS) / 1024).toFixed(0)} KB at 10,000 trials), one buffer set reused across trials and functions`,
  ];
}
