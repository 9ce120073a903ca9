/**
 * Workbook parts as a stream of XML events: each part is inflated piece by piece (src/io/zip.ts), decoded and fed
 * to saxes, so a part is never held whole in memory. Element names lose their prefix (`x:c` is `c`): Excel writes
 * none, other writers do. saxes expands no external or DTD-declared entities, so XXE and entity bombs fail as
 * malformed XML.
 */
import { SaxesParser } from "saxes";
import { MAX_XML_RUN_CHARS } from "./limits";
import { ZipFormatError, type ZipArchive, type ZipEntry } from "./zip";

export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text?(text: string): void;
}

/** The part is not well-formed XML, or holds a run no spreadsheet writes. */
export class XmlPartError extends Error {
  override readonly name = "XmlPartError";
  constructor(
    readonly part: string,
    readonly reason: string,
  ) {
    super(`${part}: ${reason}`);
  }
}

const FEED_SLICE = 64 * 1024;
/** A worksheet's cells sit 7 deep (worksheet, sheetData, row, c, is, r, t); its extensions about 10. */
const MAX_XML_DEPTH = 100;

const localName = (name: string): string => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** The part of TextDecoder used here (its global type is not in this project's lib settings). */
interface Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/** UTF-8 unless the part starts with a UTF-16 byte-order mark (XML allows both; Excel writes UTF-8). */
function decoderFor(first: Uint8Array): Decoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder("utf-16le");
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder("utf-16be");
  return new TextDecoder("utf-8");
}

/**
 * Parses one part. `handlers.open/close` may return early by calling `stop()`: the rest of the part is then
 * neither inflated nor parsed (a sheet's cells end at </sheetData>).
 */
export function parseXmlPart(
  zip: ZipArchive,
  entry: ZipEntry,
  maxBytes: number,
  handlers: XmlHandlers,
  stopWhen: () => boolean = () => false,
): void {
  const parser = new SaxesParser({ position: false });
  parser.on("error", (error) => {
    throw new XmlPartError(
      entry.name,
      `is not well-formed XML (${error.message.replace(/^[^:]*:\d+:\d+: /, "").replace(/\.$/, "")})`,
    );
  });
  // saxes keeps every open element on a stack: 64 MB of "<x>" would be 21 million of them.
  let depth = 0;
  parser.on("opentag", (tag) => {
    if (++depth > MAX_XML_DEPTH)
      throw new XmlPartError(
        entry.name,
        `nests elements more than ${MAX_XML_DEPTH} deep, deeper than any spreadsheet part`,
      );
    handlers.open(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on("closetag", (tag) => {
    depth--;
    handlers.close(localName(tag.name));
  });
  const onText = handlers.text;
  if (onText) parser.on("text", (text) => onText(text));

  let decoder: Decoder | undefined;
  // Characters since the last "<" or ">": saxes buffers a text or tag whole, so a 1 GB run would be 1 GB of string.
  let run = 0;
  const feed = (text: string): void => {
    const lastMarkup = Math.max(text.lastIndexOf("<"), text.lastIndexOf(">"));
    run = lastMarkup < 0 ? run + text.length : text.length - lastMarkup - 1;
    if (run > MAX_XML_RUN_CHARS) {
      throw new XmlPartError(
        entry.name,
        `holds a text or tag of more than ${MAX_XML_RUN_CHARS.toLocaleString("en-US")} characters, longer than any cell Excel can hold`,
      );
    }
    parser.write(text);
  };
  zip.inflate(entry, maxBytes, (piece) => {
    decoder ??= decoderFor(piece);
    // Fed in 64 KB slices: the run check sees every stretch before saxes buffers it, and saxes is fastest so.
    for (let at = 0; at < piece.length; at += FEED_SLICE) {
      feed(decoder.decode(piece.subarray(at, Math.min(at + FEED_SLICE, piece.length)), { stream: true }));
      if (stopWhen()) return false;
    }
    return true;
  });
  if (stopWhen()) return;
  feed(decoder?.decode() ?? "");
  try {
    parser.close();
  } catch (error) {
    if (error instanceof XmlPartError) throw error;
    throw new XmlPartError(
      entry.name,
      `is not well-formed XML (${(error instanceof Error ? error.message : String(error)).replace(/\.$/, "")})`,
    );
  }
}

/** A small part (relationships, workbook, table, styles) as a list of its elements, in document order. */
export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
}

/** The elements named `wanted`, at most `maxElements` of them (a part of millions of them is not a spreadsheet's). */
export function xmlElements(
  zip: ZipArchive,
  entry: ZipEntry,
  maxBytes: number,
  wanted: ReadonlySet<string>,
  maxElements: number,
): XmlElement[] {
  const elements: XmlElement[] = [];
  parseXmlPart(zip, entry, maxBytes, {
    open: (name, attributes) => {
      if (!wanted.has(name)) return;
      if (elements.length >= maxElements)
        throw new XmlPartError(entry.name, `lists more than ${maxElements.toLocaleString("en-US")} ${name} elements`);
      elements.push({ name, attributes });
    },
    close: () => undefined,
  });
  return elements;
}

export { ZipFormatError };

/**
 * Cell text as SpreadsheetML stores it (ECMA-376 Part 1, ST_Xstring) back to the characters: _xHHHH_ is the
 * character U+HHHH (Excel writes _x000D_ for a carriage return, and the export writes control characters this
 * way, src/export/xml.ts escapeCellText); _x005F_ is a literal underscore, so "_x005F_x0007_" reads "_x0007_".
 */
export const decodeCellText = (text: string): string =>
  text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
