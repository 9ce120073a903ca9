/** XML text helpers shared by the xlsx writer and the freezer. */

/**
 * Characters XML 1.0 cannot carry: control characters, U+FFFE/U+FFFF and lone surrogates (a pair is kept). No
 * lookbehind: older Safari-based Office hosts reject it when the pane's script is parsed.
 */
const NOT_XML = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const xmlSafe = (value: string): string => value.replace(NOT_XML, (ch) => (ch.length === 2 ? ch : ""));

/** Text for element content or an attribute value: escaped, and without characters XML cannot hold. */
export const escapeXml = (value: string): string =>
  xmlSafe(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

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

/** <t> element for text, keeping leading/trailing spaces and line breaks. */
export const textElement = (value: string): string =>
  /^\s|\s$|\n/.test(value) ? `<t xml:space="preserve">${escapeXml(value)}</t>` : `<t>${escapeXml(value)}</t>`;

export const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
