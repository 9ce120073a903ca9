/**
 * Where Run model puts the sheets it replaces, and which sheet the user sees afterwards. Pure: write.ts applies
 * it in the same requests as the writes (no extra sync).
 *
 * Tabs keep one order after the inputs: Results, Schedule, Charts, then Analysis and Portfolio (ADDIN_SHEETS' order). New
 * owned sheets go where the first add-in sheet stood, so a later model run never pushes them after the analysis
 * sheet nor moves them away from where the user keeps them.
 */
import { ADDIN_SHEETS, OWNED_SHEETS } from "./read";

const isNamed = (names: readonly string[], name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());

/**
 * Zero-based position for the first of the new owned sheets (the others follow it), given every sheet's name in
 * tab order before the run; undefined when the workbook has no add-in sheet yet (then they go at the end).
 */
export function ownedSheetsPosition(sheetNames: readonly string[]): number | undefined {
  const firstAddinSheet = sheetNames.findIndex((name) => isNamed(ADDIN_SHEETS, name));
  if (firstAddinSheet < 0) return undefined;
  // Count the sheets that stay (the run deletes the owned ones) before that place.
  return sheetNames.slice(0, firstAddinSheet).filter((name) => !isNamed(OWNED_SHEETS, name)).length;
}

/** True when the run replaces the sheet the user is on: Excel would then show another sheet, often a blank one. */
export const runReplacesActiveSheet = (activeSheetName: string): boolean => isNamed(OWNED_SHEETS, activeSheetName);

/**
 * Zero-based position for a sheet the add-in replaces on its own (the analysis or the portfolio sheet), given every sheet's name in
 * tab order once the old one is deleted: right after the last add-in sheet that comes before it in ADDIN_SHEETS'
 * order, else right before the first that comes after it; undefined when the workbook has no add-in sheet (the end).
 */
export function addinSheetPosition(sheetNames: readonly string[], name: string): number | undefined {
  const rank = ADDIN_SHEETS.findIndex((s) => s.toLowerCase() === name.toLowerCase());
  const others = sheetNames.filter((n) => n.toLowerCase() !== name.toLowerCase());
  const rankOf = (n: string) => ADDIN_SHEETS.findIndex((s) => s.toLowerCase() === n.toLowerCase());
  let after = -1;
  others.forEach((n, i) => {
    const r = rankOf(n);
    if (r >= 0 && r < rank) after = i;
  });
  if (after >= 0) return after + 1;
  const before = others.findIndex((n) => rankOf(n) > rank);
  return before >= 0 ? before : undefined;
}
