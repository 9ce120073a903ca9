/**
 * Draws the add-in's icons (assets/icon-16.png … icon-128.png): two crossing cost lines on a blue rounded
 * square, the break-even picture the add-in is about. Plain PNG encoding with node:zlib, no image library.
 * The outputs are committed; run `npx tsx scripts/make-icons.ts` after changing the drawing.
 */
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

type Rgba = readonly [number, number, number, number];
const BACKGROUND: Rgba = [15, 108, 189, 255]; // Office blue
const RISING: Rgba = [255, 255, 255, 255]; // staff augmentation's cumulative cost
const FALLING: Rgba = [255, 185, 0, 255]; // amber: the line it crosses

// ---- PNG encoding ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A truecolour-with-alpha PNG of width × height from RGBA bytes, rows top to bottom. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter, interlace: 0
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

// ---- Drawing ------------------------------------------------------------------------------------------------

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** The colour at a point of the unit square (0..1, y down), or undefined outside the icon. */
function sample(x: number, y: number, size: number): Rgba | undefined {
  if (!insideRoundedSquare(x, y, 0.18)) return undefined;
  // Lines at least 1.5 px wide at 16 px, thinner in relative terms on larger icons.
  const halfWidth = Math.max(0.055, 1.5 / size / 2 + 0.02);
  if (distanceToSegment(x, y, 0.2, 0.78, 0.8, 0.22) <= halfWidth) return RISING;
  if (distanceToSegment(x, y, 0.2, 0.3, 0.8, 0.72) <= halfWidth) return FALLING;
  return BACKGROUND;
}

/** RGBA pixels of the icon at size × size, 4 × 4 supersampled for smooth edges. */
export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const grid = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const colour = sample((px + (sx + 0.5) / grid) / size, (py + (sy + 0.5) / grid) / size, size);
          if (!colour) continue;
          // Premultiplied accumulation, so edge pixels keep their colour.
          r += colour[0] * colour[3];
          g += colour[1] * colour[3];
          b += colour[2] * colour[3];
          a += colour[3];
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) {
        pixels[at] = Math.round(r / a);
        pixels[at + 1] = Math.round(g / a);
        pixels[at + 2] = Math.round(b / a);
      }
      pixels[at + 3] = Math.round(a / (grid * grid));
    }
  }
  return pixels;
}

export function writeIcons(directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = join(directory, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, drawIcon(size)));
    return file;
  });
}

if (require.main === module) {
  for (const file of writeIcons(resolve(__dirname, "..", "assets"))) console.log(`wrote ${file}`);
}
