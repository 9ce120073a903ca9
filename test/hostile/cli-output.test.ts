/**
 * Hostile input, command-line output: row counts and JSON sizes that used to crash (exit 3), names that would
 * reorder or break a terminal line, and simulations that used to run for nothing. Each case is a generated fixture,
 * run as a real process within the harness's time and memory bounds.
 */
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { REPO } from "../cli/run-cli";
import { describe, expect, it } from "vitest";
import { describeRun, fixtureDir, runMeasured, expectWithinBounds } from "./support";

const dir = fixtureDir();
const HEADER = "Function,Headcount (FTE),SA hourly rate,BPO monthly fee per FTE";

/** A CSV of `rows` plain functions (no ranges), written once per name. */
function plainCsv(name: string, rows: number): string {
  const path = join(dir, name);
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(`Function ${i},3,25,${4000 + (i % 500)}`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** The first `bytes` of a file, and its size: for outputs too large to read into one string. */
function head(path: string, bytes = 4096): { text: string; size: number } {
  const fd = openSync(path, "r");
  const buffer = Buffer.alloc(bytes);
  const read = readSync(fd, buffer, 0, bytes, 0);
  closeSync(fd);
  return { text: buffer.subarray(0, read).toString("utf8"), size: statSync(path).size };
}

/** The last bytes of a file. */
function tail(path: string, bytes = 256): string {
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  const buffer = Buffer.alloc(Math.min(bytes, size));
  readSync(fd, buffer, 0, buffer.length, size - buffer.length);
  closeSync(fd);
  return buffer.toString("utf8");
}

describe("hostile input: output of any size", () => {
  it("prints the text table for 130,000 rows (Math.max over the rows overflowed the stack past ~120,000)", () => {
    const path = plainCsv("rows-130k.csv", 130_000);
    const out = join(dir, "rows-130k.txt");
    const run = runMeasured(["evaluate", path], { stdoutPath: out });
    expectWithinBounds(run);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toBe("");
    const { text, size } = head(out);
    expect(text.split("\n")[0]).toBe(`${path}: 130000 functions modelled over 36 months, amounts in USD.`);
    expect(text).toMatch(/\nFunction +Recommendation +Break-even/);
    expect(size).toBeGreaterThan(130_000 * 100);
    expect(tail(out)).toMatch(/ {2}Function 129999: \w[^\n]*\.\n$/);
  });

  it("streams --json beyond the largest string V8 can build (6,000 functions × 600 months, about 590 MB)", () => {
    const path = plainCsv("rows-6k.csv", 6_000);
    const out = join(dir, "rows-6k.json");
    const run = runMeasured(["evaluate", path, "--json", "--horizon", "600"], { stdoutPath: out });
    expectWithinBounds(run);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toBe("");
    const { text, size } = head(out);
    // A string of more than 2^29 − 24 characters is "Invalid string length": this output could never be one string.
    expect(size).toBeGreaterThan(2 ** 29);
    expect(text.startsWith('{\n  "assumptions": {\n    "currency": "USD",\n    "horizonMonths": 600,')).toBe(true);
    expect(text).toContain('\n  "results": [\n    {\n      "function": "Function 0",');
    expect(tail(out)).toMatch(/\n {2}\],\n {2}"errors": \[\],\n {2}"warnings": \[\]\n\}\n$/);
  });

  it("writes streamed JSON that parses back whole (30,000 functions × 12 months)", () => {
    const path = plainCsv("rows-30k.csv", 30_000);
    const out = join(dir, "rows-30k.json");
    const run = runMeasured(["evaluate", path, "--json", "--horizon", "12"], { stdoutPath: out });
    expectWithinBounds(run);
    expect(run.code, describeRun(run)).toBe(0);
    const parsed = JSON.parse(readFileSync(out, "utf8")) as {
      results: { function: string; monthly: unknown[]; recommendation: string }[];
      errors: unknown[];
    };
    expect(parsed.results).toHaveLength(30_000);
    expect(parsed.results[29_999].function).toBe("Function 29999");
    expect(parsed.results.every((r) => r.monthly.length === 12 && typeof r.recommendation === "string")).toBe(true);
    expect(parsed.errors).toEqual([]);
  });
});

