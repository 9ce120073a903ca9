/**
 * The browser path runs the same code: the worker bundle, built as webpack builds the add-in, loaded into a
 * worker-like global (Node's vm) gives the same numbers, bit for bit, as the model in Node for the same seed;
 * and so does a real Chromium Worker: the model avoids Math.pow, whose last bits differ between engines.
 */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { type AnalysisMessage, type AnalysisRequest, handleAnalysisRequest } from "../../src/taskpane/analysis.worker";
import { SimulationMerger, simulate, splitTrials, type TrialOutcomes } from "../../src/model";
import { sampleWithRanges } from "./helpers";
import { openWorkerPage, workerBundle } from "./worker-bundle";
import { skipWithout } from "../support/system-tools";

const request = (): AnalysisRequest => ({
  type: "analyse",
  id: 7,
  input: sampleWithRanges(),
  scenarios: [{ scenario: "Slow ramp", key: "bpoRampWeeks", value: 12 }],
  trials: 5000,
  seed: 2026,
});

/** The same request answered by the model in this Node process. */
function inNode(): AnalysisMessage[] {
  const messages: AnalysisMessage[] = [];
  handleAnalysisRequest(request(), (m) => messages.push(m));
  return messages;
}

describe("the analysis worker bundle", () => {
  it("answers in a worker-like global exactly as the model does in Node", async () => {
    const code = await workerBundle();
    const posted: unknown[] = [];
    let listener: ((event: { data: unknown }) => void) | undefined;
    const scope = {
      importScripts: () => undefined,
      postMessage: (m: unknown) => posted.push(m),
      addEventListener: (_type: string, l: (event: { data: unknown }) => void) => (listener = l),
    };
    runInNewContext(code, scope);
    expect(listener).toBeDefined();
    listener?.({ data: request() });
    const node = inNode();
    expect(posted.length).toBe(node.length);
    expect(JSON.stringify(posted)).toBe(JSON.stringify(node));
    const done = node[node.length - 1];
    expect(done.type).toBe("done");
  });

  describe.skipIf(skipWithout("chromium"))("in Chromium (skipped without /usr/bin/chromium outside CI)", () => {
    it("gives the same numbers in a real Worker, and the page keeps responding while it runs", async () => {
      const page = `<!doctype html><meta charset="utf-8"><script>
        window.run = (request) => new Promise((resolve) => {
          const worker = new Worker("/worker.js");
          const messages = [];
          let maxGap = 0, last = performance.now(), ticks = 0;
          const timer = setInterval(() => { const now = performance.now(); maxGap = Math.max(maxGap, now - last); last = now; ticks++; }, 10);
          const started = performance.now();
          worker.onmessage = (e) => {
            messages.push(e.data);
            if (e.data.type !== "progress") { clearInterval(timer); worker.terminate(); resolve({ messages: JSON.stringify(messages), maxGap, ticks, ms: performance.now() - started }); }
          };
          worker.postMessage(request);
        });
      </script>`;
      const { tab, close } = await openWorkerPage(page);
      try {
        const outcome = (await tab.evaluate(
          (r) => (window as unknown as { run(r: unknown): Promise<unknown> }).run(r),
          request(),
        )) as { messages: string; maxGap: number; ticks: number; ms: number };
        // Bit for bit: the model uses no Math.pow (its last bits differ between Node 20's V8 and Chromium's);
        // see src/model/powers.ts.
        expect(JSON.parse(outcome.messages)).toEqual(inNode());
        // Responsiveness: the page's own timer kept firing while the worker simulated 20,000 trials.
        console.log(
          `browser worker: ${outcome.ms.toFixed(0)} ms for 4 functions × 5,000 trials plus tornado and scenarios; page timer ticks ${outcome.ticks}, longest gap ${outcome.maxGap.toFixed(0)} ms`,
        );
        expect(outcome.maxGap).toBeLessThan(250);
      } finally {
        await close();
      }
    });

    it("gives one thread's simulation bit for bit from trial ranges run in three real Workers", async () => {
      const input = sampleWithRanges();
      const [trials, seed] = [4001, 99];
      const ranges = splitTrials(trials, 3);
      // Each Worker runs one range of every function's trials (the pool's PartRequest); the page returns what arrives.
      const page = `<!doctype html><meta charset="utf-8"><script>
        window.part = (request) => new Promise((resolve) => {
          const worker = new Worker("/worker.js");
          const outcomes = [];
          worker.onmessage = (e) => {
            const m = e.data;
            if (m.type === "outcomes") outcomes.push({ index: m.index, outcomes: Object.fromEntries(Object.entries(m.outcomes).map(([k, v]) => [k, Array.from(v)])) });
            if (m.type === "trials-done" || m.type === "error") { worker.terminate(); resolve({ outcomes, error: m.message }); }
          };
          worker.postMessage(request);
        });
      </script>`;
      const { tab, close } = await openWorkerPage(page);
      try {
        const parts = (await Promise.all(
          ranges.map((range, part) =>
            tab.evaluate((r) => (window as unknown as { part(r: unknown): Promise<unknown> }).part(r), {
              type: "trials",
              id: 1,
              input,
              trials,
              seed,
              part,
              range,
            }),
          ),
        )) as { outcomes: { index: number; outcomes: Record<keyof TrialOutcomes, number[]> }[]; error?: string }[];
        const merger = new SimulationMerger(input, { trials, seed }, ranges);
        parts.forEach(({ outcomes, error }, part) => {
          expect(error).toBeUndefined();
          for (const { index, outcomes: arrays } of outcomes) {
            const typed = Object.fromEntries(
              Object.entries(arrays).map(([key, values]) => [key, Float64Array.from(values)]),
            ) as unknown as TrialOutcomes;
            merger.add(index, part, typed);
          }
        });
        expect(JSON.stringify(merger.result())).toBe(JSON.stringify(simulate(input, { trials, seed })));
      } finally {
        await close();
      }
    });
  });
});
