/** Turns an ExcelJS cell value into the plain value the model reads (MODEL.md §2: errors stay errors, never zeros). */
import type ExcelJS from "exceljs";
import type { CellValue } from "../model/types";

type ExcelValue = ExcelJS.CellValue;
type FormulaResult = NonNullable<ExcelJS.CellFormulaValue["result"]>;

const hasKey = <K extends string>(value: object, key: K): value is Record<K, unknown> => key in value;

function dateText(date: Date): string {
  return Number.isNaN(date.getTime()) ? "(invalid date)" : date.toISOString();
}

function plainText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && hasKey(value, "richText") && Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: unknown }) => String(run.text ?? "")).join("");
  }
  return value === null || value === undefined ? "" : String(value);
}

export interface ConvertedCell {
  value: CellValue;
  /** Set when the cell holds a formula whose result was never saved (the file was not calculated). */
  uncalculatedFormula?: string;
}

function fromResult(result: FormulaResult | undefined): CellValue {
  if (result === undefined || result === null) return null;
  if (result instanceof Date) return dateText(result);
  if (typeof result === "object") return hasKey(result, "error") ? String(result.error) : null;
  return result;
}

/**
 * Formula → its cached result; rich text and hyperlinks → their text; an error cell → its code ("#DIV/0!");
 * a date → ISO text (the model rejects it in a number column rather than reading a serial number).
 */
export function convertCell(value: ExcelValue): ConvertedCell {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return { value };
  if (value instanceof Date) return { value: dateText(value) };
  if (hasKey(value, "error")) return { value: String(value.error) };
  if (hasKey(value, "richText")) return { value: plainText(value) };
  if (hasKey(value, "hyperlink")) return { value: plainText((value as ExcelJS.CellHyperlinkValue).text) };
  if (hasKey(value, "formula") || hasKey(value, "sharedFormula")) {
    const formula = value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
    if (formula.result === undefined) {
      // Keep the formula as text: a number column then reports it, rather than the default silently standing in.
      const text = `=${formula.formula ?? ("sharedFormula" in formula ? formula.sharedFormula : "")}`;
      return { value: text, uncalculatedFormula: text };
    }
    return { value: fromResult(formula.result) };
  }
  return { value: plainText(value) };
}
