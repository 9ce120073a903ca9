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
import type { ErrorLocation, LoadedInput } from "./types";

const isCellValue = (value: unknown): value is CellValue =>
  value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";

const describeType = (value: unknown): string =>
  Array.isArray(value) ? "a list" : value === null ? "null" : typeof value === "object" ? "an object" : `a ${typeof value}`;

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
          ? "is missing: the file needs a \"functions\" list, one object per function"
          : `must be a list of objects, one per function; got ${describeType(issue.input)}`,
    }),
  },
  { error: (issue) => `The file must hold a JSON object with "functions" (a list of objects) and optionally "assumptions"; got ${describeType(issue.input)}.` },
);

const pathText = (path: readonly PropertyKey[]): string =>
  path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join("");

/** Parses JSON text into the model's input; throws {@link InputFileError} when it is not JSON or not shaped like an input. */
export function readJsonText(text: string, path: string): LoadedInput {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new InputFileError("malformed", path, `not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const parsed = documentSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = pathText(first.path);
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem${parsed.error.issues.length > 2 ? "s" : ""} of the same kind)` : "";
    throw new InputFileError("malformed", path, `${where ? `${where} ${first.message}` : first.message}${more}.`.replace(/\.\.$/, "."));
  }

  const { functions } = parsed.data;
  const assumptions = parsed.data.assumptions ?? undefined;
  const notes: string[] = [];
  const known = new Set(["assumptions", "functions", "scenarios"]); // scenarios: read by src/io/scenarios.ts
  const extra = Object.keys(data as object).filter((key) => !known.has(key));
  if (extra.length > 0) notes.push(`${path}: ignored top-level ${extra.length === 1 ? "key" : "keys"} ${extra.map((k) => `"${k}"`).join(", ")}.`);

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
    return index === undefined ? `row ${row} (functions[${row - 1}])` : `row ${row} (functions[${row - 1}].${headers[index]})`;
  };

  return { path, format: "json", input: { assumptions, functions }, notes, locate };
}
