/**
 * Builds src/taskpane/simulation.worker.ts the way the add-in's webpack build compiles TypeScript (ts-loader,
 * transpile only, ES2020 modules, production mode) into one self-contained worker script, for the tests that
 * check the browser path runs the same code as Node.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import webpack from "webpack";

export const REPO = resolve(__dirname, "..", "..");

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
        entry: { worker: "./src/taskpane/simulation.worker.ts" },
        output: { path: out, filename: "[name].js" },
        resolve: { extensions: [".ts", ".js"] },
        module: {
          rules: [
            {
              test: /\.ts$/,
              exclude: /node_modules/,
              loader: "ts-loader",
              options: { transpileOnly: true, compilerOptions: { module: "es2020", target: "es2020", noEmit: false, sourceMap: false } },
            },
          ],
        },
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
