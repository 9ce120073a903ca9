import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputFile } from "../../src/io";
import { evaluate, formatMoney, sampleInput, type ModelResult } from "../../src/model";
import {
  ASSUMPTION_HEADERS,
  ASSUMPTIONS_TABLE,
  FUNCTIONS_TABLE,
  INPUT_SHEET,
  sampleFunctionHeaders,
  sampleFunctionRows,
} from "../../src/layout/workbook";
import { assertBuilt, REPO, runCli, STACK_LINE, type CliRun } from "./run-cli";

let dir: string;
const temp = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const json = (run: CliRun): ModelResult => JSON.parse(run.stdout) as ModelResult;
/** The table line of one function: name, recommendation, then the three months. */
const tableLine = (stdout: string, name: string) => stdout.split("\n").find((line) => line.startsWith(`${name}  `));

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), "sourcing-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sourcing-model evaluate: valid files", () => {
  for (const file of ["examples/sample.json", "examples/sample.csv", "examples/sample.xlsx"]) {
    it(`${file}: a table with the customer-support break-even in month 6, exit 0`, () => {
      const run = runCli(["evaluate", file]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout.split("\n")[0]).toBe(`${file}: 4 functions modelled over 36 months, amounts in USD.`);
      expect(tableLine(run.stdout, "Customer support")).toMatch(
        /^Customer support\s+BPO\s+6\s+6\s+3\s+USD 2,564,816\s+USD 2,074,823\s+USD 2,145,680$/,
      );
      // Words in the table people read (docs/model.md P6.5); --json keeps the codes.
      expect(tableLine(run.stdout, "React developer")).toMatch(
        /^React developer\s+Staff augmentation\s+none\s+none\s+none\s/,
      );
      expect(tableLine(run.stdout, "Data entry")).toMatch(/^Data entry\s+Document the process first\s/);
      for (const result of evaluate(sampleInput()).results)
        expect(run.stdout).toContain(`  ${result.function}: ${result.rationale}`);
    });
  }

  it("aligns the table: every line of it has the same column starts", () => {
    const lines = runCli(["evaluate", "examples/sample.json"]).stdout.split("\n").slice(2, 8);
    const starts = (line: string) => [...line.matchAll(/(?<= {2})\S/g)].map((m) => m.index);
    expect(lines[0].startsWith("Function")).toBe(true);
    expect(lines[1]).toMatch(/^-+( +-+){7}$/);
    const ends = lines.map((line) => line.length);
    expect(new Set(ends.slice(1)).size).toBe(1); // right-aligned totals end in the same column
    expect(starts(lines[2])[0]).toBe(starts(lines[3])[0]);
  });

  it("--json prints exactly evaluate()'s result and nothing else on stdout", async () => {
    const long = temp(
      "long.json",
      JSON.stringify({ ...sampleInput(), assumptions: { ...sampleInput().assumptions, horizonMonths: 600 } }),
    );
    for (const file of ["examples/sample.json", "examples/sample.xlsx", "examples/sample.csv", long]) {
      const run = runCli(["evaluate", file, "--json"]);
      expect(run.code).toBe(0);
      const result = evaluate((await readInputFile(file === long ? long : join(REPO, file))).input);
      expect(json(run)).toEqual(JSON.parse(JSON.stringify(result)));
      // Byte for byte what JSON.stringify(result, null, 2) writes, the month rows written from the typed series.
      expect(run.stdout).toBe(`${JSON.stringify(result, null, 2)}\n`);
    }
  });
});

