/**
 * `npm test` on a machine without Chromium or LibreOffice ends with one line naming what was skipped and the
 * command that installs it. Checked for real: vitest runs two test files that need those programs with a PATH
 * that hides them (only node is on it) and CI unset, as on a fresh developer machine.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { closingLine } from "./missing-tools-reporter";
import { onPath } from "./system-tools";

const ROOT = resolve(__dirname, "..", "..");

describe("the closing line for tests skipped for a missing program", () => {
  it("names each program with its count and the one command that installs them", () => {
    expect(
      closingLine(
        new Map([
          ["soffice", 3],
          ["chromium", 10],
        ]),
        13,
        false,
      ),
    ).toBe(
      "Skipped 13 tests that need Chromium (10) and LibreOffice (3), which are not installed here; install them with: sudo npm run setup:system",
    );
    expect(closingLine(new Map([["soffice", 1]]), 1, true)).toBe(
      "Skipped 1 test that needs LibreOffice (1), which is not installed here; install it with: npm run setup:system",
    );
    expect(closingLine(new Map(), 0, true)).toBeUndefined();
  });

  it("finds programs on PATH only where PATH says", () => {
    expect(onPath("node", resolve(process.execPath, ".."))).toBe(true);
    expect(onPath("node", "")).toBe(false);
  });

  it("ends a run whose PATH hides Chromium and LibreOffice with that line", () => {
    const bin = mkdtempSync(join(tmpdir(), "sourcing-node-only-"));
    try {
      symlinkSync(process.execPath, join(bin, "node"));
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: bin, NO_COLOR: "1", FORCE_COLOR: "0" };
      delete env.CI;
      const run = spawnSync(
        process.execPath,
        [
          join(ROOT, "node_modules", "vitest", "vitest.mjs"),
          "run",
          "test/export/libreoffice.test.ts",
          "test/e2e/panels.test.ts",
        ],
        { cwd: ROOT, env, encoding: "utf8", timeout: 240_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      const lines = run.stdout.split("\n").filter((line) => line.trim() !== "");
      expect(lines[lines.length - 1]).toMatch(
        /^Skipped (\d+) tests that need Chromium \(\d+\) and LibreOffice \(\d+\), which are not installed here; install them with: (sudo )?npm run setup:system$/,
      );
      const [, total, chromium, libreOffice] =
        /Skipped (\d+) tests that need Chromium \((\d+)\) and LibreOffice \((\d+)\)/.exec(lines[lines.length - 1]) ??
        [];
      expect(Number(total)).toBe(Number(chromium) + Number(libreOffice));
      expect(Number(chromium)).toBeGreaterThan(0);
      expect(Number(libreOffice)).toBeGreaterThan(0);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
