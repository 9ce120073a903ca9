/**
 * Workbooks built part by part at test time, so that hostile cases (stray cells, bogus table refs, zip bombs,
 * missing parts, openpyxl's absolute relationship targets) are exact and nothing big is committed. Big parts are
 * streamed through zlib into a file; small workbooks are zipped in memory with fflate.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { crc32, createDeflateRaw } from "node:zlib";
import { Zip, zipSync, type ZipInputFile } from "fflate";
import { columnLetters } from "../../src/layout/address";

/** A cell as the fixture writes it: text (shared or inline), a number, a boolean, or raw `<c>` inner XML. */
export type FixtureCell = string | number | boolean | null | { xml: string; type?: string };

export interface FixtureTable {
  name: string;
  /** Written as given, bogus or not. */
  ref: string;
  columns: string[];
  totalsRow?: boolean;
}

export interface FixtureSheet {
  name: string;
  /** Rows from A1 down; null cells are left out. */
  rows?: FixtureCell[][];
  /** Extra cells anywhere, e.g. `{ ref: "XFD1048576", value: "x" }`, written after the rows (in row order). */
  cells?: { ref: string; value: FixtureCell }[];
  tables?: FixtureTable[];
}

export interface FixtureOptions {
  /** Text cells as `t="s"` indexes into xl/sharedStrings.xml (default) or inline strings. */
  strings?: "shared" | "inline";
  /** Leave xl/sharedStrings.xml out of the zip while the cells still point into it. */
  omitSharedStrings?: boolean;
  /** Relationship targets written as absolute part names ("/xl/tables/table1.xml"), as openpyxl writes them. */
  absoluteTargets?: boolean;
  /** Parts to drop from the zip after building, e.g. "xl/tables/table1.xml". */
  omitParts?: string[];
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  add(text: string): number {
    let at = this.index.get(text);
    if (at === undefined) {
      at = this.list.length;
      this.list.push(text);
      this.index.set(text, at);
    }
    return at;
  }
  xml(): string {
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${this.list.length}" uniqueCount="${this.list.length}">${this.list
      .map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`)
      .join("")}</sst>`;
  }
}

