/**
 * readInputFile: a path in, the model's input out. The workbook reader (and ExcelJS, slow to load) is loaded only
 * for .xlsx files, so that JSON and CSV runs start fast.
 */
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { InputFileError } from "./errors";
import { DEFAULT_READ_LIMITS, WORKBOOK_TOTAL_FACTOR, megabytes, partLimitText, type ReadLimits } from "./limits";
import { readCsvText } from "./csv";
import { readJsonText } from "./json";
import type { InputFormat, LoadedInput } from "./types";

const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  ".json": "json",
  ".csv": "csv",
  ".xlsx": "xlsx",
  ".xlsm": "xlsx",
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

export function formatOf(path: string): InputFormat {
  const extension = extname(path).toLowerCase();
  const format = FORMAT_BY_EXTENSION[extension];
  if (format) return format;
  const hint = extension === ".xls" ? ' Save the workbook from Excel as "Excel Workbook (.xlsx)".' : "";
  throw new InputFileError(
    "unsupported",
    path,
    `${extension ? `"${extension}" files are not supported` : "the file has no extension"}; use .json, .csv or .xlsx.${hint}`,
  );
}

/**
 * The file's bytes, refused before reading when too big: a .csv or .json above the part limit (it is read whole),
 * an .xlsx above four times it (its images and other sheets are never unpacked).
 */
export async function readBytes(path: string, limits: ReadLimits): Promise<Buffer> {
  try {
    const { size } = await stat(path);
    const workbook = formatOf(path) === "xlsx";
    if (size > limits.maxPartBytes * (workbook ? WORKBOOK_TOTAL_FACTOR : 1)) {
      const detail = workbook
        ? `the workbook file is ${megabytes(size)}, above ${WORKBOOK_TOTAL_FACTOR} times the limit of ${megabytes(limits.maxPartBytes)} per part; if the file is genuine, raise it with --max-part-mb ${Math.ceil((size * 1.25) / WORKBOOK_TOTAL_FACTOR / 1024 / 1024)}`
        : `the file is ${megabytes(size)}, ${partLimitText(limits, "file", size)}`;
      throw new InputFileError("too-large", path, `${detail}.`);
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputFileError("not-found", path, "no such file.");
    if (code === "EISDIR") throw new InputFileError("unreadable", path, "is a folder, not a file.");
    if (code === "EACCES" || code === "EPERM") throw new InputFileError("unreadable", path, "permission denied.");
    throw new InputFileError(
      "unreadable",
      path,
      `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))}).`,
    );
  }
}

/**
 * Text by byte-order mark: UTF-16 LE (Excel's "Unicode Text", tab-separated), UTF-16 BE or UTF-8; without one,
 * UTF-8, else Windows-1252 (what Excel's plain "CSV" saves on Windows). The mark itself is dropped.
 */
function decodeText(bytes: Uint8Array, path: string, notes: string[]): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    notes.push(`${path}: not UTF-8 text; read as Windows-1252. Save it as "CSV UTF-8" if some characters look wrong.`);
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** Reads a .json, .csv or .xlsx input file; throws {@link InputFileError} for anything the model cannot be given. */
export async function readInputFile(path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<LoadedInput> {
  const format = formatOf(path);
  const bytes = await readBytes(path, limits);
  if (format === "xlsx") return (await import("./xlsx")).readXlsxBuffer(bytes, path, limits);
  const decodingNotes: string[] = [];
  const text = decodeText(bytes, path, decodingNotes);
  const loaded = format === "json" ? readJsonText(text, path, limits) : readCsvText(text, path, limits);
  return { ...loaded, notes: [...decodingNotes, ...loaded.notes] };
}
