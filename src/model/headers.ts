/**
 * Header matching (docs/model.md §2): a header matches a key or its label case-insensitively, ignoring spaces,
 * punctuation and any text in parentheses. `SA hourly rate ($/h)` matches `saHourlyRate`.
 *
 * Two labels differ only inside parentheses ("Change orders per year (stable scope)" / "(evolving scope)"),
 * so a header is first compared with its parenthesised text kept, then without it; a stripped form that two
 * fields share matches neither.
 */
import type { FieldSpec } from "./fields";
import { ASSUMPTION_TABLE_FIELDS, FUNCTION_FIELDS, UNCERTAINTY_FIELDS } from "./fields";

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");
const withoutParentheses = (text: string): string => text.replace(/\([^)]*\)/g, "");

export const normalizeHeader = (text: string): string => squash(withoutParentheses(text));

export class HeaderMatcher {
  private readonly exact = new Map<string, FieldSpec>();
  private readonly loose = new Map<string, FieldSpec | null>();

  constructor(readonly fields: readonly FieldSpec[]) {
    for (const field of fields) {
      this.exact.set(squash(field.key), field);
      this.exact.set(squash(field.label), field);
    }
    for (const field of fields) {
      for (const form of new Set([normalizeHeader(field.key), normalizeHeader(field.label)])) {
        const seen = this.loose.get(form);
        this.loose.set(form, seen === undefined || seen === field ? field : null);
      }
    }
  }

  /** The field a header names, or undefined when it names none (or is ambiguous). */
  match(header: unknown): FieldSpec | undefined {
    if (typeof header !== "string" && typeof header !== "number") return undefined;
    const text = String(header);
    return this.exact.get(squash(text)) ?? this.loose.get(normalizeHeader(text)) ?? undefined;
  }
}

/** The functions table: docs/model.md §2.2 and the optional range columns (`bpoRampWeeksMin`, …). */
export const functionHeaderMatcher = new HeaderMatcher([...FUNCTION_FIELDS, ...UNCERTAINTY_FIELDS]);
export const assumptionKeyMatcher = new HeaderMatcher(ASSUMPTION_TABLE_FIELDS);

export interface ColumnMapping {
  /** Column index of each known key (the first column that names it). */
  indexByKey: Map<string, number>;
  /** Headers the model does not know, or that repeat a known column. */
  ignored: { index: number; header: string; reason: string }[];
}

/** Maps a header row to field keys. Hosts use it to turn an error's column key back into a cell address. */
export function mapFunctionHeaders(headers: readonly unknown[]): ColumnMapping {
  const indexByKey = new Map<string, number>();
  const ignored: ColumnMapping["ignored"] = [];
  headers.forEach((header, index) => {
    const text = header === null || header === undefined ? "" : String(header).trim();
    if (text === "") return;
    const field = functionHeaderMatcher.match(text);
    if (!field) {
      ignored.push({ index, header: text, reason: `Column "${text}" is not an input of the model; it was ignored.` });
    } else if (indexByKey.has(field.key)) {
      ignored.push({
        index,
        header: text,
        reason: `Column "${text}" repeats ${field.label}; only the first such column is used.`,
      });
    } else {
      indexByKey.set(field.key, index);
    }
  });
  return { indexByKey, ignored };
}

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
/** Letters and digits of any script, lower case, without parenthesised text: what a header spells. */
const spelling = (text: string): string[] =>
  [...withoutParentheses(text).toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c));

/**
 * Why an unmatched header is not the field it resembles, or undefined when it resembles nothing: full-width
 * letters ("Ｆｕｎｃｔｉｏｎ"), or letters of another script that look Latin (Cyrillic "с" in "Сost").
 */
function lookalikeReason(header: string, field: FieldSpec): string | undefined {
  const compatible = header.normalize("NFKC");
  if (compatible !== header && functionHeaderMatcher.match(compatible) === field) {
    const odd = [...header].find((c) => c.normalize("NFKC") !== c) ?? "";
    return `the header "${header}" is written in full-width or other special characters ("${odd}", ${codePoint(odd)}); retype it as ${field.label} in plain letters`;
  }
  const written = spelling(header);
  for (const name of [field.label, field.key]) {
    const wanted = spelling(name);
    if (written.length !== wanted.length) continue;
    const differing = written.findIndex((c, i) => c !== wanted[i]);
    if (differing < 0) continue;
    if (written.every((c, i) => c === wanted[i] || c > "\u007f")) {
      const odd = [...header].find((c) => c.toLowerCase() === written[differing]) ?? written[differing];
      return `the header "${header}" has "${odd}" (${codePoint(odd)}), a character that only looks like the Latin letter "${wanted[differing]}"; retype it as ${field.label}`;
    }
  }
  return undefined;
}

/**
 * For each required column the header row lacks, the message every row gets instead of "the cell is blank":
 * it names the header that was meant (or the headers that match nothing) and what is allowed.
 */
export function missingColumnMessages(mapping: ColumnMapping, required: readonly FieldSpec[]): Map<string, string> {
  const unknown = mapping.ignored.filter((i) => !functionHeaderMatcher.match(i.header)).map((i) => i.header);
  const messages = new Map<string, string>();
  for (const field of required) {
    if (mapping.indexByKey.has(field.key)) continue;
    const head = `${field.label} is required, but no column of the table is headed ${field.label} (or ${field.key})`;
    const reason = unknown.map((header) => lookalikeReason(header, field)).find((r) => r !== undefined);
    if (reason) messages.set(field.key, `${head}: ${reason}.`);
    else if (unknown.length > 0) {
      const shown = unknown
        .slice(0, 5)
        .map((h) => `"${h}"`)
        .join(", ");
      const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : "";
      const one = unknown.length === 1;
      messages.set(
        field.key,
        `${head}; the header${one ? "" : "s"} ${shown}${more} match${one ? "es" : ""} no input of the model.`,
      );
    } else messages.set(field.key, `${head}; add that column.`);
  }
  return messages;
}
