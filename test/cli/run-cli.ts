/** Runs the built command line as a real process (`npm test` builds lib/ first; alone: `npm run build:cli`). */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const REPO = resolve(__dirname, "..", "..");
const BIN = resolve(REPO, "bin", "sourcing-model.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(resolve(REPO, "lib", "cli", "main.js"))) {
    throw new Error("lib/cli/main.js is missing: run `npm run build:cli` (npm test does it) before these tests.");
  }
}

export function runCli(args: string[], cwd = REPO): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, SOURCING_MODEL_DEBUG: "" },
  });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A stack trace line as node prints them ("    at fn (file:1:2)"). */
export const STACK_LINE = /^\s+at .+(:\d+:\d+\)?)$/m;
