/**
 * "Add a scenarios table" (the analysis panel): a SourcingScenarios table with its header and one example row,
 * written on the inputs sheet below everything already there, so a workbook without scenarios gets a place to
 * type its what-ifs. It never overwrites anything: below the sheet's used range is empty by definition, and an
 * existing SourcingScenarios table is left as it is (the answer says where it is).
 */
import {
  FUNCTIONS_SHEET_FALLBACK,
  FUNCTIONS_TABLE,
  INPUT_SHEET,
  SCENARIOS_TABLE,
  SCENARIO_HEADERS,
  SCENARIO_TEMPLATE_ROW,
} from "../layout/workbook";
import { cellRef } from "../layout/address";
import { type ExcelRun, excelRun } from "./host";

export interface ScenariosTemplateOutcome {
  added: boolean;
  /** The sheet of the new (or existing) table. */
  sheet?: string;
  /** A1 address of the new table's header row, e.g. "A30:D30". */
  header?: string;
  message: string;
}

/** Blank rows between what the sheet holds and the new table's title. */
const GAP_ROWS = 2;

export async function addScenariosTable(run: ExcelRun = excelRun): Promise<ScenariosTemplateOutcome> {
  return run(async (context) => {
    const workbook = context.workbook;
    const existing = workbook.tables.getItemOrNullObject(SCENARIOS_TABLE);
    const functions = workbook.tables.getItemOrNullObject(FUNCTIONS_TABLE);
    const fallbackSheet = workbook.worksheets.getItemOrNullObject(FUNCTIONS_SHEET_FALLBACK);
    const inputSheet = workbook.worksheets.getItemOrNullObject(INPUT_SHEET);
    await context.sync();

    if (!existing.isNullObject) {
      const where = existing.worksheet.load("name");
      await context.sync();
      return {
        added: false,
        sheet: where.name,
        message: `This workbook already has a ${SCENARIOS_TABLE} table (on the sheet "${where.name}"), so nothing was added. Add your scenarios as rows of that table: Scenario, Key (an input's name), Value, and Function (blank: every row).`,
      };
    }
    // The inputs sheet: where the functions are read from (layout/workbook.ts: the table, else the "Functions" sheet).
    const sheet = !functions.isNullObject
      ? functions.worksheet
      : !fallbackSheet.isNullObject
        ? fallbackSheet
        : !inputSheet.isNullObject
          ? inputSheet
          : null;
    if (!sheet) {
      return {
        added: false,
        message: `No ${FUNCTIONS_TABLE} table found, so there is no inputs sheet to put scenarios on. Insert the sample model or add your functions table first, then add the scenarios table.`,
      };
    }
    sheet.load("name");
    const used = sheet.getUsedRangeOrNullObject(false).load("rowIndex,rowCount");
    await context.sync();

    const titleRow = used.isNullObject ? 0 : used.rowIndex + used.rowCount + GAP_ROWS;
    const headerRow = titleRow + 1;
    const width = SCENARIO_HEADERS.length;
    const title = sheet.getRangeByIndexes(titleRow, 0, 1, 1);
    title.numberFormat = [["@"]];
    title.values = [
      [
        "Scenarios: each row overrides one input (for one function, or every row when Function is blank). Run analysis compares each scenario with the base.",
      ],
    ];
    title.format.font.bold = true;
    // Names, keys and functions as Text (a scenario called "=x" stays a name); the value as typed.
    for (const c of [0, 1, 3]) sheet.getRangeByIndexes(headerRow, c, 2, 1).numberFormat = [["@"]];
    const range = sheet.getRangeByIndexes(headerRow, 0, 2, width);
    range.values = [[...SCENARIO_HEADERS], SCENARIO_TEMPLATE_ROW.map((v) => v ?? "")];
    sheet.tables.add(range, true).name = SCENARIOS_TABLE;
    sheet.activate();
    await context.sync();

    const header = `${cellRef(headerRow, 0)}:${cellRef(headerRow, width - 1)}`;
    return {
      added: true,
      sheet: sheet.name,
      header,
      message: `Added a ${SCENARIOS_TABLE} table on the sheet "${sheet.name}" at ${header}, with one example row (${SCENARIO_TEMPLATE_ROW[0]}: ${SCENARIO_TEMPLATE_ROW[1]} = ${SCENARIO_TEMPLATE_ROW[2]}). Add a row per input a scenario changes, then Run analysis.`,
    };
  });
}
