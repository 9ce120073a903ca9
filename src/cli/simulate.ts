/** `sourcing-model simulate FILE [--trials N] [--seed S] [--json] [--threads N]`: Monte Carlo over the triangular ranges. */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  MAX_SEED,
  MAX_TRIALS,
  formatMoney,
  formatMonth,
  formatPercentOneDecimal,
  type ModelInput,
  parseModelInput,
  SimulationMerger,
  simulate,
  simulatedTrials,
  splitTrials,
  type SimulationResult,
  proportionStandardError,
  trialsForPrecision,
  type CorrelationPair,
  parseCorrelations,
  correlationWarnings,
} from "../model";
import { readCorrelations } from "../io/correlations";
import type { ReadLimits } from "../io/limits";
import type { SimulateWorkerData, SimulateWorkerMessage } from "./simulate-worker";
import { appendTable, tableColumns } from "./report";
import { EXIT, UsageError, visible, type CliContext, type Command } from "./context";
import { OVERRIDE_HELP, answer, onlyFile, readCommandInput } from "./input-file";
import { INPUT_OPTIONS } from "./overrides";
import { integerOption, parseCommandLine } from "./arguments";

/**
 * Functions with ranges × trials one run may do by default: 1,000 such functions at the default 10,000 trials, about
 * 20 seconds at a 36-month horizon on a laptop (docs/limits.md). Rows without ranges are free and do not count.
 */
export const DEFAULT_MAX_TRIALS_TOTAL = 10_000_000;
const MAX_TRIALS_TOTAL_CEILING = 1_000_000_000_000;

/** Threads by default: the machine's processors, at most four (more gain little on one function's trials). */
export const defaultThreads = (): number => Math.min(4, availableParallelism());
const MAX_THREADS = 64;

/**
 * Trials in all (functions with a range × trials) below which one thread is quicker. Each thread starts, loads the
 * model and has V8 optimise the engine again in a fresh isolate, about what 50,000–100,000 trials of a 36-month
 * horizon take, and the merge is one more pass over every trial: on the bench machine 2 threads were 0.6–0.9× one
 * thread at 400,000 trials in all, 0.95× at 800,000, 1.1× at 1,200,000 and 1.5× at 4,000,000 (bench/analysis.ts).
 */
export const MIN_THREADED_TRIALS = 1_000_000;

/** The worker entry, beside this file once compiled (lib/cli); absent when run from the sources. */
const WORKER_FILE = join(__dirname, "simulate-worker.js");

/**
 * Runs the simulation in `threads` worker threads, each one range of every function's trials, and merges the
 * outcomes in trial order: the result is simulate()'s for the same seed, bit for bit.
 */
export async function simulateInThreads(
  input: ModelInput,
  trials: number,
  seed: number,
  threads: number,
  correlations: CorrelationPair[] = [],
): Promise<SimulationResult> {
  const ranges = splitTrials(trials, threads);
  const merger = new SimulationMerger(input, { trials, seed }, ranges);
  const workers: Worker[] = [];
  try {
    await Promise.all(
      ranges.map(
        (range, part) =>
          new Promise<void>((resolve, reject) => {
            const workerData: SimulateWorkerData = { input, trials, seed, range, correlations };
            const worker = new Worker(WORKER_FILE, { workerData });
            workers.push(worker);
            worker.on("message", (message: SimulateWorkerMessage) => {
              try {
                merger.add(message.index, part, message.outcomes);
              } catch (error) {
                reject(error as Error);
              }
            });
            worker.on("error", reject);
            worker.on("exit", (code) =>
              code === 0 ? resolve() : reject(new Error(`a simulation thread stopped with exit code ${code}.`)),
            );
          }),
      ),
    );
  } finally {
    for (const worker of workers) void worker.terminate();
  }
  const result = merger.result();
  // The merger knows no pairs: the warnings of repaired ones, as simulate() gives them.
  const repaired = parseModelInput(input).rows.flatMap((row) => correlationWarnings(row, correlations));
  return repaired.length > 0 ? { ...result, warnings: [...result.warnings, ...repaired] } : result;
}

/** The simulation on one thread or several: several only when the run is large enough to gain from them. */
export function simulateOnThreads(
  input: ModelInput,
  trials: number,
  seed: number,
  threads: number,
  total: number,
  correlations: CorrelationPair[] = [],
): Promise<SimulationResult> | SimulationResult {
  if (threads < 2 || total < MIN_THREADED_TRIALS || !existsSync(WORKER_FILE))
    return simulate(input, { trials, seed, correlations });
  return simulateInThreads(input, trials, seed, threads, correlations);
}

/**
 * The file's correlated ranges (a "correlations" list in .json, the SourcingCorrelations table in .xlsx), validated;
 * a UsageError naming each bad row, column and what is allowed.
 */
