/**
 * A minimal .xlsx around worksheet XML written by hand, for freeze cases that ExcelJS cannot produce: prefixed
 * elements (x:c), single-quoted attributes, every cached-value form Excel and LibreOffice write. Built at test time.
 */
import { strToU8, zipSync } from "fflate";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface RawSheet {
  name: string;
  /** The whole worksheet part; see {@link worksheet} for the usual frame. */
  xml: string;
}

/** A worksheet part with the main namespace unprefixed around the given sheetData content. */
export const worksheet = (sheetData: string, dimension = "A1:C3"): string =>
  `${HEADER}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="${dimension}"/><sheetData>${sheetData}</sheetData></worksheet>`;

/** The same with every element of the main namespace prefixed x: (as some writers do). */
export const prefixedWorksheet = (sheetData: string, dimension = "A1:C3"): string =>
  `${HEADER}<x:worksheet xmlns:x="${MAIN_NS}" xmlns:r="${REL_NS}"><x:dimension ref="${dimension}"/><x:sheetData>${sheetData}</x:sheetData></x:worksheet>`;

export function rawWorkbook(sheets: RawSheet[], sharedStrings?: string[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const overrides = sheets.map(
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  );
  if (sharedStrings)
    overrides.push(
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    );
  files["[Content_Types].xml"] = strToU8(
    `${HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join("")}</Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `${HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files["xl/workbook.xml"] = strToU8(
    `${HEADER}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
  );
  const rels = sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  if (sharedStrings) rels.push(`<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`);
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `${HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
  );
  sheets.forEach((sheet, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheet.xml)));
  if (sharedStrings) {
    files["xl/sharedStrings.xml"] = strToU8(
      `${HEADER}<sst xmlns="${MAIN_NS}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`,
    );
  }
  return zipSync(files);
}

/**
 * One sheet with a SOURCING formula cached in every form Excel and LibreOffice write, two formulas that only look
 * like SOURCING calls, and one SOURCING cell never calculated. `prefixed` writes x:c, x:f, …; `quote` the attributes'.
 * Shared strings: 0 "BPO". Expected after freezing: see {@link FROZEN_VALUES}.
 */
export function valueFormsWorkbook(prefixed = false, quote: '"' | "'" = '"'): Uint8Array {
  const p = prefixed ? "x:" : "";
  const q = (value: string) => `${quote}${value}${quote}`;
  const c = (ref: string, type: string | undefined, inner: string) =>
    `<${p}c r=${q(ref)}${type ? ` t=${q(type)}` : ""}>${inner}</${p}c>`;
  const f = (formula: string) => `<${p}f>${formula}</${p}f>`;
  const v = (value: string, preserve = false) =>
    `<${p}v${preserve ? ` xml:space=${q("preserve")}` : ""}>${value}</${p}v>`;
  const rows = [
    `<${p}row r=${q("1")} spans=${q("1:3")}>` +
      c("A1", "str", f("SOURCING.EXPLAIN(B1)") + v("  BPO &amp; more  ", true)) +
      c("B1", undefined, f("SOURCING.NPV(A1,&quot;BPO&quot;)") + v("12.5", true)) +
      c("C1", "inlineStr", f("SOURCING.NAME(A1)") + `<${p}is><${p}t>Inline &lt;text&gt;</${p}t></${p}is>`) +
      `</${p}row>`,
    `<${p}row r=${q("2")}>` +
      c("A2", "b", f("SOURCING.OK(A1)") + v("1")) +
      c("B2", "e", f("_xldudf_SOURCING_NPV(A9)") + v("#VALUE!")) +
      c("C2", "s", f("[2]!SOURCING.DECIDE(A1)") + v("0")) +
      `</${p}row>`,
    `<${p}row r=${q("3")}>` +
      c("A3", "str", f("&quot;Use SOURCING.DECIDE( to decide&quot;") + v("Use SOURCING.DECIDE( to decide")) +
      c("B3", undefined, f("&apos;Sourcing.Data&apos;!A1*2") + v("4")) +
      c("C3", undefined, f("SOURCING.DECIDE(A1)")) +
      `</${p}row>`,
  ];
  const xml = prefixed ? prefixedWorksheet(rows.join("")) : worksheet(rows.join(""));
  return rawWorkbook(
    [
      { name: "Forms", xml: quote === "'" ? xml.replace(/ref="A1:C3"/, "ref='A1:C3'") : xml },
      { name: "Sourcing.Data", xml: worksheet(`<row r="1"><c r="A1"><v>2</v></c></row>`, "A1") },
    ],
    ["BPO"],
  );
}

/** The values of {@link valueFormsWorkbook} after freezing, as ExcelJS reads them (C3 never calculated: blank). */
export const FROZEN_VALUES: Readonly<Record<string, unknown>> = {
  A1: "  BPO & more  ",
  B1: 12.5,
  C1: "Inline <text>",
  A2: true,
  B2: { error: "#VALUE!" },
  C2: "BPO",
  C3: null,
};
