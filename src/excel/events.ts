/** Change events on the inputs (for Live mode) and selecting a cell (for the error list). */
import {
  ASSUMPTIONS_SHEET_FALLBACK,
  ASSUMPTIONS_TABLE,
  FUNCTIONS_SHEET_FALLBACK,
  FUNCTIONS_TABLE,
} from "../layout/workbook";
import { splitAddress } from "../layout/address";
import { type ExcelRun, excelRun } from "./host";
import { isOwnedSheet } from "./read";

export interface InputSubscription {
  /** What is watched, for the pane ("table SourcingFunctions", "sheet Functions", …). */
  watching: string[];
  /** Removes the handlers, in the request context that added them (Excel.run(result.context, …)). */
  remove(): Promise<void>;
}

/** A change to the inputs, as the handler hears it. */
export interface InputChange {
  /** Where the change happened, e.g. 'Sourcing Inputs'!C6. */
  address: string;
}

type ChangedArgs = Excel.TableChangedEventArgs | Excel.WorksheetChangedEventArgs;

/**
 * Calls `handler` whenever the input tables change (or, without tables, the fallback sheets or the active sheet).
 * The handler is not awaited by Excel; debounce it (the task pane does). Edits to the add-in's own output
 * sheets are never watched. Changes made by a co-author (source Remote) are ignored: their own add-in runs for
 * them, and answering each other's writes would ping-pong between the two. Excel also reports the add-in's own
 * writes inside the watched range (its error marks) as Local changes; Office.js can tell them apart only from
 * ExcelApi 1.14 (triggerSource), so the pane re-runs only when the inputs themselves changed (see
 * src/taskpane/controller.ts and runModel's `unlessInputsAre`).
 */
export async function onInputsChanged(
  handler: (change: InputChange) => void,
  run: ExcelRun = excelRun,
): Promise<InputSubscription> {
  return run(async (context) => {
    const workbook = context.workbook;
    const tables = [FUNCTIONS_TABLE, ASSUMPTIONS_TABLE].map((name) => ({
      name,
      table: workbook.tables.getItemOrNullObject(name),
    }));
    const sheets = [FUNCTIONS_SHEET_FALLBACK, ASSUMPTIONS_SHEET_FALLBACK].map((name) => ({
      name,
      sheet: workbook.worksheets.getItemOrNullObject(name),
    }));
    const active = workbook.worksheets.getActiveWorksheet().load("name");
    await context.sync();

    const watching: string[] = [];
    const results: OfficeExtension.EventHandlerResult<ChangedArgs>[] = [];
    const listener = async (event: ChangedArgs) => {
      if (event.source === "Remote") return;
      handler({ address: event.address });
    };
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
    let removed = false;
    return {
      watching,
      remove: async () => {
        if (removed || results.length === 0) return;
        removed = true;
        // Handlers belong to the context that added them: remove them in a batch run on that context.
        await run(results[0].context as Excel.RequestContext, async (again) => {
          for (const result of results) result.remove();
          await again.sync();
        });
      },
    };
  });
}

/** Activates the sheet and selects the cell (or range) of an address such as 'Sourcing Inputs'!C6. */
export async function selectCell(address: string, run: ExcelRun = excelRun): Promise<void> {
  const { sheet, ref } = splitAddress(address);
  await run(async (context) => {
    const worksheet =
      sheet === undefined
        ? context.workbook.worksheets.getActiveWorksheet()
        : context.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(ref).select();
    await context.sync();
  });
}
