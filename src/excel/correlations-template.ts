/**
 * "Add a correlations table" (the analysis panel): a SourcingCorrelations table (Input | Other input | Rank
 * correlation) with one example row, on the inputs sheet below everything already there (template-table.ts), so a
 * CFO can say which ranges move together: SA rates and BPO fees with the same labour market.
 */
import { CORRELATIONS_TABLE, CORRELATION_HEADERS } from "../layout/correlations-table";
import { FUNCTIONS_TABLE } from "../layout/workbook";
import { type ExcelRun, excelRun } from "./host";
import { type TemplateOutcome, addTemplateTable } from "./template-table";

/** The example row: rates and fees rise and fall with the same labour market. */
export const CORRELATION_TEMPLATE_ROW = ["SA hourly rate", "BPO monthly fee per FTE", 0.5] as const;

export const addCorrelationsTable = (run: ExcelRun = excelRun): Promise<TemplateOutcome> =>
  addTemplateTable(
    {
      name: CORRELATIONS_TABLE,
      title:
        "Correlated ranges: each row says how strongly two inputs with Min/Max ranges move together (rank correlation, -1 to 1: 1 in step, -1 opposite, 0 independently). Run analysis draws them so.",
      headers: CORRELATION_HEADERS,
      example: CORRELATION_TEMPLATE_ROW,
      // The inputs' names as Text; the correlation as typed (0.5 or 50%).
      textColumns: [0, 1],
      exists: (sheet) =>
        `This workbook already has a ${CORRELATIONS_TABLE} table (on the sheet "${sheet}"), so nothing was added. Add a row per pair of inputs that move together: Input, Other input, Rank correlation.`,
      noInputsSheet: `No ${FUNCTIONS_TABLE} table found, so there is no inputs sheet to put correlations on. Insert the sample model or add your functions table first, then add the correlations table.`,
      added: (sheet, header) =>
        `Added a ${CORRELATIONS_TABLE} table on the sheet "${sheet}" at ${header}, with one example row (${CORRELATION_TEMPLATE_ROW[0]} and ${CORRELATION_TEMPLATE_ROW[1]}: ${CORRELATION_TEMPLATE_ROW[2]}). Add a row per pair of inputs that move together, then Run analysis.`,
    },
    run,
  );
