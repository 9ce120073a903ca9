/**
 * The custom functions as Excel calls them: how long SOURCING.PROBABILITY holds the runtime between two yields
 * (its slices are bounded by work, MONTHS_PER_SLICE; this prints what that work costs here), and the one-piece
 * functions at the longest horizon. Figures only.
 */
import { MAX_FUNCTION_TRIALS, createAnalysisFunctions, trialsPerSlice } from "../src/functions/analysis";
import { createSourcingFunctions } from "../src/functions/sourcing";
import { createPortfolioFunction, solveHere, workerRunner, type PortfolioWorkerLike } from "../src/functions/portfolio";
import { answerPortfolioRequest, type PortfolioWorkerRequest } from "../src/functions/portfolio-solve";
import { sampleAssumptionRows, sampleFunctionHeaders, sampleFunctionRows } from "../src/layout/workbook";
import { optimisePortfolio, parseModelInput, type CellValue } from "../src/model";
import { syntheticInput } from "./model";
import { RANGED_SUPPORT_HEADERS, RANGED_SUPPORT_ROW } from "../test/analysis/helpers";

const errors = { invalidValue: (message: string) => message, notAvailable: (message: string) => message };
const headers = [RANGED_SUPPORT_HEADERS];
const row = [RANGED_SUPPORT_ROW];

/** A macrotask, as the add-in yields (a message, not a clamped timeout). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

export async function benchFunctions(): Promise<string[]> {
  const lines = [
    "Custom functions (longest time holding the runtime between two yields; Excel desktop restarts an add-in after 5 s):",
  ];
  for (const horizon of [36, 120, 600]) {
    const assumptions = [["Horizon (months)", horizon]];
    const functions = createAnalysisFunctions(errors);
    const turns: number[] = [];
    let started = performance.now();
    const total = performance.now();
    await functions.probabilityInSlices(
      async () => {
        turns.push(performance.now() - started);
        await nextTask();
        started = performance.now();
      },
      row,
      headers,
      assumptions,
      MAX_FUNCTION_TRIALS,
      1,
    );
    turns.push(performance.now() - started);
    const sourcing = createSourcingFunctions(errors);
    const decideStart = performance.now();
    sourcing.decide(row, headers, assumptions);
    const decide = performance.now() - decideStart;
    const feeStart = performance.now();
    functions.breakEvenFee(row, Math.min(24, horizon), headers, assumptions);
    const fee = performance.now() - feeStart;
    lines.push(
      `  ${horizon} months: PROBABILITY ${MAX_FUNCTION_TRIALS.toLocaleString("en-US")} trials in ${turns.length} turns of ≤ ${trialsPerSlice(horizon).toLocaleString("en-US")} trials, ` +
        `longest ${Math.max(...turns).toFixed(1)} ms, median ${turns.sort((a, b) => a - b)[Math.floor(turns.length / 2)].toFixed(1)} ms, total ${(performance.now() - total).toFixed(0)} ms; ` +
        `DECIDE ${decide.toFixed(1)} ms; BREAKEVENFEE ${fee.toFixed(1)} ms`,
    );
  }
  lines.push(...(await benchPortfolioFunction()));
  return lines;
}

/**
 * A Worker stand-in for Node: the request and the reply are structured-cloned (what postMessage costs the page) and
 * the solve runs between two tasks, as in the real Worker. `replied` is when the page starts handling the reply.
 */
class ClonedWorker implements PortfolioWorkerLike {
  onmessage: PortfolioWorkerLike["onmessage"] = null;
  onerror: PortfolioWorkerLike["onerror"] = null;
  replied = 0;
  postMessage(message: PortfolioWorkerRequest): void {
    const request = structuredClone(message);
    setTimeout(() => {
      void answerPortfolioRequest(request).then((reply) => {
        setTimeout(() => {
          this.replied = performance.now();
          this.onmessage?.({ data: structuredClone(reply) });
        }, 0);
      });
    }, 0);
  }
  terminate(): void {}
}

