/**
 * Builds src/taskpane/analysis.worker.ts with the add-in's own TypeScript rule (webpack.config.js tsRule,
 * production mode) into one self-contained worker script, for the tests that check the browser path runs the
 * same code as Node.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import webpack, { type RuleSetRule } from "webpack";
import { launchChromium } from "../../scripts/chromium";

export const REPO = resolve(__dirname, "..", "..");

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS, loaded as webpack-cli loads it */
const { tsRule } = require(join(REPO, "webpack.config.js")) as { tsRule(production: boolean): RuleSetRule };

let built: Promise<string> | undefined;

/** The bundled worker's source (built once per test file). */
export function workerBundle(): Promise<string> {
  built ??= new Promise<string>((done, fail) => {
    const out = mkdtempSync(join(tmpdir(), "sourcing-worker-"));
    webpack(
      {
        mode: "production",
        context: REPO,
        target: "webworker",
        entry: { worker: "./src/taskpane/analysis.worker.ts" },
        output: { path: out, filename: "[name].js" },
        resolve: { extensions: [".ts", ".js"] },
        module: { rules: [tsRule(true)] },
        devtool: false,
      },
      (error, stats) => {
        if (error) return fail(error);
        if (stats?.hasErrors()) return fail(new Error(stats.toString({ all: false, errors: true })));
        done(readFileSync(join(out, "worker.js"), "utf8"));
      },
    );
  });
  return built;
}

/**
 * `page` open in Chromium, served at / with the bundled worker at /worker.js on a free local port; close() ends
 * both the browser and the server.
 */
export async function openWorkerPage(page: string): Promise<{ tab: Page; browser: Browser; close(): Promise<void> }> {
  const code = await workerBundle();
  const server = createServer((req, res) => {
    const worker = req.url === "/worker.js";
    res.writeHead(200, { "content-type": worker ? "text/javascript" : "text/html" });
    res.end(worker ? code : page);
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    server.close();
  };
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { tab, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
