/** The readable form of a model result: an aligned table, the rationales, then errors and warnings. */
import {
  RECOMMENDATION_LABELS,
  FIELD_BY_KEY,
  formatMoney,
  formatMonth,
  type FunctionResult,
  type InputError,
  type InputWarning,
  type ModelResult,
} from "../model";
import { visible } from "./context";

export interface Column {
  title: string;
  align: "left" | "right";
}

/** Columns from one spec: titles separated by " | ", a leading ">" for a right-aligned (number) column. */
export function tableColumns(spec: string): Column[] {
  return spec
    .split(" | ")
    .map((title) => (title.startsWith(">") ? { title: title.slice(1), align: "right" } : { title, align: "left" }));
}

/** Column widths: each as wide as its title and its widest cell. A loop, not Math.max(...cells): any number of rows. */
export function columnWidths(columns: readonly Column[], rows: Iterable<readonly string[]>): number[] {
  const widths = columns.map((c) => c.title.length);
  for (const row of rows) {
    for (let i = 0; i < widths.length; i++) if (row[i].length > widths[i]) widths[i] = row[i].length;
  }
  return widths;
}

/** One line of an aligned table, cells two spaces apart. */
export function tableLine(columns: readonly Column[], widths: readonly number[], cells: readonly string[]): string {
  return cells
    .map((cell, i) => (columns[i].align === "right" ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
    .join("  ")
    .trimEnd();
}

/** Lays out rows under titles, each column as wide as its widest cell, two spaces apart. Cells are shown with visible(). */
export function alignedTable(columns: readonly Column[], rows: readonly string[][]): string[] {
  const shown = rows.map((row) => row.map(visible));
  const widths = columnWidths(columns, shown);
  return [
    tableLine(
      columns,
      widths,
      columns.map((c) => c.title),
    ),
    tableLine(
      columns,
      widths,
      widths.map((w) => "-".repeat(w)),
    ),
    ...shown.map((row) => tableLine(columns, widths, row)),
  ];
}

/** What the summary needs: the assumptions, and the results, which may be computed again on each read. */
export interface ReportInput {
  assumptions: ModelResult["assumptions"];
  count: number;
  hasErrors: boolean;
  results(): Iterable<FunctionResult>;
}

const reportInputOf = (result: ModelResult): ReportInput => ({
  assumptions: result.assumptions,
  count: result.results.length,
  hasErrors: result.errors.length > 0,
  results: () => result.results,
});

/** Adds an aligned table to `lines` one line at a time: a spread (lines.push(...table)) of 200,000 lines overflows the stack. */
export function appendTable(lines: string[], columns: readonly Column[], rows: readonly string[][]): void {
  for (const line of alignedTable(columns, rows)) lines.push(line);
}

const RESULT_COLUMNS: readonly Column[] = tableColumns(
  "Function | Recommendation | >Break-even | >Discounted break-even | >Run-rate crossover | >Total staff aug | >Total BPO | >Total bridge",
);

/**
 * The summary table and rationales, line by line (no line ends). The results are read three times (widths, table,
 * rationales) rather than kept: a run over a million rows holds one result at a time.
 */
export function* resultLines(input: ReportInput, source: string): Generator<string> {
  const { currency, horizonMonths } = input.assumptions;
  const count = input.count;
  yield `${visible(source)}: ${count} function${count === 1 ? "" : "s"} modelled over ${horizonMonths} months, amounts in ${visible(currency)}.`;
  if (count === 0) {
    yield input.hasErrors ? "Nothing to show: see the errors below." : "The file lists no functions.";
    return;
  }
  yield "";
  const cells = function* (): Generator<string[]> {
    for (const r of input.results()) {
      yield [
        visible(r.function),
        RECOMMENDATION_LABELS[r.recommendation], // words here; --json keeps the code
        formatMonth(r.breakEvenMonth),
        formatMonth(r.discountedBreakEvenMonth),
        formatMonth(r.runRateCrossoverMonth),
        visible(formatMoney(r.total.STAFF_AUG, currency)),
        visible(formatMoney(r.total.BPO, currency)),
        visible(formatMoney(r.total.BRIDGE, currency)),
      ];
    }
  };
  const widths = columnWidths(RESULT_COLUMNS, cells());
  yield tableLine(
    RESULT_COLUMNS,
    widths,
    RESULT_COLUMNS.map((c) => c.title),
  );
  yield tableLine(
    RESULT_COLUMNS,
    widths,
    widths.map((w) => "-".repeat(w)),
  );
  for (const row of cells()) yield tableLine(RESULT_COLUMNS, widths, row);
  yield "";
  yield `Break-even columns give the month (from 1) from which BPO stays cheaper than staff augmentation; "none": not within ${horizonMonths} months.`;
  yield `Totals are undiscounted sums over ${horizonMonths} months; the recommendation compares discounted totals (NPV).`;
  yield "";
  yield "Rationale";
  for (const r of input.results()) yield `  ${visible(r.function)}: ${visible(r.rationale)}`;
}

/** The summary table and rationales as one text (stdout), for results already in memory. */
export function resultReport(result: ModelResult, source: string): string {
  return `${[...resultLines(reportInputOf(result), source)].join("\n")}\n`;
}

/** Where an error is, in words, when the file gives no better place. */
export function fallbackLocation(error: InputError): string {
  const label = FIELD_BY_KEY.get(error.column)?.label ?? error.column;
  return error.row === null ? `assumption ${label}` : `row ${error.row}, column ${label}`;
}

/**
 * Errors and warnings (stderr). `locate` names the cell or flag each error comes from; `done` is what the command
 * did to the valid rows (evaluate models them, the analysis commands analyse them).
 */
export function problemReport(
  result: { errors: readonly InputError[]; warnings: readonly InputWarning[] },
  locate: (error: InputError) => string,
  done: "modelled" | "analysed",
): string {
  const lines: string[] = [];
  if (result.errors.length > 0) {
    const assumptionErrors = result.errors.some((e) => e.row === null);
    const n = result.errors.length;
    lines.push(
      assumptionErrors
        ? `${n} error${n === 1 ? "" : "s"}; an assumption is invalid, so no function was ${done}:`
        : `${n} error${n === 1 ? "" : "s"}; the rows concerned were not ${done}, the others were:`,
    );
    for (const error of result.errors) lines.push(`  ${visible(locate(error))}: ${visible(error.message)}`);
  }
  for (const warning of result.warnings) lines.push(warningLine(warning, locate));
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** A warning on one cell names the cell as errors do; a warning on a whole column stands alone. */
function warningLine(warning: InputWarning, locate: (error: InputError) => string): string {
  if (warning.row === undefined) return `warning: ${visible(warning.message)}`;
  return `warning: ${visible(locate({ row: warning.row, column: warning.column, value: null, message: warning.message }))}: ${visible(warning.message)}`;
}
