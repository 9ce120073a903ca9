/**
 * CSV input: the functions table only (a header row, then one row per function); assumptions come from the
 * command line. Cells stay text: the model coerces "1,250", "5%" and yes/no itself.
 */
import { parse } from "csv-parse/sync";
import { mapFunctionHeaders } from "../model/headers";
import type { CellValue } from "../model/types";
import { InputFileError } from "./errors";
import { DEFAULT_READ_LIMITS, cellsLimitText, type ReadLimits } from "./limits";
import type { ErrorLocation, LoadedInput } from "./types";

const DELIMITERS = [",", ";", "\t"] as const;

/** The delimiter of the header line: the candidate that occurs most often outside quotes (comma on a tie). */
function detectDelimiter(text: string): string {
  // The first 64 KB of the header line decide: counted, not split (a line of millions of commas is no header).
  const end = text.indexOf("\n");
  const firstLine = text.slice(0, Math.min(end < 0 ? text.length : end, 65_536)).replace(/"[^"]*"/g, "");
  let best: string = ",";
  let bestCount = 0;
  for (const candidate of DELIMITERS) {
    let count = 0;
    for (let at = firstLine.indexOf(candidate); at >= 0; at = firstLine.indexOf(candidate, at + 1)) count++;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Cells of CSV text: delimiters and line breaks outside quotes, plus one (blank lines count as a cell each). */
function cellCount(text: string, delimiter: string): number {
  const separator = delimiter.charCodeAt(0);
  let cells = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22)
      quoted = !quoted; // an escaped quote ("") toggles twice
    else if (!quoted && (code === separator || code === 0x0a)) cells++;
  }
  return cells;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Parses CSV text into the model's input; throws {@link InputFileError} when it is not CSV or has no header row. */
export function readCsvText(text: string, path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): LoadedInput {
  // One line-ending convention, so that csv-parse's line counts are right for cells that span lines.
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const delimiter = detectDelimiter(normalized);
  // Counted before parsing: csv-parse builds a whole record before anyone sees it, and one line of 64 million
  // commas would be 64 million cells (22 s and 1.5 GB).
  if (cellCount(normalized, delimiter) > limits.maxCells)
    throw new InputFileError("too-large", path, `the file holds ${cellsLimitText(limits)}.`);
  let records: ParsedRecord[];
  try {
    records = parse(normalized, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    throw new InputFileError(
      "malformed",
      path,
      `not a readable CSV file (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (records.length === 0)
    throw new InputFileError("malformed", path, "the file is empty; it needs a header row, then one row per function.");

  // The line where each record starts: csv-parse reports where it ends.
  const startLine = records.map(
    ({ record, info }) => info.lines - record.reduce((n, cellText) => n + (cellText.match(/\n/g)?.length ?? 0), 0),
  );
  const headers: CellValue[] = records[0].record;
  const rows: CellValue[][] = records.slice(1).map(({ record }) => record);
  const notes: string[] = [];
  if (delimiter !== ",") {
    const name = delimiter === ";" ? "semicolon" : "tab";
    notes.push(
      `${path}: read as ${name}-separated. Numbers must still use a dot for decimals: "1,250" is read as one thousand two hundred and fifty, "1.25" as one and a quarter.`,
    );
  }

  const { indexByKey } = mapFunctionHeaders(headers);
  const locate = ({ row, column }: ErrorLocation): string | undefined => {
    if (row === null) return undefined; // a CSV file carries no assumptions
    const line = startLine[row];
    const where = line === undefined ? `row ${row}` : `row ${row} (line ${line})`;
    const index = indexByKey.get(column);
    return index === undefined ? where : `${where}, column "${String(headers[index]).trim()}"`;
  };

  return { path, format: "csv", input: { functions: { headers, rows } }, notes, locate };
}

/** One CSV field: quoted when it holds a delimiter, a quote, a line break or edge spaces. */
function csvField(value: CellValue): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows as comma-separated text, one line each, ending with a line break. */
export function toCsv(headers: readonly CellValue[], rows: readonly (readonly CellValue[])[]): string {
  return [headers, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}