/** One `<c>` element, or "" for a blank cell. */
export function cellXml(ref: string, value: FixtureCell, strings: "shared" | "inline", shared: SharedStrings): string {
  if (value === null) return "";
  if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "string") {
    return strings === "shared"
      ? `<c r="${ref}" t="s"><v>${shared.add(value)}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
  }
  return `<c r="${ref}"${value.type ? ` t="${value.type}"` : ""}>${value.xml}</c>`;
}

const refRow = (ref: string): number => Number(/[0-9]+$/.exec(ref)?.[0] ?? "0");

function sheetDataXml(sheet: FixtureSheet, strings: "shared" | "inline", shared: SharedStrings): string {
  const byRow = new Map<number, string[]>();
  (sheet.rows ?? []).forEach((row, r) => {
    const cells = row.map((value, c) => cellXml(`${columnLetters(c)}${r + 1}`, value, strings, shared)).filter(Boolean);
    if (cells.length > 0) byRow.set(r + 1, cells);
  });
  for (const { ref, value } of sheet.cells ?? []) {
    const xml = cellXml(ref, value, strings, shared);
    if (xml) byRow.set(refRow(ref), [...(byRow.get(refRow(ref)) ?? []), xml]);
  }
  return [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([r, cells]) => `<row r="${r}">${cells.join("")}</row>`)
    .join("");
}

/** The parts of a minimal workbook with these sheets and tables, as a name → text map (zip it with {@link zipParts}). */
export function workbookParts(sheets: FixtureSheet[], options: FixtureOptions = {}): Record<string, string> {
  const strings = options.strings ?? "shared";
  const shared = new SharedStrings();
  const target = (relative: string, absolute: string): string => (options.absoluteTargets ? absolute : relative);
  const parts: Record<string, string> = {};
  const overrides: string[] = [];
  let tableCount = 0;

  sheets.forEach((sheet, i) => {
    const n = i + 1;
    const tableRels: string[] = [];
    const tableParts: string[] = [];
    for (const table of sheet.tables ?? []) {
      tableCount++;
      const path = `xl/tables/table${tableCount}.xml`;
      parts[path] =
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${MAIN_NS}" id="${tableCount}" name="${escapeXml(table.name)}" displayName="${escapeXml(table.name)}" ref="${escapeXml(table.ref)}"${table.totalsRow ? ' totalsRowCount="1"' : ""}>` +
        `<tableColumns count="${table.columns.length}">${table.columns.map((c, k) => `<tableColumn id="${k + 1}" name="${escapeXml(c)}"/>`).join("")}</tableColumns>` +
        `<tableStyleInfo name="TableStyleMedium2" showRowStripes="1"/></table>`;
      overrides.push(
        `<Override PartName="/${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`,
      );
      const id = `rId${tableParts.length + 1}`;
      tableRels.push(
        `<Relationship Id="${id}" Type="${REL_TYPE}/table" Target="${target(`../tables/table${tableCount}.xml`, `/${path}`)}"/>`,
      );
      tableParts.push(`<tablePart r:id="${id}"/>`);
    }
    parts[`xl/worksheets/sheet${n}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${sheetDataXml(sheet, strings, shared)}</sheetData>` +
      (tableParts.length > 0 ? `<tableParts count="${tableParts.length}">${tableParts.join("")}</tableParts>` : "") +
      `</worksheet>`;
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    if (tableRels.length > 0) {
      parts[`xl/worksheets/_rels/sheet${n}.xml.rels`] =
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${tableRels.join("")}</Relationships>`;
    }
  });

  const sheetRels = sheets.map(
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}/worksheet" Target="${target(`worksheets/sheet${i + 1}.xml`, `/xl/worksheets/sheet${i + 1}.xml`)}"/>`,
  );
  if (shared.list.length > 0) {
    sheetRels.push(
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL_TYPE}/sharedStrings" Target="${target("sharedStrings.xml", "/xl/sharedStrings.xml")}"/>`,
    );
    if (!options.omitSharedStrings) parts["xl/sharedStrings.xml"] = shared.xml();
    overrides.push(
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`,
    );
  }
  parts["xl/workbook.xml"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
    sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    `</sheets></workbook>`;
  parts["xl/_rels/workbook.xml.rels"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${sheetRels.join("")}</Relationships>`;
  parts["_rels/.rels"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="${target("xl/workbook.xml", "/xl/workbook.xml")}"/></Relationships>`;
  parts["[Content_Types].xml"] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join("")}</Types>`;
  for (const name of options.omitParts ?? []) delete parts[name];
  return parts;
}

/** Zips parts (text or bytes), [Content_Types].xml first as Excel writes it. */
export function zipParts(parts: Record<string, string | Uint8Array>): Uint8Array {
  const ordered: Record<string, Uint8Array> = {};
  const names = Object.keys(parts).sort(
    (a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml"),
  );
  for (const name of names) {
    const part = parts[name];
    ordered[name] = typeof part === "string" ? Buffer.from(part, "utf8") : part;
  }
  return zipSync(ordered, { level: 6 });
}

export const buildXlsx = (sheets: FixtureSheet[], options: FixtureOptions = {}): Uint8Array =>
  zipParts(workbookParts(sheets, options));

/** The smallest valid functions table: header and one row. */
export const FUNCTION_HEADERS = ["Function", "Headcount (FTE)", "SA hourly rate", "BPO monthly fee per FTE"];
export const FUNCTION_ROW: FixtureCell[] = ["Support", 12, 25, 4200];

/**
 * A workbook whose one big part is streamed: `head`, then `repeat` written `times` times, then `tail`, deflated
 * by zlib chunk by chunk into `path` (memory stays small whatever the size). `declaredSize` writes another
 * uncompressed size into the zip than the real one (a lying zip); the other parts come from `smallParts`.
 */
export async function writeStreamedXlsx(
  path: string,
  bigPart: {
    name: string;
    head: string;
    repeat: string | ((i: number) => string);
    times: number;
    tail: string;
    declaredSize?: number;
  },
  smallParts: Record<string, string>,
): Promise<{ bytes: number; partBytes: number }> {
  const fd = openSync(path, "w");
  let written = 0;
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    writeSync(fd, chunk);
    written += chunk.length;
  });
  for (const [name, text] of Object.entries(smallParts))
    if (name !== bigPart.name) addStored(zip, name, Buffer.from(text, "utf8"));

  let size = 0;
  let crc = 0;
  const deflate = createDeflateRaw({ level: 9 });
  const file: ZipInputFile = { filename: bigPart.name, size: 0, crc: 0, compression: 8 };
  zip.add(file);
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("data", (chunk: Buffer) => file.ondata?.(null, new Uint8Array(chunk), false));
    deflate.on("error", reject);
    deflate.on("end", () => {
      file.size = bigPart.declaredSize ?? size;
      file.crc = crc;
      file.ondata?.(null, new Uint8Array(0), true);
      resolve();
    });
  });
  const feed = (text: string): Promise<void> => {
    const data = Buffer.from(text, "utf8");
    size += data.length;
    crc = crc32(data, crc);
    return deflate.write(data) ? Promise.resolve() : new Promise((resolve) => deflate.once("drain", () => resolve()));
  };
  await feed(bigPart.head);
  // Batch small repeats into ~1 MB writes: zlib's per-write overhead dominates otherwise.
  let batch = "";
  for (let i = 0; i < bigPart.times; i++) {
    batch += typeof bigPart.repeat === "string" ? bigPart.repeat : bigPart.repeat(i);
    if (batch.length >= 1 << 20) {
      await feed(batch);
      batch = "";
    }
  }
  if (batch) await feed(batch);
  await feed(bigPart.tail);
  deflate.end();
  await done;
  zip.end();
  closeSync(fd);
  return { bytes: written, partBytes: size };
}

