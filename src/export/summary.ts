/**
 * "Sourcing Summary": one row per function with the totals, NPVs, break-even months, crossings and the gated
 * recommendation (docs/model.md §5), all read from the function's block on Sourcing Calc. Helper columns keep one
 * concept per column: the gates, the lowest allowed NPV, the margin threshold, the candidates, the basis.
 */
import { quoteSheetName } from "../layout/address";
import { RECOMMENDATION_LABELS, STRATEGY_LABELS } from "../model";
import { type CalcKey, calcBlock } from "./calc";
import { CALC_SHEET, GLOBAL_NAMES, SUMMARY_SHEET, TOLERANCE_NAME } from "./names";
import { type CellSpec, type CellStyle, type SheetSpec, formula, newSheet, setCell, text } from "./spec";
import { columnLetters } from "../layout/address";

const H = GLOBAL_NAMES.horizonMonths;
const TOL = TOLERANCE_NAME;

interface SummaryColumn {
  key: string;
  header: string;
  width: number;
  style?: CellStyle;
  build(i: number, at: (key: string) => string, block: (key: CalcKey) => string): string;
}

const sustainedMonth = (ok: CalcKey) => (_i: number, _at: (k: string) => string, block: (k: CalcKey) => string) =>
  `IF(INDEX(${block(ok)},${H})=0,"none",MATCH(1,${block(ok)},0))`;

/** A strategy's total (cumulative block) or NPV (discounted block): the block's last month, in money. */
const lastMonth = (key: string, header: string, running: CalcKey): SummaryColumn => ({
  key,
  header,
  width: 15,
  style: "money",
  build: (_i, _at, block) => `INDEX(${block(running)},${H})`,
});

/** Money in words as formatMoney writes it: a negative amount in parentheses (docs/model.md P5.6). */
const money = (cell: string) => `${GLOBAL_NAMES.currency}&" "&TEXT(ROUND(${cell},0),"#,##0;(#,##0)")`;
/** A code cell in words (docs/model.md P6.5), from the model's one mapping: nested IFs, the last label the else. */
function inWords(code: string, labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  const otherwise = `"${entries[entries.length - 1][1]}"`;
  return entries.slice(0, -1).reduceRight((rest, [key, label]) => `IF(${code}="${key}","${label}",${rest})`, otherwise);
}
const marginText = `IF(ROUND(${GLOBAL_NAMES.decisionMargin}*100,1)=ROUND(${GLOBAL_NAMES.decisionMargin}*100,0),ROUND(${GLOBAL_NAMES.decisionMargin}*100,0)&"%",TEXT(${GLOBAL_NAMES.decisionMargin}*100,"0.0")&"%")`;

