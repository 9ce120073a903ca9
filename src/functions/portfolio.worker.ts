/**
 * The Web Worker of =SOURCING.PORTFOLIO: the 0-1 programmes of the portfolio (docs/model.md §8) can hold a thread
 * for seconds, and the custom functions share the task pane's page (shared runtime), so they are solved here, off
 * the page's thread. Protocol: the page posts a PortfolioWorkerRequest, the worker posts one PortfolioWorkerReply
 * with the same id. Requests are answered in order.
 */
import { answerPortfolioRequest, type PortfolioWorkerReply, type PortfolioWorkerRequest } from "./portfolio-solve";

interface WorkerScope {
  postMessage(message: PortfolioWorkerReply): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

const isRequest = (data: unknown): data is PortfolioWorkerRequest =>
  typeof data === "object" && data !== null && (data as { type?: unknown }).type === "portfolio";

// Inside a dedicated worker (importScripts exists only there), answer the page's requests.
const scope = globalThis as unknown as Partial<WorkerScope> & { importScripts?: unknown };
if (typeof scope.importScripts === "function" && typeof scope.addEventListener === "function") {
  const worker = scope as WorkerScope;
  worker.addEventListener("message", (event) => {
    if (isRequest(event.data)) void answerPortfolioRequest(event.data).then((reply) => worker.postMessage(reply));
  });
}
