/**
 * The analysis worker: runs the simulation, the tornado and the scenario comparison off the page's thread, so
 * the task pane stays responsive. The numbers come from src/model (bundled into the worker), exactly the code
 * the command line and the custom functions run.
 *
 * Protocol: the page posts an AnalysisRequest; the worker posts progress messages (after every chunk of
 * trials), then one "done" (the AnalysisReport) or one "error". Cancelling is the page's worker.terminate():
 * immediate, and nothing half-done reaches the workbook.
 *
 * Split runs (worker-pool.ts): the pool gives each of its workers a PartRequest for one range of the trials; the
 * worker posts each function's outcomes of that range (its arrays transferred, not copied), then "trials-done".
 * One worker also gets the tornado and the scenarios ("extras"). The pool merges in trial order (model
 * SimulationMerger), so the numbers are those of one worker, bit for bit.
 */
import type { AnalysisReport } from "../layout/analysis-sheet";
import {
  type Assumptions,
  compareScenarios,
  type CorrelationPair,
  correlationWarnings,
  functionStandardErrors,
  type ParsedRow,
  type PercentileStandardErrors,
  percentileStandardErrors,
  type FunctionVoi,
  functionVoiOnTrials,
  parseModelInput,
  type ParsedInput,
  parseScenarios,
  type ScenarioRow,
  sensitivity,
  SimulationMerger,
  simulatedTrials,
  simulateTrials,
  type ModelInput,
  type ModelResult,
  type SimulationResult,
  type TrialOutcomes,
  type TrialRange,
  type VoiTrials,
  voiTrialsOf,
} from "../model";

export interface AnalysisRequest {
  type: "analyse";
  id: number;
  input: ModelInput;
  scenarios: ScenarioRow[];
  trials: number;
  seed: number;
  /** The workbook's SourcingCorrelations pairs, applied to the draws (none: independent ranges). */
  correlations?: CorrelationPair[];
}

export type AnalysisMessage =
  | { type: "progress"; id: number; done: number; total: number; function: string }
  | { type: "done"; id: number; report: AnalysisReport; scenarioErrors: string[] }
  | { type: "error"; id: number; message: string };

/** A worker's share of a split run (worker-pool.ts): one range of every function's trials, or the extras. */
export type PartRequest =
  | {
      type: "trials";
      id: number;
      input: ModelInput;
      trials: number;
      seed: number;
      part: number;
      range: TrialRange;
      correlations?: CorrelationPair[];
    }
  | { type: "extras"; id: number; input: ModelInput; scenarios: ScenarioRow[] }
  /** Function `index`'s value of information from all its trials, joined in trial order by the pool. */
  | {
      type: "voi";
      id: number;
      input: ModelInput;
      trials: number;
      seed: number;
      index: number;
      outcomes: VoiTrials;
      correlations?: CorrelationPair[];
    };

/** The tornado and the scenario comparison: the report besides the simulation. */
export type Extras = Omit<AnalysisReport, "simulation"> & { scenarioErrors: string[] };

export type PartMessage =
  | { type: "progress"; id: number; done: number; total: number; function: string }
  /** Function `index` (among the valid rows) over the trials of range `part`. */
  | { type: "outcomes"; id: number; part: number; index: number; outcomes: TrialOutcomes }
  | { type: "trials-done"; id: number; part: number }
  | { type: "extras-done"; id: number; extras: Extras }
  | { type: "voi-done"; id: number; index: number; figures: TrialFigures }
  | { type: "error"; id: number; message: string };

const failure = (id: number, error: unknown) =>
  ({ type: "error", id, message: error instanceof Error ? error.message : String(error) }) as const;

