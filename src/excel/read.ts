/**
 * Reading the inputs: the functions table and the assumptions, plus what is needed to turn errors into cell
 * addresses and to find the error marks of an earlier run.
 *
 * Syncs: the usual workbook (tables SourcingFunctions and SourcingAssumptions) is read in ONE sync. Only when a
 * table is missing does a second sync load the fallback "Functions"/"Assumptions" sheet, whose size the first
 * sync learnt; the region around the selection takes one more (its address, then its values). So the add-in
 * never loads the values of an unrelated, possibly huge, region, and a selected chart cannot fail the normal
 * path. No count depends on the number of rows.
 *
 * Assumption (Office.js): navigating from an *OrNullObject result (table.getRange(), table.worksheet) yields
 * null objects rather than failing; the stand-in models it so, and the code reads `isNullObject` of the lookup
 * itself before touching anything derived from it.
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
import { mapFunctionHeaders } from "../model/headers";
import type { CellValue, ModelInput } from "../model/types";
import { parseRef, splitAddress } from "../office-standin/address";
import { type ExcelRun, SourcingUserError, excelRun, officeErrorCode } from "./host";
import type { AssumptionsSource, FunctionsSource } from "./locate";

/** The sheets Run model replaces on every run (write.ts deletes and recreates them). */
export const OWNED_SHEETS: readonly string[] = [RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET];
/**
 * Every sheet the add-in writes, never read as input nor watched by Live mode: the model's outputs and the
 * analysis sheet. The analysis sheet is not in OWNED_SHEETS because a model run must not delete it (only an
 * analysis run replaces it, src/excel/analysis.ts).
 */
export const ADDIN_SHEETS: readonly string[] = [...OWNED_SHEETS, ANALYSIS_SHEET];
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

function located(address: string): { sheet: string; row: number; column: number; rowCount: number; columnCount: number } {
  const { sheet, ref } = splitAddress(address);
  return { sheet: sheet ?? "", ...parseRef(ref) };
}

function functionsFrom(kind: FunctionsSource["kind"], range: Loaded): { source: FunctionsSource; rows: CellValue[][] } {
  const where = located(range.address);
  const [headers = [], ...rows] = range.values;
  return {
    source: { kind, sheet: where.sheet, headerRow: where.row, firstColumn: where.column, headers, rowCount: rows.length, address: range.address },
    rows,
  };
}

