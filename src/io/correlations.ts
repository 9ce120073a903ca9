/**
 * Reading correlated ranges from an input file (the model validates and applies them: src/model/correlation.ts):
 *  - .json: a top-level "correlations" list of {"input", "other input", "rank correlation"} objects (also
 *    "first", "second", "correlation");
 *  - .xlsx: the table SourcingCorrelations (columns Input | Other input | Rank correlation, any order, by header).
 * A .csv file holds the functions table only, so it has none.
 */
import { CORRELATIONS_TABLE, correlationColumnOf, correlationsFromTable } from "../layout/correlations-table";
import type { CorrelationEntry } from "../model/correlation";
import type { CellValue } from "../model/types";
import { InputFileError } from "./errors";
import { DEFAULT_READ_LIMITS, type ReadLimits } from "./limits";
import { formatOf, readBytes } from "./read";

const isCell = (v: unknown): v is CellValue =>
  v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Entries from a parsed JSON document (its "correlations" list); [] when it has none. */
export function correlationsFromJson(data: unknown, path: string): CorrelationEntry[] {
  if (typeof data !== "object" || data === null || !("correlations" in data)) return [];
  const list = (data as { correlations: unknown }).correlations;
  if (list === null || list === undefined) return [];
  const shape = '{"input", "other input", "rank correlation"} objects';
  if (!Array.isArray(list)) throw new InputFileError("malformed", path, `"correlations" must be a list of ${shape}.`);
  return list.map((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item))
      throw new InputFileError("malformed", path, `correlations[${i}] must be one of the ${shape}.`);
    const entry: CorrelationEntry = {};
    for (const [name, value] of Object.entries(item as Record<string, unknown>)) {
      const column = correlationColumnOf(name);
      if (!column) continue;
      if (!isCell(value))
        throw new InputFileError("malformed", path, `correlations[${i}].${name} must be a number, text or null.`);
      entry[column] = value;
    }
    return entry;
  });
}

/**
 * A list an input file may carry besides its tables (scenarios, correlations): from a .json file's top-level list
 * (`fromJson`), from an .xlsx file's named table (`fromTable`), none from a .csv file.
 */
export async function readFileList<T>(
  path: string,
  limits: ReadLimits,
  fromJson: (data: unknown, path: string) => T[],
  tableName: string,
  fromTable: (headers: readonly CellValue[], rows: readonly CellValue[][]) => T[],
): Promise<T[]> {
  const format = formatOf(path);
  if (format === "csv") return [];
  const bytes = await readBytes(path, limits);
  if (format === "json") {
    try {
      return fromJson(JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, "")), path);
    } catch (error) {
      if (error instanceof InputFileError) throw error;
      throw new InputFileError(
        "malformed",
        path,
        `not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  }
  const { WorkbookPackage } = await import("./workbook-package");
  const { readNamedTable } = await import("./xlsx");
  const table = readNamedTable(WorkbookPackage.open(bytes, path, limits), tableName);
  return table ? fromTable(table.headers, table.rows) : [];
}

/** The correlated ranges of an input file, unvalidated (parseCorrelations checks them); [] when it has none. */
export const readCorrelations = (path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<CorrelationEntry[]> =>
  readFileList(path, limits, correlationsFromJson, CORRELATIONS_TABLE, correlationsFromTable);
