/** XML text helpers shared by the xlsx writer and the freezer. */

/**
 * Characters XML 1.0 cannot carry: control characters, U+FFFE/U+FFFF and lone surrogates (a pair is kept). No
 * lookbehind: older Safari-based Office hosts reject it when the pane's script is parsed.
 */
const NOT_XML = "[\\uD800-\\uDFFF\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]";
const SURROGATE_PAIR = "[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]";
const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
/** One pass over the text (formulas of a large export are hundreds of megabytes). */
const MARKUP_OR_NOT_XML = new RegExp(`${SURROGATE_PAIR}|[&<>"]|${NOT_XML}`, "g");

/**
 * Text for an attribute value or a formula: escaped, and without characters XML cannot hold (only the writer's own
 * names and formulas go here; text from cells goes through {@link textElement}, which keeps every character).
 */
export const escapeXml = (value: string): string =>
  value.replace(MARKUP_OR_NOT_XML, (ch) => (ch.length === 2 ? ch : (ENTITIES[ch] ?? "")));

/**
 * Cell text as SpreadsheetML stores it (ECMA-376 Part 1, ST_Xstring): a character XML cannot carry, and a carriage
 * return (which XML parsers turn into a line feed), is written _xHHHH_; an underscore that would start such an
 * escape in the text itself is written _x005F_. Excel, LibreOffice and ExcelJS decode it, so "A\u0007" stays
 * distinct from "A" in the file (docs/model.md §2.2: function names are unique).
 */
const ESCAPE_IN_TEXT = new RegExp(`${SURROGATE_PAIR}|_(?=x[0-9A-Fa-f]{4}_)|\\r|${NOT_XML}|[&<>"]`, "g");
const hex4 = (ch: string): string => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
export const escapeCellText = (value: string): string =>
  value.replace(ESCAPE_IN_TEXT, (ch) => (ch.length === 2 ? ch : (ENTITIES[ch] ?? hex4(ch))));

/** Reverses escapeXml and the numeric character references Excel writes. */
export const unescapeXml = (value: string): string =>
  value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity === "amp") return "&";
    if (entity === "lt") return "<";
    if (entity === "gt") return ">";
    if (entity === "quot") return '"';
    if (entity === "apos") return "'";
    const code = entity.startsWith("#x") ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });

/** <t> element for cell text, keeping leading/trailing spaces, line breaks and every other character. */
export const textElement = (value: string): string =>
  /^\s|\s$|\n/.test(value) ? `<t xml:space="preserve">${escapeCellText(value)}</t>` : `<t>${escapeCellText(value)}</t>`;

export const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
