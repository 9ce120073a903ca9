/** `sourcing-model simulate --threads N`: trials split across worker threads, the same bits as one thread (`npm run build:cli` first). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulate } from "../../src/model";
import { REPO, assertBuilt, runCli } from "../cli/run-cli";
import { sampleWithRanges } from "./helpers";

let dir: string;
let file: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), "sourcing-threads-"));
  file = join(dir, "ranges.json");
  writeFileSync(file, JSON.stringify(sampleWithRanges()));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The compiled command line's thread runner (its worker file exists only in lib/). */
const compiled = (): typeof import("../../src/cli/simulate") =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(REPO, "lib", "cli", "simulate.js")) as typeof import("../../src/cli/simulate");

describe("simulate in worker threads", () => {
  it.each([1, 2, 3, 4])("gives simulate()'s result bit for bit in %d thread(s)", async (threads) => {
    const input = sampleWithRanges();
    const result = await compiled().simulateInThreads(input, 3001, 8, threads);
    expect(JSON.stringify(result)).toBe(JSON.stringify(simulate(input, { trials: 3001, seed: 8 })));
  });

  it("splits a large run from the command line, with the same output as --threads 1", () => {
    // 4 functions × 250,001 trials: above the 1,000,000 trials a split needs.
    const args = ["simulate", file, "--trials", "250001", "--seed", "3", "--json"];
    const threaded = runCli([...args, "--threads", "3"]);
    const single = runCli([...args, "--threads", "1"]);
    expect(threaded.code).toBe(0);
    expect(threaded.stderr).toBe("");
    expect(threaded.stdout).toBe(single.stdout);
    expect(JSON.parse(threaded.stdout).results[0].trialsRun).toBe(250001);
  });

  it("rejects a bad --threads with the allowed range, and documents the option", () => {
    const bad = runCli(["simulate", file, "--threads", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--threads must be a whole number from 1 to 64/);
    expect(runCli(["help", "simulate"]).stdout).toMatch(/--threads N\s+Processor threads to share the trials/);
  });
});
