/**
 * Reading the inputs: the functions table and the assumptions, plus what is needed to turn errors into cell
 * addresses and to find the error marks of an earlier run.
 *
 * Requests, none of them depending on the number of rows:
 *  1. look up: the SourcingFunctions and SourcingAssumptions tables and the fallback "Functions"/"Assumptions"
 *     sheets (`…OrNullObject`), with the tables' showHeaders/showTotals;
 *  2. shape: only from objects that exist (Office.js documents nothing but `isNullObject` on a null object, so
 *     nothing is navigated from one): each table's header names, data-body address and sheet, the custom
 *     conditional formats on those sheets, the used range of a fallback sheet, or the region around the selection;
 *  3+. values: the data bodies (the totals row is never read) in requests sized to stay under the 5 MB response
 *     limit (read-values.ts), with the rules of the conditional formats riding in the first.
 * So the add-in never loads the values of an unrelated, possibly huge, region, and a selected chart cannot fail
 * the normal path.
 */
import {
  ANALYSIS_SHEET,
  ASSUMPTIONS_SHEET_FALLBACK,
  ASSUMPTIONS_TABLE,
  CHARTS_SHEET,
  FUNCTIONS_SHEET_FALLBACK,
  FUNCTIONS_TABLE,
  RESULTS_SHEET,
  SCHEDULE_SHEET,
  isAssumptionHeaderRow,
} from "../layout/workbook";
import { PORTFOLIO_SHEET } from "../layout/portfolio-sheet";
import { mapFunctionHeaders, type CellValue, type ModelInput } from "../model";
import { parseRef, sheetAddress, splitAddress } from "../layout/address";
import { type ExcelRun, SourcingUserError, excelRun, officeErrorCode } from "./host";
import type { AssumptionsSource, FunctionsSource } from "./locate";
import { MARK_FORMULA } from "./marks";
import { type ValueBlock, readValueBlocks } from "./read-values";

/** The sheets Run model replaces on every run (write.ts deletes and recreates them). */
export const OWNED_SHEETS: readonly string[] = [RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET];
/**
 * Every sheet the add-in writes, never read as input nor watched by Live mode: the model's outputs, the
 * analysis sheet and the portfolio sheet. These two are not in OWNED_SHEETS because a model run must not delete
 * them (only an analysis run replaces the first, src/excel/write-analysis.ts, and only a portfolio run the
 * second, src/excel/write-portfolio.ts).
 */
export const ADDIN_SHEETS: readonly string[] = [...OWNED_SHEETS, ANALYSIS_SHEET, PORTFOLIO_SHEET];
export const isOwnedSheet = (name: string): boolean => ADDIN_SHEETS.some((s) => s.toLowerCase() === name.toLowerCase());

/** A fallback range larger than this is not read (the user is pointed at the table instead). */
export const MAX_FALLBACK_CELLS = 400_000;

export interface WorkbookInputs {
  input: ModelInput;
  functions: FunctionsSource | null;
  assumptions: AssumptionsSource | null;
  /** Custom conditional formats on the input sheets: the marks of an earlier run are among them. */
  markCandidates: { sheet: string; id: string }[];
  /** Why no functions table was found, for the pane's empty state. */
  notFoundReason?: string;
}

interface Loaded {
  values: CellValue[][];
  address: string;
}

function located(address: string): {
  sheet: string;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
} {
  const { sheet, ref } = splitAddress(address);
  return { sheet: sheet ?? "", ...parseRef(ref) };
}

function functionsFrom(kind: FunctionsSource["kind"], range: Loaded): { source: FunctionsSource; rows: CellValue[][] } {
  const where = located(range.address);
  const [headers = [], ...rows] = range.values;
  return {
    source: {
      kind,
      sheet: where.sheet,
      headerRow: where.row,
      firstColumn: where.column,
      headers,
      rowCount: rows.length,
      address: range.address,
    },
    rows,
  };
}

function assumptionsFrom(
  kind: AssumptionsSource["kind"],
  range: Loaded,
): { source: AssumptionsSource; pairs: [CellValue, CellValue][] } {
  const where = located(range.address);
  const skip = range.values.length > 0 && isAssumptionHeaderRow(range.values[0]) ? 1 : 0;
  const keys: AssumptionsSource["keys"] = [];
  const pairs: [CellValue, CellValue][] = [];
  range.values.slice(skip).forEach((row, i) => {
    keys.push({ key: row[0], row: where.row + skip + i });
    pairs.push([row[0], row[1]]);
  });
  return { source: { kind, sheet: where.sheet, keyColumn: where.column, keys, address: range.address }, pairs };
}