function assumptionsFrom(kind: AssumptionsSource["kind"], range: Loaded): { source: AssumptionsSource; pairs: [CellValue, CellValue][] } {
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

type MarkLoad = { sheet: Excel.Worksheet; formats: Excel.ConditionalFormatCollection };

function queueMarkScan(worksheet: Excel.Worksheet): MarkLoad {
  worksheet.load("name");
  return { sheet: worksheet, formats: worksheet.getRange().conditionalFormats.load("items/id,items/type") };
}

function collectMarks(scans: MarkLoad[], into: WorkbookInputs["markCandidates"]): void {
  for (const scan of scans) {
    if (scan.sheet.isNullObject) continue;
    for (const item of scan.formats.items) {
      if (item.type === "Custom" && !into.some((m) => m.id === item.id)) into.push({ sheet: scan.sheet.name, id: item.id });
    }
  }
}

/** Reads the model's input from the workbook (see the module comment for the syncs). */
export async function readInputs(run: ExcelRun = excelRun): Promise<WorkbookInputs> {
  return run(async (context) => {
    const workbook = context.workbook;
    const functionsTable = workbook.tables.getItemOrNullObject(FUNCTIONS_TABLE);
    const functionsRange = functionsTable.getRange().load("values,address");
    const assumptionsTable = workbook.tables.getItemOrNullObject(ASSUMPTIONS_TABLE);
    const assumptionsRange = assumptionsTable.getRange().load("values,address");
    const functionsSheet = workbook.worksheets.getItemOrNullObject(FUNCTIONS_SHEET_FALLBACK);
    const functionsUsed = functionsSheet.getUsedRangeOrNullObject(true).load("address");
    const assumptionsSheet = workbook.worksheets.getItemOrNullObject(ASSUMPTIONS_SHEET_FALLBACK);
    const assumptionsUsed = assumptionsSheet.getUsedRangeOrNullObject(true).load("address");
    const scans = [queueMarkScan(functionsTable.worksheet), queueMarkScan(assumptionsTable.worksheet)];
    await context.sync();

    const result: WorkbookInputs = { input: { functions: { headers: [], rows: [] } }, functions: null, assumptions: null, markCandidates: [] };
    collectMarks(scans, result.markCandidates);

    let functionRows: CellValue[][] = [];
    let assumptionPairs: [CellValue, CellValue][] | undefined;
    if (!functionsTable.isNullObject) {
      const read = functionsFrom("table", functionsRange);
      if (isOwnedSheet(read.source.sheet)) {
        throw new SourcingUserError(`The ${FUNCTIONS_TABLE} table is on the sheet "${read.source.sheet}", which the add-in replaces on every run. Move the table to another sheet.`);
      }
      result.functions = read.source;
      functionRows = read.rows;
    }
    if (!assumptionsTable.isNullObject) {
      const read = assumptionsFrom("table", assumptionsRange);
      if (isOwnedSheet(read.source.sheet)) {
        throw new SourcingUserError(`The ${ASSUMPTIONS_TABLE} table is on the sheet "${read.source.sheet}", which the add-in replaces on every run. Move the table to another sheet.`);
      }
      result.assumptions = read.source;
      assumptionPairs = read.pairs;
    }

    // Fallbacks, in a second sync, only when a table is missing.
    const needFunctions = result.functions === null;
    const needAssumptions = result.assumptions === null && !assumptionsSheet.isNullObject && !assumptionsUsed.isNullObject;
    if (needFunctions || needAssumptions) {
      const fallback = await readFallbacks(context, {
        functionsSheet: needFunctions && !functionsSheet.isNullObject && !functionsUsed.isNullObject ? functionsUsed.address : undefined,
        selection: needFunctions && (functionsSheet.isNullObject || functionsUsed.isNullObject),
        assumptionsSheet: needAssumptions ? assumptionsUsed.address : undefined,
      });
      if (fallback.functions) {
        result.functions = fallback.functions.source;
        functionRows = fallback.functions.rows;
      }
      if (fallback.assumptions) {
        result.assumptions = fallback.assumptions.source;
        assumptionPairs = fallback.assumptions.pairs;
      }
      for (const mark of fallback.marks) if (!result.markCandidates.some((m) => m.id === mark.id)) result.markCandidates.push(mark);
      result.notFoundReason = fallback.notFoundReason;
    }

    result.input = {
      functions: { headers: result.functions?.headers ?? [], rows: functionRows },
      ...(assumptionPairs ? { assumptions: assumptionPairs } : {}),
    };
    return result;
  });
}

interface FallbackRequest {
  functionsSheet?: string;
  selection: boolean;
  assumptionsSheet?: string;
}

interface FallbackResult {
  functions?: { source: FunctionsSource; rows: CellValue[][] };
  assumptions?: { source: AssumptionsSource; pairs: [CellValue, CellValue][] };
  marks: WorkbookInputs["markCandidates"];
  notFoundReason?: string;
}

export const NO_FUNCTIONS_TABLE = "No functions table found: insert the sample or select your table.";

async function readFallbacks(context: Excel.RequestContext, request: FallbackRequest, withSelection = request.selection): Promise<FallbackResult> {
  const workbook = context.workbook;
  const out: FallbackResult = { marks: [] };
  const tooBig = (address: string) => cellsIn(address) > MAX_FALLBACK_CELLS;

  const functionsRange =
    request.functionsSheet && !tooBig(request.functionsSheet)
      ? workbook.worksheets.getItem(FUNCTIONS_SHEET_FALLBACK).getRange(splitAddress(request.functionsSheet).ref).load("values,address")
      : undefined;
  const assumptionsRange =
    request.assumptionsSheet && !tooBig(request.assumptionsSheet)
      ? workbook.worksheets.getItem(ASSUMPTIONS_SHEET_FALLBACK).getRange(splitAddress(request.assumptionsSheet).ref).load("values,address")
      : undefined;
  const region = withSelection ? workbook.getSelectedRange().getSurroundingRegion().load("address,rowCount,columnCount") : undefined;
  const scans: MarkLoad[] = [];
  if (functionsRange) scans.push(queueMarkScan(workbook.worksheets.getItem(FUNCTIONS_SHEET_FALLBACK)));
  if (assumptionsRange) scans.push(queueMarkScan(workbook.worksheets.getItem(ASSUMPTIONS_SHEET_FALLBACK)));
  try {
    await context.sync();
  } catch (error) {
    // A chart or shape is selected: the selection cannot help; read the rest without it.
    if (withSelection && officeErrorCode(error) === "InvalidSelection") {
      const rest = await readFallbacks(context, request, false);
      return { ...rest, notFoundReason: rest.functions ? undefined : `${NO_FUNCTIONS_TABLE} (The selection is not a range of cells.)` };
    }
    throw error;
  }
  collectMarks(scans, out.marks);
  if (functionsRange) out.functions = functionsFrom("sheet", functionsRange);
  if (assumptionsRange) out.assumptions = assumptionsFrom("sheet", assumptionsRange);

  if (region) {
    // The region's values come in the same request as its size would: load them only if it is a plausible table.
    const where = located(region.address);
    if (isOwnedSheet(where.sheet)) out.notFoundReason = `${NO_FUNCTIONS_TABLE} (The selection is on "${where.sheet}", a sheet the add-in writes.)`;
    else if (where.rowCount < 2) out.notFoundReason = NO_FUNCTIONS_TABLE;
    else if (where.rowCount * where.columnCount > MAX_FALLBACK_CELLS) out.notFoundReason = `${NO_FUNCTIONS_TABLE} (The region around the selection is too large to be the functions table.)`;
    else {
      const sheet = workbook.worksheets.getItem(where.sheet);
      const values = sheet.getRange(splitAddress(region.address).ref).load("values,address");
      const scan = queueMarkScan(sheet);
      await context.sync();
      const read = functionsFrom("selection", values);
      if (!mapFunctionHeaders(read.source.headers).indexByKey.has("function")) {
        out.notFoundReason = `${NO_FUNCTIONS_TABLE} (The region around the selection, ${region.address}, has no "Function" column in its first row.)`;
      } else {
        out.functions = read;
        collectMarks([scan], out.marks);
      }
    }
  } else if (!out.functions && !out.notFoundReason && request.functionsSheet) {
    out.notFoundReason = `${NO_FUNCTIONS_TABLE} (The "${FUNCTIONS_SHEET_FALLBACK}" sheet is too large to read; make it a table named ${FUNCTIONS_TABLE}.)`;
  }
  return out;
}
