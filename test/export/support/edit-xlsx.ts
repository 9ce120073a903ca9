/** Edits a number cell inside .xlsx bytes, as a reader typing into the workbook would (the rest stays as written). */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export function setNumberCell(bytes: Uint8Array, sheetPath: string, ref: string, value: number): Uint8Array {
  const files = unzipSync(bytes);
  const xml = strFromU8(files[sheetPath]);
  const cell = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
  const match = cell.exec(xml);
  if (!match) throw new Error(`${sheetPath} has no cell ${ref}`);
  const attrs = match[1].replace(/\st="[^"]*"/, "");
  files[sheetPath] = strToU8(xml.replace(cell, `<c r="${ref}"${attrs}><v>${value}</v></c>`));
  return zipSync(files);
}

export function readPart(bytes: Uint8Array, path: string): string {
  return strFromU8(unzipSync(bytes)[path]);
}

export function partNames(bytes: Uint8Array): string[] {
  return Object.keys(unzipSync(bytes));
}