const cellsIn = (address: string): number => {
  const r = located(address);
  return r.rowCount * r.columnCount;
};

// ---- Tables -----------------------------------------------------------------------------------------------------

/** A table found by a `…OrNullObject` lookup; its own scalar properties load with the lookup. */
export interface TableLookup {
  table: Excel.Table;
}

export function lookUpTable(context: Excel.RequestContext, name: string): TableLookup {
  return { table: context.workbook.tables.getItemOrNullObject(name).load("showHeaders,showTotals") };
}

/** What the shape request learns about a table that exists. */
export interface TableShape {
  table: Excel.Table;
  sheet: Excel.Worksheet;
  /** The header row's cells, or (header row hidden) the column names. */
  headerCells?: Excel.Range;
  columnNames?: Excel.TableColumnCollection;
  body: Excel.Range;
}

/** Queues the shape of a table known to exist (after the lookup's sync): header, data body, sheet. */
export function queueTableShape(lookup: TableLookup): TableShape {
  const { table } = lookup;
  // A hidden header row has no cells; Office.js does not say what getHeaderRowRange() then returns, so the
  // column names (the same text) are read instead.
  const shape: TableShape = {
    table,
    sheet: table.worksheet.load("name"),
    body: table.getDataBodyRange().load("address,rowIndex,columnIndex,rowCount,columnCount"),
  };
  if (table.showHeaders) shape.headerCells = table.getHeaderRowRange().load("values");
  else shape.columnNames = table.columns.load("items/name");
  return shape;
}

export function tableHeaders(shape: TableShape): CellValue[] {
  if (shape.headerCells) return (shape.headerCells.values[0] ?? []) as CellValue[];
  return (shape.columnNames as Excel.TableColumnCollection).items.map((c) => c.name);
}

/** The data body as a block to read (the totals row is not part of it). */
export const bodyBlock = (shape: TableShape): ValueBlock => ({
  sheet: shape.sheet,
  row: shape.body.rowIndex,
  column: shape.body.columnIndex,
  rowCount: shape.body.rowCount,
  columnCount: shape.body.columnCount,
});

/** Header row (shown or not) and data body as one loaded range, addressed from the row above the data. */
function tableLoaded(shape: TableShape, body: CellValue[][]): Loaded {
  const rect = {
    row: shape.body.rowIndex - 1,
    column: shape.body.columnIndex,
    rowCount: shape.body.rowCount + 1,
    columnCount: shape.body.columnCount,
  };
  return { values: [tableHeaders(shape), ...body], address: sheetAddress(shape.sheet.name, rect) };
}

// ---- Error marks --------------------------------------------------------------------------------------------------

interface MarkScan {
  sheet: Excel.Worksheet;
  formats: Excel.ConditionalFormatCollection;
  rules: { id: string; rule: Excel.ConditionalFormatRule }[];
}

function queueMarkScan(worksheet: Excel.Worksheet): MarkScan {
  return { sheet: worksheet, formats: worksheet.getRange().conditionalFormats.load("items/id,items/type"), rules: [] };
}

/** After the scan's sync: queue the rule of each custom format (items exist: they came back in the response). */
function queueMarkRules(scans: MarkScan[]): void {
  for (const scan of scans) {
    for (const item of scan.formats.items)
      if (item.type === "Custom") scan.rules.push({ id: item.id, rule: item.custom.rule.load("formula") });
  }
}

function collectMarks(scans: MarkScan[], into: WorkbookInputs["markCandidates"]): void {
  for (const scan of scans) {
    for (const { id, rule } of scan.rules) {
      if (rule.formula === MARK_FORMULA && !into.some((m) => m.id === id)) into.push({ sheet: scan.sheet.name, id });
    }
  }
}

// ---- The read -----------------------------------------------------------------------------------------------------

