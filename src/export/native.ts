/**
 * Export as native formulas: a workbook whose inputs are the SourcingFunctions and SourcingAssumptions tables and
 * whose schedule, totals, NPVs, break-even months, crossings and recommendation are ordinary Excel formulas
 * (Excel 2016 and LibreOffice 7.4 both calculate them: IF, AND, OR, INDEX, MATCH, MIN, MAX, SUM, INT, ROUND, TEXT,
 * TRIM, IFERROR, ISNUMBER, NA). Nothing here computes a cost: the formulas are generated, the model only decides
 * which rows are valid and supplies the values to normalise.
 *
 * Sheets: Sourcing Summary (one row per function), Sourcing Inputs (the two input tables), Sourcing Assumptions
 * Used (named cells: Horizon, DaysPerMonth, …), Sourcing Drivers (each function's inputs after the precedence),
 * Sourcing Calc (one row per function and month), Sourcing About (how to use it).
 */
import {
  evaluateParsed,
  parseModelInput,
  type InputError,
  type ModelInput,
  type ModelResult,
  type ParsedInput,
  type PortfolioResult,
} from "../model";
import { calcSheet } from "./calc";
import { driversSheet } from "./drivers";
import { assumptionsUsedSheet, exportedInputs, inputsSheet } from "./inputs";
import { ABOUT_SHEET, MAX_EXPORT_HORIZON } from "./names";
import { portfolioSheet } from "./portfolio-sheet";
import { type DefinedName, type SheetSpec, type WorkbookSpec, newSheet, setCell, text } from "./spec";
import { summarySheet } from "./summary";

/**
 * Most rows Sourcing Calc may have by default (functions × longest horizon), about 45 formulas a row: 50,000 rows
 * (416 functions × 120 months, or 83 × 600) is 2.25 million formulas, which the command line writes in about 4 s of
 * CPU under 200 MB, leaving room under the 15 s bound on a busy 2-core machine; it is also about as much as Excel
 * recalculates comfortably (docs/limits.md, "Export and freeze"). 300 functions × 120 months is 36,000 rows.
 */
export const DEFAULT_MAX_CALC_ROWS = 50_000;
/** Excel's last row is 1,048,576 and Sourcing Calc has one header row: no limit can go beyond this. */
export const EXCEL_MAX_CALC_ROWS = 1_048_575;

export interface ExportOptions {
  /** Months per function on Sourcing Calc (default: the input's horizon); readers can shorten the horizon, not lengthen it. */
  maxHorizon?: number;
  /** Most rows allowed on Sourcing Calc, checked before anything is built (default {@link DEFAULT_MAX_CALC_ROWS}). */
  maxCalcRows?: number;
  /** Date written on the About sheet (default: now). */
  exportedAt?: Date;
  /**
   * The portfolio plan of the same input (optimisePortfolio): written as values on a Sourcing Portfolio sheet, with
   * its monthly loads as formulas (portfolio.ts; buildNativeExportWithPortfolio solves and passes it).
   */
  portfolio?: PortfolioResult;
}

export interface NativeExport {
  workbook: WorkbookSpec;
  /** The model's result for the same input: what the formulas recalculate to. */
  result: ModelResult;
  /** Row errors: those rows were left out of the export. */
  skipped: InputError[];
  maxHorizon: number;
}

/** The input cannot be exported: an invalid assumption (nothing is modelled) or no valid function at all. */
export class ExportInputError extends Error {
  override readonly name = "ExportInputError";
  constructor(
    message: string,
    readonly errors: InputError[],
  ) {
    super(message);
  }
}

/** The export would be larger than its limit: nothing was built. */
export class ExportLimitError extends Error {
  override readonly name = "ExportLimitError";
  constructor(
    readonly functions: number,
    readonly maxHorizon: number,
    readonly limit: number,
  ) {
    const rows = functions * maxHorizon;
    super(
      `the export would need ${rows.toLocaleString("en-US")} rows on Sourcing Calc (${functions.toLocaleString("en-US")} functions × ${maxHorizon} months), more than the limit of ${limit.toLocaleString("en-US")} rows.`,
    );
  }
}

