/**
 * Freeze values: a copy of an .xlsx where every formula that calls a SOURCING custom function is replaced by the
 * value Excel last calculated for it, with a note on each changed sheet. Other formulas stay as they are.
 *
 * The workbook is edited as text, not re-serialised, so everything this code does not understand (charts, styles,
 * tables, names, rich data) is copied byte for byte. Assumptions, all true of files Excel writes:
 *  - worksheets are SpreadsheetML with unprefixed element names (<c>, <f>, <v>, <row>) inside <sheetData>;
 *  - a custom function appears in the formula text as SOURCING.NAME( or as _xldudf_SOURCING_NAME( (how Excel saves
 *    JavaScript custom functions), possibly behind an external-book prefix such as [2]!;
 *  - a shared formula's text lives on its master cell; cells that only carry <f t="shared" si="N"/> follow it, so
 *    a group whose master calls SOURCING is frozen whole;
 *  - a dynamic-array anchor carries cm="…" (cell metadata): it is dropped with the formula; spilled cells already
 *    hold plain values.
 * String results (t="str") become inline strings; errors (t="e") and booleans keep their type. A SOURCING cell with
 * no cached value (never calculated) becomes blank and is counted. calcChain.xml is removed, as it would list cells
 * that are no longer formulas; Excel rebuilds it. Formulas in defined names, conditional formats and data
 * validation are not touched.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { columnLetters, columnNumber } from "../layout/address";
import { escapeXml, unescapeXml } from "./xml";

export class FreezeError extends Error {
  override readonly name = "FreezeError";
}

export interface FrozenSheet {
  name: string;
  /** SOURCING formula cells replaced by their value. */
  frozen: number;
  /** Of those, cells that had no saved value and are now blank. */
  withoutValue: number;
  /** Where the note went, e.g. "H1"; undefined when the sheet has no free column for it. */
  noteCell?: string;
}

export interface FreezeResult {
  bytes: Uint8Array;
  sheets: FrozenSheet[];
  frozenCells: number;
}

const SOURCING_CALL = /_xldudf_SOURCING_|(?:^|[^A-Za-z0-9_.])SOURCING\./i;

/** Does this formula text call a SOURCING custom function? */
export const isSourcingFormula = (formulaText: string): boolean => SOURCING_CALL.test(formulaText);

const CELL = /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g;
const FORMULA = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/;
const attribute = (attrs: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
const withoutAttribute = (attrs: string, name: string): string => attrs.replace(new RegExp(`\\s${name}="[^"]*"`), "");

export const noteText = (date: Date, count: number): string =>
  `Values frozen on ${date.toISOString().slice(0, 10)}: ${count} SOURCING formula cell${count === 1 ? "" : "s"} on this sheet now hold${count === 1 ? "s" : ""} the value last calculated by the Sourcing Modeler add-in and no longer recalculate${count === 1 ? "s" : ""}.`;

interface SheetOutcome {
  xml: string;
  frozen: number;
  withoutValue: number;
  noteCell?: string;
}

/** Shared-formula groups (si) whose master cell calls SOURCING. */
function frozenSharedGroups(sheetData: string): Set<string> {
  const groups = new Set<string>();
  for (const match of sheetData.matchAll(/<f\b([^>]*?)>([\s\S]*?)<\/f>/g)) {
    const attrs = match[1];
    if (attribute(attrs, "t") === "shared" && match[2].length > 0 && isSourcingFormula(unescapeXml(match[2]))) {
      const si = attribute(attrs, "si");
      if (si !== undefined) groups.add(si);
    }
  }
  return groups;
}

function frozenCell(attrs: string, inner: string): { xml: string; hadValue: boolean } {
  const value = /<v>([\s\S]*?)<\/v>|<v\/>/.exec(inner);
  let kept = withoutAttribute(attrs, "cm");
  const type = attribute(kept, "t");
  if (!value) return { xml: `<c${withoutAttribute(kept, "t")}/>`, hadValue: false };
  if (type === "str") {
    kept = withoutAttribute(kept, "t");
    const textValue = unescapeXml(value[1] ?? "");
    const space = /^\s|\s$|\n/.test(textValue) ? ' xml:space="preserve"' : "";
    return { xml: `<c${kept} t="inlineStr"><is><t${space}>${escapeXml(textValue)}</t></is></c>`, hadValue: true };
  }
  return { xml: `<c${kept}>${value[0]}</c>`, hadValue: true };
}

function lastColumn(xml: string): number {
  let max = 0;
  for (const match of xml.matchAll(/<c\b[^>]*?\br="([A-Z]+)[0-9]+"/g)) max = Math.max(max, columnNumber(match[1]));
  for (const match of xml.matchAll(/<(?:dimension|mergeCell)\b[^>]*?\bref="([^"]+)"/g)) {
    for (const part of match[1].split(":")) {
      const letters = /^\$?([A-Z]+)/.exec(part)?.[1];
      if (letters) max = Math.max(max, columnNumber(letters));
    }
  }
  return max;
}

