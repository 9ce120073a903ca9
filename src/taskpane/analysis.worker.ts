/**
 * The analysis worker: runs the simulation, the tornado and the scenario comparison off the page's thread, so
 * the task pane stays responsive. The numbers come from src/model (bundled into the worker), exactly the code
 * the command line and the custom functions run.
 *
 * Protocol: the page posts an AnalysisRequest; the worker posts progress messages (after every chunk of
 * trials), then one "done" (the AnalysisReport) or one "error". Cancelling is the page's worker.terminate():
 * immediate, and nothing half-done reaches the workbook.
 */
import type { AnalysisReport } from "../layout/analysis-sheet";
import {
  compareScenarios,
  parseScenarios,
  type ScenarioRow,
  sensitivity,
  simulate,
  type ModelInput,
  type ModelResult,
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

/** The work itself, free of the worker global: tests call it in Node, the worker calls it on each message. */
export function handleAnalysisRequest(request: AnalysisRequest, post: (message: AnalysisMessage) => void): void {
  const { id } = request;
  try {
    const simulation = simulate(request.input, {
      trials: request.trials,
      seed: request.seed,
      onProgress: (p) => post({ type: "progress", id, done: p.done, total: p.total, function: p.function }),
    });
    const tornado = sensitivity(request.input);
    const parsed = parseScenarios(request.scenarios);
    const scenarios = parsed.scenarios.length > 0 ? compareScenarios(request.input, parsed.scenarios) : null;
    if (scenarios)
      for (const result of [scenarios.base, ...scenarios.scenarios.map((s) => s.result)]) withoutMonthlyRows(result);
    post({
      type: "done",
      id,
      report: { simulation, sensitivity: tornado, scenarios },
      scenarioErrors: parsed.errors.map((e) => e.message),
    });
  } catch (error) {
    post({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
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
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

const isRequest = (data: unknown): data is AnalysisRequest =>
  typeof data === "object" && data !== null && (data as { type?: unknown }).type === "analyse";

// Inside a dedicated worker (importScripts exists only there), answer the page's requests.
const scope = globalThis as unknown as Partial<WorkerScope> & { importScripts?: unknown };
if (typeof scope.importScripts === "function" && typeof scope.addEventListener === "function") {
  const worker = scope as WorkerScope;
  worker.addEventListener("message", (event) => {
    if (isRequest(event.data)) handleAnalysisRequest(event.data, (message) => worker.postMessage(message));
  });
}
