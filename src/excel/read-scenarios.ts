/** Reads the scenarios table (SourcingScenarios) for the analysis panel, beside the other readers. */
import { SCENARIOS_TABLE } from "../layout/workbook";
import { scenarioRowsFromTable, type ScenarioRow } from "../model";
import { type ExcelRun, excelRun } from "./host";
import { bodyBlock, lookUpTable, queueTableShape, tableHeaders } from "./read";
import { readValueBlocks } from "./read-values";

/**
 * The scenarios table's rows; [] when the workbook has no SourcingScenarios table. Look up, then header and data
 * body (never the totals row), then the values in size-checked requests (read-values.ts).
 */
export async function readScenarioRows(run: ExcelRun = excelRun): Promise<ScenarioRow[]> {
  return run(async (context) => {
    const lookup = lookUpTable(context, SCENARIOS_TABLE);
    await context.sync();
    if (lookup.table.isNullObject) return [];
    const shape = queueTableShape(lookup);
    await context.sync();
    const { values } = await readValueBlocks(context, [bodyBlock(shape)]);
    return scenarioRowsFromTable(tableHeaders(shape), values[0]);
  });
}
