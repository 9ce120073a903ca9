/**
 * The browser path runs the same code: the worker bundle, built as webpack builds the add-in, loaded into a
 * worker-like global (Node's vm) gives the same numbers, bit for bit, as the model in Node for the same seed;
 * in a real Chromium Worker every draw, count, probability and month is identical, and amounts agree to the
 * last bits (see compare()).
 */
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { runInNewContext } from "node:vm";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type AnalysisMessage, type AnalysisRequest, handleAnalysisRequest } from "../../src/taskpane/simulation.worker";
import { sampleWithRanges } from "./helpers";
import { workerBundle } from "./worker-bundle";

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

/** Walks two results: every non-amount must be equal; amounts equal or within 1e-12 relative (counted). */
function compare(browser: unknown, node: unknown): { exactMismatches: string[]; lastBitDifferences: number } {
  const exactMismatches: string[] = [];
  let lastBitDifferences = 0;
  const amountKeys = /^(p10|p50|p90|mean|deterministic|saving|bridgeSaving|savingLow|savingHigh|savingSwing|bridgeSavingLow|bridgeSavingHigh|from|to|STAFF_AUG|BPO|BRIDGE|fees|management|overhead|onboarding|attrition|transition|governance|changeOrders|delay|savingDelta)$/;
  const walk = (b: unknown, n: unknown, path: string, key: string) => {
    if (typeof b === "number" && typeof n === "number" && b !== n) {
      const months = /breakEvenMonth/.test(path);
      if (!months && amountKeys.test(key) && Math.abs(b - n) <= 1e-12 * Math.max(Math.abs(n), 1)) lastBitDifferences++;
      else exactMismatches.push(`${path}: ${b} ≠ ${n}`);
    } else if (Array.isArray(n) && Array.isArray(b) && b.length === n.length) {
      n.forEach((item, i) => walk(b[i], item, `${path}[${i}]`, key));
    } else if (n && typeof n === "object" && b && typeof b === "object" && !Array.isArray(n)) {
      for (const k of new Set([...Object.keys(n), ...Object.keys(b)])) walk((b as Record<string, unknown>)[k], (n as Record<string, unknown>)[k], `${path}.${k}`, k);
    } else if (b !== n && JSON.stringify(b) !== JSON.stringify(n)) {
      exactMismatches.push(`${path}: ${JSON.stringify(b)} ≠ ${JSON.stringify(n)}`);
    }
  };
  walk(browser, node, "", "");
  return { exactMismatches, lastBitDifferences };
}

describe("the simulation worker bundle", () => {
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

  const browser = existsSync("/usr/bin/chromium");
  describe.skipIf(!browser && !process.env.CI)("in Chromium (skipped without /usr/bin/chromium outside CI)", () => {
    it("gives the same numbers in a real Worker, and the page keeps responding while it runs", async () => {
      const code = await workerBundle();
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
      const server = createServer((req, res) => {
        if (req.url === "/worker.js") {
          res.writeHead(200, { "content-type": "text/javascript" });
          res.end(code);
        } else {
          res.writeHead(200, { "content-type": "text/html" });
          res.end(page);
        }
      });
      await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
      const { port } = server.address() as AddressInfo;
      const instance = await chromium.launch({
        executablePath: "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      });
      try {
        const tab = await instance.newPage();
        await tab.goto(`http://127.0.0.1:${port}/`);
        const outcome = (await tab.evaluate((r) => (window as unknown as { run(r: unknown): Promise<unknown> }).run(r), request())) as { messages: string; maxGap: number; ticks: number; ms: number };
        const { exactMismatches, lastBitDifferences } = compare(JSON.parse(outcome.messages), inNode());
        // Counts, shares, probabilities, months and the drawn inputs are identical; an amount may differ in its
        // last bits only where the engine calls Math.pow (escalation, discount factors), which JavaScript engines
        // do not round alike (Node 20's V8 and Chromium's differ).
        expect(exactMismatches).toEqual([]);
        console.log(`browser worker: ${lastBitDifferences} amount(s) differ from Node in the last bits (Math.pow), all within 1e-12 relative`);
        // Responsiveness: the page's own timer kept firing while the worker simulated 20,000 trials.
        console.log(`browser worker: ${outcome.ms.toFixed(0)} ms for 4 functions × 5,000 trials plus tornado and scenarios; page timer ticks ${outcome.ticks}, longest gap ${outcome.maxGap.toFixed(0)} ms`);
        expect(outcome.maxGap).toBeLessThan(250);
      } finally {
        await instance.close();
        server.close();
      }
    });
  });
});