export async function fileCorrelations(path: string, limits?: ReadLimits): Promise<CorrelationPair[]> {
  const { pairs, errors } = parseCorrelations(await readCorrelations(path, limits));
  if (errors.length > 0)
    throw new UsageError(
      `the correlations of ${path} have ${errors.length} problem(s): ${errors.map((e) => `row ${e.row ?? "?"}, ${e.column}: ${e.message}`).join(" ")}`,
    );
  return pairs;
}

/** The options besides --help. */
const SIMULATE_OPTIONS = {
  trials: { type: "string" },
  seed: { type: "string" },
  json: { type: "boolean" },
  threads: { type: "string" },
  precision: { type: "string" },
  "max-trials-total": { type: "string" },
  ...INPUT_OPTIONS,
} as const;

export const SIMULATE_HELP = `Usage: sourcing-model simulate FILE [--trials N] [--seed S] [--json] [--threads N] [--precision P] [--max-trials-total N] [--horizon N] [--set KEY=VALUE ...]

Monte Carlo simulation: how sure is the comparison? Each trial draws the uncertain inputs of every function
from triangular distributions and runs the model. The table's value is the most likely value; the optional
columns <key>Min and <key>Max (e.g. bpoRampWeeksMin, "BPO ramp (weeks) max") give the range, for
saHourlyRate, bpoMonthlyFeePerFte, saRampDays, bpoRampWeeks, saMgmtShare, bpoTransitionCost,
saAnnualEscalation and bpoAnnualEscalation. Inputs without a range stay fixed; a function with no range at
all is not simulated (every trial would equal the model): its line shows the model's numbers.

Correlated ranges: a .json file's "correlations" list of {"input", "other input", "rank correlation"}, or an
.xlsx file's SourcingCorrelations table (Input | Other input | Rank correlation, -1 to 1), reorders the draws
(Iman-Conover) so those inputs move together; each input keeps its values. A set that cannot hold at once is
replaced by the nearest that can, with a warning naming each change.

Per function: the probability that BPO (and the bridge) is cheaper than staff augmentation by NPV over the
horizon; P10/P50/P90 of the saving, NPV(staff augmentation) - NPV(BPO or bridge); P10/P50/P90 of the
break-even month; the share of trials with no break-even within the horizon. Percentiles are nearest-rank.

Options
  --trials N          Trials per function, 1 to ${MAX_TRIALS.toLocaleString("en-US")} (default ${DEFAULT_TRIALS.toLocaleString("en-US")}).
  --seed S            Seed, 0 to ${MAX_SEED} (default ${DEFAULT_SEED}). The same seed gives the same numbers everywhere.
  --json              Print the result as JSON on stdout, nothing else.
  --threads N         Processor threads to share the trials, 1 to ${MAX_THREADS} (default: the machine's, at most 4;
                      here ${defaultThreads()}). Runs under ${MIN_THREADED_TRIALS.toLocaleString("en-US")} trials in all use one. The numbers are the same for any N.
  --precision P       Keep adding trials, in batches of --trials, until the Monte Carlo standard error of every
                      function's P(BPO cheaper) is below P (a share: 0.005 or 0.5%), at most
                      ${MAX_TRIALS.toLocaleString("en-US")} trials; each step is reported on stderr. The same seed gives
                      the same trials: the first N of a longer run are those of a run of N.
  --max-trials-total N
                      Refuse (exit 2) a run of more than N trials in all: functions with a range × --trials
                      (default ${DEFAULT_MAX_TRIALS_TOTAL.toLocaleString("en-US")}, about 20 seconds at 36 months; longer horizons take longer).
${OVERRIDE_HELP}
  -h, --help          Show this help.

Exit codes: 0 all inputs valid, 1 some inputs invalid (the others are simulated), 2 bad command line or file.
`;

