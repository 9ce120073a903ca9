/** `--max-part-mb N` and `--max-cells N`: the readers' limits (docs/limits.md, "Reading files"), raised for a genuine big file. */
import { DEFAULT_READ_LIMITS, type ReadLimits } from "../io/limits";
import { UsageError } from "./context";

export const READ_LIMIT_OPTIONS = {
  "max-part-mb": { type: "string" },
  "max-cells": { type: "string" },
} as const;

export const READ_LIMIT_HELP = `  --max-part-mb N     Largest .csv/.json file, or workbook part once unpacked, to read, in MB
                      (default ${DEFAULT_READ_LIMITS.maxPartBytes / 1024 / 1024}). Guards against zip bombs; raise it for a genuine big file.
  --max-cells N       Most cells to read (default ${DEFAULT_READ_LIMITS.maxCells.toLocaleString("en-US")}); raise it for a genuine big file.`;

/** Beyond these even a raised limit would not fit in memory: a JavaScript string or a sheet of Excel's whole grid. */
const MAX_PART_MB = 1024;
const MAX_CELLS = 17_179_869_184; // 1,048,576 rows × 16,384 columns

function wholeNumber(flag: string, text: string, max: number): number {
  const value = Number(text.trim().replace(/[,_]/g, ""));
  if (text.trim() === "" || !Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`${flag} must be a whole number from 1 to ${max.toLocaleString("en-US")}; got "${text}".`);
  }
  return value;
}

/** The limits the flags ask for, the defaults otherwise. */
export function readLimitsOf(values: { "max-part-mb"?: string; "max-cells"?: string }): ReadLimits {
  const partMb = values["max-part-mb"];
  const cells = values["max-cells"];
  return {
    maxPartBytes: partMb === undefined ? DEFAULT_READ_LIMITS.maxPartBytes : wholeNumber("--max-part-mb", partMb, MAX_PART_MB) * 1024 * 1024,
    maxCells: cells === undefined ? DEFAULT_READ_LIMITS.maxCells : wholeNumber("--max-cells", cells, MAX_CELLS),
  };
}
