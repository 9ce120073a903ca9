/** A1-style cell addresses, e.g. `'Sourcing Inputs'!C5`, as Excel writes them in formulas. */

/** 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "AA" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A sheet name as it appears before "!" in a reference: quoted (with ' doubled) unless it is a plain word. */
export function quoteSheetName(sheet: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet) && !/^[RrCc]([0-9]|$)/.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export const cellAddress = (sheet: string, row: number, column: number): string =>
  `${quoteSheetName(sheet)}!${columnLetters(column)}${row}`;

export const rangeAddress = (sheet: string, top: number, left: number, bottom: number, right: number): string =>
  `${quoteSheetName(sheet)}!${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`;

export interface RangeBounds {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Parses "B2:N6" or "B2" (with or without $) into 1-based bounds; undefined when it is not such a reference. */
export function parseRange(ref: string): RangeBounds | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?([0-9]+)(?::\$?([A-Za-z]{1,3})\$?([0-9]+))?$/.exec(ref.trim());
  if (!match) return undefined;
  const left = columnNumber(match[1]);
  const top = Number(match[2]);
  const right = match[3] ? columnNumber(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}
