/**
 * Headless LibreOffice as an independent spreadsheet engine: converts .xlsx files to .xlsx with recalculation on
 * load forced (a throwaway profile sets OOXMLRecalcMode to 0, "always"; otherwise LibreOffice keeps cached values
 * or, for files without any, may not compute them). One soffice call converts many files: batch them (~4 s each).
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { skipWithout } from "../../support/system-tools";

export function sofficeAvailable(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v soffice"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Run LibreOffice tests when soffice is here; with CI=true they run anyway and fail without it. */
export const skipLibreOffice = skipWithout("soffice");

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export interface Recalculated {
  /** Output path of each input, in order. */
  outputs: string[];
  milliseconds: number;
}

/** Opens every file in one LibreOffice run, recalculates it and saves it as .xlsx in a new folder. */
export async function recalculateWithLibreOffice(files: readonly string[]): Promise<Recalculated> {
  const work = mkdtempSync(join(tmpdir(), "sourcing-lo-"));
  const profile = join(work, "profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  const out = join(work, "out");
  mkdirSync(out);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    execFile(
      "soffice",
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        out,
        ...files,
      ],
      { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`soffice failed: ${error.message}\n${stderr}`)) : resolve(),
    );
  });
  return { outputs: files.map((f) => join(out, basename(f))), milliseconds: performance.now() - started };
}
