/**
 * JSON input: `{ "assumptions": { key: value, … }, "functions": [ { key: value, … }, … ] }`, keys being the
 * model's keys or labels. The shape is checked here; the values are the model's business (it coerces and
 * validates them cell by cell).
 */
import { z } from "zod";
import { assumptionKeyMatcher, mapFunctionHeaders } from "../model/headers";
import { toTable } from "../model/parse";
import type { CellValue } from "../model/types";
import { InputFileError } from "./errors";
import { DEFAULT_READ_LIMITS, cellsLimitText, count, type ReadLimits } from "./limits";
import type { ErrorLocation, LoadedInput } from "./types";

const isCellValue = (value: unknown): value is CellValue =>
  value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";

const describeType = (value: unknown): string =>
  Array.isArray(value)
    ? "a list"
    : value === null
      ? "null"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`;

// z.custom rather than z.number(): a JSON number like 1e999 parses to Infinity, and the model should report that
// cell, not the file.
const cell = z.custom<CellValue>(isCellValue, {
  error: (issue) => `must be a number, text, true/false or null; got ${describeType(issue.input)}`,
});
const record = (what: string) =>
  z.record(z.string(), cell, { error: (issue) => `must be ${what}; got ${describeType(issue.input)}` });

const documentSchema = z.object(
  {
    assumptions: record('an object of "key": value pairs').nullish(),
    functions: z.array(record("an object of column: value pairs, one function"), {
      error: (issue) =>
        issue.input === undefined
          ? 'is missing: the file needs a "functions" list, one object per function'
          : `must be a list of objects, one per function; got ${describeType(issue.input)}`,
    }),
  },
  {
    error: (issue) =>
      `The file must hold a JSON object with "functions" (a list of objects) and optionally "assumptions"; got ${describeType(issue.input)}.`,
  },
);

const pathText = (path: readonly PropertyKey[]): string =>
  path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");

/** Deepest nesting an input document needs is 3 ({"functions": [{…}]}); this leaves room and stops `[[[[…` bombs. */
const MAX_JSON_DEPTH = 32;

/**
 * Nesting depth and number of values (commas outside strings, plus one), counted before JSON.parse: V8 builds
 * the whole tree first, and a few megabytes of `[` or `{},` make gigabytes of it.
 */
function jsonShape(text: string): { depth: number; values: number } {
  let depth = 0;
  let deepest = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (code === 0x5d || code === 0x7d) depth--;
    else if (code === 0x2c) values++;
  }
  return { depth: deepest, values };
}

/** The first element of the functions list that is not an object, and how many are not: checked before zod, which would build one issue per element. */
function firstNonObjectRow(data: unknown): { index: number; value: unknown; count: number } | undefined {
  if (typeof data !== "object" || data === null || !("functions" in data)) return undefined;
  const functions = (data as { functions: unknown }).functions;
  if (!Array.isArray(functions)) return undefined;
  let first: { index: number; value: unknown } | undefined;
  let count = 0;
  functions.forEach((row: unknown, index) => {
    if (typeof row === "object" && row !== null && !Array.isArray(row)) return;
    count++;
    first ??= { index, value: row };
  });
  return first && { ...first, count };
}

/** Parses JSON text into the model's input; throws {@link InputFileError} when it is not JSON or not shaped like an input. */
export function readJsonText(text: string, path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): LoadedInput {
  const shape = jsonShape(text);
  if (shape.depth > MAX_JSON_DEPTH) {
    throw new InputFileError(
      "malformed",
      path,
      `lists or objects are nested ${count(shape.depth)} levels deep; an input file needs 3 ({"functions": [{…}]}), so this is not one.`,
    );
  }
  if (shape.values > limits.maxCells) {
    throw new InputFileError("too-large", path, `the file holds ${cellsLimitText(limits, "values")}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new InputFileError(
      "malformed",
      path,
      `not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const badRow = firstNonObjectRow(data);
  if (badRow) {
    const more =
      badRow.count > 1 ? ` (and ${badRow.count - 1} more problem${badRow.count > 2 ? "s" : ""} of the same kind)` : "";
    throw new InputFileError(
      "malformed",
      path,
      `functions[${badRow.index}] must be an object of column: value pairs, one function; got ${describeType(badRow.value)}${more}.`,
    );
  }
  const parsed = documentSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = pathText(first.path);
    const more =
      parsed.error.issues.length > 1
        ? ` (and ${parsed.error.issues.length - 1} more problem${parsed.error.issues.length > 2 ? "s" : ""} of the same kind)`
        : "";
    throw new InputFileError(
      "malformed",
      path,
      `${where ? `${where} ${first.message}` : first.message}${more}.`.replace(/\.\.$/, "."),
    );
  }

  const { functions } = parsed.data;
  // Rows times distinct keys: the table the model will build (the file size already bounds what JSON.parse built).
  const keys = new Set<string>();
  for (const row of functions) for (const key of Object.keys(row)) keys.add(key);
  const cells = functions.length * keys.size;
  if (cells > limits.maxCells) {
    throw new InputFileError(
      "too-large",
      path,
      `the functions make ${count(functions.length)} rows by ${count(keys.size)} columns, ${cellsLimitText(limits)}.`,
    );
  }
  const assumptions = parsed.data.assumptions ?? undefined;
  const notes: string[] = [];
  // scenarios and correlations: read by src/io/scenarios.ts and src/io/correlations.ts
  const known = new Set(["assumptions", "functions", "scenarios", "correlations"]);
  const extra = Object.keys(data as object).filter((key) => !known.has(key));
  if (extra.length > 0)
    notes.push(
      `${path}: ignored top-level ${extra.length === 1 ? "key" : "keys"} ${extra.map((k) => `"${k}"`).join(", ")}.`,
    );

  const headers = toTable(functions).headers.map(String);
  const { indexByKey } = mapFunctionHeaders(headers);
  const assumptionKeyOf = new Map<string, string>();
  for (const key of Object.keys(assumptions ?? {})) {
    const field = assumptionKeyMatcher.match(key);
    if (field && !assumptionKeyOf.has(field.key)) assumptionKeyOf.set(field.key, key);
  }

  const locate = ({ row, column }: ErrorLocation): string | undefined => {
    if (row === null) {
      const key = assumptionKeyOf.get(column);
      return key === undefined ? undefined : `assumptions.${key}`;
    }
    const index = indexByKey.get(column);
    return index === undefined
      ? `row ${row} (functions[${row - 1}])`
      : `row ${row} (functions[${row - 1}].${headers[index]})`;
  };

  return { path, format: "json", input: { assumptions, functions }, notes, locate };
}