function extrasOf(input: ModelInput, rows: ScenarioRow[]): Extras {
  const tornado = sensitivity(input);
  const parsed = parseScenarios(rows);
  const scenarios = parsed.scenarios.length > 0 ? compareScenarios(input, parsed.scenarios) : null;
  if (scenarios)
    for (const result of [scenarios.base, ...scenarios.scenarios.map((s) => s.result)]) withoutMonthlyRows(result);
  return { sensitivity: tornado, scenarios, scenarioErrors: parsed.errors.map((e) => e.message) };
}

/** What a function's whole set of trials gives besides the simulation's summary. */
export interface TrialFigures {
  voi: FunctionVoi;
  /** Standard errors of the saving's percentiles (none for a row without a range: its figures are exact). */
  percentiles?: { BPO: PercentileStandardErrors; BRIDGE: PercentileStandardErrors };
}

/** A function's value of information and percentile standard errors from all its trials, in trial order. */
export const figuresOnTrials = (
  row: ParsedRow,
  a: Assumptions,
  trials: number,
  seed: number,
  outcomes: VoiTrials,
  correlations?: readonly CorrelationPair[],
): TrialFigures => ({
  voi: functionVoiOnTrials(row, a, trials, seed, outcomes, correlations),
  percentiles: {
    BPO: percentileStandardErrors(outcomes.savingBpo),
    BRIDGE: percentileStandardErrors(outcomes.savingBridge),
  },
});

/**
 * Each function's figures where they need no trials (a row without a range: functionVoi runs the model once);
 * undefined where they wait for the simulation's trials.
 */
export const figuresWithoutTrials = (parsed: ParsedInput, trials: number, seed: number): (TrialFigures | undefined)[] =>
  parsed.rows.map((row) =>
    simulatedTrials([row], 1) > 0 ? undefined : { voi: functionVoiOnTrials(row, parsed.assumptions, trials, seed) },
  );

/** The value of information and the standard errors of every function, in row order, for the report. */
export function trialReport(
  simulation: SimulationResult,
  figures: readonly (TrialFigures | undefined)[],
): Pick<AnalysisReport, "voi" | "standardErrors"> {
  const complete = figures.filter((f) => f !== undefined);
  if (complete.length < figures.length || complete.length !== simulation.results.length)
    throw new Error("The value of information is incomplete: some trials are missing.");
  const { trials, seed, assumptions, errors, warnings } = simulation;
  return {
    voi: { trials, seed, assumptions, functions: complete.map((f) => f.voi), errors, warnings },
    standardErrors: simulation.results.map((r, i) => functionStandardErrors(r, complete[i].percentiles)),
  };
}

/**
 * The simulation with the warnings of repaired correlations (simulate() adds them itself; a merged run, whose merger
 * knows no pairs, is given them here), so the pane can say which pairs it changed.
 */
export function withCorrelationWarnings(
  simulation: SimulationResult,
  input: ModelInput,
  correlations?: readonly CorrelationPair[],
): SimulationResult {
  if (!correlations || correlations.length === 0) return simulation;
  const repaired = parseModelInput(input).rows.flatMap((row) => correlationWarnings(row, correlations));
  return { ...simulation, warnings: [...simulation.warnings, ...repaired] };
}

/**
 * The work itself, free of the worker global: tests call it in Node, the worker calls it on each message. The
 * trials run as one range and are merged as the pool merges its ranges, so both give the same report.
 */
export function handleAnalysisRequest(request: AnalysisRequest, post: (message: AnalysisMessage) => void): void {
  const { id, input, trials, seed, correlations } = request;
  try {
    const merger = new SimulationMerger(input, { trials, seed }, [{ from: 0, to: trials }]);
    const parsed = parseModelInput(input);
    const figures = figuresWithoutTrials(parsed, trials, seed);
    simulateTrials(
      input,
      {
        trials,
        seed,
        from: 0,
        to: trials,
        correlations,
        onProgress: (p) => post({ type: "progress", id, done: p.done, total: p.total, function: p.function }),
      },
      (index, outcomes) => {
        const row = parsed.rows[index];
        figures[index] = figuresOnTrials(row, parsed.assumptions, trials, seed, voiTrialsOf(outcomes), correlations);
        merger.add(index, 0, outcomes);
      },
    );
    const simulation = withCorrelationWarnings(merger.result(), input, correlations);
    const { scenarioErrors, ...rest } = extrasOf(input, request.scenarios);
    post({ type: "done", id, report: { simulation, ...rest, ...trialReport(simulation, figures) }, scenarioErrors });
  } catch (error) {
    post(failure(id, error));
  }
}

