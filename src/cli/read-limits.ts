/** `--max-part-mb N` and `--max-cells N`: the readers' limits (docs/limits.md, "Reading files"), raised for a genuine big file. */
import { DEFAULT_READ_LIMITS, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, MB, type ReadLimits } from "../io/limits";
import { wholeNumberOption } from "./arguments";

export const READ_LIMIT_OPTIONS = {
  "max-part-mb": { type: "string" },
  "max-cells": { type: "string" },
} as const;

export const READ_LIMIT_HELP = `  --max-part-mb N     Largest .csv/.json file, or workbook part once unpacked, to read, in MB
                      (default ${DEFAULT_READ_LIMITS.maxPartBytes / MB}). Guards against zip bombs; raise it for a genuine big file.
  --max-cells N       Most cells to read (default ${DEFAULT_READ_LIMITS.maxCells.toLocaleString("en-US")}); raise it for a genuine big file.`;

/** Beyond these even a raised limit would not fit in memory: a JavaScript string or a sheet of Excel's whole grid. */
const MAX_PART_MB = 1024;
const MAX_CELLS = EXCEL_MAX_ROWS * EXCEL_MAX_COLUMNS;

/** The limits the flags ask for, the defaults otherwise. */
export function readLimitsOf(values: { "max-part-mb"?: string; "max-cells"?: string }): ReadLimits {
  const partMb = values["max-part-mb"];
  const cells = values["max-cells"];
  return {
    maxPartBytes:
      partMb === undefined
        ? DEFAULT_READ_LIMITS.maxPartBytes
        : wholeNumberOption("--max-part-mb", partMb, 1, MAX_PART_MB, true) * MB,
    maxCells:
      cells === undefined ? DEFAULT_READ_LIMITS.maxCells : wholeNumberOption("--max-cells", cells, 1, MAX_CELLS, true),
  };
}
