/**
 * Hostile-input runs: the built command line as a real process, with its wall time and peak memory, and a hard
 * time-out so a hang fails the test instead of the suite. Fixtures are generated at test time into a temp folder.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect } from "vitest";
import { REPO, assertBuilt } from "../cli/run-cli";

const BIN = resolve(REPO, "bin", "sourcing-model.js");
const PRELOAD = resolve(__dirname, "measure-preload.cjs");

/** The generous bounds every hostile case must meet on this 2-core machine. */
export const HOSTILE_TIME_LIMIT_MS = 15_000;
export const HOSTILE_MEMORY_LIMIT_MB = 1_024;

export interface MeasuredRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** First non-empty line of stderr (or stdout when stderr is empty). */
  firstLine: string;
  wallMs: number;
  /** Peak resident memory in MB; NaN when the process died before it could report (a native crash). */
  peakRssMb: number;
  timedOut: boolean;
}

/** Runs `sourcing-model ARGS…`, killing it after `timeoutMs` (default twice the bound, so a slow run still reports). */
export function runMeasured(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; input?: string; stdoutPath?: string } = {},
): MeasuredRun {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), "sourcing-measure-"));
  const measureFile = join(dir, "maxrss");
  // Output larger than a string can hold goes to a file (stdout is then "" and firstLine comes from stderr).
  const stdoutFd = options.stdoutPath === undefined ? undefined : openSync(options.stdoutPath, "w");
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--require", PRELOAD, BIN, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: "utf8",
    input: options.input,
    stdio: stdoutFd === undefined ? "pipe" : ["pipe", stdoutFd, "pipe"],
    timeout: options.timeoutMs ?? HOSTILE_TIME_LIMIT_MS * 2,
    killSignal: "SIGKILL",
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, SOURCING_MODEL_DEBUG: "", SOURCING_MEASURE_FILE: measureFile },
  });
  const wallMs = performance.now() - started;
  if (stdoutFd !== undefined) closeSync(stdoutFd);
  const peakRssMb = existsSync(measureFile) ? Number(readFileSync(measureFile, "utf8")) / 1024 : Number.NaN;
  rmSync(dir, { recursive: true, force: true });
  const stdout = run.stdout ?? "";
  const stderr = run.stderr ?? "";
  const firstLine = (stderr.trim() ? stderr : stdout).split("\n").find((line) => line.trim() !== "") ?? "";
  const timedOut = (run.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  return { code: run.status, signal: run.signal, stdout, stderr, firstLine, wallMs, peakRssMb, timedOut };
}

/** A temp folder for this test file's generated fixtures, removed after the file's tests. */
export function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sourcing-hostile-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The bounds as one readable assertion message. */
export function describeRun(run: MeasuredRun): string {
  return `exit ${run.code}${run.signal ? ` (${run.signal})` : ""}, ${Math.round(run.wallMs)} ms, ${Math.round(run.peakRssMb)} MB: ${run.firstLine}`;
}

/** The bounds every hostile case must meet: finished by itself (no time-out, no signal), in time, in memory. */
export function expectWithinBounds(run: MeasuredRun): void {
  expect(run.timedOut, describeRun(run)).toBe(false);
  expect(run.signal, describeRun(run)).toBeNull();
  expect(run.wallMs, describeRun(run)).toBeLessThan(HOSTILE_TIME_LIMIT_MS);
  expect(run.peakRssMb, describeRun(run)).toBeLessThan(HOSTILE_MEMORY_LIMIT_MB);
}
