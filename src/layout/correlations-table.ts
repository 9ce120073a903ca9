/**
 * The SourcingCorrelations table (Input | Other input | Rank correlation): its name, its columns and how its rows
 * become correlation entries for the model (model/correlation.ts validates them). Pure: the workbook reader
 * (src/excel/read-correlations.ts), the file reader (src/io/correlations.ts) and the template share it.
 */
import type { CorrelationEntry } from "../model/correlation";
import type { CellValue } from "../model/types";

/** The workbook table of correlated ranges. */
export const CORRELATIONS_TABLE = "SourcingCorrelations";
/** Its columns, in the template's order (src/excel/correlations-template.ts). */
export const CORRELATION_HEADERS = ["Input", "Other input", "Rank correlation"] as const;

/** Which entry field a header (or JSON name) holds: letters only, any case. */
export function correlationColumnOf(header: CellValue): keyof CorrelationEntry | undefined {
  const text = String(header ?? "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
  if (text === "input" || text === "first" || text === "firstinput") return "first";
  if (text === "otherinput" || text === "second" || text === "secondinput") return "second";
  if (text === "rankcorrelation" || text === "correlation") return "correlation";
  return undefined;
}

/** Entries from a header row and data rows (a workbook table): columns found by their headers, others ignored. */
export function correlationsFromTable(headers: readonly CellValue[], rows: readonly CellValue[][]): CorrelationEntry[] {
  const columns = headers.map(correlationColumnOf);
  return rows.map((cells) => {
    const entry: CorrelationEntry = {};
    columns.forEach((column, c) => {
      if (column) entry[column] = cells[c] ?? null;
    });
    return entry;
  });
}
