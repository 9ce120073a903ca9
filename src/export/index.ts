/** Workbooks that work without the add-in: native-formula export, freezing SOURCING formulas, the xlsx writer. */
export {
  buildNativeExport,
  DEFAULT_MAX_CALC_ROWS,
  EXCEL_MAX_CALC_ROWS,
  ExportInputError,
  ExportLimitError,
  type ExportOptions,
  type NativeExport,
} from "./native";
export { streamXlsx, writeXlsx } from "./xlsx-writer";
export { buildNativeExportWithPortfolio } from "./portfolio";
export {
  PORTFOLIO_EXPORT_SHEET,
  MONTHLY_HEADERS as PORTFOLIO_MONTHLY_HEADERS,
  monthlyBlockRow as portfolioMonthlyRow,
} from "./portfolio-sheet";
export {
  DEFAULT_FREEZE_PART_BYTES,
  FreezeError,
  FreezePartTooLargeError,
  freezeWorkbook,
  isSourcingFormula,
  type FreezeOptions,
  type FreezeResult,
} from "./freeze";
export { concatBytes, toBase64 } from "./bytes";
export * from "./names";
export type { WorkbookSpec, SheetSpec, CellSpec, CellContent, TableSpec, DefinedName } from "./spec";
