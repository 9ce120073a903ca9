/**
 * What the readers will read before refusing a file, so that a tiny hostile file (a zip bomb, a stray cell at
 * XFD1048576) ends in a clear message instead of a hang. Defaults and the measurements behind them:
 * docs/limits.md, "Reading files".
 */

export const MB = 1024 * 1024;

export interface ReadLimits {
  /** Largest .csv/.json file, or workbook part once unpacked, in bytes (CLI: --max-part-mb). */
  maxPartBytes: number;
  /** Most cells scanned in the sheets read, or parsed from a CSV file (CLI: --max-cells). */
  maxCells: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = { maxPartBytes: 64 * MB, maxCells: 2_000_000 };

/**
 * An .xlsx file, and all the parts read from it together, may be this many times the part limit: a workbook's
 * images and other sheets make its file bigger than the parts read, and many parts just under the limit (a zip
 * whose entries overlap one compressed kernel) must stop too. The same rule as freeze's (docs/limits.md).
 */
export const WORKBOOK_TOTAL_FACTOR = 4;

/** Excel's grid: these are facts about every valid workbook, not limits a flag raises. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/**
 * Longest text or tag between two markup characters in a workbook part. Excel holds at most 32,767 characters
 * in a cell and 8,192 in a formula (six times that once escaped), so a longer run is not a spreadsheet.
 */
export const MAX_XML_RUN_CHARS = 4 * MB;

export const megabytes = (bytes: number): string => `${Math.ceil(bytes / MB).toLocaleString("en-US")} MB`;
export const count = (n: number): string => n.toLocaleString("en-US");

/** The flag that raises each limit, named in the messages. */
const PART_FLAG = "--max-part-mb";
const CELLS_FLAG = "--max-cells";

/** "above the limit of 64 MB per part; if the file is genuine, raise it with --max-part-mb 200" (a value that would do, when known). */
export function partLimitText(limits: ReadLimits, per: "part" | "file", neededBytes?: number): string {
  const value = neededBytes === undefined ? "N" : String(Math.ceil((neededBytes * 1.25) / MB));
  return `above the limit of ${megabytes(limits.maxPartBytes)} per ${per}; if the file is genuine, raise it with ${PART_FLAG} ${value}`;
}

/** "more than the limit of 2,000,000 cells; if the file is genuine, raise it with --max-cells N". */
export function cellsLimitText(limits: ReadLimits, what: "cells" | "values" = "cells"): string {
  return `more than the limit of ${count(limits.maxCells)} ${what}; if the file is genuine, raise it with ${CELLS_FLAG} N`;
}
