/**
 * "Insert sample model": a new sheet with the SourcingFunctions and SourcingAssumptions tables (the seed
 * article's figures, every default with its source) and a small block of live custom-function formulas.
 *
 * It never overwrites anything: when either table name is taken it refuses and says where the table is; when
 * only the sheet name is taken it uses "Sourcing Inputs (2)", "(3)", …
 */
import {
  ASSUMPTION_HEADERS,
  ASSUMPTIONS_TABLE,
  FUNCTIONS_TABLE,
  INPUT_SHEET,
  SCENARIOS_TABLE,
  SCENARIO_HEADERS,
  sampleAssumptionFormats,
  sampleAssumptionRows,
  sampleFunctionFormats,
  sampleFunctionHeaders,
  sampleFunctionRows,
  sampleScenarioRows,
} from "../layout/workbook";
import { type ExcelRun, excelRun } from "./host";
import { type ColumnFit, fitColumns, shownAs, shownColumn, widestOf } from "../layout/column-widths";

export interface InsertSampleOutcome {
  inserted: boolean;
  sheet?: string;
  message: string;
}

/** Structured reference to a table column, escaping the characters Excel requires ('[', ']', '#', "'"). */
const column = (name: string) => name.replace(/['#[\]]/g, (ch) => `'${ch}`);

/** Live formulas for data row `n` (1-based) of the functions table; they work wherever the block sits. */
export function liveFormulas(n: number, functionHeader: string): string[] {
  const row = `INDEX(${FUNCTIONS_TABLE},${n},0)`;
  const args = `${row},${FUNCTIONS_TABLE}[#Headers],${ASSUMPTIONS_TABLE}[[#All],[${column(ASSUMPTION_HEADERS[0])}]:[${column(ASSUMPTION_HEADERS[1])}]]`;
  return [
    // &"" shows a blank name as blank: a bare reference to an empty cell shows 0.
    `=INDEX(${FUNCTIONS_TABLE}[${column(functionHeader)}],${n})&""`,
    `=SOURCING.DECIDE(${args})`,
    `=SOURCING.CROSSOVER(${args})`,
    `=SOURCING.EXPLAIN(${args})`,
  ];
}

export const LIVE_HEADERS = [
  "Function",
  "Recommendation (SOURCING.DECIDE)",
  "Break-even month (SOURCING.CROSSOVER)",
  "Rationale (SOURCING.EXPLAIN)",
];

/**
 * Rows of the sheet (0-based): title and note, then the functions table, the assumptions table, the live block,
 * the scenarios table (title above its header).
 */
export function sampleLayout(functionCount: number, assumptionCount: number) {
  const functionsHeader = 3;
  const assumptionsHeader = functionsHeader + functionCount + 3;
  const liveTitle = assumptionsHeader + assumptionCount + 3;
  const liveHeader = liveTitle + 1;
  const scenariosTitle = liveHeader + functionCount + 2;
  return {
    functionsHeader,
    assumptionsHeader,
    liveTitle,
    liveHeader,
    scenariosTitle,
    scenariosHeader: scenariosTitle + 1,
  };
}

/**
 * Widths for the sample sheet's columns: each as wide as the widest of the blocks stacked in it (the functions,
 * assumptions and scenarios tables as their formats show them, the live block's headers; the live formulas'
 * results are not known when the sheet is written and run over their empty neighbours).
 */
export function sampleColumnFits(withScenarios: boolean): ColumnFit[] {
  const functionFormats = sampleFunctionFormats();
  const assumptionFormats = sampleAssumptionFormats();
  const blocks = [
    fitColumns(
      sampleFunctionHeaders().map(shownColumn),
      sampleFunctionRows().map((row) => row.map((value, c) => shownAs(value, functionFormats[c]))),
    ),
    fitColumns(
      ASSUMPTION_HEADERS.map(shownColumn),
      sampleAssumptionRows().map(([label, value, source], i) => [label, shownAs(value, assumptionFormats[i]), source]),
    ),
    fitColumns(LIVE_HEADERS.map(shownColumn), [], { tableHeader: false }),
  ];
  if (withScenarios)
    blocks.push(
      fitColumns(
        SCENARIO_HEADERS.map(shownColumn),
        sampleScenarioRows().map((row) => row.map((value, c) => shownAs(value, c === 2 ? "#,##0" : "@"))),
      ),
    );
  return widestOf(blocks);
}

function freeSheetName(taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(INPUT_SHEET.toLowerCase())) return INPUT_SHEET;
  for (let n = 2; ; n++) {
    const name = `${INPUT_SHEET} (${n})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

export async function insertSample(run: ExcelRun = excelRun): Promise<InsertSampleOutcome> {
  return run(async (context) => {
    const workbook = context.workbook;
    const sheets = workbook.worksheets.load("items/name");
    const existing = [FUNCTIONS_TABLE, ASSUMPTIONS_TABLE].map((name) => ({
      name,
      table: workbook.tables.getItemOrNullObject(name),
    }));
    // A scenarios table the user already has stays theirs: the sample then comes without its own.
    const scenariosTaken = workbook.tables.getItemOrNullObject(SCENARIOS_TABLE);
    await context.sync();

    const clash = existing.find((e) => !e.table.isNullObject);
    if (clash) {
      // Navigate to the sheet only now that the table is known to exist.
      const where = clash.table.worksheet.load("name");
      await context.sync();
      return {
        inserted: false,
        message: `This workbook already has a table named ${clash.name} (on the sheet "${where.name}"), so the sample was not inserted and nothing was changed. Run the model on your tables, or rename them to insert the sample.`,
      };
    }

    const name = freeSheetName(sheets.items.map((s) => s.name));
    const sheet = workbook.worksheets.add(name);
    const headers = sampleFunctionHeaders();
    const rows = sampleFunctionRows();
    const assumptions = sampleAssumptionRows();
    const layout = sampleLayout(rows.length, assumptions.length);

    const title = sheet.getRange("A1:A2");
    title.numberFormat = [["@"]];
    title.values = [
      ["Sourcing Modeler: sample model"],
      [
        "Edit the two tables, then Run model in the task pane; results go to the Sourcing Results, Sourcing Schedule and Sourcing Charts sheets. The … min / … max columns are ranges for How sure are we? (ramps: the seed article's 3–5 business days and 4–12 weeks; fees: the vendor quote ± negotiation).",
      ],
    ];
    sheet.getRange("A1").format.font.bold = true;

    // Functions table: the Function column is Text so names like "=Payroll" stay names.
    const functionsRange = sheet.getRangeByIndexes(layout.functionsHeader, 0, rows.length + 1, headers.length);
    sheet.getRangeByIndexes(layout.functionsHeader, 0, rows.length + 1, 1).numberFormat = [["@"]];
    sheet.getRangeByIndexes(layout.functionsHeader, 1, 1, headers.length - 1).numberFormat = [["@"]];
    functionsRange.values = [headers, ...rows.map((r) => r.map((v) => v ?? ""))];
    // Finance formats on the figures (8.0%, 4,200, whole months): the values keep every digit.
    sampleFunctionFormats().forEach((format, c) => {
      if (format) sheet.getRangeByIndexes(layout.functionsHeader + 1, c, rows.length, 1).numberFormat = [[format]];
    });
    const functionsTable = sheet.tables.add(functionsRange, true);
    functionsTable.name = FUNCTIONS_TABLE;

    // Assumptions table: names and sources as Text; each value in its field's finance format (numbers stay numbers).
    const assumptionsRange = sheet.getRangeByIndexes(
      layout.assumptionsHeader,
      0,
      assumptions.length + 1,
      ASSUMPTION_HEADERS.length,
    );
    sheet.getRangeByIndexes(layout.assumptionsHeader, 0, assumptions.length + 1, 1).numberFormat = [["@"]];
    sheet.getRangeByIndexes(layout.assumptionsHeader, 2, assumptions.length + 1, 1).numberFormat = [["@"]];
    sheet.getRangeByIndexes(layout.assumptionsHeader, 1, 1, 1).numberFormat = [["@"]];
    assumptionsRange.values = [
      [...ASSUMPTION_HEADERS],
      ...assumptions.map(([label, value, source]) => [label, value ?? "", source]),
    ];
    sheet.getRangeByIndexes(layout.assumptionsHeader + 1, 1, assumptions.length, 1).numberFormat =
      sampleAssumptionFormats().map((format) => [format ?? "General"]);
    const assumptionsTable = sheet.tables.add(assumptionsRange, true);
    assumptionsTable.name = ASSUMPTIONS_TABLE;

    // Live formulas: recalculate as the tables change.
    const liveTitle = sheet.getRangeByIndexes(layout.liveTitle, 0, 1, 1);
    liveTitle.numberFormat = [["@"]];
    liveTitle.values = [["Live formulas: the SOURCING custom functions recalculate whenever you edit the tables."]];
    liveTitle.format.font.bold = true;
    const liveHeader = sheet.getRangeByIndexes(layout.liveHeader, 0, 1, LIVE_HEADERS.length);
    liveHeader.numberFormat = [["@"]];
    liveHeader.values = [LIVE_HEADERS];
    liveHeader.format.font.bold = true;
    sheet.getRangeByIndexes(layout.liveHeader + 1, 0, rows.length, LIVE_HEADERS.length).formulas = rows.map((_, i) =>
      liveFormulas(i + 1, headers[0]),
    );

    // Named scenarios: what-ifs that "How sure are we?" compares with the base.
    const scenarioRows = sampleScenarioRows();
    if (scenariosTaken.isNullObject) {
      const scenariosTitle = sheet.getRangeByIndexes(layout.scenariosTitle, 0, 1, 1);
      scenariosTitle.numberFormat = [["@"]];
      scenariosTitle.values = [
        ["Scenarios: each row overrides one input (for one function, or every row when Function is blank)."],
      ];
      scenariosTitle.format.font.bold = true;
      const scenariosRange = sheet.getRangeByIndexes(
        layout.scenariosHeader,
        0,
        scenarioRows.length + 1,
        SCENARIO_HEADERS.length,
      );
      // Names and keys as Text (a scenario called "=x" stays a name); values as numbers with separators.
      const rowCount = scenarioRows.length + 1;
      for (const c of [0, 1, 3]) sheet.getRangeByIndexes(layout.scenariosHeader, c, rowCount, 1).numberFormat = [["@"]];
      sheet.getRangeByIndexes(layout.scenariosHeader + 1, 2, scenarioRows.length, 1).numberFormat = [["#,##0"]];
      scenariosRange.values = [[...SCENARIO_HEADERS], ...scenarioRows.map((r) => r.map((v) => v ?? ""))];
      sheet.tables.add(scenariosRange, true).name = SCENARIOS_TABLE;
      sheet.getRangeByIndexes(layout.scenariosHeader, 0, 1, SCENARIO_HEADERS.length).format.wrapText = true;
    }

    // Widths from the content; headers wrap rather than being cut, long notes (sources) wrap in their column.
    const fits = sampleColumnFits(scenariosTaken.isNullObject);
    fits.forEach((fit, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = fit.width));
    sheet.getRangeByIndexes(layout.functionsHeader, 0, 1, headers.length).format.wrapText = true;
    sheet.getRangeByIndexes(
      layout.assumptionsHeader,
      0,
      assumptions.length + 1,
      ASSUMPTION_HEADERS.length,
    ).format.wrapText = true;
    liveHeader.format.wrapText = true;
    sheet.activate();
    await context.sync();
    return {
      inserted: true,
      sheet: name,
      message: `Sample model inserted on the sheet "${name}". Select Run model to see the results.${
        scenariosTaken.isNullObject
          ? ` Its scenarios (${[...new Set(scenarioRows.map((r) => String(r[0])))].join(", ")}) are compared by Run analysis.`
          : ` Your own ${SCENARIOS_TABLE} table was kept, so the sample's scenarios were not added.`
      }`,
    };
  });
}
