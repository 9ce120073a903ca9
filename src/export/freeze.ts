/**
 * Freeze values: a copy of an .xlsx where every formula that calls a SOURCING custom function is replaced by the
 * value Excel last calculated for it, with a note on each changed sheet. Other formulas stay as they are.
 *
 * Worksheets are parsed as XML (saxes: any namespace prefix such as x:c, either quote style, entities), and only
 * the cells that change are written anew: every other byte of the part, and every part this code does not need
 * (charts, styles, tables, names, rich data), is copied as it was. What it relies on, all true of files Excel and
 * LibreOffice write:
 *  - a custom function appears in the formula text as SOURCING.NAME( or as _xldudf_SOURCING_NAME( (how Excel saves
 *    JavaScript custom functions), possibly behind an external-book prefix such as [2]!; calls are found by a
 *    formula scanner (formula-calls.ts), so string literals and sheet names that merely contain the text are not;
 *  - a shared formula's text lives on its master cell; cells that only carry <f t="shared" si="N"/> follow it, so
 *    a group whose master calls SOURCING is frozen whole;
 *  - a dynamic-array anchor carries cm="…" (cell metadata): it is dropped with the formula; spilled cells already
 *    hold plain values.
 * The cached value is kept in whatever form it was saved: numbers, shared strings (t="s"), booleans (t="b"), errors
 * (t="e"), dates (t="d"), inline strings (t="inlineStr"); a formula's text result (t="str") becomes an inline
 * string. A SOURCING cell with no cached value (never calculated) becomes blank and is counted. calcChain.xml is
 * removed, as it would list cells that are no longer formulas; Excel rebuilds it. Formulas in defined names,
 * conditional formats and data validation are not touched.
 *
 * Bounds (docs/limits.md, "Export and freeze"): each part may unpack to at most `maxPartBytes` and all parts
 * together to four times that, checked on the sizes the zip declares before anything is unpacked; a part that
 * unpacks to more than it declares is cut there, and then fails as malformed XML.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { columnIndex, columnLetters } from "../layout/address";
import { DEFAULT_READ_LIMITS, WORKBOOK_TOTAL_FACTOR, megabytes } from "../io/limits";
import { isSourcingFormula } from "./formula-calls";

export { isSourcingFormula } from "./formula-calls";

export class FreezeError extends Error {
  override readonly name = "FreezeError";
}

/** A part of the workbook unpacks to more than the freeze allows. */
export class FreezePartTooLargeError extends FreezeError {
  constructor(
    readonly part: string,
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `${part} ${part === ALL_PARTS ? "unpack" : "unpacks"} to ${megabytes(bytes)}, more than the ${megabytes(limitBytes)} allowed.`,
    );
  }
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

export interface FreezeOptions {
  /** Date in the note (default: now). */
  frozenAt?: Date;
  /** Largest size a part of the workbook may unpack to (default {@link DEFAULT_FREEZE_PART_BYTES}). */
  maxPartBytes?: number;
}

const ALL_PARTS = "all parts of the workbook together";
/** The same default as the readers' part limit (--max-part-mb): a worksheet Excel writes for a real model is far smaller. */
export const DEFAULT_FREEZE_PART_BYTES = DEFAULT_READ_LIMITS.maxPartBytes;

export const noteText = (date: Date, count: number): string =>
  `Values frozen on ${date.toISOString().slice(0, 10)}: ${count} SOURCING formula cell${count === 1 ? "" : "s"} on this sheet now hold${count === 1 ? "s" : ""} the value last calculated by the Sourcing Modeler add-in and no longer recalculate${count === 1 ? "s" : ""}.`;

// ---- Reading a worksheet ---------------------------------------------------------------------------------------

const localName = (name: string): string => name.slice(name.indexOf(":") + 1);
const prefixOf = (name: string): string => name.slice(0, name.indexOf(":") + 1);