/** Reads the model's input from the workbook (see the module comment for the requests). */
export async function readInputs(run: ExcelRun = excelRun): Promise<WorkbookInputs> {
  return run(async (context) => {
    const workbook = context.workbook;
    // 1. Look up.
    const functionsTable = lookUpTable(context, FUNCTIONS_TABLE);
    const assumptionsTable = lookUpTable(context, ASSUMPTIONS_TABLE);
    const functionsSheet = workbook.worksheets.getItemOrNullObject(FUNCTIONS_SHEET_FALLBACK);
    const assumptionsSheet = workbook.worksheets.getItemOrNullObject(ASSUMPTIONS_SHEET_FALLBACK);
    await context.sync();

    // Without a functions table or sheet: the region around the selection, in a request of its own (a failed
    // request delivers none of its loads, so nothing else may ride in it).
    let regionOutcome =
      functionsTable.table.isNullObject && functionsSheet.isNullObject ? await selectedRegion(context) : undefined;

    // 2. Shape, from what exists.
    const functionsShape = functionsTable.table.isNullObject ? undefined : queueTableShape(functionsTable);
    const assumptionsShape = assumptionsTable.table.isNullObject ? undefined : queueTableShape(assumptionsTable);
    const functionsUsed =
      !functionsShape && !functionsSheet.isNullObject
        ? functionsSheet.getUsedRangeOrNullObject(true).load("address")
        : undefined;
    const assumptionsUsed =
      !assumptionsShape && !assumptionsSheet.isNullObject
        ? assumptionsSheet.getUsedRangeOrNullObject(true).load("address")
        : undefined;
    // Error marks of an earlier run may sit on any sheet the inputs may come from.
    const earlyScans: MarkScan[] = [];
    for (const shape of [functionsShape, assumptionsShape]) if (shape) earlyScans.push(queueMarkScan(shape.sheet));
    if (functionsUsed) earlyScans.push(queueMarkScan(functionsSheet));
    if (assumptionsUsed) earlyScans.push(queueMarkScan(assumptionsSheet));
    const regionSheet = regionOutcome && "address" in regionOutcome ? located(regionOutcome.address).sheet : undefined;
    if (regionSheet !== undefined && !isOwnedSheet(regionSheet))
      earlyScans.push(queueMarkScan(workbook.worksheets.getItem(regionSheet)));
    await context.sync();

    const result: WorkbookInputs = {
      input: { functions: { headers: [], rows: [] } },
      functions: null,
      assumptions: null,
      markCandidates: [],
    };
    for (const shape of [functionsShape, assumptionsShape]) {
      if (shape && isOwnedSheet(shape.sheet.name)) {
        const name = shape === functionsShape ? FUNCTIONS_TABLE : ASSUMPTIONS_TABLE;
        throw new SourcingUserError(
          `The ${name} table is on the sheet "${shape.sheet.name}", which the add-in replaces on every run. Move the table to another sheet.`,
        );
      }
    }

    // An empty "Functions" sheet: the selection may still point at the table (one more, rare, request).
    const lateRegion = !functionsShape && functionsUsed !== undefined && functionsUsed.isNullObject;
    if (lateRegion) regionOutcome = await selectedRegion(context);

    // Which blocks to read, and why a fallback is not read.
    const blocks: ValueBlock[] = [];
    /** Scans queued with the values: their rules need one more request. */
    const laterScans: MarkScan[] = [];
    const take = (block: ValueBlock) => blocks.push(block) - 1;
    /** Queues the block of `sheet` at the place `located` found. */
    const takeAt = (sheet: Excel.Worksheet, where: ReturnType<typeof located>) =>
      take({ sheet, row: where.row, column: where.column, rowCount: where.rowCount, columnCount: where.columnCount });
    const functionsAt = functionsShape ? take(bodyBlock(functionsShape)) : undefined;
    const assumptionsAt = assumptionsShape ? take(bodyBlock(assumptionsShape)) : undefined;
    let notFoundReason: string | undefined;
    const fallbackBlock = (
      sheet: Excel.Worksheet,
      used: Excel.Range | undefined,
    ): { at: number; address: string } | undefined => {
      if (!used || used.isNullObject || cellsIn(used.address) > MAX_FALLBACK_CELLS) return undefined;
      const where = located(used.address);
      return {
        at: takeAt(sheet, where),
        address: used.address,
      };
    };
    const functionsFallback = functionsShape ? undefined : fallbackBlock(functionsSheet, functionsUsed);
    if (!functionsShape && functionsUsed && !functionsUsed.isNullObject && !functionsFallback) {
      notFoundReason = `${NO_FUNCTIONS_TABLE} (The "${FUNCTIONS_SHEET_FALLBACK}" sheet is too large to read; make it a table named ${FUNCTIONS_TABLE}.)`;
    }
    const assumptionsFallback = assumptionsShape ? undefined : fallbackBlock(assumptionsSheet, assumptionsUsed);
    let regionAt: { at: number; address: string } | undefined;
    if (!functionsShape && !functionsFallback && regionOutcome) {
      if ("reason" in regionOutcome) notFoundReason = regionOutcome.reason;
      else {
        const where = located(regionOutcome.address);
        if (isOwnedSheet(where.sheet))
          notFoundReason = `${NO_FUNCTIONS_TABLE} (The selection is on "${where.sheet}", a sheet the add-in writes.)`;
        else if (where.rowCount < 2) notFoundReason = NO_FUNCTIONS_TABLE;
        else if (where.rowCount * where.columnCount > MAX_FALLBACK_CELLS)
          notFoundReason = `${NO_FUNCTIONS_TABLE} (The region around the selection is too large to be the functions table.)`;
        else {
          const sheet = workbook.worksheets.getItem(where.sheet);
          if (lateRegion) laterScans.push(queueMarkScan(sheet));
          regionAt = {
            at: takeAt(sheet, where),
            address: regionOutcome.address,
          };
        }
      }
    }

    // 3. Values, with the rules of the custom conditional formats in the first request (a late region's sheet
    // is scanned with the values; its rules follow in one more).
    const { values } = await readValueBlocks(context, blocks, () => queueMarkRules(earlyScans));
    if (laterScans.length > 0) {
      queueMarkRules(laterScans);
      await context.sync();
    }
    collectMarks([...earlyScans, ...laterScans], result.markCandidates);

    let functionsRead: ReturnType<typeof functionsFrom> | undefined;
    if (functionsShape && functionsAt !== undefined) {
      functionsRead = functionsFrom("table", tableLoaded(functionsShape, values[functionsAt]));
    } else if (functionsFallback) {
      functionsRead = functionsFrom("sheet", {
        values: values[functionsFallback.at],
        address: functionsFallback.address,
      });
    } else if (regionAt) {
      const read = functionsFrom("selection", { values: values[regionAt.at], address: regionAt.address });
      if (!mapFunctionHeaders(read.source.headers).indexByKey.has("function")) {
        notFoundReason = `${NO_FUNCTIONS_TABLE} (The region around the selection, ${regionAt.address}, has no "Function" column in its first row.)`;
      } else {
        functionsRead = read;
      }
    }
    const assumptionsRead =
      assumptionsShape && assumptionsAt !== undefined
        ? assumptionsFrom("table", tableLoaded(assumptionsShape, values[assumptionsAt]))
        : assumptionsFallback
          ? assumptionsFrom("sheet", { values: values[assumptionsFallback.at], address: assumptionsFallback.address })
          : undefined;
    result.functions = functionsRead?.source ?? null;
    result.assumptions = assumptionsRead?.source ?? null;
    const functionRows = functionsRead?.rows ?? [];
    const assumptionPairs = assumptionsRead?.pairs;
    if (!result.functions) result.notFoundReason = notFoundReason ?? NO_FUNCTIONS_TABLE;

    result.input = {
      functions: { headers: result.functions?.headers ?? [], rows: functionRows },
      ...(assumptionPairs ? { assumptions: assumptionPairs } : {}),
    };
    return result;
  });
}

export const NO_FUNCTIONS_TABLE = "No functions table found: insert the sample or select your table.";

/**
 * The address of the region around the selection, in a request of its own: a chart or shape selected fails it
 * (InvalidSelection), and a failed request delivers none of its other loads.
 */
async function selectedRegion(context: Excel.RequestContext): Promise<{ address: string } | { reason: string }> {
  const region = context.workbook.getSelectedRange().getSurroundingRegion().load("address");
  try {
    await context.sync();
  } catch (error) {
    if (officeErrorCode(error) === "InvalidSelection")
      return { reason: `${NO_FUNCTIONS_TABLE} (The selection is not a range of cells.)` };
    throw error;
  }
  return { address: region.address };
}
