/**
 * Excel formulas → formulas HyperFormula understands. HyperFormula has no tables, so structured references
 * (`SourcingFunctions[#Headers]`, `T[[#All],[A]:[B]]`, `T[Col]`, `T[@Col]`, a bare `T`) become absolute A1
 * ranges, and the whole-row/whole-column form of INDEX (`INDEX(range, n, 0)`, which HyperFormula rejects)
 * becomes that row or column of the range. Text inside string literals is never touched.
 *
 * Pure: the tables are looked up through a callback, so tests run it without a workbook.
 */
import { type CellRect, cellRef, columnIndex, columnLetters, quoteSheetName } from "../layout/address";

export interface TableGeometry {
  sheet: string;
  /** Header row included. */
  rect: CellRect;
  headers: string[];
}

export interface TranslateContext {
  /** The table of that name (case-insensitive), or undefined. */
  table(name: string): TableGeometry | undefined;
  /** 0-based sheet row of the cell holding the formula (for `[@…]`, "this row"). */
  row: number;
}

const IDENTIFIER_START = /[A-Za-z_\\]/;
const IDENTIFIER_PART = /[A-Za-z0-9_.\\]/;

/** Splits a formula into string literals (kept verbatim) and code (translated). */
function segments(formula: string): { text: string; literal: boolean }[] {
  const out: { text: string; literal: boolean }[] = [];
  let i = 0;
  let start = 0;
  while (i < formula.length) {
    if (formula[i] === '"') {
      if (i > start) out.push({ text: formula.slice(start, i), literal: false });
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === '"' && formula[j + 1] === '"') j += 2;
        else if (formula[j] === '"') break;
        else j++;
      }
      out.push({ text: formula.slice(i, j + 1), literal: true });
      i = j + 1;
      start = i;
    } else i++;
  }
  if (start < formula.length) out.push({ text: formula.slice(start), literal: false });
  return out;
}

/** The bracketed part starting at `open` (a "["), nesting respected and ' escapes honoured; returns its end. */
function matchBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      i++;
      continue;
    }
    if (ch === "[") depth++;
    else if (ch === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const unescape = (name: string) => name.replace(/'(.)/g, "$1");

interface Specifier {
  area: Set<"#All" | "#Data" | "#Headers" | "#Totals" | "#This Row">;
  columns: string[];
}

/** Reads the inside of `T[…]`: items in brackets separated by "," or ":", or one bare item. */
function parseSpecifier(inner: string): Specifier | undefined {
  const spec: Specifier = { area: new Set(), columns: [] };
  const take = (item: string): boolean => {
    const trimmed = item.trim();
    const special = /^#(all|data|headers|totals|this row)$/i.exec(trimmed);
    if (special) {
      const key = special[1].toLowerCase();
      spec.area.add(
        key === "all"
          ? "#All"
          : key === "data"
            ? "#Data"
            : key === "headers"
              ? "#Headers"
              : key === "totals"
                ? "#Totals"
                : "#This Row",
      );
      return true;
    }
    if (trimmed.startsWith("@")) {
      spec.area.add("#This Row");
      const rest = trimmed.slice(1).trim();
      if (rest === "") return true;
      return take(rest.startsWith("[") && rest.endsWith("]") ? rest.slice(1, -1) : rest);
    }
    if (trimmed === "") return true;
    spec.columns.push(unescape(trimmed));
    return true;
  };
  const text = inner.trim();
  if (!text.startsWith("[")) return take(text) ? spec : undefined;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "[") {
      const end = matchBracket(text, i);
      if (end < 0) return undefined;
      take(text.slice(i + 1, end));
      i = end + 1;
    } else if (ch === "," || ch === ":" || ch === " ") i++;
    else if (ch === "@") {
      spec.area.add("#This Row");
      i++;
    } else return undefined;
  }
  return spec;
}

function rangeText(sheet: string, rect: CellRect): string {
  const first = `$${columnLetters(rect.column)}$${rect.row + 1}`;
  const single = rect.rowCount === 1 && rect.columnCount === 1;
  const last = `$${columnLetters(rect.column + rect.columnCount - 1)}$${rect.row + rect.rowCount}`;
  return `${quoteSheetName(sheet)}!${single ? first : `${first}:${last}`}`;
}