/** Worksheet arguments for a synthetic table: header row, rows, assumption pairs. */
function sheetArguments(input: ReturnType<typeof syntheticInput>): { table: CellValue[][]; headers: CellValue[][] } {
  const keys = Object.keys(input.functions[0]);
  return { headers: [keys], table: input.functions.map((row) => keys.map((key) => row[key] ?? null)) };
}

/** Limits that both bind: a third of the unconstrained peak of transitions, capacity 10% above the least it allows. */
async function bindingLimits(input: ReturnType<typeof syntheticInput>): Promise<[string, CellValue][]> {
  const solve = (extra: Record<string, CellValue>) =>
    optimisePortfolio(parseModelInput({ ...input, assumptions: { ...input.assumptions, ...extra } }));
  const free = await solve({ transitionStartStepMonths: 3 });
  const transitions = Math.max(1, Math.ceil(Math.max(...free.months.map((m) => m.transitions)) / 3));
  const limited = await solve({ transitionStartStepMonths: 3, maxConcurrentTransitions: transitions });
  const capacity = (limited.minimumManagementCapacityFte ?? 0) * 1.1;
  return [
    ...Object.entries(input.assumptions),
    ["transitionStartStepMonths", 3],
    ["maxConcurrentTransitions", transitions],
    ["managementCapacityFte", capacity],
  ];
}

/**
 * =SOURCING.PORTFOLIO: how long the page's thread is held per call (reading the arguments and posting them, then
 * turning the Worker's reply into the spill), against the solve the Worker does meanwhile and what the same solve
 * would hold the page for in-process.
 */
async function benchPortfolioFunction(): Promise<string[]> {
  const errors = { invalidValue: (message: string) => message, notAvailable: (message: string) => message };
  const synthetic = syntheticInput(60, 36);
  const cases = [
    {
      label: "sample (4 functions × 36 months, 1.5 manager FTE, 1 transition)",
      table: sampleFunctionRows(),
      headers: [sampleFunctionHeaders()],
      assumptions: [
        ...sampleAssumptionRows().map((r) => [r[0], r[1]]),
        ["managementCapacityFte", 1.5],
        ["maxConcurrentTransitions", 1],
      ] as CellValue[][],
    },
    {
      label: "60 functions × 36 months, step 3, both limits binding",
      ...sheetArguments(synthetic),
      assumptions: (await bindingLimits(synthetic)) as CellValue[][],
    },
  ];
  const lines = ["SOURCING.PORTFOLIO (page thread held per call; the solve runs in the portfolio Worker):"];
  for (const c of cases) {
    const worker = new ClonedWorker();
    const viaWorker = createPortfolioFunction(
      errors,
      workerRunner(() => worker),
    );
    const started = performance.now();
    const pending = viaWorker.portfolio(c.table, c.headers, c.assumptions);
    const beforePost = performance.now() - started;
    const table = await pending;
    const afterReply = performance.now() - worker.replied;
    const total = performance.now() - started;
    const cachedStart = performance.now();
    await viaWorker.portfolio(c.table, c.headers, c.assumptions);
    const cached = performance.now() - cachedStart;
    const hereStart = performance.now();
    await createPortfolioFunction(errors, solveHere).portfolio(c.table, c.headers, c.assumptions);
    const inProcess = performance.now() - hereStart;
    const rows = Array.isArray(table) ? table.length - 1 : 0;
    lines.push(
      `  ${c.label}: longest hold ${Math.max(beforePost, afterReply).toFixed(1)} ms (arguments and post ${beforePost.toFixed(1)} ms, reply to spill ${afterReply.toFixed(1)} ms; target ≤ 200 ms); ` +
        `answer after ${total.toFixed(0)} ms; recalculation with the same inputs ${cached.toFixed(1)} ms; the same solve in-process would hold the page ${inProcess.toFixed(0)} ms; ${rows} plan rows`,
    );
  }
  return lines;
}
