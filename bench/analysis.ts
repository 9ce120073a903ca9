/**
 * Analysis throughput, on the model as compiled to lib/ (`npm run bench` builds it first):
 *  - Monte Carlo, one function, 10,000 trials × 36 months (issue #11: median ≤ 15 ms, best ≤ 8 ms) in Node and in
 *    the task pane's Worker (the analysis worker bundled as webpack bundles it, in Debian's Chromium through
 *    playwright-core, as test/analysis/worker.test.ts runs it; skipped, with a line saying so, without Chromium);
 *  - the whole sample (4 functions × 10,000 trials, with the seed article's ranges; target ≤ 1 s);
 *  - the simulation on several cores: the sample at 100,000 and 1,000,000 trials in 1 and 2 worker threads (the
 *    command line's path), this machine's speed-up, and the one expected on 4 and 8 cores from the measured parts;
 *  - the tornado and the goal seek of the sample, for scale.
 */
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { browserAvailable } from "../scripts/chromium";
import { sampleWithRanges } from "../test/analysis/helpers";
import { openWorkerPage } from "../test/analysis/worker-bundle";

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
async function inChromiumWorker(
  one: ReturnType<typeof sampleWithRanges>,
  sample: ReturnType<typeof sampleWithRanges>,
): Promise<string[]> {
  if (!browserAvailable) return ["analysis: Monte Carlo in the pane's Worker: not measured (no /usr/bin/chromium)"];
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
    // The pool's trials as the pane runs them: a fresh worker per range, all at once, until every range is in.
    window.split = async (input, trials, ranges) => {
      const started = performance.now();
      await Promise.all(ranges.map((range, part) => new Promise((resolve) => {
        const worker = new Worker("/worker.js");
        worker.onmessage = (e) => {
          if (e.data.type === "trials-done" || e.data.type === "error") worker.terminate(), resolve();
        };
        worker.postMessage({ type: "trials", id: 1, input, trials, seed: 1, part, range });
      })));
      return performance.now() - started;
    };
  </script>`;
  const { tab, browser, close } = await openWorkerPage(page);
  try {
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
    const split = async (input: object, trials: number, ranges: { from: number; to: number }[]) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++)
        times.push(
          (await tab.evaluate(
            ([i, t, r]) =>
              (window as unknown as { split(i: unknown, t: number, r: unknown): Promise<number> }).split(i, t, r),
            [input, trials, ranges] as const,
          )) as number,
        );
      return summarise(times).median;
    };
    const poolLines: string[] = [];
    for (const trials of [10_000, 25_000, 50_000, 100_000]) {
      const workers = (k: number) => split(sample, trials, model.splitTrials(trials, k));
      const [alone, two] = [await workers(1), await workers(2)];
      // On idle cores: one worker on its share alone (start, script, warm-up included), as each would run.
      const shares = [];
      for (const k of [4]) shares.push(await split(sample, trials, [model.splitTrials(trials, k)[0]]));
      poolLines.push(
        `analysis: the pane's workers (fresh for each run, as the pane starts them), the sample × ${trials.toLocaleString("en-US")} trials, trials only (the page's merge apart): 1 worker median ${alone.toFixed(0)} ms, 2 workers ${two.toFixed(0)} ms (${(alone / two).toFixed(2)}× on this machine); one worker on a quarter alone ${shares[0].toFixed(0)} ms (on 4 idle cores about ${(alone / shares[0]).toFixed(1)}×)`,
      );
    }
    return [
      `analysis: Monte Carlo in the pane's Worker (Chromium ${browser.version()}), 1 function × 10,000 trials × 36 months: the worker's trials, post to answer, plus the page's merge and summary (${merge.toFixed(1)} ms): ${againstTarget(pane)}`,
      `analysis: one analysis worker's whole request for that function (simulation and summary, tornado, value of information): median ${analyse.median.toFixed(1)} ms, best ${analyse.best.toFixed(1)} ms`,
      ...poolLines,
    ];
  } finally {
    await close();
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

/**
 * One thread of a split run, alone: the command line's worker (lib/cli/simulate-worker.js) on the first `share`
 * of `trials` per function, timed from its start to its exit. It includes what each thread of a real split run
 * pays besides its trials: the thread's start, loading the model, and V8 optimising the engine again in a fresh
 * isolate. Alone, it has a core and V8's compiler threads to itself, as each thread would on idle cores.
 */
async function threadAlone(input: ReturnType<typeof sampleWithRanges>, trials: number, share: number): Promise<number> {
  const started = performance.now();
  await new Promise<void>((done, fail) => {
    const workerData = { input, trials, seed: 1, range: { from: 0, to: share } };
    const worker = new Worker(require.resolve("../lib/cli/simulate-worker"), { workerData });
    worker.on("message", () => undefined); // the outcomes, transferred: not needed here
    worker.on("error", fail);
    worker.on("exit", () => done());
  });
  return performance.now() - started;
}

/**
 * The sample on 1 and 2 threads at 100,000 and 1,000,000 trials per function (the command line's path), and what
 * 4 and 8 idle cores should give at 1,000,000: a thread's share run alone (threadAlone) plus the merge.
 */
async function onSeveralCores(input: ReturnType<typeof sampleWithRanges>): Promise<string[]> {
  const lines: string[] = [];
  const single = new Map<number, Timing>();
  for (const trials of [100_000, 1_000_000]) {
    const runs = trials > 100_000 ? 3 : 5;
    const one = median(() => model.simulate(input, { trials, seed: 1 }), runs, 1);
    const two = await medianAsync(() => cli.simulateInThreads(input, trials, 1, 2), runs);
    single.set(trials, one);
    lines.push(
      `analysis: several cores on the command line (--threads): the sample × ${trials.toLocaleString("en-US")} trials (${(4 * trials).toLocaleString("en-US")} in all): 1 thread median ${one.median.toFixed(0)} ms, 2 threads median ${two.median.toFixed(0)} ms: speed-up ${(one.median / two.median).toFixed(2)}× on this machine (${availableParallelism()} processors)`,
    );
  }
  // The merge (joining each function's ranges in trial order and summarising it), timed on kept outcomes.
  const trials = 1_000_000;
  const kept: [number, import("../src/model").TrialOutcomes][] = [];
  model.simulateTrials(input, { trials, seed: 1, from: 0, to: trials }, (index, outcomes) =>
    kept.push([index, outcomes]),
  );
  const ranges = model.splitTrials(trials, 1);
  const merging = median(
    () => {
      const merger = new model.SimulationMerger(input, { trials, seed: 1 }, ranges);
      // Copies: a summary reorders the arrays it is given.
      for (const [index, outcomes] of kept) merger.add(index, 0, structuredClone(outcomes));
      return merger.result();
    },
    3,
    1,
  );
  const oneThread = single.get(trials)?.median ?? NaN;
  const expected: string[] = [];
  const parts: string[] = [];
  for (const cores of [2, 4, 8]) {
    const thread = await threadAlone(input, trials, Math.ceil(trials / cores));
    parts.push(`${cores}: ${thread.toFixed(0)} ms`);
    expected.push(`${cores} ${(oneThread / (thread + merging.median)).toFixed(1)}×`);
  }
  lines.push(
    `analysis: several cores at 1,000,000 trials, parts: one thread's share run alone, with its start, loading and V8's warm-up (cores ${parts.join(", ")}), merge and summaries ${merging.median.toFixed(0)} ms; expected speed-up on idle cores: ${expected.join(", ")}`,
  );
  return lines;
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
    ...(await inChromiumWorker(one, input)),
    `analysis: simulate the sample (4 functions × 10,000 trials, ranges on rate, fee, both ramps and management share): median ${whole.median.toFixed(1)} ms (target ≤ 1,000 ms)`,
    `analysis: simulate the sample with 100,000 trials per function: median ${big.median.toFixed(0)} ms`,
    ...(await onSeveralCores(input)),
    `analysis: tornado of the sample (20 inputs × 2 runs × 4 functions): median ${tornado.median.toFixed(2)} ms; goal seek (fee and rate, month 6): median ${seek.median.toFixed(2)} ms`,
    `analysis: memory: per function 4 Float64Arrays of trial outcomes (${((4 * 8 * TRIALS) / 1024).toFixed(0)} KB at 10,000 trials), one buffer set reused across trials and functions`,
  ];
}
