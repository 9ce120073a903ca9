/** Public surface of the sourcing cost model. Hosts import from here. */
export * from "./types";
export { evaluate, evaluateFunction } from "./evaluate";
export { ASSUMPTION_FIELDS, FUNCTION_FIELDS, OPTIONAL_FUNCTION_FIELDS, ASSUMPTION_TABLE_FIELDS, FIELD_BY_KEY, type FieldSpec } from "./fields";
export { normalizeHeader, mapFunctionHeaders, functionHeaderMatcher, assumptionKeyMatcher, type ColumnMapping } from "./headers";
export { isBlank, isExcelError, validateField } from "./parse";
export { formatMoney, formatPercent, describeBreakEven, SCOPE_ORDER } from "./recommend";
export { TOLERANCE, cumulative } from "./analysis";
export { productiveShare, liveShare, rampDaysInMonth } from "./engine";
export * from "./sample";
