/** The exported workbooks the engine checks share: the sample and the seeded random inputs. */
import { buildNativeExport, writeXlsx } from "../../../src/export";
import type { NativeExport } from "../../../src/export";
import { type ModelInput, sampleInput } from "../../../src/model";
import { randomInput } from "./random-inputs";

export const RANDOM_WORKBOOKS = 60;
export const EXPORTED_AT = new Date("2026-01-15T09:00:00Z");

export interface ExportCase {
  name: string;
  input: ModelInput;
  exported: NativeExport;
  bytes: Uint8Array;
}

export function exportCase(name: string, input: ModelInput, maxHorizon?: number): ExportCase {
  const exported = buildNativeExport(input, { exportedAt: EXPORTED_AT, maxHorizon });
  return { name, input, exported, bytes: writeXlsx(exported.workbook) };
}

/** The sample, then RANDOM_WORKBOOKS random inputs; every fifth is sized beyond its horizon (a reader may shorten it). */
export function exportCases(): ExportCase[] {
  const cases = [exportCase("sample", sampleInput())];
  for (let seed = 0; seed < RANDOM_WORKBOOKS; seed++) {
    const input = randomInput(seed);
    const horizon = Number((input.assumptions as Record<string, unknown>).horizonMonths);
    cases.push(exportCase(`random-${seed}`, input, seed % 5 === 4 ? Math.min(120, horizon + 7) : undefined));
  }
  return cases;
}
