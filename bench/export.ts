/**
 * The TypeScript model against the same model as native formulas (the export's workbook) recalculated by
 * HyperFormula, in the same process: 200 functions × 120 months. HyperFormula is a dev dependency (GPL licence):
 * it runs here and in tests, never in the add-in.
 */
import { syntheticInput } from "./model";
import { HyperFormula, type RawCellContent } from "hyperformula";
import type { WorkbookSpec } from "../src/export";
import { sheetRows } from "../src/export/spec";

// Time the shipped code, as bench/model.ts does: lib/ is built by `npm run bench`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { evaluate } = require("../lib/model") as typeof import("../src/model");
const { buildNativeExport, streamXlsx, DEFAULT_MAX_CALC_ROWS } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("../lib/export") as typeof import("../src/export");

const FUNCTIONS = Number(process.env.BENCH_EXPORT_FUNCTIONS ?? 200);
const MONTHS = 120;

/** The workbook's cells as HyperFormula reads them ("=…" formulas; text that starts with = marked as text). */
function sheetsOf(workbook: WorkbookSpec): Record<string, RawCellContent[][]> {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const sheet of workbook.sheets) {
    const grid: RawCellContent[][] = [];
    for (const [r, cells] of sheetRows(sheet)) {
      const row: RawCellContent[] = (grid[r - 1] = []);
      for (const [c, { content }] of cells) {
        row[c - 1] =
          content.kind === "formula"
            ? `=${content.formula}`
            : content.kind === "text" && /^[='+-]/.test(content.value)
              ? `'${content.value}`
              : content.value;
      }
    }
    sheets[sheet.name] = Array.from(grid, (row) => Array.from(row ?? [], (v) => v ?? null));
  }
  return sheets;
}

function timeIt(fn: () => unknown, minMs = 1000): number {
  for (let i = 0; i < 3; i++) fn();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs || runs < 5) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

/**
 * Writing the largest export the default limit allows (docs/limits.md "Export and freeze"): CPU time, not wall
 * time, as the machine is shared; the bytes go to a counting sink, as the command line sends them to disk.
 */
function benchWriterAtLimit(): string {
  const functions = 125;
  const months = DEFAULT_MAX_CALC_ROWS / functions;
  const cpuMs = (): number => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  const started = cpuMs();
  const rssBefore = process.memoryUsage().rss;
  let bytes = 0;
  let peakRss = rssBefore;
  let chunks = 0;
  streamXlsx(buildNativeExport(syntheticInput(functions, 36), { maxHorizon: months }).workbook, (chunk) => {
    bytes += chunk.length;
    if (++chunks % 64 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  });
  const ms = cpuMs() - started;
  return `export: writing ${functions} functions × ${months} months (${DEFAULT_MAX_CALC_ROWS.toLocaleString("en-US")} rows, the default limit) ${(ms / 1000).toFixed(1)} s CPU, ${Math.round(DEFAULT_MAX_CALC_ROWS / (ms / 1000)).toLocaleString("en-US")} rows/s, ${(bytes / 1e6).toFixed(1)} MB file, resident memory +${Math.round((peakRss - rssBefore) / 1e6)} MB`;
}

export async function benchExport(): Promise<string[]> {
  const writer = benchWriterAtLimit();
  const input = syntheticInput(FUNCTIONS, MONTHS);
  const modelMs = timeIt(() => evaluate(input));
  const exported = buildNativeExport(input);
  const sheets = sheetsOf(exported.workbook);
  const formulas = Object.values(sheets).reduce(
    (n, grid) =>
      n + grid.reduce((m, row) => m + row.filter((v) => typeof v === "string" && v.startsWith("=")).length, 0),
    0,
  );

  let started = performance.now();
  const hf = HyperFormula.buildFromSheets(
    sheets,
    { licenseKey: "gpl-v3", maxRows: 1_048_576, smartRounding: false },
    exported.workbook.definedNames.map((d) => ({ name: d.name, expression: `=${d.refersTo}` })),
  );
  const buildMs = performance.now() - started;

  // A reader's edit: the manager cost assumption changes; everything downstream recalculates.
  const inputs = hf.getSheetId("Sourcing Inputs") as number;
  const labels = hf.getSheetValues(inputs).map((row) => row[0]);
  const row = labels.indexOf("Manager monthly cost");
  started = performance.now();
  hf.setCellContents({ sheet: inputs, row, col: 1 }, 13000);
  const recalcMs = performance.now() - started;
  const summary = hf.getSheetId("Sourcing Summary") as number;
  const npv = hf.getCellValue({ sheet: summary, row: 1, col: 12 });
  hf.destroy();

  const check = evaluate({ ...input, assumptions: { ...input.assumptions, managerMonthlyCost: 13000 } }).results[0].npv
    .STAFF_AUG;
  return [
    writer,
    `export: ${FUNCTIONS} functions × ${MONTHS} months; the native-formula workbook has ${formulas.toLocaleString("en-US")} formulas`,
    `export: TypeScript model evaluate() ${modelMs.toFixed(2)} ms per run`,
    `export: HyperFormula load + full calculation of the formulas ${buildMs.toFixed(0)} ms (${(buildMs / modelMs).toFixed(0)}× the model; target ≥ 50×)`,
    `export: HyperFormula recalculation after one assumption edit ${recalcMs.toFixed(0)} ms (${(recalcMs / modelMs).toFixed(0)}× the model); first NPV ${typeof npv === "number" && Math.abs(npv - check) <= 1e-9 * Math.abs(check) ? "agrees" : "DISAGREES"} with the model`,
  ];
}
