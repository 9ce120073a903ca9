/**
 * Loads an .xlsx's cells and defined names into HyperFormula (test-only: HyperFormula is GPL/commercial and never
 * ships). Formulas are read from the file with ExcelJS and handed over as "=…"; text that starts with = or ' gets
 * HyperFormula's text marker so it stays text.
 */
import ExcelJS from "exceljs";
import { HyperFormula, type RawCellContent } from "hyperformula";
/** HyperFormula is dual-licensed; tests use it under the GPLv3. */
const HYPERFORMULA_LICENSE = "gpl-v3";

export type SheetGrid = RawCellContent[][];

function raw(value: ExcelJS.CellValue): RawCellContent {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return /^[='+-]/.test(value) && value.length > 1 ? `'${value}` : value;
  if (typeof value === "object" && "formula" in value && value.formula) return `=${value.formula}`;
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  throw new Error(`Unsupported cell value ${JSON.stringify(value)}`);
}

export async function loadGrids(
  bytes: Uint8Array,
): Promise<{ sheets: Record<string, SheetGrid>; names: { name: string; expression: string }[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets: Record<string, SheetGrid> = {};
  workbook.eachSheet((ws) => {
    const grid: SheetGrid = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: RawCellContent[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // A shared formula's other cells carry only a pointer to its first cell; ExcelJS moves the formula down.
        cells[c - 1] = cell.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : raw(cell.value);
      });
      grid[r - 1] = Array.from(cells, (v) => v ?? null);
    });
    sheets[ws.name] = Array.from(grid, (row) => row ?? []);
  });
  const model = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  const names = model.map((d) => ({ name: d.name, expression: `=${d.ranges[0]}` }));
  return { sheets, names };
}

export async function hyperFormulaFromXlsx(bytes: Uint8Array): Promise<HyperFormula> {
  const { sheets, names } = await loadGrids(bytes);
  return HyperFormula.buildFromSheets(
    sheets,
    { licenseKey: HYPERFORMULA_LICENSE, maxRows: 1_048_576, maxColumns: 16_384, smartRounding: false },
    names,
  );
}
