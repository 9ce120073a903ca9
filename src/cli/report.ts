/** The readable form of a model result: an aligned table, the rationales, then errors and warnings. */
import { FIELD_BY_KEY } from "../model/fields";
import { formatMoney } from "../model/recommend";
import type { InputError, InputWarning, ModelResult } from "../model/types";
import { printable } from "./context";

interface Column {
  title: string;
  align: "left" | "right";
}

/** Lays out rows under titles, each column as wide as its widest cell, two spaces apart. */
export function alignedTable(columns: readonly Column[], rows: readonly string[][]): string[] {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (columns[i].align === "right" ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.title)), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

const month = (value: number | null): string => (value === null ? "none" : String(value));

/** The summary table and rationales (stdout). */
export function resultReport(result: ModelResult, source: string): string {
  const { currency, horizonMonths } = result.assumptions;
  const lines: string[] = [];
  const count = result.results.length;
  lines.push(`${source}: ${count} function${count === 1 ? "" : "s"} modelled over ${horizonMonths} months, amounts in ${currency}.`);
  if (count === 0) {
    lines.push(result.errors.length > 0 ? "Nothing to show: see the errors below." : "The file lists no functions.");
    return `${printable(lines.join("\n"))}\n`;
  }
  lines.push("");
  const columns: Column[] = [
    { title: "Function", align: "left" },
    { title: "Recommendation", align: "left" },
    { title: "Break-even", align: "right" },
    { title: "Discounted break-even", align: "right" },
    { title: "Run-rate crossover", align: "right" },
    { title: "Total staff aug", align: "right" },
    { title: "Total BPO", align: "right" },
    { title: "Total bridge", align: "right" },
  ];
  const rows = result.results.map((r) => [
    r.function,
    r.recommendation,
    month(r.breakEvenMonth),
    month(r.discountedBreakEvenMonth),
    month(r.runRateCrossoverMonth),
    formatMoney(r.total.STAFF_AUG, currency),
    formatMoney(r.total.BPO, currency),
    formatMoney(r.total.BRIDGE, currency),
  ]);
  lines.push(...alignedTable(columns, rows));
  lines.push(
    "",
    `Break-even columns give the month (from 1) from which BPO stays cheaper than staff augmentation; "none": not within ${horizonMonths} months.`,
    `Totals are undiscounted sums over ${horizonMonths} months; the recommendation compares discounted totals (NPV).`,
    "",
    "Rationale",
  );
  for (const r of result.results) lines.push(`  ${r.function}: ${r.rationale}`);
  return `${printable(lines.join("\n"))}\n`;
}

/** Where an error is, in words, when the file gives no better place. */
export function fallbackLocation(error: InputError): string {
  const label = FIELD_BY_KEY.get(error.column)?.label ?? error.column;
  return error.row === null ? `assumption ${label}` : `row ${error.row}, column ${label}`;
}

/** Errors and warnings (stderr). `locate` names the cell or flag each error comes from. */
export function problemReport(result: ModelResult, locate: (error: InputError) => string): string {
  const lines: string[] = [];
  if (result.errors.length > 0) {
    const assumptionErrors = result.errors.some((e) => e.row === null);
    const n = result.errors.length;
    lines.push(
      assumptionErrors
        ? `${n} error${n === 1 ? "" : "s"}; an assumption is invalid, so no function was modelled:`
        : `${n} error${n === 1 ? "" : "s"}; the rows concerned were not modelled, the others were:`,
    );
    for (const error of result.errors) lines.push(`  ${locate(error)}: ${error.message}`);
  }
  for (const warning of result.warnings) lines.push(warningLine(warning, locate));
  return lines.length === 0 ? "" : `${printable(lines.join("\n"))}\n`;
}

/** A warning on one cell names the cell as errors do; a warning on a whole column stands alone. */
export function warningLine(warning: InputWarning, locate: (error: InputError) => string): string {
  if (warning.row === undefined) return `warning: ${warning.message}`;
  return `warning: ${locate({ row: warning.row, column: warning.column, value: null, message: warning.message })}: ${warning.message}`;
}
