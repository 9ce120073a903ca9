/**
 * Reads the correlated ranges (the SourcingCorrelations table: Input | Other input | Rank correlation) for the
 * analysis panel, as read-scenarios.ts reads SourcingScenarios, and validates them (model parseCorrelations). A bad
 * row is named by its cell, e.g. 'Sourcing Inputs'!C42, with what is allowed; the other rows apply.
 */
import { cellAddress } from "../layout/address";
import { CORRELATIONS_TABLE, correlationColumnOf, correlationsFromTable } from "../layout/correlations-table";
import { type CorrelationPair, parseCorrelations } from "../model";
import { type ExcelRun, excelRun } from "./host";
import { bodyBlock, lookUpTable, queueTableShape, tableHeaders } from "./read";
import { readValueBlocks } from "./read-values";

export interface WorkbookCorrelations {
  /** The valid pairs, for the simulation. */
  pairs: CorrelationPair[];
  /** One sentence per bad cell, naming it: these rows were left out. */
  errors: string[];
}

/**
 * The SourcingCorrelations table's valid pairs and its errors; none of either without the table. Look up, then
 * header and data body (never the totals row), then the values in size-checked requests (read-values.ts).
 */
export async function readWorkbookCorrelations(run: ExcelRun = excelRun): Promise<WorkbookCorrelations> {
  return run(async (context) => {
    const lookup = lookUpTable(context, CORRELATIONS_TABLE);
    await context.sync();
    if (lookup.table.isNullObject) return { pairs: [], errors: [] };
    const shape = queueTableShape(lookup);
    await context.sync();
    const { values } = await readValueBlocks(context, [bodyBlock(shape)]);
    const headers = tableHeaders(shape);
    const { pairs, errors } = parseCorrelations(correlationsFromTable(headers, values[0]));
    const columnOf = (field: string) => headers.findIndex((h) => correlationColumnOf(h) === field);
    return {
      pairs,
      errors: errors.map((e) => {
        const column = columnOf(e.column);
        const cell =
          e.row === null || column < 0
            ? `row ${e.row ?? "?"}`
            : cellAddress(shape.sheet.name, shape.body.rowIndex + e.row - 1, shape.body.columnIndex + column);
        return `${CORRELATIONS_TABLE} ${cell}: ${e.message}`;
      }),
    };
  });
}