describe("hostile input: a reader that stops early", () => {
  it("stops computing when the reader closes the pipe (| head), exit 0 and nothing on stderr", async () => {
    const path = plainCsv("rows-head.csv", 20_000);
    const args = [resolve(REPO, "bin", "sourcing-model.js"), "evaluate", path, "--json", "--horizon", "600"];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const started = performance.now();
    const first = await new Promise<string>((done) =>
      child.stdout.once("data", (chunk: Buffer) => done(chunk.toString())),
    );
    child.stdout.destroy(); // what `| head -c 100` does once it has its bytes
    const code = await new Promise<number | null>((done) => child.on("close", (exitCode) => done(exitCode)));
    expect(first.startsWith("{\n")).toBe(true);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    // Writing all 20,000 results of 600 months (about 2 GB) takes 20 s or more here; stopping takes a moment.
    expect(performance.now() - started).toBeLessThan(8_000);
  });
});

describe("hostile input: analysis reports of any length", () => {
  // Two table lines per function: 70,000 functions are 140,000 lines, past where lines.push(...table) overflowed.
  const path = plainCsv("rows-70k.csv", 70_000);

  it.each([
    ["goalseek", ["--month", "6"], "what makes BPO pay back by month 6?"],
    ["simulate", [], "70000 functions simulated, 10,000 trials each, seed 1, horizon 36 months."],
  ])(
    "%s prints the text report for 70,000 functions (was exit 3, Maximum call stack size exceeded)",
    (command, extra, first) => {
      const out = join(dir, `${command}-70k.txt`);
      const run = runMeasured([command, path, ...extra], { stdoutPath: out });
      expectWithinBounds(run);
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stderr).toBe("");
      expect(head(out).text.split("\n")[0]).toBe(`${path}: ${first}`);
      expect(tail(out, 4096)).toContain("Function 69999: ");
    },
  );

  it("sensitivity computes each function's tornado as it writes it: memory does not grow with the functions", () => {
    const small = runMeasured(["sensitivity", plainCsv("rows-2k.csv", 2_000), "--json"], {
      stdoutPath: join(dir, "sens-2k.json"),
    });
    const large = runMeasured(["sensitivity", plainCsv("rows-20k.csv", 20_000), "--json"], {
      stdoutPath: join(dir, "sens-20k.json"),
    });
    expectWithinBounds(large);
    expect(large.code, describeRun(large)).toBe(0);
    expect(statSync(join(dir, "sens-20k.json")).size).toBeGreaterThan(200_000_000);
    // Ten times the functions (and the output): the input grows, the results are never all held.
    expect(large.peakRssMb, `${describeRun(small)} / ${describeRun(large)}`).toBeLessThan(small.peakRssMb + 150);
  });
});