/** The report's lines (no line ends), cell text escaped: a list, never one string, whatever the number of functions. */
export function simulationReport(result: SimulationResult, source: string): string[] {
  const { currency, horizonMonths } = result.assumptions;
  const money = (x: number) => formatMoney(x, currency);
  const lines = [
    `${source}: ${result.results.length} function${result.results.length === 1 ? "" : "s"} simulated, ${result.trials.toLocaleString("en-US")} trials each, seed ${result.seed}, horizon ${horizonMonths} months.`,
  ];
  if (result.results.length === 0) return lines.map(visible);
  lines.push("");
  const rows = result.results.flatMap((r) =>
    (["BPO", "BRIDGE"] as const).map((s) => [
      s === "BPO" ? r.function : "",
      s,
      formatPercentOneDecimal(r[s].probabilityCheaper),
      money(r[s].saving.p10),
      money(r[s].saving.p50),
      money(r[s].saving.p90),
      `${formatMonth(r[s].breakEvenMonth.p10)} / ${formatMonth(r[s].breakEvenMonth.p50)} / ${formatMonth(r[s].breakEvenMonth.p90)}`,
      formatPercentOneDecimal(r[s].noBreakEvenShare),
    ]),
  );
  appendTable(
    lines,
    tableColumns(
      "Function | vs staff aug | >P(cheaper) | >Saving P10 | >Saving P50 | >Saving P90 | >Break-even P10/P50/P90 | >No break-even",
    ),
    rows,
  );
  lines.push(
    "",
    "Saving = NPV of staff augmentation - NPV of BPO (or of the bridge); positive means cheaper than staff augmentation.",
    `P10/P50/P90: 10%, 50% and 90% of the trials are at or below the value. Break-even "none": beyond ${horizonMonths} months.`,
    "",
    "Uncertain inputs (min / most likely / max)",
  );
  for (const r of result.results) {
    const ranges = r.uncertain.map((u) => `${u.label} ${u.min} / ${u.mostLikely} / ${u.max}`).join("; ");
    lines.push(`  ${r.function}: ${ranges || "none: not simulated, the numbers are the model's"}`);
  }
  return lines.map(visible);
}

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandLine(args, SIMULATE_OPTIONS, SIMULATE_HELP, context);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const trials = integerOption("--trials", values.trials, DEFAULT_TRIALS, 1, MAX_TRIALS);
  const seed = integerOption("--seed", values.seed, DEFAULT_SEED, 0, MAX_SEED);
  const maxTotal = integerOption(
    "--max-trials-total",
    values["max-trials-total"],
    DEFAULT_MAX_TRIALS_TOTAL,
    1,
    MAX_TRIALS_TOTAL_CEILING,
  );
  const threads = integerOption("--threads", values.threads, defaultThreads(), 1, MAX_THREADS);
  const path = onlyFile("simulate", positionals);
  const source = await readCommandInput(path, values, context);
  const correlations = await fileCorrelations(path, source.limits);
  // Checked before any trial runs: a large file must not keep a laptop busy for hours unasked.
  const ranged = parseModelInput(source.input).rows;
  const total = simulatedTrials(ranged, trials);
  if (total > maxTotal) {
    const functions = total / trials;
    throw new UsageError(
      `simulating ${functions.toLocaleString("en-US")} function${functions === 1 ? "" : "s"} with ranges × ${trials.toLocaleString("en-US")} trials is ${total.toLocaleString("en-US")} trials, above the limit of ${maxTotal.toLocaleString("en-US")}; use fewer --trials, or raise the limit with --max-trials-total ${total}.`,
    );
  }
  const precision = values.precision === undefined ? undefined : precisionOption(values.precision);
  let result = await simulateOnThreads(source.input, trials, seed, threads, total, correlations);
  if (precision !== undefined) {
    const functions = total / trials;
    for (;;) {
      const worst = worstStandardError(result);
      const run = result.trials;
      const needed = Math.max(
        run,
        ...result.results
          .filter((r) => r.trialsRun > 0)
          .map((r) => trialsForPrecision(r.BPO.probabilityCheaper, precision, run, trials)),
      );
      context.stderr(
        `${run.toLocaleString("en-US")} trials: standard error of P(BPO cheaper) at most ${formatPercentTwoDecimals(worst)} (target below ${formatPercentTwoDecimals(precision)}).\n`,
      );
      if (worst < precision || run >= MAX_TRIALS) break;
      if (functions * needed > maxTotal) {
        context.stderr(
          `Stopped: ${needed.toLocaleString("en-US")} trials for ${functions.toLocaleString("en-US")} function(s) would pass --max-trials-total ${maxTotal.toLocaleString("en-US")}.\n`,
        );
        break;
      }
      result = await simulateOnThreads(source.input, needed, seed, threads, functions * needed, correlations);
    }
  }
  return answer(result, source, context, { json: values.json, report: simulationReport, done: "analysed" });
}

/** --precision: a share above 0 and at most 0.5 (the largest a share's standard error can be), "0.005" or "0.5%". */
function precisionOption(text: string): number {
  const trimmed = text.trim();
  const value = trimmed.endsWith("%") ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  if (!(value > 0 && value <= 0.5))
    throw new UsageError(`--precision must be a share above 0 and at most 0.5 (e.g. 0.005 or 0.5%); got "${text}".`);
  return value;
}

/** The largest standard error of P(BPO cheaper) among the simulated functions (0 when none is simulated). */
const worstStandardError = (result: SimulationResult): number =>
  Math.max(0, ...result.results.map((r) => proportionStandardError(r.BPO.probabilityCheaper, r.trialsRun)));

const formatPercentTwoDecimals = (share: number): string => `${(share * 100).toFixed(2)}%`;

export const simulateCommand: Command = {
  name: "simulate",
  usage: "FILE [--trials N] [--seed S] [--json] [--threads N] [--precision P] [--max-trials-total N]",
  summary: "Monte Carlo over the inputs' ranges: probability BPO is cheaper, P10/P50/P90",
  help: SIMULATE_HELP,
  run,
};
