/**
 * Bounded reading of a zip archive (the container of an .xlsx): the central directory gives each part's place and
 * declared size; a part is inflated in small pieces with fflate's streaming Inflate, so that a part above the size
 * limit, or one that unpacks to more than the zip declares (a lying zip bomb), stops within a few megabytes.
 *
 * Why not fflate's unzipSync: it inflates a whole part into a buffer of the declared size (silently truncating a
 * lie) and offers no way to stop early; its streaming Unzip walks local headers, which for entries with data
 * descriptors means scanning compressed bytes for a signature. The central directory is the zip's own index.
 */
import { Inflate } from "fflate";

export interface ZipEntry {
  /** Part name as stored, e.g. "xl/worksheets/sheet1.xml". */
  name: string;
  compression: number;
  compressedSize: number;
  /** Uncompressed size the central directory declares (a hostile zip may lie: inflation checks it). */
  declaredSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

/** The bytes are not a zip archive (or one this reader cannot open), or a damaged one; `message` is a sentence fragment. */
export class ZipFormatError extends Error {
  override readonly name = "ZipFormatError";
  constructor(
    message: string,
    /** A zip, but damaged or forged (as opposed to not a zip at all). */
    readonly damaged = false,
  ) {
    super(message);
  }
}

/** A part unpacks to more than the caller allows. */
export class ZipPartTooLargeError extends Error {
  override readonly name = "ZipPartTooLargeError";
  constructor(
    readonly part: string,
    readonly limitBytes: number,
    /** The size the zip declares, when that is what is over the limit. */
    readonly declaredSize?: number,
    /** The archive's total was exceeded (many parts, each under the limit), not this part's. */
    readonly total = false,
  ) {
    super(`${part} unpacks to more than ${limitBytes} bytes${total ? " with the parts before it" : ""}`);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;
/** Compressed bytes pushed per step: at deflate's ~1:1032 best ratio, at most ~16 MB comes out of one step. */
const INFLATE_STEP = 16 * 1024;

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  /** Bytes all parts may still unpack to: many parts under the limit (overlapping entries of one kernel) stop too. */
  private remaining: number;

  private constructor(
    private readonly bytes: Uint8Array,
    readonly entries: readonly ZipEntry[],
    readonly totalLimit: number,
  ) {
    this.remaining = totalLimit;
    // Part names are case-insensitive (OPC); the first of duplicate names wins, as Excel's reader does.
    for (const entry of entries) {
      const key = entry.name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, entry);
    }
  }