const COLUMNS: readonly SummaryColumn[] = [
  { key: "function", header: "Function", width: 24, build: (i) => `INDEX(FunctionName,${i})` },
  {
    key: "recommendation",
    header: "Recommendation",
    width: 26,
    build: (_i, at) => inWords(at("recommendationCode"), RECOMMENDATION_LABELS),
  },
  {
    key: "rationale",
    header: "Rationale",
    width: 90,
    build: (_i, at) =>
      `IF(${at("recommendationCode")}="BPO","BPO",IF(${at("recommendationCode")}="STAFF_AUG","Staff augmentation",IF(${at("recommendationCode")}="BRIDGE","Bridge (staff augmentation until BPO goes live)","Document the process first")))&": "&${at("reason")}&"; "&${at("npvWords")}&"; "&${at("breakEvenWords")}&"."`,
  },
  { key: "breakEven", header: "Break-even month", width: 12, style: "integer", build: sustainedMonth("breakEvenOk") },
  {
    key: "discountedBreakEven",
    header: "Discounted break-even month",
    width: 14,
    style: "integer",
    build: sustainedMonth("discountedOk"),
  },
  {
    key: "runRate",
    header: "Run-rate crossover month",
    width: 14,
    style: "integer",
    build: sustainedMonth("runRateOk"),
  },
  {
    key: "crossingCount",
    header: "Crossings (count)",
    width: 11,
    style: "integer",
    build: (_i, _at, block) => `SUM(${block("crossing")})`,
  },
  {
    key: "firstCrossing",
    header: "First crossing month",
    width: 12,
    style: "integer",
    build: (_i, at, block) => `IF(${at("crossingCount")}=0,"none",MATCH(1,${block("crossing")},0))`,
  },
  {
    key: "crossings",
    header: "Crossings (month, cheaper after it)",
    width: 30,
    build: (_i, _at, block) => `INDEX(${block("crossings")},${H})`,
  },
  lastMonth("totalSa", "Total, staff augmentation", "cumSa"),
  lastMonth("totalBpo", "Total, BPO", "cumBpo"),
  lastMonth("totalBridge", "Total, bridge", "cumBridge"),
  lastMonth("npvSa", "NPV, staff augmentation", "discSa"),
  lastMonth("npvBpo", "NPV, BPO", "discBpo"),
  lastMonth("npvBridge", "NPV, bridge", "discBridge"),
  { key: "scope", header: "Scope", width: 10, build: (i) => `INDEX(Scope,${i})` },
  {
    key: "allowSa",
    header: "Staff augmentation allowed (management capacity)",
    width: 14,
    build: (i) => `INDEX(ManagementCapacity,${i})`,
  },
  {
    key: "allowBpo",
    header: "BPO allowed (process documented)",
    width: 14,
    build: (i) => `INDEX(ProcessDocumented,${i})`,
  },
  {
    key: "allowBridge",
    header: "Bridge allowed (both)",
    width: 12,
    build: (_i, at) => `AND(${at("allowSa")},${at("allowBpo")})`,
  },
  {
    key: "lowest",
    header: "Lowest allowed NPV",
    width: 15,
    style: "money",
    build: (_i, at) =>
      `IF(OR(${at("allowSa")},${at("allowBpo")}),MIN(IF(${at("allowSa")},${at("npvSa")},${at("npvBpo")}),IF(${at("allowBpo")},${at("npvBpo")},${at("npvSa")}),IF(${at("allowBridge")},${at("npvBridge")},IF(${at("allowSa")},${at("npvSa")},${at("npvBpo")}))),"")`,
  },
  {
    key: "threshold",
    header: "Margin threshold (lowest × (1 + margin))",
    width: 15,
    style: "money",
    build: (_i, at) => `IF(${at("lowest")}="","",${at("lowest")}*(1+${GLOBAL_NAMES.decisionMargin}))`,
  },
  {
    key: "candSa",
    header: "Staff augmentation within margin",
    width: 12,
    build: (_i, at) => `IF(${at("allowSa")},${at("npvSa")}<=${at("threshold")}+${TOL},FALSE())`,
  },
  {
    key: "candBpo",
    header: "BPO within margin",
    width: 12,
    build: (_i, at) => `IF(${at("allowBpo")},${at("npvBpo")}<=${at("threshold")}+${TOL},FALSE())`,
  },
  {
    key: "candBridge",
    header: "Bridge within margin",
    width: 12,
    build: (_i, at) => `IF(${at("allowBridge")},${at("npvBridge")}<=${at("threshold")}+${TOL},FALSE())`,
  },
  {
    key: "candidates",
    header: "Candidates (count)",
    width: 11,
    style: "integer",
    build: (_i, at) => `IF(${at("candSa")},1,0)+IF(${at("candBpo")},1,0)+IF(${at("candBridge")},1,0)`,
  },
  {
    key: "lowestStrategy",
    header: "Lowest-NPV strategy",
    width: 14,
    build: (_i, at) =>
      `IF(${at("lowest")}="","",IF(${at("scope")}="evolving",IF(AND(${at("allowSa")},${at("npvSa")}=${at("lowest")}),"${STRATEGY_LABELS.STAFF_AUG}",IF(AND(${at("allowBridge")},${at("npvBridge")}=${at("lowest")}),"${STRATEGY_LABELS.BRIDGE}","${STRATEGY_LABELS.BPO}")),IF(AND(${at("allowBpo")},${at("npvBpo")}=${at("lowest")}),"${STRATEGY_LABELS.BPO}",IF(AND(${at("allowBridge")},${at("npvBridge")}=${at("lowest")}),"${STRATEGY_LABELS.BRIDGE}","${STRATEGY_LABELS.STAFF_AUG}"))))`,
  },
  {
    key: "basis",
    header: "Decided by",
    width: 15,
    build: (_i, at) =>
      `IF(${at("recommendationCode")}="DOCUMENT_FIRST","gates",IF(NOT(AND(${at("allowSa")},${at("allowBpo")})),"only-allowed",IF(${at("candidates")}=1,"lowest-npv","scope-tie-break")))`,
  },
  {
    key: "reason",
    header: "Deciding reason",
    width: 60,
    build: (_i, at) =>
      `IF(${at("basis")}="gates","BPO needs a documented process and staff augmentation needs spare management capacity, and neither is in place",` +
      `IF(${at("basis")}="only-allowed",IF(${at("allowSa")},"BPO and the bridge are ruled out because the process is not documented","staff augmentation and the bridge are ruled out because there is no spare management capacity"),` +
      `IF(${at("basis")}="lowest-npv","lowest NPV over "&${H}&" months at "&${money(`IF(${at("recommendationCode")}="BPO",${at("npvBpo")},IF(${at("recommendationCode")}="BRIDGE",${at("npvBridge")},${at("npvSa")}))`)}&", beyond the "&${marginText}&" decision margin",` +
      `"NPVs within the "&${marginText}&" decision margin count as a tie, which the "&${at("scope")}&" scope settles in favour of "&IF(${at("recommendationCode")}="BPO","BPO",IF(${at("recommendationCode")}="BRIDGE","the bridge","staff augmentation")))))`,
  },
  {
    key: "npvWords",
    header: "NPVs (words)",
    width: 60,
    build: (_i, at) =>
      `"NPV over "&${H}&" months: staff augmentation "&${money(at("npvSa"))}&", BPO "&${money(at("npvBpo"))}&", bridge "&${money(at("npvBridge"))}`,
  },
  {
    key: "breakEvenWords",
    header: "Break-even (words)",
    width: 50,
    build: (_i, at) =>
      `IF(${at("breakEven")}="none","no break-even within "&${H}&" months",IF(${at("breakEven")}=1,"BPO is cheaper than staff augmentation from month 1","BPO breaks even with staff augmentation in month "&${at("breakEven")}))`,
  },
  {
    // Last, so the words come first: formulas that test the recommendation read this code (docs/model.md P6.5).
    key: "recommendationCode",
    header: "Recommendation code",
    width: 16,
    build: (_i, at) =>
      `IF(NOT(OR(${at("allowSa")},${at("allowBpo")})),"DOCUMENT_FIRST",IF(${at("scope")}="evolving",IF(${at("candSa")},"STAFF_AUG",IF(${at("candBridge")},"BRIDGE","BPO")),IF(${at("candBpo")},"BPO",IF(${at("candBridge")},"BRIDGE","STAFF_AUG"))))`,
  },
];

export const SUMMARY_COLUMNS: readonly { key: string; header: string }[] = COLUMNS.map(({ key, header }) => ({
  key,
  header,
}));

export function summarySheet(functionCount: number, maxHorizon: number): SheetSpec {
  const sheet = newSheet(SUMMARY_SHEET);
  const letter = new Map(COLUMNS.map((c, i) => [c.key, columnLetters(i)]));
  const calc = quoteSheetName(CALC_SHEET);
  COLUMNS.forEach((column, c) => {
    setCell(sheet, 1, c + 1, text(column.header, "header"));
    sheet.widths.set(c + 1, column.width);
  });
  for (let i = 1; i <= functionCount; i++) {
    const row = i + 1;
    const at = (key: string) => {
      const l = letter.get(key);
      if (l === undefined) throw new Error(`Sourcing Summary has no column "${key}".`);
      return `${l}${row}`;
    };
    const block = (key: CalcKey) => calcBlock(key, i, maxHorizon, calc);
    COLUMNS.forEach((column, c) => {
      const cell: CellSpec = formula(column.build(i, at, block), column.style);
      setCell(sheet, row, c + 1, cell);
    });
  }
  return sheet;
}
