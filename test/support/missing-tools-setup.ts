/**
 * Global set-up: a folder name, fresh for each run, where test files record that they skipped for a missing
 * system tool (system-tools.ts). The folder is created only when something is recorded, so runs that skip
 * nothing leave nothing behind. The folder's path reaches the test workers through provide/inject and the reporter
 * (missing-tools-reporter.ts, same process as this file) through the environment.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

export const LOG_VARIABLE = "SOURCING_MISSING_TOOLS_LOG";

export default function setup(project: TestProject): void {
  const folder = join(tmpdir(), `sourcing-missing-tools-${process.pid}-${Date.now()}`);
  process.env[LOG_VARIABLE] = folder;
  project.provide("missingToolsLog", folder);
}
