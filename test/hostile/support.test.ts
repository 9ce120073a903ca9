import { describe, expect, it } from "vitest";
import { HOSTILE_MEMORY_LIMIT_MB, HOSTILE_TIME_LIMIT_MS, runMeasured } from "./support";

describe("hostile-input harness", () => {
  it("measures a real run's exit code, first line, time and peak memory", () => {
    const run = runMeasured(["evaluate", "examples/sample.json", "--json"]);
    expect(run.code).toBe(0);
    expect(run.timedOut).toBe(false);
    expect(run.peakRssMb).toBeGreaterThan(10);
    expect(run.peakRssMb).toBeLessThan(HOSTILE_MEMORY_LIMIT_MB);
    expect(run.wallMs).toBeLessThan(HOSTILE_TIME_LIMIT_MS);
    expect(run.firstLine.startsWith("{")).toBe(true);
  });
});
