/**
 * The bounded .xlsx reader (src/io) on workbooks as ExcelJS writes them: 1,000, 10,000 and 100,000 functions of the
 * bench's synthetic input, 11 columns, in a table. CPU time per read (the machine is shared), and the heap the
 * result keeps when node runs with --expose-gc; figures behind docs/limits.md "Reading files".
 */
import ExcelJS from "exceljs";
import { syntheticInput } from "./model";

// Time the shipped code, as bench/model.ts does: lib/ is built by `npm run bench`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readXlsxBuffer } = require("../lib/io/xlsx") as typeof import("../src/io/xlsx");

async function workbookOf(count: number): Promise<Buffer> {
  const { functions } = syntheticInput(count, 36);
  const columns = Object.keys(functions[0]);
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Inputs").addTable({
    name: "SourcingFunctions",
    ref: "A1",
    columns: columns.map((name) => ({ name })),
    rows: functions.map((row) => columns.map((key) => row[key] ?? null)),
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

export async function benchReaders(): Promise<string[]> {
  const lines = ["readers: .xlsx read (bounded zip + saxes, only populated cells)"];
  await readXlsxBuffer(await workbookOf(100), "warm-up.xlsx");
  for (const count of [1_000, 10_000, 100_000]) {
    const bytes = await workbookOf(count);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = cpuMs();
    const loaded = await readXlsxBuffer(bytes, "bench.xlsx");
    const cpu = cpuMs() - started;
    global.gc?.();
    const heap = global.gc
      ? `, ${((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(0)} MB heap kept`
      : "";
    const rows = (loaded.input.functions as { rows: unknown[] }).rows.length;
    lines.push(
      `  ${count.toLocaleString("en-US").padStart(7)} functions: ${(bytes.length / 1024).toFixed(0).padStart(6)} KB file, ${cpu.toFixed(0).padStart(5)} ms CPU, ${((rows * 11) / (cpu / 1000) / 1e6).toFixed(2)} M cells/s${heap}`,
    );
  }
  return lines;
}