/** A formula cell as parsed: where it is in the text, and what it holds. */
interface FormulaCell {
  start: number;
  end: number;
  /** Element name with its prefix, e.g. "c" or "x:c" (the replacement uses the same prefix). */
  tag: string;
  attributes: Record<string, string>;
  hasFormula: boolean;
  formulaType?: string;
  sharedIndex?: string;
  formula: string;
  /** Text of <v>, when the cell has one. */
  value?: string;
  /** The <is>…</is> element as written (an inline-string result), when the cell has one. */
  inlineString?: string;
}

/** Where the note can go: the sheetData element, row 1 and the dimension element, as found in the text. */
interface SheetLayout {
  sheetData?: { tag: string; openEnd: number; selfClosing: boolean; start: number };
  row1?: {
    tag: string;
    start: number;
    openEnd: number;
    closeStart: number;
    selfClosing: boolean;
    attributes: Record<string, string>;
  };
  dimension?: { tag: string; start: number; end: number; attributes: Record<string, string> };
  lastColumn: number;
}

function parseSheet(xml: string, part: string): { cells: FormulaCell[]; layout: SheetLayout } {
  const parser = new SaxesParser();
  const cells: FormulaCell[] = [];
  const layout: SheetLayout = { lastColumn: 0 };
  let cell: FormulaCell | undefined;
  let cellColumn = 0;
  let rowNumber = 0;
  let rowStart = -1;
  let rowOpenEnd = -1;
  let rowTag: SaxesTagPlain | undefined;
  let inSheetData = false;
  let capture: "f" | "v" | undefined;
  let text = "";
  let inlineStart = -1;
  const tagStart = (openEnd: number): number => xml.lastIndexOf("<", openEnd - 1);
  const widen = (ref: string | undefined): void => {
    for (const part of (ref ?? "").split(":")) {
      const letters = /^\$?([A-Za-z]{1,3})\$?[0-9]*$/.exec(part)?.[1];
      if (letters) layout.lastColumn = Math.max(layout.lastColumn, columnIndex(letters) + 1);
    }
  };

  parser.on("error", (error) => {
    throw new FreezeError(`${part} is not well-formed XML (${error.message}).`);
  });
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    const end = parser.position;
    if (name === "sheetData") {
      inSheetData = !tag.isSelfClosing;
      layout.sheetData = { tag: tag.name, openEnd: end, selfClosing: tag.isSelfClosing, start: tagStart(end) };
    } else if (name === "dimension") {
      layout.dimension = { tag: tag.name, start: tagStart(end), end, attributes };
      widen(attributes.ref);
    } else if (name === "mergeCell") {
      widen(attributes.ref);
    } else if (!inSheetData) {
      return;
    } else if (name === "row") {
      rowNumber = attributes.r !== undefined ? Number(attributes.r) : rowNumber + 1;
      cellColumn = 0;
      rowStart = tagStart(end);
      rowOpenEnd = end;
      rowTag = tag;
      if (rowNumber === 1 && tag.isSelfClosing) {
        layout.row1 = { tag: tag.name, start: rowStart, openEnd: end, closeStart: end, selfClosing: true, attributes };
      }
    } else if (name === "c") {
      const ref = /^([A-Za-z]{1,3})[0-9]+$/.exec(attributes.r ?? "");
      cellColumn = ref ? columnIndex(ref[1]) + 1 : cellColumn + 1;
      layout.lastColumn = Math.max(layout.lastColumn, cellColumn);
      cell = { start: tagStart(end), end, tag: tag.name, attributes, hasFormula: false, formula: "" };
    } else if (cell && name === "f") {
      cell.hasFormula = true;
      cell.formulaType = attributes.t;
      cell.sharedIndex = attributes.si;
      capture = "f";
      text = "";
    } else if (cell && name === "v") {
      capture = "v";
      text = "";
    } else if (cell && name === "is") {
      inlineStart = tagStart(end);
    }
  });
  const collect = (chunk: string): void => {
    if (capture) text += chunk;
  };
  parser.on("text", collect);
  parser.on("cdata", collect);
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    const end = parser.position;
    if (name === "sheetData") {
      inSheetData = false;
    } else if (!inSheetData) {
      return;
    } else if (name === "row" && rowNumber === 1 && rowTag && !rowTag.isSelfClosing) {
      layout.row1 = {
        tag: rowTag.name,
        start: rowStart,
        openEnd: rowOpenEnd,
        closeStart: tagStart(end),
        selfClosing: false,
        attributes: rowTag.attributes as Record<string, string>,
      };
    } else if (cell && name === "f") {
      cell.formula = text;
      capture = undefined;
    } else if (cell && name === "v") {
      cell.value = text;
      capture = undefined;
    } else if (cell && name === "is") {
      cell.inlineString = xml.slice(inlineStart, end);
    } else if (cell && name === "c") {
      cell.end = end;
      if (cell.hasFormula) cells.push(cell);
      cell = undefined;
    }
  });
  parser.write(xml).close();
  return { cells, layout };
}

