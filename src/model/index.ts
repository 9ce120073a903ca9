/** Public surface of the sourcing cost model. Hosts (cli, excel, export, functions, playground, selftest, taskpane) import the model from here only, as eslint.config.mjs requires. */
export * from "./types";
export {
  evaluate,
  evaluateFunction,
  evaluateParsed,
  functionResultJson,
  modelResultJson,
  prepareEvaluation,
  prepareParsed,
  type EvaluationOverrides,
  type ModelRun,
} from "./evaluate";
export {
  ASSUMPTION_FIELDS,
  FUNCTION_FIELDS,
  OPTIONAL_FUNCTION_FIELDS,
  REQUIRED_FUNCTION_KEYS,
  ASSUMPTION_TABLE_FIELDS,
  FIELD_BY_KEY,
  type FieldSpec,
} from "./fields";
export {
  normalizeHeader,
  mapFunctionHeaders,
  functionHeaderMatcher,
  assumptionKeyMatcher,
  type ColumnMapping,
} from "./headers";
export { isBlank, isExcelError, quoteAsShown, toTable, validateField } from "./parse";
export { describeBreakEven, SCOPE_ORDER } from "./recommend";
export {
  formatMoney,
  formatPercent,
  formatPercentOneDecimal,
  formatMonth,
  noMonthWithin,
  RECOMMENDATION_LABELS,
  STRATEGY_LABELS,
} from "./format";
export { TOLERANCE, cumulative } from "./cumulative";
export { productiveShare, liveShare, rampDaysInMonth } from "./engine";
export * from "./sample";
export { UNCERTAIN_KEYS, UNCERTAINTY_FIELDS, RANGE_FIELD_OF, type UncertainKey } from "./fields";
export { parseModelInput, type ParseOptions, type ParsedInput, type ParsedRow, type RowRanges } from "./parse";
export * from "./simulate";
export * from "./sensitivity";
export * from "./goalseek";
export * from "./scenarios";
export { mulberry32, drawUniform, streamSeed, triangular, fnv1a, MAX_SEED } from "./random";
export * from "./voi";
export * from "./convergence";
export {
  optimisePortfolio,
  portfolioLimits,
  toPortfolioJson,
  managerPresentValue,
  loadSolver,
  PortfolioCancelledError,
  PortfolioTooLargeError,
  PLAN_MONTHS_LIMIT,
  DEFAULT_TIME_LIMIT_SECONDS,
  type PortfolioJson,
  type PortfolioLimits,
  type PortfolioMonth,
  type PortfolioOptions,
  type PortfolioPlan,
  type PortfolioPlanJson,
  type PortfolioProgress,
  type PortfolioResult,
  type PortfolioStatus,
  type PortfolioStrategy,
} from "./portfolio";
export { PORTFOLIO_FIELDS } from "./fields";
export {
  CORRELATION_FIELD,
  correlationTarget,
  imanConover,
  parseCorrelations,
  type CorrelationChange,
  type CorrelationEntry,
  type CorrelationPair,
  type CorrelationTarget,
  type ParsedCorrelations,
} from "./correlation";
