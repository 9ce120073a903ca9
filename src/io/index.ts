/** File readers: a path in, the model's input out (no cost logic here). */
export * from "./types";
export { InputFileError, type InputFileProblem } from "./errors";
export { readInputFile, formatOf, SUPPORTED_EXTENSIONS } from "./read";
export { readJsonText } from "./json";
export { readCsvText, toCsv } from "./csv";
export { readWorkbook, readXlsxBuffer, errorCellAddress, type WorkbookLayout } from "./xlsx";
export { cellAddress, columnLetters, quoteSheetName } from "../layout/address";
export { convertCell } from "./cell-values";
export { readScenarios, scenariosFromJson, scenariosFromTable } from "./scenarios";
