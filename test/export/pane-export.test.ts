/** The pane side: the export panel on a fake DOM, and the Office-facing functions over the Excel stand-in. */
import { describe, expect, it } from "vitest";
import * as excel from "../../src/excel";
import { exportNativeWorkbook, freezeWorkbookCopy } from "../../src/excel/export";
import { readXlsxBuffer } from "../../src/io/xlsx";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { mountExportPanel } from "../../src/taskpane/export-panel";
import { FakeDocument, FakeElement } from "../taskpane/fake-dom";
import { sourcingWorkbook } from "./support/freeze-fixture";

const decode = (base64: string): Buffer => Buffer.from(base64, "base64");

describe("Office-facing export functions", () => {
  it("exports the workbook's inputs as native formulas and opens them as a new workbook", async () => {
    const standin = createStandin(new WorkbookModel(["Sheet1"]));
    const run = standin.run as unknown as excel.ExcelRun;
    await excel.insertSample(run);
    const opened: string[] = [];
    const outcome = await exportNativeWorkbook(run, async (b64) => void opened.push(b64));
    expect(outcome.message).toMatch(
      /^Opened a new workbook with 4 functions as ordinary Excel formulas \(horizon up to 36 months\)/,
    );
    const read = await readXlsxBuffer(decode(opened[0]), "export.xlsx");
    expect((read.input.functions as { rows: unknown[][] }).rows.map((r) => r[0])).toEqual([
      "Customer support",
      "React developer",
      "Bookkeeping",
      "Data entry",
    ]);
  });

  it("says what to fix when there is nothing to export", async () => {
    const run = createStandin(new WorkbookModel(["Sheet1"])).run as unknown as excel.ExcelRun;
    await expect(exportNativeWorkbook(run, async () => undefined)).rejects.toThrow(/No functions table found/);
  });

  it("refuses an export beyond the row limit with what to do, before building it", async () => {
    const standin = createStandin(new WorkbookModel(["Sheet1"]));
    const run = standin.run as unknown as excel.ExcelRun;
    await excel.insertSample(run);
    const opened: string[] = [];
    await expect(
      exportNativeWorkbook(run, async (b64) => void opened.push(b64), { maxHorizon: 600, maxCalcRows: 2000 }),
    ).rejects.toThrow(
      "Nothing exported: the export would need 2,400 rows on Sourcing Calc (4 functions × 600 months), more than the limit of 2,000 rows. Export fewer functions or a shorter horizon.",
    );
    expect(opened).toEqual([]);
  });

  it("says why a workbook cannot be frozen", async () => {
    await expect(
      freezeWorkbookCopy(
        async () => new Uint8Array([1, 2, 3]),
        async () => undefined,
      ),
    ).rejects.toThrow(/^This workbook cannot be frozen: not an Excel workbook/);
  });

  it("freezes a copy of the workbook's bytes and opens it", async () => {
    const bytes = await sourcingWorkbook();
    const opened: string[] = [];
    const outcome = await freezeWorkbookCopy(
      async () => bytes,
      async (b64) => void opened.push(b64),
      () => new Date("2026-01-15T00:00:00Z"),
    );
    expect(outcome.message).toContain(
      'Opened a copy with 7 SOURCING formula cells replaced by their values (on "Live")',
    );
    expect(decode(opened[0]).toString("latin1")).not.toContain("SOURCING.DECIDE");
    const none = await freezeWorkbookCopy(
      async () => decode(opened[0]),
      async () => undefined,
    );
    expect(none.message).toContain("nothing to freeze");
  });
});

describe("export panel", () => {
  function mount(deps: Parameters<typeof mountExportPanel>[1]) {
    const doc = new FakeDocument();
    const container = new FakeElement("div");
    const panel = mountExportPanel(container as unknown as HTMLElement, deps, doc as unknown as Document);
    const section = container.children[0];
    const [, , exportButton, freezeButton, status] = section.children;
    return { panel, section, exportButton, freezeButton, status };
  }

  it("shows two labelled buttons and reports each outcome in a live status line (text only)", async () => {
    let release: () => void = () => undefined;
    const { panel, exportButton, freezeButton, status, section } = mount({
      exportNative: () =>
        new Promise((resolve) => (release = () => resolve({ message: "Opened a new <b>workbook</b>." }))),
      freezeValues: async () => {
        throw new Error("Excel could not hand over a copy of this workbook.");
      },
    });
    expect([exportButton.tagName, exportButton.type, exportButton.textContent]).toEqual([
      "button",
      "button",
      "Export as native formulas",
    ]);
    expect(freezeButton.textContent).toBe("Freeze values");
    expect(status.getAttribute("role")).toBe("status");
    expect(section.getAttribute("aria-labelledby")).toBe("export-title");

    const pending = panel.exportNative();
    expect(status.textContent).toBe("Building the native-formula workbook…");
    expect([exportButton.disabled, freezeButton.disabled]).toEqual([true, true]);
    await panel.freezeValues(); // ignored while busy
    release();
    await pending;
    expect(status.textContent).toBe("Opened a new <b>workbook</b>.");
    expect(status.getAttribute("data-kind")).toBe("ok");
    expect(exportButton.disabled).toBe(false);

    freezeButton.dispatch("click");
    await new Promise((r) => setTimeout(r, 0));
    expect(status.textContent).toBe("Excel could not hand over a copy of this workbook.");
    expect(status.getAttribute("data-kind")).toBe("error");
  });
});