function aboutSheet(maxHorizon: number, exportedAt: Date, skipped: number, portfolio = false): SheetSpec {
  const sheet = newSheet(ABOUT_SHEET);
  sheet.freezeHeader = false;
  const lines = [
    "Sourcing Modeler: native-formula export",
    `Exported on ${exportedAt.toISOString().slice(0, 10)}. Every result is an ordinary Excel formula: no add-in, custom function or macro is needed.`,
    "Change any input in the SourcingFunctions or SourcingAssumptions table (sheet Sourcing Inputs) and every sheet recalculates.",
    "A blank cell in SourcingFunctions uses the assumption of the same name, else the model's default (see Sourcing Assumptions Used).",
    "yes/no cells accept yes, y, true, 1 / no, n, false, 0 in any case; a value the model would reject shows #N/A.",
    `Horizon: up to ${maxHorizon} months (the rows on Sourcing Calc). A shorter horizon recalculates here; for a longer one, export again.`,
    "Adding a function: add it to SourcingFunctions and export again (each function has its own block of rows on Sourcing Calc).",
    "Sheets: Sourcing Summary (results and recommendation), Sourcing Inputs (your inputs), Sourcing Assumptions Used (the value each assumption takes),",
    "Sourcing Drivers (each function's inputs after defaults), Sourcing Calc (month by month, one column per term of the method).",
    "Method: docs/model.md of the Sourcing Modeler project. Comparisons allow 1e-6 currency units (the Tolerance cell).",
  ];
  if (skipped > 0) lines.push(`${skipped} input error(s) at export time: the rows concerned were left out.`);
  if (portfolio)
    lines.push(
      "Sourcing Portfolio: the portfolio plan as values (the optimiser needs the add-in); its monthly loads and transitions are formulas.",
    );
  lines.forEach((line, i) => setCell(sheet, i + 1, 1, text(line, i === 0 ? "header" : undefined)));
  sheet.widths.set(1, 140);
  return sheet;
}

/** Builds the native-formula workbook for an input; throws {@link ExportInputError} when nothing can be exported. */
export function buildNativeExport(
  input: ModelInput,
  options: ExportOptions = {},
  parsed: ParsedInput = parseModelInput(input), // a caller that parsed `input` already passes it
): NativeExport {
  const result = evaluateParsed(parsed);
  const assumptionErrors = result.errors.filter((e) => e.row === null);
  if (assumptionErrors.length > 0) {
    throw new ExportInputError(
      `An assumption is invalid, so nothing can be exported: ${assumptionErrors.map((e) => e.message).join(" ")}`,
      assumptionErrors,
    );
  }
  if (result.results.length === 0) {
    throw new ExportInputError(
      result.errors.length > 0
        ? "No function could be exported: every row has an input error."
        : "There is no function to export.",
      result.errors,
    );
  }
  const horizon = result.assumptions.horizonMonths;
  const maxHorizon = options.maxHorizon ?? horizon;
  if (!Number.isInteger(maxHorizon) || maxHorizon < horizon || maxHorizon > MAX_EXPORT_HORIZON) {
    throw new RangeError(
      `The longest horizon of an export must be a whole number from the horizon (${horizon}) to ${MAX_EXPORT_HORIZON}; got ${maxHorizon}.`,
    );
  }

  const maxCalcRows = options.maxCalcRows ?? DEFAULT_MAX_CALC_ROWS;
  if (!Number.isInteger(maxCalcRows) || maxCalcRows < 1 || maxCalcRows > EXCEL_MAX_CALC_ROWS) {
    throw new RangeError(
      `The row limit of an export must be a whole number from 1 to ${EXCEL_MAX_CALC_ROWS.toLocaleString("en-US")}; got ${maxCalcRows}.`,
    );
  }
  if (result.results.length * maxHorizon > maxCalcRows)
    throw new ExportLimitError(result.results.length, maxHorizon, maxCalcRows);

  const rows = exportedInputs(input, result);
  if (rows.functions.length !== result.results.length) {
    throw new Error(
      `Internal: ${rows.functions.length} rows to export for ${result.results.length} modelled functions.`,
    );
  }
  const names: DefinedName[] = [];
  const n = rows.functions.length;
  const inputs = inputsSheet(rows, names).sheet;
  const used = assumptionsUsedSheet(maxHorizon, names);
  const drivers = driversSheet(n, names);
  const skipped = result.errors.filter((e) => e.row !== null);
  const exportedAt = options.exportedAt ?? new Date();
  const portfolio = options.portfolio;
  if (portfolio && portfolio.plans.length !== n)
    throw new Error(`Internal: a portfolio of ${portfolio.plans.length} functions for ${n} exported functions.`);
  const sheets = [
    summarySheet(n, maxHorizon),
    ...(portfolio ? [portfolioSheet(portfolio, maxHorizon, exportedAt)] : []),
    inputs,
    used,
    drivers,
    calcSheet(n, maxHorizon),
    aboutSheet(maxHorizon, exportedAt, skipped.length, portfolio !== undefined),
  ];
  return { workbook: { sheets, definedNames: names }, result, skipped, maxHorizon };
}
