/**
 * Ends a run in which tests were skipped for a missing system tool with one line: how many, which tools, and
 * the one command that installs them. Test files record such skips through system-tools.ts's skipWithout().
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Reporter, TestModule } from "vitest/node";
import { LOG_VARIABLE } from "./missing-tools-setup";
import { type SystemTool, TOOL_NAMES } from "./system-tools";

interface SkipRecord {
  tool: SystemTool;
  testFile: string;
}

/** The records the test workers wrote: tools missing, by test file. */
export function readSkipRecords(folder: string): Map<string, Set<SystemTool>> {
  const byFile = new Map<string, Set<SystemTool>>();
  if (!existsSync(folder)) return byFile;
  for (const name of readdirSync(folder)) {
    for (const line of readFileSync(join(folder, name), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const record = JSON.parse(line) as SkipRecord;
      const tools = byFile.get(record.testFile) ?? new Set<SystemTool>();
      tools.add(record.tool);
      byFile.set(record.testFile, tools);
    }
  }
  return byFile;
}

/** "Chromium", "Chromium and LibreOffice". */
const joinNames = (names: string[]): string =>
  names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/** The closing line, or undefined when nothing was skipped for a missing tool. */
export function closingLine(
  skippedByTool: ReadonlyMap<SystemTool, number>,
  total: number,
  root: boolean,
): string | undefined {
  if (total === 0) return undefined;
  const tools = [...skippedByTool.keys()].sort();
  const parts = tools.map((tool) => `${TOOL_NAMES[tool]} (${skippedByTool.get(tool)})`);
  const command = root ? "npm run setup:system" : "sudo npm run setup:system";
  const verb = tools.length === 1 ? "is" : "are";
  return `Skipped ${total} test${total === 1 ? " that needs" : "s that need"} ${joinNames(parts)}, which ${verb} not installed here; install ${tools.length === 1 ? "it" : "them"} with: ${command}`;
}

export default class MissingToolsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const folder = process.env[LOG_VARIABLE];
    if (!folder) return;
    const records = readSkipRecords(folder);
    rmSync(folder, { recursive: true, force: true });
    const skippedByTool = new Map<SystemTool, number>();
    let total = 0;
    for (const testModule of testModules) {
      const tools = records.get(testModule.moduleId);
      if (!tools) continue;
      const skipped = [...testModule.children.allTests("skipped")].length;
      if (skipped === 0) continue;
      total += skipped;
      for (const tool of tools) skippedByTool.set(tool, (skippedByTool.get(tool) ?? 0) + skipped);
    }
    const line = closingLine(skippedByTool, total, process.getuid?.() === 0);
    if (line) process.stdout.write(`\n${line}\n`);
  }
}
