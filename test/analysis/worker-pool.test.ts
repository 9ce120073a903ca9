/** The worker pool: trials split across workers, merged exactly; progress, cancel and failures as with one worker. */
import { describe, expect, it } from "vitest";
import {
  type AnalysisMessage,
  type AnalysisRequest,
  type PartMessage,
  type PartRequest,
  handleAnalysisRequest,
  handlePartRequest,
} from "../../src/taskpane/analysis.worker";
import {
  MAX_WORKERS,
  MIN_TRIALS_PER_WORKER,
  type PartWorker,
  createAnalysisPool,
  workerCount,
} from "../../src/taskpane/worker-pool";
import { sampleWithRanges } from "./helpers";

/** A worker stand-in running the real worker code; messages arrive on later turns, cloned as postMessage clones. */
class FakePartWorker implements PartWorker {
  onmessage: ((event: { data: PartMessage }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  terminated = false;
  requests: PartRequest[] = [];
  constructor(private readonly failOn?: PartRequest["type"]) {}
  postMessage(request: PartRequest): void {
    this.requests.push(request);
    setTimeout(() => {
      if (this.terminated) return;
      if (request.type === this.failOn) {
        this.onerror?.({ message: "Out of memory" });
        return;
      }
      const queue: PartMessage[] = [];
      handlePartRequest(request, (message, transfer) => queue.push(structuredClone(message, { transfer })));
      for (const message of queue) if (!this.terminated) this.onmessage?.({ data: message });
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const request = (trials: number): AnalysisRequest => ({
  type: "analyse",
  id: 3,
  input: sampleWithRanges(),
  scenarios: [{ scenario: "Slow ramp", key: "bpoRampWeeks", value: 12 }],
  trials,
  seed: 2026,
});

/** Runs a request through a pool of `cores`; resolves with every message the panel would see. */
function throughPool(req: AnalysisRequest, cores: number, failOn?: PartRequest["type"]) {
  const workers: FakePartWorker[] = [];
  const pool = createAnalysisPool(() => {
    const w = new FakePartWorker(failOn);
    workers.push(w);
    return w;
  }, cores);
  const messages: AnalysisMessage[] = [];
  const finished = new Promise<string | undefined>((resolve) => {
    pool.onmessage = ({ data }) => {
      messages.push(data);
      if (data.type !== "progress") resolve(undefined);
    };
    pool.onerror = (event) => resolve(event.message);
  });
  pool.postMessage(req);
  return { pool, workers, messages, finished };
}

describe("analysis worker pool", () => {
  it("uses one worker per 50,000 trials in all, at most four and at most the cores", () => {
    expect(MIN_TRIALS_PER_WORKER).toBe(50_000);
    expect(workerCount(40_000, 8)).toBe(1);
    expect(workerCount(100_000, 8)).toBe(2);
    expect(workerCount(1_000_000, 8)).toBe(MAX_WORKERS);
    expect(workerCount(1_000_000, 2)).toBe(2);
    expect(workerCount(1_000_000, 0)).toBe(1);
  });

  it.each([1, 2, 3, 4])("gives one worker's report bit for bit on %d core(s)", async (cores) => {
    const req = request(50_000); // 4 functions × 50,000 trials: up to four workers
    const one: AnalysisMessage[] = [];
    handleAnalysisRequest(req, (m) => one.push(m));
    const run = throughPool(req, cores);
    expect(await run.finished).toBeUndefined();
    expect(run.workers).toHaveLength(cores);
    const done = run.messages[run.messages.length - 1];
    // A single worker's report reaches the page through postMessage's structured clone too.
    expect(JSON.stringify(done)).toBe(JSON.stringify(structuredClone(one[one.length - 1])));
    // Progress over every worker together: never above the total, ending at it.
    const progress = run.messages.filter((m) => m.type === "progress");
    expect(progress.length).toBeGreaterThan(cores);
    expect(progress.every((m) => m.done <= m.total && m.total === 200_000)).toBe(true);
    expect(Math.max(...progress.map((m) => m.done))).toBe(200_000);
    // Only one worker runs the tornado and the scenarios.
    expect(run.workers.flatMap((w) => w.requests).filter((r) => r.type === "extras")).toHaveLength(1);
    expect(run.workers.every((w) => w.terminated)).toBe(true);
  });

  it("stops every worker on cancel, and nothing arrives after", async () => {
    const run = throughPool(request(50_000), 4);
    run.pool.terminate();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(run.workers.every((w) => w.terminated)).toBe(true);
    expect(run.messages).toEqual([]);
  });

  it("reports a worker's failure once and stops the others", async () => {
    const run = throughPool(request(50_000), 4, "extras");
    expect(await run.finished).toBe("Out of memory");
    expect(run.workers.every((w) => w.terminated)).toBe(true);
  });

  it("answers bad options with the model's sentence, as one worker does", async () => {
    const run = throughPool({ ...request(50_000), trials: 0 }, 4);
    await run.finished;
    expect(run.messages).toEqual([
      { type: "error", id: 3, message: expect.stringMatching(/trials must be a whole number from 1/) },
    ]);
  });
});
