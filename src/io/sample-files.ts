/**
 * The example files in examples/: the sample model as JSON, CSV and a workbook laid out as
 * src/layout/workbook.ts says, plus a CSV with the mistakes users typically make. Built from the model's sample
 * data (src/model/sample.ts) and field specs; nothing is typed twice. `npm run examples` writes them.
 */
import ExcelJS from "exceljs";
import { FIELD_BY_KEY } from "../model/fields";
import {
  SAMPLE_FUNCTIONS,
  SAMPLE_FUNCTION_COLUMNS,
  SAMPLE_RANGE_SOURCES,
  SAMPLE_SCENARIOS,
  sampleInput,
} from "../model/sample";
import type { CellValue } from "../model/types";
import {
  INPUT_SHEET,
  sampleAssumptionFormats,
  sampleFunctionFormats,
  sampleFunctionHeaders,
  sampleFunctionRows,
  sampleTables,
} from "../layout/workbook";
import { toCsv } from "./csv";

export const NOTES_SHEET = "Notes";
/** Fixed so that regenerating the workbook changes nothing but the zip's own timestamps. */
const GENERATED_AT = new Date(Date.UTC(2026, 0, 1));

/** The sample with its named scenarios (the "scenarios" list src/io/scenarios.ts reads). */
export const sampleJsonText = (): string =>
  `${JSON.stringify({ ...sampleInput(), scenarios: SAMPLE_SCENARIOS }, null, 2)}\n`;

export const sampleCsvText = (): string => toCsv(sampleFunctionHeaders(), sampleFunctionRows());

type SampleColumn = (typeof SAMPLE_FUNCTION_COLUMNS)[number];

/** Mistakes users make, one per row, between two valid rows; what each should produce is in the comment. */
function badCsvRows(): CellValue[][] {
  const base = sampleFunctionRows();
  const column = (key: SampleColumn): number => SAMPLE_FUNCTION_COLUMNS.indexOf(key);
  const edit = (row: CellValue[], changes: Partial<Record<SampleColumn, CellValue>>): CellValue[] => {
    const copy = [...row];
    for (const [key, value] of Object.entries(changes)) copy[column(key as SampleColumn)] = value;
    return copy;
  };
  const [support, developer, bookkeeping, dataEntry] = base;
  return [
    support, // 1: valid
    edit(developer, { headcount: "three" }), // 2: text in a number column
    edit(bookkeeping, { saHourlyRate: -38 }), // 3: a negative rate
    edit(support, { headcount: 10 }), // 4: the same function name again
    edit(dataEntry, { bpoMonthlyFeePerFte: "#N/A" }), // 5: an Excel error pasted as text
    edit(bookkeeping, { function: "Payroll", scope: "sometimes" }), // 6: unknown scope
    edit(support, { function: "IT helpdesk", headcount: "" }), // 7: a blank required cell
    edit(bookkeeping, {
      function: "Accounts payable",
      bpoMonthlyFeePerFte: "4,300",
      processDocumented: "Yes",
      saMgmtShare: "15%",
    }), // 8: valid, written as people type
  ];
}

export const badCsvText = (): string => toCsv(sampleFunctionHeaders(), badCsvRows());

/** One of the sample's input tables, its header row at `ref`, striped in `theme`. */
function addInputTable(
  sheet: ExcelJS.Worksheet,
  ref: string,
  theme: NonNullable<ExcelJS.TableStyleProperties["theme"]>,
  filterButton: boolean,
  table: { name: string; headers: readonly string[]; rows: ExcelJS.TableProperties["rows"] },
): void {
  sheet.addTable({
    name: table.name,
    ref,
    headerRow: true,
    style: { theme, showRowStripes: true },
    columns: table.headers.map((name) => ({ name, filterButton })),
    rows: table.rows,
  });
}

/** The sample workbook: inputs in two Excel tables on one sheet, and a sheet of notes. */
export function buildSampleWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sourcing Modeler";
  workbook.created = GENERATED_AT;
  workbook.modified = GENERATED_AT;

  const sheet = workbook.addWorksheet(INPUT_SHEET);
  const { functions, assumptions, scenarios } = sampleTables();
  const { headers, rows: functionRows } = functions;
  const assumptionRows = assumptions.rows;
  addInputTable(sheet, "A1", "TableStyleMedium2", true, { name: functions.name, headers, rows: functionRows });
  // The same finance formats as the add-in's sample (layout/workbook.ts, from each field's kind).
  sampleFunctionFormats().forEach((format, i) => {
    for (let r = 0; r < functionRows.length; r++) if (format) sheet.getCell(2 + r, 1 + i).numFmt = format;
  });

  // Two blank rows, then the assumptions table below the functions.
  const assumptionsTop = functionRows.length + 4;
  addInputTable(sheet, `A${assumptionsTop}`, "TableStyleMedium4", false, { ...assumptions, rows: assumptionRows });
  sampleAssumptionFormats().forEach((format, i) => {
    if (format) sheet.getCell(assumptionsTop + 1 + i, 2).numFmt = format;
  });

  // Two blank rows, then the named scenarios (what-ifs the analysis compares with the base).
  const scenariosTop = assumptionsTop + assumptionRows.length + 3;
  addInputTable(sheet, `A${scenariosTop}`, "TableStyleMedium7", false, scenarios);
  scenarios.rows.forEach((_, i) => (sheet.getCell(scenariosTop + 1 + i, 3).numFmt = "#,##0"));

  const widths = headers.map(
    (header, i) =>
      Math.max(header.length, ...functionRows.map((row) => String(row[i] ?? "").length), i < 3 ? 14 : 0) + 2,
  );
  widths[0] = Math.max(widths[0], ...assumptionRows.map(([label]) => label.length + 2));
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = Math.min(width, 40)));
  sheet.views = [{ state: "frozen", ySplit: 1 }];

  const notes = workbook.addWorksheet(NOTES_SHEET);
  notes.addRow(["Function", "Note"]).font = { bold: true };
  for (const fn of SAMPLE_FUNCTIONS) notes.addRow([fn.function, fn.note]);
  notes.addRow([]);
  notes.addRow([
    "Range columns",
    "Where the sample's min / max columns come from (the table's own value is the most likely):",
  ]).font = { bold: true };
  for (const { key, source } of SAMPLE_RANGE_SOURCES)
    notes.addRow([`${FIELD_BY_KEY.get(key)?.label ?? key} min / max`, source]);
  notes.addRow([]);
  notes.addRow([
    "Scenarios",
    "The SourcingScenarios table: Vendor quotes +10% puts each fee at the top of its range (no negotiation); Slow transition gives every BPO ramp 12 weeks. The analysis compares each with the base.",
  ]).font = { bold: true };
  notes.addRow([]);
  notes.addRow([
    "Where the defaults come from",
    "See the Source / notes column of the SourcingAssumptions table and the project's docs/model.md §7.",
  ]);
  notes.getColumn(1).width = 36;
  notes.getColumn(2).width = 110;
  return workbook;
}

/** Every example file: name in examples/ → content. */
export async function buildExampleFiles(): Promise<Record<string, string | Buffer>> {
  const xlsx = Buffer.from(await buildSampleWorkbook().xlsx.writeBuffer());
  return {
    "sample.json": sampleJsonText(),
    "sample.csv": sampleCsvText(),
    "sample.xlsx": xlsx,
    "bad.csv": badCsvText(),
  };
}