describe("hostile input: names printed safely in text mode", () => {
  const names = [
    "Payroll \u202Egnissecorp\u202C", // right-to-left override: would print the rest of the line reversed
    "Claims\u2066isolate\u2069", // first-strong isolate
    "Line\nbreak", // a newline would break the table
    "Tab\there",
    "Bell\u0007 and C1 \u0085 next line",
  ];

  it("escapes control and bidi characters as \\uXXXX, keeps every table line aligned, and keeps the real text in JSON", () => {
    const path = join(dir, "names.json");
    writeFileSync(
      path,
      JSON.stringify({
        functions: names.map((name, i) => ({
          function: name,
          headcount: 3,
          saHourlyRate: 25,
          bpoMonthlyFeePerFte: 4000 + i,
        })),
      }),
    );
    const run = runMeasured(["evaluate", path]);
    expectWithinBounds(run);
    expect(run.code, describeRun(run)).toBe(0);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    for (const shown of [
      "Payroll \\u202Egnissecorp\\u202C",
      "Claims\\u2066isolate\\u2069",
      "Line\\u000Abreak",
      "Tab\\u0009here",
      "Bell\\u0007 and C1 \\u0085 next line",
    ]) {
      expect(run.stdout).toContain(shown);
    }
    // One line per function, every "BPO" recommendation column starting at the same place.
    const lines = run.stdout.split("\n");
    const title = lines.findIndex((line) => line.startsWith("Function "));
    const tableRows = lines.slice(title + 2, title + 2 + names.length);
    const column = lines[title].indexOf("Recommendation");
    for (const row of tableRows) expect(row.slice(column, column + 3), row).toBe("BPO");
    expect(lines[title + 2 + names.length]).toBe("");

    const json = runMeasured(["evaluate", path, "--json"]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { results: { function: string }[] }).results.map((r) => r.function)).toEqual(
      names,
    );
  });

  it("escapes a name in an error line and in the analysis reports", () => {
    const path = join(dir, "names-bad.json");
    writeFileSync(
      path,
      JSON.stringify({
        functions: [
          { function: "Evil\u202Ename", headcount: "x\nnew line", saHourlyRate: 25, bpoMonthlyFeePerFte: 4000 },
          { function: "Ok\u2067", headcount: 3, saHourlyRate: 25, bpoMonthlyFeePerFte: 4000 },
        ],
      }),
    );
    const run = runMeasured(["evaluate", path]);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toContain('got "x\\u000Anew line" (text).');
    expect(run.stderr.split("\n").filter((line) => line !== "")).toHaveLength(2);
    for (const command of [["sensitivity"], ["goalseek", "--month", "6"], ["simulate", "--trials", "10"]]) {
      const analysis = runMeasured([command[0], path, ...command.slice(1)]);
      expect(analysis.code, describeRun(analysis)).toBe(1);
      expect(analysis.stdout).toContain("Ok\\u2067");
      expect(analysis.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    }
  });
});

describe("hostile input: simulation work", () => {
  it("does not run trials for rows without ranges (1,000 plain rows took 19 s)", () => {
    const path = plainCsv("plain-1k.csv", 1_000);
    const run = runMeasured(["simulate", path, "--json"]);
    expectWithinBounds(run);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.wallMs).toBeLessThan(5_000);
    const result = JSON.parse(run.stdout) as {
      results: {
        trials: number;
        trialsRun: number;
        BPO: { probabilityCheaper: number };
        histogram: { count: number }[];
      }[];
    };
    expect(result.results).toHaveLength(1_000);
    for (const r of result.results) {
      expect(r.trials).toBe(10_000);
      expect(r.trialsRun).toBe(0);
      expect([0, 1]).toContain(r.BPO.probabilityCheaper);
      expect(r.histogram).toEqual([expect.objectContaining({ count: 10_000 })]);
    }
    const text = runMeasured(["simulate", path]);
    expect(text.stdout).toContain("  Function 0: none: not simulated, the numbers are the model's");
  });

  it("refuses more functions-with-ranges × trials than --max-trials-total before running any, and names the flag", () => {
    const path = join(dir, "ranged.csv");
    const lines = [`${HEADER},BPO monthly fee per FTE min,BPO monthly fee per FTE max`];
    for (let i = 0; i < 2_000; i++) lines.push(`Ranged ${i},3,25,4000,3500,4800`);
    lines.push("Plain,3,25,4000,,");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const refused = runMeasured(["simulate", path]);
    expectWithinBounds(refused);
    expect(refused.code, describeRun(refused)).toBe(2);
    expect(refused.firstLine).toBe(
      'sourcing-model: simulating 2,000 functions with ranges × 10,000 trials is 20,000,000 trials, above the limit of 10,000,000; use fewer --trials, or raise the limit with --max-trials-total 20000000. Run "sourcing-model simulate --help" for usage.',
    );
    expect(refused.wallMs).toBeLessThan(5_000);
    expect(refused.stdout).toBe("");

    const raised = runMeasured(["simulate", path, "--trials", "200", "--max-trials-total", "400000", "--json"]);
    expectWithinBounds(raised);
    expect(raised.code, describeRun(raised)).toBe(0);
    const tooLow = runMeasured(["simulate", path, "--trials", "200", "--max-trials-total", "399999"]);
    expect(tooLow.code).toBe(2);
    const badFlag = runMeasured(["simulate", path, "--max-trials-total", "lots"]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.firstLine).toContain(
      '--max-trials-total must be a whole number from 1 to 1,000,000,000,000; got "lots".',
    );
  });
});