  static open(bytes: Uint8Array, totalLimit = Number.POSITIVE_INFINITY): ZipArchive {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const u32 = (at: number): number => view.getUint32(at, true);
    const u16 = (at: number): number => view.getUint16(at, true);
    const u64 = (at: number): number => Number(view.getBigUint64(at, true));
    if (bytes.length < 22) throw new ZipFormatError("not a zip archive (too short)");

    let eocd = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
      if (u32(at) === EOCD) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError("not a zip archive");
    let count = u16(eocd + 10);
    let offset = u32(eocd + 16);
    if (eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
      const zip64 = u64(eocd - 12);
      if (zip64 + 56 > bytes.length || u32(zip64) !== ZIP64_EOCD)
        throw new ZipFormatError("its zip64 directory is damaged", true);
      count = u64(zip64 + 32);
      offset = u64(zip64 + 48);
    }

    const entries: ZipEntry[] = [];
    let at = offset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || u32(at) !== CENTRAL)
        throw new ZipFormatError("its directory of parts is damaged", true);
      const flags = u16(at + 8);
      const nameLength = u16(at + 28);
      const extraLength = u16(at + 30);
      const commentLength = u16(at + 32);
      if (at + 46 + nameLength + extraLength + commentLength > bytes.length)
        throw new ZipFormatError("its directory of parts is damaged", true);
      const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
      // Bit 11: UTF-8 names; otherwise the old DOS code page, which for the ASCII part names of a workbook is the same.
      const name = new TextDecoder(flags & 0x800 ? "utf-8" : "latin1").decode(nameBytes);
      let compressedSize = u32(at + 20);
      let declaredSize = u32(at + 24);
      let localHeaderOffset = u32(at + 42);
      // Zip64 extra field: the 64-bit values of the fields saturated at 0xFFFFFFFF, in this order.
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = u16(extra);
        const size = u16(extra + 2);
        if (id === 0x0001) {
          let field = extra + 4;
          const next = (): number => {
            if (field + 8 > extra + 4 + size) throw new ZipFormatError("its zip64 sizes are damaged", true);
            const value = u64(field);
            field += 8;
            return value;
          };
          if (declaredSize === U32_MAX) declaredSize = next();
          if (compressedSize === U32_MAX) compressedSize = next();
          if (localHeaderOffset === U32_MAX) localHeaderOffset = next();
        }
        extra += 4 + size;
      }
      entries.push({
        name,
        compression: u16(at + 10),
        compressedSize,
        declaredSize,
        localHeaderOffset,
        encrypted: (flags & 1) === 1,
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return new ZipArchive(bytes, entries, totalLimit);
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /**
   * Unpacks a part piece by piece into `consume`, which returns false to stop early (the rest is never inflated).
   * Throws {@link ZipPartTooLargeError} as soon as the declared or the real size passes `maxBytes`, and
   * {@link ZipFormatError} when the part is damaged or unpacks to more than the zip declares.
   */
  inflate(entry: ZipEntry, maxBytes: number, consume: (piece: Uint8Array) => boolean): void {
    if (entry.encrypted) throw new ZipFormatError(`its part ${entry.name} is encrypted`);
    if (entry.declaredSize > maxBytes) throw new ZipPartTooLargeError(entry.name, maxBytes, entry.declaredSize);
    if (entry.declaredSize > this.remaining)
      throw new ZipPartTooLargeError(entry.name, this.totalLimit, entry.declaredSize, true);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const header = entry.localHeaderOffset;
    if (header + 30 > this.bytes.length || view.getUint32(header, true) !== LOCAL)
      throw new ZipFormatError(`its part ${entry.name} is damaged`, true);
    const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw new ZipFormatError(`it is cut short (part ${entry.name} is incomplete)`, true);
    const data = this.bytes.subarray(start, end);

    if (entry.compression === 0) {
      // Stored: the real size is the compressed size.
      if (data.length > maxBytes) throw new ZipPartTooLargeError(entry.name, maxBytes, data.length);
      this.remaining -= data.length;
      if (data.length > entry.declaredSize)
        throw new ZipFormatError(`its part ${entry.name} unpacks to more than the zip declares`, true);
      for (let at = 0; at < data.length; at += INFLATE_STEP * 64) {
        if (!consume(data.subarray(at, Math.min(at + INFLATE_STEP * 64, data.length)))) return;
      }
      return;
    }
    if (entry.compression !== 8)
      throw new ZipFormatError(
        `its part ${entry.name} uses compression method ${entry.compression}, which Excel does not write`,
      );

    let produced = 0;
    let stopped = false;
    const inflater = new Inflate((piece) => {
      if (stopped || piece.length === 0) return;
      produced += piece.length;
      this.remaining -= piece.length;
      if (produced > maxBytes) throw new ZipPartTooLargeError(entry.name, maxBytes);
      if (this.remaining < 0) throw new ZipPartTooLargeError(entry.name, this.totalLimit, undefined, true);
      if (produced > entry.declaredSize)
        throw new ZipFormatError(`its part ${entry.name} unpacks to more than the zip declares`, true);
      if (!consume(piece)) stopped = true;
    });
    try {
      for (let at = 0; at < data.length && !stopped; at += INFLATE_STEP) {
        const last = at + INFLATE_STEP >= data.length;
        inflater.push(data.subarray(at, Math.min(at + INFLATE_STEP, data.length)), last);
      }
    } catch (error) {
      if (error instanceof ZipPartTooLargeError || error instanceof ZipFormatError) throw error;
      // Anything else came from fflate (invalid deflate data) or from `consume`; fflate's errors carry a numeric code.
      if (error instanceof Error && typeof (error as Error & { code?: unknown }).code === "number") {
        throw new ZipFormatError(`its part ${entry.name} is damaged (${error.message})`, true);
      }
      throw error;
    }
  }
}
