/**
 * Builds src/taskpane/analysis.worker.ts with the add-in's own TypeScript rule (webpack.config.js tsRule,
 * production mode) into one self-contained worker script, for the tests that check the browser path runs the
 * same code as Node.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import webpack, { type RuleSetRule } from "webpack";

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
