/** Change events on the inputs (for Live mode) and selecting a cell (for the error list). */
import { ASSUMPTIONS_SHEET_FALLBACK, ASSUMPTIONS_TABLE, FUNCTIONS_SHEET_FALLBACK, FUNCTIONS_TABLE } from "../layout/workbook";
import { splitAddress } from "../office-standin/address";
import { type ExcelRun, excelRun } from "./host";
import { isOwnedSheet } from "./read";

export interface InputSubscription {
  /** What is watched, for the pane ("table SourcingFunctions", "sheet Functions", …). */
  watching: string[];
  remove(): Promise<void>;
}

/**
 * Calls `handler` whenever the input tables change (or, without tables, the fallback sheets or the active sheet).
 * The handler is not awaited by Excel; debounce it (the task pane does). Edits to the add-in's own output
 * sheets are never watched, so a run cannot trigger itself.
 */
export async function onInputsChanged(handler: () => void, run: ExcelRun = excelRun): Promise<InputSubscription> {
  return run(async (context) => {
    const workbook = context.workbook;
    const tables = [FUNCTIONS_TABLE, ASSUMPTIONS_TABLE].map((name) => ({ name, table: workbook.tables.getItemOrNullObject(name) }));
    const sheets = [FUNCTIONS_SHEET_FALLBACK, ASSUMPTIONS_SHEET_FALLBACK].map((name) => ({ name, sheet: workbook.worksheets.getItemOrNullObject(name) }));
    const active = workbook.worksheets.getActiveWorksheet().load("name");
    await context.sync();

    const watching: string[] = [];
    const results: { remove(): void }[] = [];
    const listener = async () => handler();
    for (const { name, table } of tables) {
      if (table.isNullObject) continue;
      results.push(table.onChanged.add(listener));
      watching.push(`table ${name}`);
    }
    if (tables[0].table.isNullObject) {
      for (const { name, sheet } of sheets) {
        if (sheet.isNullObject) continue;
        results.push(sheet.onChanged.add(listener));
        watching.push(`sheet ${name}`);
      }
      if (watching.length === 0 && !isOwnedSheet(active.name)) {
        results.push(workbook.worksheets.getItem(active.name).onChanged.add(listener));
        watching.push(`sheet ${active.name}`);
      }
    }
    await context.sync();
    return {
      watching,
      remove: async () => {
        for (const result of results) result.remove();
        // Handlers belong to the context that added them: remove them there.
        await context.sync();
      },
    };
  });
}

/** Activates the sheet and selects the cell (or range) of an address such as 'Sourcing Inputs'!C6. */
export async function selectCell(address: string, run: ExcelRun = excelRun): Promise<void> {
  const { sheet, ref } = splitAddress(address);
  await run(async (context) => {
    const worksheet = sheet === undefined ? context.workbook.worksheets.getActiveWorksheet() : context.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(ref).select();
    await context.sync();
  });
}
