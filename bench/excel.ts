/**
 * The Excel adapter through the stand-in: syncs per run and request sizes at 10 and 2,000 functions, 36 and
 * 120 months. Figures only (the stand-in measures the JSON of each request; Excel on the web refuses > 5 MB).
 */
import { type ExcelRun, readInputs, runModel } from "../src/excel";
import { cellRef } from "../src/layout/address";
import {
  ASSUMPTION_HEADERS,
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
} from "../src/layout/workbook";
import { REQUEST_PAYLOAD_LIMIT, type ScalarValue, WorkbookModel, createStandin } from "../src/office-standin";

const scalar = (v: unknown): ScalarValue =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : "";

function workbook(functions: number, horizon: number): WorkbookModel {
  const model = new WorkbookModel(["Inputs"]);
  const sample = sampleFunctionRows();
  const rows = Array.from({ length: functions }, (_, i) => {
    const row = sample[i % sample.length].map(scalar);
    row[0] = `${row[0]} ${i + 1}`;
    return row;
  });
  const headers = sampleFunctionHeaders();
  const fnRef = `A1:${cellRef(functions, headers.length - 1)}`;
  model.userInput("Inputs", fnRef, [headers, ...rows]);
  model.userAddTable("Inputs", fnRef, "SourcingFunctions");
  const assumptions = sampleAssumptionRows().map(([label, value, source]) => [
    label,
    label === "Horizon (months)" ? horizon : scalar(value),
    source,
  ]);
  const top = functions + 4;
  const aRef = `A${top}:C${top + assumptions.length}`;
  model.userInput("Inputs", aRef, [[...ASSUMPTION_HEADERS], ...assumptions]);
  model.userAddTable("Inputs", aRef, "SourcingAssumptions");
  return model;
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

export async function benchExcel(): Promise<string[]> {
  const lines = [`Excel adapter via the stand-in (request limit ${mb(REQUEST_PAYLOAD_LIMIT)}):`];
  for (const [functions, horizon] of [
    [10, 36],
    [2000, 36],
    [2000, 120],
  ]) {
    const standin = createStandin(workbook(functions, horizon));
    const started = performance.now();
    const outcome = await runModel(standin.run as unknown as ExcelRun);
    const ms = performance.now() - started;
    if (outcome.kind !== "done") throw new Error(outcome.message);
    const { stats } = standin;
    // A fresh workbook: read 3 (look up, shape, values), prepare 1 (nothing to check yet), then the writes.
    const before = stats.syncCount - outcome.written.requests;
    const writes = stats.syncs
      .slice(before)
      .map((s) => mb(s.requestBytes))
      .join(", ");
    lines.push(
      `  ${functions} functions × ${horizon} months: ${stats.syncCount} syncs (read and prepare ${before}, writes ${outcome.written.requests}); ` +
        `max request ${mb(stats.maxRequestBytes)}, total ${mb(stats.totalRequestBytes)}; ${outcome.written.scheduleRows} schedule rows, ` +
        `${outcome.written.charts} charts; ${ms.toFixed(0)} ms in the stand-in`,
      `    write requests: ${writes}`,
    );
  }
  // Reads of large tables: responses sized under the 5 MB limit, requests following the bytes.
  for (const functions of [25_000, 50_000]) {
    const standin = createStandin(workbook(functions, 3));
    const started = performance.now();
    await readInputs(standin.run as unknown as ExcelRun);
    const ms = performance.now() - started;
    const responses = standin.stats.syncs.map((s) => s.responseBytes);
    lines.push(
      `  read ${functions.toLocaleString("en-US")} functions: ${standin.stats.syncCount} syncs, max response ${mb(Math.max(...responses))}, ` +
        `total ${mb(responses.reduce((a, b) => a + b, 0))}; ${ms.toFixed(0)} ms in the stand-in`,
    );
  }
  return lines;
}
