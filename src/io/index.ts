/** File readers: a path in, the model's input out (no cost logic here). */
export * from "./types";
export { InputFileError, type InputFileProblem } from "./errors";
export { readInputFile, formatOf, SUPPORTED_EXTENSIONS } from "./read";
export { readJsonText } from "./json";
export { readCsvText, toCsv } from "./csv";
export { readWorkbookPackage, readXlsxBuffer, readNamedTable, errorCellAddress, type WorkbookLayout } from "./xlsx";
export { WorkbookPackage } from "./workbook-package";
export { DEFAULT_READ_LIMITS, type ReadLimits } from "./limits";
export { readScenarios, scenariosFromJson, scenariosFromTable } from "./scenarios";
