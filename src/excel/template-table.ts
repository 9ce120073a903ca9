/**
 * A table from a template on the inputs sheet (the analysis panel's "Add a scenarios table", "Add a correlations
 * table"): a bold title, the header and one example row, written below everything already on that sheet, so a
 * workbook gets a place to type into. It never overwrites anything: below the sheet's used range is empty by
 * definition, and an existing table of that name is left as it is (the answer says where it is).
 */
import { FUNCTIONS_SHEET_FALLBACK, FUNCTIONS_TABLE, INPUT_SHEET } from "../layout/workbook";
import { cellRef } from "../layout/address";
import type { CellValue } from "../model";
import type { ExcelRun } from "./host";

export interface TemplateOutcome {
  added: boolean;
  /** The sheet of the new (or existing) table. */
  sheet?: string;
  /** A1 address of the new table's header row, e.g. "A30:D30". */
  header?: string;
  message: string;
}

export interface TableTemplate {
  name: string;
  title: string;
  headers: readonly string[];
  example: readonly CellValue[];
  /** Columns formatted as Text before the values (names stay names: "=x" is not a formula). */
  textColumns: readonly number[];
  /** What to say when the table exists already (on `sheet`), when there is no inputs sheet, and once added. */
  exists(sheet: string): string;
  noInputsSheet: string;
  added(sheet: string, header: string): string;
}

/** Blank rows between what the sheet holds and the new table's title. */
const GAP_ROWS = 2;

export async function addTemplateTable(template: TableTemplate, run: ExcelRun): Promise<TemplateOutcome> {
  return run(async (context) => {
    const workbook = context.workbook;
    const existing = workbook.tables.getItemOrNullObject(template.name);
    const functions = workbook.tables.getItemOrNullObject(FUNCTIONS_TABLE);
    const fallbackSheet = workbook.worksheets.getItemOrNullObject(FUNCTIONS_SHEET_FALLBACK);
    const inputSheet = workbook.worksheets.getItemOrNullObject(INPUT_SHEET);
    await context.sync();

    if (!existing.isNullObject) {
      const where = existing.worksheet.load("name");
      await context.sync();
      return { added: false, sheet: where.name, message: template.exists(where.name) };
    }
    // The inputs sheet: where the functions are read from (layout/workbook.ts: the table, else the "Functions" sheet).
    const sheet = !functions.isNullObject
      ? functions.worksheet
      : !fallbackSheet.isNullObject
        ? fallbackSheet
        : !inputSheet.isNullObject
          ? inputSheet
          : null;
    if (!sheet) return { added: false, message: template.noInputsSheet };
    sheet.load("name");
    const used = sheet.getUsedRangeOrNullObject(false).load("rowIndex,rowCount");
    await context.sync();

    const titleRow = used.isNullObject ? 0 : used.rowIndex + used.rowCount + GAP_ROWS;
    const headerRow = titleRow + 1;
    const width = template.headers.length;
    const title = sheet.getRangeByIndexes(titleRow, 0, 1, 1);
    title.numberFormat = [["@"]];
    title.values = [[template.title]];
    title.format.font.bold = true;
    for (const c of template.textColumns) sheet.getRangeByIndexes(headerRow, c, 2, 1).numberFormat = [["@"]];
    const range = sheet.getRangeByIndexes(headerRow, 0, 2, width);
    range.values = [[...template.headers], template.example.map((v) => v ?? "")];
    sheet.tables.add(range, true).name = template.name;
    sheet.activate();
    await context.sync();

    const header = `${cellRef(headerRow, 0)}:${cellRef(headerRow, width - 1)}`;
    return { added: true, sheet: sheet.name, header, message: template.added(sheet.name, header) };
  });
}