/**
 * A split run's share, free of the worker global like handleAnalysisRequest. `post`'s second argument lists the
 * buffers to transfer: each function's outcome arrays move to the page without a copy.
 */
export function handlePartRequest(
  request: PartRequest,
  post: (message: PartMessage, transfer?: ArrayBuffer[]) => void,
): void {
  const { id } = request;
  try {
    if (request.type === "extras") {
      post({ type: "extras-done", id, extras: extrasOf(request.input, request.scenarios) });
      return;
    }
    if (request.type === "voi") {
      const { index, trials, seed } = request;
      const parsed = parsedFor(id, request.input);
      const { outcomes, correlations } = request;
      const figures = figuresOnTrials(parsed.rows[index], parsed.assumptions, trials, seed, outcomes, correlations);
      post({ type: "voi-done", id, index, figures });
      return;
    }
    const { part, range } = request;
    simulateTrials(
      request.input,
      {
        trials: request.trials,
        seed: request.seed,
        ...range,
        correlations: request.correlations,
        onProgress: (p) => post({ type: "progress", id, done: p.done, total: p.total, function: p.function }),
      },
      (index, outcomes) => post({ type: "outcomes", id, part, index, outcomes }, buffersOf(outcomes)),
    );
    post({ type: "trials-done", id, part });
  } catch (error) {
    post(failure(id, error));
  }
}

/** The arrays behind some outcomes, to transfer them with postMessage rather than copy them. */
export const buffersOf = (outcomes: Partial<TrialOutcomes>): ArrayBuffer[] =>
  Object.values(outcomes).map((values) => values.buffer as ArrayBuffer);

/** A worker gets one "voi" request per function of a run: the input is parsed once per run. */
let lastParsed: { id: number; parsed: ParsedInput } | undefined;
function parsedFor(id: number, input: ModelInput): ParsedInput {
  if (lastParsed?.id !== id) lastParsed = { id, parsed: parseModelInput(input) };
  return lastParsed.parsed;
}

/**
 * The pane needs no monthly rows of the scenario runs; posting would materialise them (structured cloning reads
 * the lazy getter) for every function and scenario. Replaced, unread, by an empty list.
 */
function withoutMonthlyRows(result: ModelResult): void {
  for (const r of result.results)
    Object.defineProperty(r, "monthly", { value: [], enumerable: true, configurable: true, writable: true });
}

interface WorkerScope {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

const typeOf = (data: unknown): unknown =>
  typeof data === "object" && data !== null ? (data as { type?: unknown }).type : undefined;
const isRequest = (data: unknown): data is AnalysisRequest => typeOf(data) === "analyse";
const isPartRequest = (data: unknown): data is PartRequest =>
  typeOf(data) === "trials" || typeOf(data) === "extras" || typeOf(data) === "voi";

// Inside a dedicated worker (importScripts exists only there), answer the page's requests.
const scope = globalThis as unknown as Partial<WorkerScope> & { importScripts?: unknown };
if (typeof scope.importScripts === "function" && typeof scope.addEventListener === "function") {
  const worker = scope as WorkerScope;
  worker.addEventListener("message", (event) => {
    if (isRequest(event.data)) handleAnalysisRequest(event.data, (message) => worker.postMessage(message));
    else if (isPartRequest(event.data))
      handlePartRequest(event.data, (message, transfer) => worker.postMessage(message, transfer));
  });
}
