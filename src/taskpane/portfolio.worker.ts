/**
 * The portfolio worker: optimises the portfolio (docs/model.md §8) off the page's thread, so the task pane stays
 * responsive while the integer programmes run. The model and its solver (YALPS, loaded on first use) are bundled
 * into this worker's chunks only, never into the page's initial ones.
 *
 * Protocol: the page posts a PortfolioRequest; the worker posts a "progress" message as each programme starts, then
 * one "done" (the PortfolioResult) or one "error". Cancelling is the page's worker.terminate(): immediate, and
 * nothing half-done reaches the workbook.
 */
import {
  type ModelInput,
  type PortfolioProgress,
  type PortfolioResult,
  optimisePortfolio,
  parseModelInput,
} from "../model";

export interface PortfolioRequest {
  type: "portfolio";
  id: number;
  input: ModelInput;
}

export type PortfolioMessage =
  | ({ type: "progress"; id: number } & PortfolioProgress)
  | { type: "done"; id: number; result: PortfolioResult }
  | { type: "error"; id: number; message: string };

/** The work itself, free of the worker global: tests call it in Node, the worker calls it on each message. */
export async function handlePortfolioRequest(
  request: PortfolioRequest,
  post: (message: PortfolioMessage) => void,
): Promise<void> {
  const { id } = request;
  try {
    const parsed = parseModelInput(request.input);
    const result = await optimisePortfolio(parsed, {
      onProgress: (progress) => post({ type: "progress", id, ...progress }),
    });
    post({ type: "done", id, result });
  } catch (error) {
    post({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
  }
}

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

const isRequest = (data: unknown): data is PortfolioRequest =>
  typeof data === "object" && data !== null && (data as { type?: unknown }).type === "portfolio";

// Inside a dedicated worker (importScripts exists only there), answer the page's requests.
const scope = globalThis as unknown as Partial<WorkerScope> & { importScripts?: unknown };
if (typeof scope.importScripts === "function" && typeof scope.addEventListener === "function") {
  const worker = scope as WorkerScope;
  worker.addEventListener("message", (event) => {
    if (isRequest(event.data)) void handlePortfolioRequest(event.data, (message) => worker.postMessage(message));
  });
}