// ---- Writing the changes -------------------------------------------------------------------------------------------

/** Text for element content or an attribute: markup escaped; a carriage return kept as a reference (not a line feed). */
const escapeMarkup = (value: string): string =>
  value.replace(/[&<>"\r]/g, (ch) =>
    ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch === '"' ? "&quot;" : "&#13;",
  );

const attributesXml = (attributes: Record<string, string>, leaveOut: readonly string[]): string =>
  Object.entries(attributes)
    .filter(([name]) => !leaveOut.includes(name))
    .map(([name, value]) => ` ${name}="${escapeMarkup(value)}"`)
    .join("");

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The cell with its cached value in place of its formula; `hadValue` false when it was never calculated. */
function frozenCell(cell: FormulaCell): { xml: string; hadValue: boolean } {
  const p = prefixOf(cell.tag);
  const type = cell.attributes.t ?? "n";
  const kept = attributesXml(cell.attributes, ["t", "cm"]);
  if (type === "inlineStr" && cell.inlineString !== undefined) {
    return { xml: `<${cell.tag}${kept} t="inlineStr">${cell.inlineString}</${cell.tag}>`, hadValue: true };
  }
  const value = cell.value;
  if (type === "str") {
    if (value === undefined) return { xml: `<${cell.tag}${kept}/>`, hadValue: false };
    const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : "";
    return {
      xml: `<${cell.tag}${kept} t="inlineStr"><${p}is><${p}t${space}>${escapeMarkup(value)}</${p}t></${p}is></${cell.tag}>`,
      hadValue: true,
    };
  }
  // A number needs digits; the other types keep their type and text (an empty <v/> is "no value" for them all).
  if (value === undefined || value.trim() === "") return { xml: `<${cell.tag}${kept}/>`, hadValue: false };
  const typed = type === "n" ? "" : ` t="${escapeMarkup(type)}"`;
  return { xml: `<${cell.tag}${kept}${typed}><${p}v>${escapeMarkup(value)}</${p}v></${cell.tag}>`, hadValue: true };
}

/** Puts a text cell in row 1, two columns right of anything on the sheet. */
function noteEdits(layout: SheetLayout, note: string): { edits: Edit[]; cell?: string } {
  const column = layout.lastColumn + 2;
  const sheetData = layout.sheetData;
  if (column > 16384 || !sheetData) return { edits: [] };
  const cell = `${columnLetters(column - 1)}1`;
  const p = prefixOf(sheetData.tag);
  const noteXml = `<${p}c r="${cell}" t="inlineStr"><${p}is><${p}t>${escapeMarkup(note)}</${p}t></${p}is></${p}c>`;
  const edits: Edit[] = [];
  const dimension = layout.dimension;
  const ref = dimension?.attributes.ref;
  if (dimension && ref) {
    const [start, bottom] = ref.split(":");
    const rows = /[0-9]+$/.exec(bottom ?? start)?.[0] ?? "1";
    const attributes = {
      ...dimension.attributes,
      ref: `${start.includes("$") ? start.replace(/\$/g, "") : start}:${columnLetters(column - 1)}${rows}`,
    };
    edits.push({
      start: dimension.start,
      end: dimension.end,
      text: `<${dimension.tag}${attributesXml(attributes, [])}/>`,
    });
  }
  const row1 = layout.row1;
  if (row1) {
    // spans (a hint of the row's columns) would no longer be right: dropped, Excel recomputes it.
    const open = `<${row1.tag}${attributesXml(row1.attributes, ["spans"])}>`;
    if (row1.selfClosing) edits.push({ start: row1.start, end: row1.openEnd, text: `${open}${noteXml}</${row1.tag}>` });
    else {
      edits.push({ start: row1.start, end: row1.openEnd, text: open });
      edits.push({ start: row1.closeStart, end: row1.closeStart, text: noteXml });
    }
  } else {
    const newRow = `<${p}row r="1">${noteXml}</${p}row>`;
    if (sheetData.selfClosing)
      edits.push({
        start: sheetData.start,
        end: sheetData.openEnd,
        text: `<${sheetData.tag}>${newRow}</${sheetData.tag}>`,
      });
    else edits.push({ start: sheetData.openEnd, end: sheetData.openEnd, text: newRow });
  }
  return { edits, cell };
}

function applyEdits(xml: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: string[] = [];
  let at = 0;
  for (const edit of sorted) {
    pieces.push(xml.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  pieces.push(xml.slice(at));
  return pieces.join("");
}

interface SheetOutcome {
  xml: string;
  frozen: number;
  withoutValue: number;
  noteCell?: string;
}

function freezeSheet(xml: string, part: string, frozenAt: Date): SheetOutcome | undefined {
  const { cells, layout } = parseSheet(xml, part);
  // Shared-formula groups whose master calls SOURCING: their other cells carry no text of their own.
  const groups = new Set<string>();
  for (const cell of cells) {
    if (
      cell.formulaType === "shared" &&
      cell.formula !== "" &&
      cell.sharedIndex !== undefined &&
      isSourcingFormula(cell.formula)
    )
      groups.add(cell.sharedIndex);
  }
  const edits: Edit[] = [];
  let withoutValue = 0;
  for (const cell of cells) {
    const follower = cell.formulaType === "shared" && cell.formula === "" && groups.has(cell.sharedIndex ?? "");
    if (!follower && !isSourcingFormula(cell.formula)) continue;
    const outcome = frozenCell(cell);
    if (!outcome.hadValue) withoutValue++;
    edits.push({ start: cell.start, end: cell.end, text: outcome.xml });
  }
  if (edits.length === 0) return undefined;
  const note = noteEdits(layout, noteText(frozenAt, edits.length));
  return { xml: applyEdits(xml, [...edits, ...note.edits]), frozen: edits.length, withoutValue, noteCell: note.cell };
}

// ---- The package ---------------------------------------------------------------------------------------------------

/** The elements of a small XML part (workbook, relationships), each with its attributes. */
function elements(xml: string, part: string): { name: string; attributes: Record<string, string> }[] {
  const found: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new SaxesParser();
  parser.on("error", (error) => {
    throw new FreezeError(`${part} is not well-formed XML (${error.message}).`);
  });
  parser.on("opentag", (tag) =>
    found.push({ name: localName(tag.name), attributes: tag.attributes as Record<string, string> }),
  );
  parser.write(xml).close();
  return found;
}

/** Resolves a relationship target against the folder of the part that holds it (absolute targets start at the root). */
function resolveTarget(folder: string, target: string): string {
  const segments = target.startsWith("/") ? [] : folder.split("/").filter(Boolean);
  for (const segment of target.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return segments.join("/");
}

/** Worksheet part paths by sheet name, from xl/workbook.xml and its relationships. */
function worksheetParts(files: Record<string, Uint8Array>): { name: string; path: string }[] {
  const workbook = files["xl/workbook.xml"];
  const rels = files["xl/_rels/workbook.xml.rels"];
  if (!workbook || !rels) throw new FreezeError("not an Excel workbook (.xlsx): xl/workbook.xml is missing.");
  const targets = new Map<string, string>();
  for (const { name, attributes } of elements(strFromU8(rels), "xl/_rels/workbook.xml.rels")) {
    if (name === "Relationship" && attributes.Id && attributes.Target && attributes.TargetMode !== "External")
      targets.set(attributes.Id, resolveTarget("xl", attributes.Target));
  }
  const sheets: { name: string; path: string }[] = [];
  for (const { name, attributes } of elements(strFromU8(workbook), "xl/workbook.xml")) {
    if (name !== "sheet") continue;
    const id = Object.entries(attributes).find(([key]) => key === "r:id" || key.endsWith(":id"))?.[1];
    const path = id ? targets.get(id) : undefined;
    if (path && files[path]) sheets.push({ name: attributes.name ?? path, path });
  }
  return sheets;
}

/** Unpacks the workbook within the size limits, checked on the sizes the zip declares before anything is inflated. */
function unpack(data: Uint8Array, maxPartBytes: number): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(data, {
      filter: (file) => {
        if (file.originalSize > maxPartBytes)
          throw new FreezePartTooLargeError(file.name, file.originalSize, maxPartBytes);
        total += file.originalSize;
        if (total > WORKBOOK_TOTAL_FACTOR * maxPartBytes)
          throw new FreezePartTooLargeError(ALL_PARTS, total, WORKBOOK_TOTAL_FACTOR * maxPartBytes);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof FreezeError) throw error;
    throw new FreezeError(`not an Excel workbook (.xlsx): ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** Worksheet text: UTF-8 as Excel and LibreOffice write it; bytes that are not UTF-8 make the part malformed. */
function decodePart(bytes: Uint8Array, part: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new FreezeError(`${part} is not UTF-8 text, as a worksheet must be.`);
  }
}

/** A frozen copy of the workbook's bytes. Throws {@link FreezeError} when the bytes are not an .xlsx workbook. */
export function freezeWorkbook(data: Uint8Array, options: FreezeOptions | Date = {}): FreezeResult {
  const { frozenAt = new Date(), maxPartBytes = DEFAULT_FREEZE_PART_BYTES } =
    options instanceof Date ? { frozenAt: options } : options;
  const files = unpack(data, maxPartBytes);
  const sheets: FrozenSheet[] = [];
  let frozenCells = 0;
  for (const { name, path } of worksheetParts(files)) {
    const outcome = freezeSheet(decodePart(files[path], path), path, frozenAt);
    if (!outcome) continue;
    files[path] = strToU8(outcome.xml);
    frozenCells += outcome.frozen;
    sheets.push({ name, frozen: outcome.frozen, withoutValue: outcome.withoutValue, noteCell: outcome.noteCell });
  }
  if (frozenCells === 0) return { bytes: data, sheets, frozenCells };
  const chain = Object.keys(files).find((path) => path.toLowerCase() === "xl/calcchain.xml");
  if (chain) {
    delete files[chain];
    const rels = "xl/_rels/workbook.xml.rels";
    files[rels] = strToU8(
      strFromU8(files[rels]).replace(/<(?:[A-Za-z_][\w.-]*:)?Relationship\b[^>]*calcChain[^>]*\/>/g, ""),
    );
    const types = "[Content_Types].xml";
    if (files[types])
      files[types] = strToU8(
        strFromU8(files[types]).replace(/<(?:[A-Za-z_][\w.-]*:)?Override\b[^>]*calcChain[^>]*\/>/g, ""),
      );
  }
  return { bytes: zipSync(files, { level: 6 }), sheets, frozenCells };
}
