/** main() in-process, for what a real process cannot easily provoke: an internal error. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, main, mainHelp } from "../../src/cli/main";
import type { CliContext } from "../../src/cli/context";

function capture(failOnStdout = false) {
  const out: string[] = [];
  const err: string[] = [];
  const context: CliContext = {
    stdout: (text) => {
      if (failOnStdout) throw new Error("disk full");
      out.push(text);
    },
    stderr: (text) => void err.push(text),
  };
  return { context, out, err };
}

describe("main()", () => {
  it("turns an unexpected failure into one line and exit code 3", async () => {
    const { context, err } = capture(true);
    expect(await main(["evaluate", "examples/sample.json"], context)).toBe(3);
    expect(err.join("")).toBe(
      "sourcing-model: internal error: disk full. This is a bug in sourcing-model; please report it with the command you ran.\n",
    );
  });

  it("writes the text report to stdout and the problems to stderr", async () => {
    const { context, out, err } = capture();
    expect(await main(["evaluate", "examples/bad.csv"], context)).toBe(1);
    expect(out.join("")).toContain("Customer support");
    expect(err.join("")).toMatch(/^6 errors; /);
  });

  it("shows control characters from cells as \\uXXXX escapes in the text report", async () => {
    const { context, out } = capture();
    const folder = mkdtempSync(join(tmpdir(), "sourcing-main-"));
    const path = join(folder, "esc.json");
    writeFileSync(
      path,
      JSON.stringify({
        functions: [{ function: "Evil\u001b[2Jname", headcount: 1, saHourlyRate: 20, bpoMonthlyFeePerFte: 3000 }],
      }),
    );
    expect(await main(["evaluate", path], context)).toBe(0);
    expect(out.join("")).toContain("Evil\\u001B[2Jname");
    expect(out.join("")).not.toContain("\u001b");
    rmSync(folder, { recursive: true, force: true });
  });

  it("lists every command it dispatches in the usage lines, as docs/cli.md does", () => {
    const usage =
      mainHelp()
        .split("\n\n")
        .find((block) => block.startsWith("Usage\n")) ?? "";
    const reference = readFileSync(join(__dirname, "..", "..", "docs", "cli.md"), "utf8");
    for (const command of COMMANDS) {
      expect(usage).toContain(`\n  sourcing-model ${command.name} ${command.usage}\n`);
      expect(reference).toContain(`sourcing-model ${command.name} `);
    }
  });
});
