/** Excel.createWorkbook in the playground: the base64 the export panel hands over becomes the file's bytes. */
import { describe, expect, it } from "vitest";
import { buildNativeExport, toBase64, writeXlsx } from "../../src/export";
import { sampleInput } from "../../src/model";
import { base64ToBytes, downloadName } from "../../src/playground/downloads";

describe("playground downloads", () => {
  it("decodes the export's base64 back to the exact xlsx bytes (a zip)", () => {
    const bytes = writeXlsx(buildNativeExport(sampleInput()).workbook);
    const decoded = base64ToBytes(toBase64(bytes));
    expect(decoded).toEqual(bytes);
    expect([decoded[0], decoded[1]]).toEqual([0x50, 0x4b]); // "PK"
  });

  it("numbers later downloads of the same page", () => {
    expect([1, 2, 3].map(downloadName)).toEqual([
      "sourcing-workbook.xlsx",
      "sourcing-workbook-2.xlsx",
      "sourcing-workbook-3.xlsx",
    ]);
  });
});