/** Puts a text cell in row 1, two columns right of anything on the sheet. */
function addNote(xml: string, note: string): { xml: string; cell?: string } {
  const column = lastColumn(xml) + 2;
  if (column > 16384) return { xml };
  const cell = `${columnLetters(column)}1`;
  xml = xml.replace(/<dimension ref="([A-Z]+[0-9]+)(?::[A-Z]+([0-9]+))?"\s*\/>/, (_all, start: string, bottom?: string) => {
    return `<dimension ref="${start}:${columnLetters(column)}${bottom ?? /[0-9]+$/.exec(start)?.[0] ?? "1"}"/>`;
  });
  const noteXml = `<c r="${cell}" t="inlineStr"><is><t>${escapeXml(note)}</t></is></c>`;
  const row1 = /<row\b([^>]*?)\br="1"([^>]*?)(\/>|>([\s\S]*?)<\/row>)/.exec(xml);
  if (row1) {
    const attrs = `${row1[1]}r="1"${row1[2]}`.replace(/\sspans="[^"]*"/, "");
    const replacement = `<row${attrs.startsWith(" ") ? "" : " "}${attrs}>${row1[4] ?? ""}${noteXml}</row>`;
    return { xml: xml.slice(0, row1.index) + replacement + xml.slice(row1.index + row1[0].length), cell };
  }
  const newRow = `<row r="1">${noteXml}</row>`;
  if (/<sheetData\s*\/>/.test(xml)) return { xml: xml.replace(/<sheetData\s*\/>/, `<sheetData>${newRow}</sheetData>`), cell };
  return { xml: xml.replace(/<sheetData\b([^>]*)>/, (tag) => `${tag}${newRow}`), cell };
}

function freezeSheet(xml: string, frozenAt: Date): SheetOutcome {
  const start = xml.search(/<sheetData\b/);
  const endTag = xml.indexOf("</sheetData>");
  if (start < 0 || endTag < 0) return { xml, frozen: 0, withoutValue: 0 };
  const sheetData = xml.slice(start, endTag);
  const groups = frozenSharedGroups(sheetData);
  let frozen = 0;
  let withoutValue = 0;
  const replaced = sheetData.replace(CELL, (whole: string, attrs: string, _close: string, inner: string | undefined) => {
    if (!inner || !inner.includes("<f")) return whole;
    const f = FORMULA.exec(inner);
    if (!f) return whole;
    const formulaText = unescapeXml(f[2] ?? "");
    const fAttrs = f[1];
    const follower = attribute(fAttrs, "t") === "shared" && formulaText === "" && groups.has(attribute(fAttrs, "si") ?? "");
    if (!isSourcingFormula(formulaText) && !follower) return whole;
    const outcome = frozenCell(attrs, inner);
    frozen++;
    if (!outcome.hadValue) withoutValue++;
    return outcome.xml;
  });
  if (frozen === 0) return { xml, frozen, withoutValue };
  const edited = xml.slice(0, start) + replaced + xml.slice(endTag);
  const noted = addNote(edited, noteText(frozenAt, frozen));
  return { xml: noted.xml, frozen, withoutValue, noteCell: noted.cell };
}

/** Worksheet part paths by sheet name, from xl/workbook.xml and its relationships. */
function worksheetParts(files: Record<string, Uint8Array>): { name: string; path: string }[] {
  const workbook = files["xl/workbook.xml"];
  const rels = files["xl/_rels/workbook.xml.rels"];
  if (!workbook || !rels) throw new FreezeError("not an Excel workbook (.xlsx): xl/workbook.xml is missing.");
  const targets = new Map<string, string>();
  for (const match of strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(match[0], "Id");
    const target = attribute(match[0], "Target");
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const sheets: { name: string; path: string }[] = [];
  for (const match of strFromU8(workbook).matchAll(/<sheet\b[^>]*>/g)) {
    const id = attribute(match[0], "r:id");
    const path = id ? targets.get(id) : undefined;
    if (path && files[path]) sheets.push({ name: unescapeXml(attribute(match[0], "name") ?? path), path });
  }
  return sheets;
}

/** A frozen copy of the workbook's bytes. Throws {@link FreezeError} when the bytes are not an .xlsx workbook. */
export function freezeWorkbook(data: Uint8Array, frozenAt: Date = new Date()): FreezeResult {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data);
  } catch (error) {
    throw new FreezeError(`not an Excel workbook (.xlsx): ${error instanceof Error ? error.message : String(error)}.`);
  }
  const sheets: FrozenSheet[] = [];
  let frozenCells = 0;
  for (const { name, path } of worksheetParts(files)) {
    const outcome = freezeSheet(strFromU8(files[path]), frozenAt);
    if (outcome.frozen === 0) continue;
    files[path] = strToU8(outcome.xml);
    frozenCells += outcome.frozen;
    sheets.push({ name, frozen: outcome.frozen, withoutValue: outcome.withoutValue, noteCell: outcome.noteCell });
  }
  if (frozenCells > 0 && files["xl/calcChain.xml"]) {
    delete files["xl/calcChain.xml"];
    const rels = "xl/_rels/workbook.xml.rels";
    files[rels] = strToU8(strFromU8(files[rels]).replace(/<Relationship\b[^>]*calcChain[^>]*\/>/g, ""));
    const types = "[Content_Types].xml";
    if (files[types]) files[types] = strToU8(strFromU8(files[types]).replace(/<Override\b[^>]*calcChain[^>]*\/>/g, ""));
  }
  return { bytes: frozenCells > 0 ? zipSync(files, { level: 6 }) : data, sheets, frozenCells };
}
