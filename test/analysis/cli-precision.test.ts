/** `sourcing-model simulate --precision P`: trials added in batches until P(BPO cheaper) is known to P (`npm run build:cli` first). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proportionStandardError, simulate } from "../../src/model";
import { assertBuilt, runCli } from "../cli/run-cli";
import { sampleWithRanges } from "./helpers";

let dir: string;
let file: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), "sourcing-precision-"));
  file = join(dir, "ranges.json");
  writeFileSync(file, JSON.stringify(sampleWithRanges()));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("simulate --precision", () => {
  it("adds trials in batches until every standard error of P(BPO cheaper) is below the target, reporting each step", () => {
    const run = runCli(["simulate", file, "--trials", "1000", "--seed", "4", "--precision", "0.6%", "--json"]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ReturnType<typeof simulate>;
    expect(result.trials % 1000).toBe(0);
    expect(result.trials).toBeGreaterThan(1000);
    for (const r of result.results)
      if (r.trialsRun > 0) expect(proportionStandardError(r.BPO.probabilityCheaper, r.trialsRun)).toBeLessThan(0.006);
    // The output is a plain run's with the final trial count: the same trials, the same seed.
    expect(run.stdout.trim()).toBe(
      JSON.stringify(simulate(sampleWithRanges(), { trials: result.trials, seed: 4 }), null, 2),
    );
    const steps = run.stderr.trim().split("\n");
    expect(steps[0]).toMatch(
      /^1,000 trials: standard error of P\(BPO cheaper\) at most \d+\.\d\d% \(target below 0\.60%\)\.$/,
    );
    expect(steps[steps.length - 1]).toMatch(new RegExp(`^${result.trials.toLocaleString("en-US")} trials: `));
  });

  it("refuses a target that is not a share, naming what is allowed", () => {
    const run = runCli(["simulate", file, "--precision", "2"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--precision must be a share above 0 and at most 0\.5 \(e\.g\. 0\.005 or 0\.5%\); got "2"/,
    );
  });
});
