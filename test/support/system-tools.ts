/**
 * The system programs some tests need (Debian's Chromium, headless LibreOffice) and the one place that decides
 * whether those tests run. Without the program they are skipped on a developer machine and the skip is recorded,
 * so that the run ends with one line saying what was skipped and how to install it (missing-tools-reporter.ts).
 * With CI set they run anyway and fail: a CI machine must have everything.
 */
import { accessSync, appendFileSync, constants, existsSync, mkdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { expect, inject } from "vitest";

export type SystemTool = "chromium" | "soffice";

/** Where the browser tests launch Chromium from (playwright-core's executablePath). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** What people read: the program's name and the Debian package that provides it. */
export const TOOL_NAMES: Record<SystemTool, string> = { chromium: "Chromium", soffice: "LibreOffice" };

declare module "vitest" {
  interface ProvidedContext {
    /** Folder where skipped-for-a-missing-tool records go for this run (set by missing-tools-setup.ts). */
    missingToolsLog: string | undefined;
  }
}

/** An executable of that name in one of PATH's folders (what `command -v` answers, without a shell). */
export function onPath(program: string, path: string = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((folder) => {
    if (folder === "") return false;
    try {
      accessSync(join(folder, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Chromium must be where the tests launch it and on PATH (hiding it from PATH shows what a machine without it sees). */
export function toolAvailable(tool: SystemTool): boolean {
  return tool === "chromium" ? existsSync(CHROMIUM_PATH) && onPath("chromium") : onPath("soffice");
}

/**
 * True when the tests that need `tool` should be skipped: it is missing and CI is not set. Records the skip for
 * the closing line of the run. Call it once per test file (or shared support module), at load time.
 */
export function skipWithout(tool: SystemTool): boolean {
  if (toolAvailable(tool) || process.env.CI) return false;
  const log = inject("missingToolsLog");
  const testFile = expect.getState().testPath;
  if (log && testFile) {
    mkdirSync(log, { recursive: true });
    appendFileSync(join(log, `${process.pid}.jsonl`), `${JSON.stringify({ tool, testFile })}\n`);
  }
  return true;
}