/** The A1 range of a structured reference, or "#REF!" when it names nothing. */
function resolve(table: TableGeometry, spec: Specifier, row: number): string {
  const { rect } = table;
  const header = rect.row;
  const firstData = rect.row + 1;
  const lastData = rect.row + rect.rowCount - 1;
  let rows: [number, number];
  const area = spec.area;
  if (area.has("#Totals")) return "#REF!";
  if (area.has("#This Row")) {
    if (row < firstData || row > lastData) return "#VALUE!";
    rows = [row, row];
  } else if (area.has("#All") || (area.has("#Headers") && area.has("#Data"))) rows = [header, lastData];
  else if (area.has("#Headers")) rows = [header, header];
  else rows = [firstData, lastData];

  let columns: [number, number] = [rect.column, rect.column + rect.columnCount - 1];
  if (spec.columns.length > 0) {
    const indexes = spec.columns.map((name) => table.headers.findIndex((h) => h.toLowerCase() === name.toLowerCase()));
    if (indexes.some((i) => i < 0)) return "#REF!";
    columns = [rect.column + Math.min(...indexes), rect.column + Math.max(...indexes)];
  }
  return rangeText(table.sheet, {
    row: rows[0],
    column: columns[0],
    rowCount: rows[1] - rows[0] + 1,
    columnCount: columns[1] - columns[0] + 1,
  });
}

/** Structured references → A1 in one code segment. */
function translateReferences(code: string, context: TranslateContext): string {
  let out = "";
  let i = 0;
  while (i < code.length) {
    const ch = code[i];
    // Quoted sheet names ('My sheet'!A1) pass through whole.
    if (ch === "'") {
      let j = i + 1;
      while (j < code.length && !(code[j] === "'" && code[j + 1] !== "'")) j += code[j] === "'" ? 2 : 1;
      out += code.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (IDENTIFIER_START.test(ch) && (i === 0 || !IDENTIFIER_PART.test(code[i - 1]))) {
      let j = i + 1;
      while (j < code.length && IDENTIFIER_PART.test(code[j])) j++;
      const name = code.slice(i, j);
      const table = context.table(name);
      const next = code[j];
      if (table && next === "[") {
        const end = matchBracket(code, j);
        const spec = end > 0 ? parseSpecifier(code.slice(j + 1, end)) : undefined;
        if (spec) {
          out += resolve(table, spec, context.row);
          i = end + 1;
          continue;
        }
      } else if (table && next !== "(" && next !== "!") {
        out += resolve(table, { area: new Set(), columns: [] }, context.row);
        i = j;
        continue;
      }
      out += name;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

const A1_RANGE = String.raw`((?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)!)?\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)`;
const WHOLE_ROW_INDEX = new RegExp(String.raw`INDEX\(\s*${A1_RANGE}\s*,\s*(\d+)\s*,\s*0\s*\)`, "gi");
const WHOLE_COLUMN_INDEX = new RegExp(String.raw`INDEX\(\s*${A1_RANGE}\s*,\s*0\s*,\s*(\d+)\s*\)`, "gi");

/** INDEX(range, n, 0) → row n of range; INDEX(range, 0, n) → column n (HyperFormula wants both indexes ≥ 1). */
function translateWholeIndex(code: string): string {
  const build = (
    sheet: string | undefined,
    c0: string,
    r0: string,
    c1: string,
    r1: string,
    pick: (rect: CellRect) => CellRect | null,
  ) => {
    const rect: CellRect = {
      row: Number(r0) - 1,
      column: columnIndex(c0),
      rowCount: Number(r1) - Number(r0) + 1,
      columnCount: columnIndex(c1) - columnIndex(c0) + 1,
    };
    const picked = pick(rect);
    if (!picked) return "#REF!";
    const first = cellRef(picked.row, picked.column);
    const last = cellRef(picked.row + picked.rowCount - 1, picked.column + picked.columnCount - 1);
    return `${sheet ?? ""}${first}:${last}`;
  };
  return code
    .replace(
      WHOLE_ROW_INDEX,
      (_m, sheet: string | undefined, c0: string, r0: string, c1: string, r1: string, n: string) =>
        build(sheet, c0, r0, c1, r1, (rect) =>
          Number(n) >= 1 && Number(n) <= rect.rowCount ? { ...rect, row: rect.row + Number(n) - 1, rowCount: 1 } : null,
        ),
    )
    .replace(
      WHOLE_COLUMN_INDEX,
      (_m, sheet: string | undefined, c0: string, r0: string, c1: string, r1: string, n: string) =>
        build(sheet, c0, r0, c1, r1, (rect) =>
          Number(n) >= 1 && Number(n) <= rect.columnCount
            ? { ...rect, column: rect.column + Number(n) - 1, columnCount: 1 }
            : null,
        ),
    );
}

/** The formula as HyperFormula should see it. */
export function translateFormula(formula: string, context: TranslateContext): string {
  return segments(formula)
    .map((segment) =>
      segment.literal ? segment.text : translateWholeIndex(translateReferences(segment.text, context)),
    )
    .join("");
}
