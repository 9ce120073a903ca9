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
  compareScenarios,
  parseScenarios,
  type ScenarioRow,
  sensitivity,
  simulate,
  simulateTrials,
  type ModelInput,
  type ModelResult,
  type TrialOutcomes,
  type TrialRange,
} from "../model";

export interface AnalysisRequest {
  type: "analyse";
  id: number;
  input: ModelInput;
  scenarios: ScenarioRow[];
  trials: number;
  seed: number;
}

export type AnalysisMessage =
  | { type: "progress"; id: number; done: number; total: number; function: string }
  | { type: "done"; id: number; report: AnalysisReport; scenarioErrors: string[] }
  | { type: "error"; id: number; message: string };

/** A worker's share of a split run (worker-pool.ts): one range of every function's trials, or the extras. */
export type PartRequest =
  | { type: "trials"; id: number; input: ModelInput; trials: number; seed: number; part: number; range: TrialRange }
  | { type: "extras"; id: number; input: ModelInput; scenarios: ScenarioRow[] };

/** The tornado and the scenario comparison: the report besides the simulation. */
export type Extras = Omit<AnalysisReport, "simulation"> & { scenarioErrors: string[] };

export type PartMessage =
  | { type: "progress"; id: number; done: number; total: number; function: string }
  /** Function `index` (among the valid rows) over the trials of range `part`. */
  | { type: "outcomes"; id: number; part: number; index: number; outcomes: TrialOutcomes }
  | { type: "trials-done"; id: number; part: number }
  | { type: "extras-done"; id: number; extras: Extras }
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

/** The work itself, free of the worker global: tests call it in Node, the worker calls it on each message. */
export function handleAnalysisRequest(request: AnalysisRequest, post: (message: AnalysisMessage) => void): void {
  const { id } = request;
  try {
    const simulation = simulate(request.input, {
      trials: request.trials,
      seed: request.seed,
      onProgress: (p) => post({ type: "progress", id, done: p.done, total: p.total, function: p.function }),
    });
    const { scenarioErrors, ...rest } = extrasOf(request.input, request.scenarios);
    post({ type: "done", id, report: { simulation, ...rest }, scenarioErrors });
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
    const { part, range } = request;
    simulateTrials(
      request.input,
      {
        trials: request.trials,
        seed: request.seed,
        ...range,
        onProgress: (p) => post({ type: "progress", id, done: p.done, total: p.total, function: p.function }),
      },
      (index, outcomes) =>
        post(
          { type: "outcomes", id, part, index, outcomes },
          [outcomes.savingBpo, outcomes.savingBridge, outcomes.breakEven, outcomes.bridgeBreakEven].map(
            (a) => a.buffer as ArrayBuffer,
          ),
        ),
    );
    post({ type: "trials-done", id, part });
  } catch (error) {
    post(failure(id, error));
  }
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
const isPartRequest = (data: unknown): data is PartRequest => typeOf(data) === "trials" || typeOf(data) === "extras";

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
