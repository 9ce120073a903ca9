/**
 * The Excel adapter: the only code that calls Excel.run. Each function takes an optional `run` (default the
 * global Excel.run) so the stand-in in src/office-standin can take Excel's place in tests and the playground.
 */
export { type ExcelRun, excelRun, SourcingUserError, officeErrorCode } from "./host";
export { readInputs, type WorkbookInputs, OWNED_SHEETS, isOwnedSheet, NO_FUNCTIONS_TABLE } from "./read";
export { writeOutputs, type WriteSummary, MARK_FORMULA, MAX_CHARTS, MAX_MARKS } from "./write";
export { insertSample, liveFormulas, type InsertSampleOutcome } from "./sample";
export { onInputsChanged, selectCell, type InputSubscription, type InputChange } from "./events";
export {
  runModel,
  runModelIfChanged,
  markResultsIfInputsChanged,
  inputsKey,
  STALE_RESULTS_NOTE,
  type RunOutcome,
} from "./run-model";
export { DECLARED_REQUIREMENTS, officeIsSetSupported, type IsSetSupported } from "./requirements";
export { readValueBlocks, READ_BUDGET_BYTES, type ValueBlock } from "./read-values";
export { locateErrors, type LocatedError, type FunctionsSource, type AssumptionsSource } from "./locate";
export { savingVsStaffAug, REQUEST_BUDGET_BYTES, planChunks } from "./result-tables";
export { exportNativeWorkbook, freezeWorkbookCopy, officeWorkbookBytes, type ReadWorkbookBytes } from "./export";
export { writePortfolio, type PortfolioWriteSummary } from "./write-portfolio";