describe("sourcing-model evaluate: files with bad cells (exit 1)", () => {
  it("bad.csv: models the valid rows and lists each bad cell by row, line and column", () => {
    const run = runCli(["evaluate", "examples/bad.csv"]);
    expect(run.code).toBe(1);
    expect(tableLine(run.stdout, "Customer support")).toMatch(/^Customer support\s+BPO\s+6\s/);
    expect(tableLine(run.stdout, "Accounts payable")).toMatch(/^Accounts payable\s+BPO\s/);
    expect(run.stdout).not.toContain("Payroll");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("6 errors; the rows concerned were not modelled, the others were:");
    expect(lines.slice(1)).toEqual([
      '  row 2 (line 3), column "Headcount (FTE)": Headcount (FTE) must be a number greater than 0 and at most 100,000; got "three" (text).',
      '  row 3 (line 4), column "SA hourly rate": SA hourly rate must be a number of at least 0; got -38.',
      '  row 4 (line 5), column "Function": Function "Customer support" already appears in row 1; names must be unique, so only row 1 is modelled.',
      '  row 5 (line 6), column "BPO monthly fee per FTE": BPO monthly fee per FTE must be a number of at least 0; got the Excel error #N/A.',
      '  row 6 (line 7), column "Scope": Scope must be stable or evolving; got "sometimes" (text).',
      '  row 7 (line 8), column "Headcount (FTE)": Headcount (FTE) is required; the cell is blank.',
    ]);
  });

  it("bad.csv --json: the errors are in the JSON, stdout is only JSON", () => {
    const run = runCli(["evaluate", "--json", "examples/bad.csv"]);
    expect(run.code).toBe(1);
    const result = json(run);
    expect(result.results.map((r) => r.function)).toEqual(["Customer support", "Accounts payable"]);
    expect(result.errors).toHaveLength(6);
    expect(result.errors[0]).toEqual(expect.objectContaining({ row: 2, column: "headcount", value: "three" }));
  });

  it("a workbook: errors point at cells like 'Sourcing Inputs'!B3", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(INPUT_SHEET);
    const rows = sampleFunctionRows();
    rows[1][1] = { error: "#DIV/0!" } as never;
    rows[2][2] = "n/a";
    sheet.addTable({
      name: FUNCTIONS_TABLE,
      ref: "A1",
      columns: sampleFunctionHeaders().map((name) => ({ name })),
      rows,
    });
    sheet.addTable({
      name: ASSUMPTIONS_TABLE,
      ref: "A8",
      columns: ASSUMPTION_HEADERS.map((name) => ({ name })),
      rows: [["Decision margin", "-5%", "typo"]],
    });
    const path = temp("bad.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));

    const run = runCli(["evaluate", path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("an assumption is invalid, so no function was modelled");
    expect(run.stderr).toContain("'Sourcing Inputs'!B9: Decision margin must be a number from 0 to 1");
    expect(run.stderr).toContain(
      "'Sourcing Inputs'!B3: Headcount (FTE) must be a number greater than 0 and at most 100,000; got the Excel error #DIV/0!.",
    );
    expect(run.stderr).toContain(
      "'Sourcing Inputs'!C4: SA hourly rate must be a number of at least 0; got \"n/a\" (text).",
    );

    // Fixing the assumption on the command line models the valid rows; the flag replaces the cell.
    const fixed = runCli(["evaluate", path, "--set", "decisionMargin=0.05"]);
    expect(fixed.code).toBe(1);
    expect(fixed.stderr).not.toContain("B9");
    expect(tableLine(fixed.stdout, "Customer support")).toMatch(/^Customer support\s+BPO\s+6\s/);
    expect(fixed.stdout).not.toContain("React developer");
  });
});

describe("sourcing-model evaluate: --set and --horizon", () => {
  it("--horizon N sets the horizon", () => {
    const result = json(runCli(["evaluate", "examples/sample.json", "--json", "--horizon", "12"]));
    expect(result.assumptions.horizonMonths).toBe(12);
    expect(result.results[0].monthly).toHaveLength(12);
    expect(result).toEqual(
      JSON.parse(
        JSON.stringify(
          evaluate({ ...sampleInput(), assumptions: { ...sampleInput().assumptions, horizonMonths: 12 } }),
        ),
      ),
    );
  });

  it("--set overrides the file's assumption, by key or by label, in the text table too", () => {
    const run = runCli([
      "evaluate",
      "examples/sample.xlsx",
      "--set",
      "Currency=EUR",
      "--set",
      "discountRateAnnual=10%",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("amounts in EUR");
    expect(tableLine(run.stdout, "Customer support")).toContain("EUR 2,564,816");
    const result = json(runCli(["evaluate", "examples/sample.xlsx", "--json", "--set", "Discount rate (annual)=0.1"]));
    expect(result.assumptions.discountRateAnnual).toBe(0.1);
    expect(result).toEqual(
      JSON.parse(
        JSON.stringify(
          evaluate({ ...sampleInput(), assumptions: { ...sampleInput().assumptions, discountRateAnnual: 0.1 } }),
        ),
      ),
    );
  });

  it("the last --set wins, and --horizon wins over --set horizonMonths", () => {
    const result = json(
      runCli([
        "evaluate",
        "examples/sample.json",
        "--json",
        "--horizon",
        "24",
        "--set",
        "horizonMonths=6",
        "--set",
        "horizonMonths=12",
      ]),
    );
    expect(result.assumptions.horizonMonths).toBe(24);
    expect(
      json(
        runCli(["evaluate", "examples/sample.json", "--json", "--set", "horizonMonths=6", "--set", "horizonMonths=12"]),
      ).assumptions.horizonMonths,
    ).toBe(12);
  });

  it("--set of a per-function field is the default for rows that leave the cell blank", () => {
    const csv = [
      // A delay cost makes the staff augmentation ramp cost something.
      "Function,Headcount (FTE),SA hourly rate,BPO monthly fee per FTE,Delay cost per FTE-month,SA ramp (business days)",
      "Blank ramp,10,30,4000,1000,",
      "Own ramp,10,30,4000,1000,4",
    ].join("\n");
    const path = temp("ramps.csv", csv);
    const plain = json(runCli(["evaluate", path, "--json"]));
    const set = json(runCli(["evaluate", path, "--json", "--set", "saRampDays=15"]));
    expect(set.assumptions).toMatchObject({ saRampDays: 15 });
    expect(set.results[1].total).toEqual(plain.results[1].total); // filled cell keeps its value
    expect(set.results[0].total.STAFF_AUG).not.toBe(plain.results[0].total.STAFF_AUG);
    const explicit = evaluate({
      functions: [
        {
          function: "Blank ramp",
          headcount: 10,
          saHourlyRate: 30,
          bpoMonthlyFeePerFte: 4000,
          delayCostPerFteMonth: 1000,
          saRampDays: 15,
        },
      ],
    });
    expect(set.results[0]).toEqual(JSON.parse(JSON.stringify(explicit.results[0])));
  });

  it("an invalid value is an assumption error pointing at the flag (exit 1)", () => {
    const run = runCli(["evaluate", "examples/sample.json", "--horizon", "forever"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("0 functions modelled");
    expect(run.stderr).toContain(
      '--horizon forever: Horizon (months) must be a whole number from 1 to 600; got "forever" (text).',
    );
    const asJson = runCli(["evaluate", "examples/sample.json", "--json", "--set", "rampShape=curvy"]);
    expect(asJson.code).toBe(1);
    expect(json(asJson).errors).toEqual([expect.objectContaining({ row: null, column: "rampShape", value: "curvy" })]);
  });

  it("formatMoney is what the table prints", () => {
    const run = runCli(["evaluate", "examples/sample.json"]);
    const bookkeeping = evaluate(sampleInput()).results[2];
    expect(tableLine(run.stdout, "Bookkeeping")).toContain(formatMoney(bookkeeping.total.BPO, "USD"));
  });
});

describe("sourcing-model: usage and unreadable files (exit 2, one line, no stack trace)", () => {
  const cases: [string, string[], RegExp][] = [
    ["no command", [], /^sourcing-model: a command is needed/],
    ["unknown command", ["frobnicate"], /^sourcing-model: unknown command "frobnicate"/],
    [
      "a file instead of a command",
      ["examples/sample.csv"],
      /did you mean "sourcing-model evaluate examples\/sample.csv"\?/,
    ],
    ["no file", ["evaluate"], /^sourcing-model: evaluate needs a FILE/],
    ["two files", ["evaluate", "a.csv", "b.csv"], /evaluate takes one FILE; got 2/],
    [
      "unknown option",
      ["evaluate", "examples/sample.json", "--frob"],
      /^sourcing-model: unknown option "--frob"\. Run "sourcing-model evaluate --help" for usage\.\n$/,
    ],
    ["option without value", ["evaluate", "examples/sample.json", "--horizon"], /argument missing/],
    [
      "unknown assumption",
      ["evaluate", "examples/sample.json", "--set", "colour=red"],
      /--set colour: not an assumption\. Known keys: currency, horizonMonths/,
    ],
    ["--set without =", ["evaluate", "examples/sample.json", "--set", "horizonMonths"], /--set needs KEY=VALUE/],
    ["missing file", ["evaluate", "examples/nope.csv"], /^sourcing-model: examples\/nope\.csv: no such file\.\n$/],
    [
      "wrong extension",
      ["evaluate", "package.json.txt"],
      /"\.txt" files are not supported; use \.json, \.csv or \.xlsx\./,
    ],
    ["old .xls", ["evaluate", "old.xls"], /Save the workbook from Excel as "Excel Workbook \(\.xlsx\)"/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const run = runCli(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.endsWith("\n")).toBe(true);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(STACK_LINE);
    });
  }

  it("malformed JSON, a wrongly shaped JSON, broken CSV and a fake workbook", () => {
    const files: [string, string, RegExp][] = [
      ["broken.json", '{"functions": [', /broken\.json: not valid JSON/],
      [
        "shape.json",
        '{"functions": {"function": "Support"}}',
        /shape\.json: functions must be a list of objects, one per function; got an object\./,
      ],
      [
        "quote.csv",
        'Function,Headcount (FTE)\n"Support,12\n',
        /quote\.csv: not a readable CSV file \(Quote Not Closed/,
      ],
      ["empty.csv", "", /empty\.csv: the file is empty/],
      ["fake.xlsx", "Function,Headcount\n", /fake\.xlsx: not an \.xlsx workbook that can be opened/],
    ];
    for (const [name, content, message] of files) {
      const run = runCli(["evaluate", temp(name, content)]);
      expect(run.code, name).toBe(2);
      expect(run.stdout, name).toBe("");
      expect(run.stderr.trimEnd().split("\n"), name).toHaveLength(1);
      expect(run.stderr, name).toMatch(message);
      expect(run.stderr, name).not.toMatch(STACK_LINE);
    }
  });

  it("a folder named like an input file", () => {
    const folder = join(dir, "folder.csv");
    mkdirSync(folder);
    const run = runCli(["evaluate", folder]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/folder\.csv: is a folder, not a file\./);
  });
});

describe("sourcing-model: output piped to a reader that stops early", () => {
  it("ends quietly when stdout is closed (| head)", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(
      process.execPath,
      [join(REPO, "bin", "sourcing-model.js"), "evaluate", "examples/sample.json", "--json", "--horizon", "600"],
      { cwd: REPO },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

describe("sourcing-model: help and version", () => {
  it("--help, -h and help print the usage on stdout", () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const run = runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("sourcing-model evaluate FILE [--json] [--horizon N] [--set KEY=VALUE ...]");
      expect(run.stdout).toMatch(/Commands\n\s+evaluate\s+Model every function/);
    }
  });

  it("evaluate --help and help evaluate print the command's help, with the exit codes", () => {
    for (const args of [
      ["evaluate", "--help"],
      ["evaluate", "-h"],
      ["help", "evaluate"],
    ]) {
      const run = runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Usage: sourcing-model evaluate FILE");
      expect(run.stdout).toContain("default for rows that leave that cell blank");
      expect(run.stdout).toMatch(/Exit codes\n\s+0 /);
    }
  });

  it("--version prints the package version", () => {
    const run = runCli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${(JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string }).version}\n`,
    );
  });
});
