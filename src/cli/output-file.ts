/**
 * Writing a command's output workbook: never over its own input by accident, never half-written. The bytes go to a
 * temporary file beside OUT, which is renamed over OUT only once complete, so a failure leaves OUT as it was.
 */
import { closeSync, existsSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./context";

/**
 * Do two paths name the same file? Equal once resolved (`./a.xlsx` and `a.xlsx`), or, when both exist, the same
 * file on disk: a symbolic or hard link, or another spelling on a case-insensitive disk (`IN.XLSX` for `in.xlsx`).
 */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const first = statSync(a);
    const second = statSync(b);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false; // one of them does not exist: it cannot be the other
  }
}

/** Refuses (exit 2) an output that is the input itself, unless the user asked for it with --in-place. */
export function refuseOverwritingInput(command: string, inPath: string, outPath: string, inPlace: boolean): void {
  if (inPlace || !sameFile(inPath, outPath)) return;
  throw new UsageError(
    `OUT (${outPath}) is the input file itself; ${command} would overwrite it. Give another OUT, or add --in-place to replace the input on purpose.`,
  );
}

/**
 * Writes a file from chunks made on the fly (`produce` calls `write` for each), through a temporary file renamed
 * over `outPath` at the end. A symbolic link at `outPath` keeps pointing where it did: its target is replaced.
 */
export function writeOutputFile(outPath: string, produce: (write: (chunk: Uint8Array) => void) => void): void {
  const target = existsSync(outPath) ? realpathSync(outPath) : resolve(outPath);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, "w");
    const handle = fd;
    produce((chunk) => {
      for (let done = 0; done < chunk.length;) done += writeSync(handle, chunk, done);
    });
    closeSync(handle);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string") throw new UsageError(`cannot write ${outPath} (${code}).`);
    throw error;
  }
}