/** A small part stored uncompressed in a streamed zip. */
function addStored(zip: Zip, name: string, data: Buffer): void {
  const file: ZipInputFile = { filename: name, size: data.length, crc: crc32(data), compression: 0 };
  zip.add(file);
  file.ondata?.(null, new Uint8Array(data), true);
}

/**
 * A zip whose central directory also lists `aliases`, each pointing at the bytes of the part `kernel` (the
 * overlapping-entries zip bomb): every alias unpacks the same data again, though the file holds it once.
 */
export function withAliases(zip: Uint8Array, kernel: string, aliases: string[]): Uint8Array {
  const view = Buffer.from(zip);
  const eocd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = view.readUInt16LE(eocd + 10);
  const centralSize = view.readUInt32LE(eocd + 12);
  const centralStart = view.readUInt32LE(eocd + 16);
  let at = centralStart;
  let kernelEntry: Buffer | undefined;
  for (let i = 0; i < count; i++) {
    const nameLength = view.readUInt16LE(at + 28);
    const length = 46 + nameLength + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
    if (view.toString("utf8", at + 46, at + 46 + nameLength) === kernel) kernelEntry = view.subarray(at, at + length);
    at += length;
  }
  if (!kernelEntry) throw new Error(`no part ${kernel} in the zip`);
  const fixed = kernelEntry.subarray(0, 46);
  const copies = aliases.map((name) => {
    const header = Buffer.from(fixed);
    const nameBytes = Buffer.from(name, "utf8");
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt16LE(0, 30);
    header.writeUInt16LE(0, 32);
    return Buffer.concat([header, nameBytes]);
  });
  const central = Buffer.concat([view.subarray(centralStart, centralStart + centralSize), ...copies]);
  const end = Buffer.from(view.subarray(eocd, eocd + 22));
  end.writeUInt16LE(count + aliases.length, 8);
  end.writeUInt16LE(count + aliases.length, 10);
  end.writeUInt32LE(central.length, 12);
  return new Uint8Array(Buffer.concat([view.subarray(0, centralStart), central, end]));
}
