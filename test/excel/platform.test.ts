/**
 * Desktop and web, as the stand-in plays them: which Office.js calls work where (getFileAsync(Compressed),
 * createWorkbook's confirmation on the web), and what the adapter and the export panel make of it.
 */
import { describe, expect, it } from "vitest";
import { SourcingUserError, type ExcelRun, insertSample } from "../../src/excel";
import {
  FREEZE_NEEDS_DESKTOP,
  type OfficeFileAccess,
  exportNativeWorkbook,
  freezeAvailable,
  freezeWorkbookCopy,
  workbookBytesThrough,
} from "../../src/excel/export";
import { WorkbookModel, createStandin, type Standin, type StandinOffice } from "../../src/office-standin";
import { mountExportPanel } from "../../src/taskpane/export-panel";
import { sourcingWorkbook } from "../export/support/freeze-fixture";
import { FakeDocument, FakeElement } from "../taskpane/fake-dom";

const asRun = (standin: Standin): ExcelRun => standin.run as unknown as ExcelRun;
/** The one cast between the stand-in's Office and the Office.js types the adapter is written against. */
const asOffice = (office: StandinOffice): OfficeFileAccess => office as unknown as OfficeFileAccess;

describe("platforms in the stand-in", () => {
  it("hands over the workbook file on the desktop, in slices, and refuses Compressed on the web", async () => {
    const bytes = await sourcingWorkbook();
    const desktop = createStandin(new WorkbookModel(), { platform: "desktop", workbookFile: () => bytes });
    expect(desktop.office.context.requirements.isSetSupported("CompressedFile")).toBe(true);
    expect(await workbookBytesThrough(asOffice(desktop.office))()).toEqual(bytes);

    const web = createStandin(new WorkbookModel(), { platform: "web", workbookFile: () => bytes });
    expect(web.office.context.platform).toBe("OfficeOnline");
    expect(web.office.context.requirements.isSetSupported("CompressedFile")).toBe(false);
    expect(web.office.context.requirements.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(web.office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    // The old stand-in had no platform: the call itself fails on the web, whatever the add-in checks.
    const result = await new Promise<{ status: string }>((resolve) =>
      web.office.context.document.getFileAsync("compressed", {}, resolve),
    );
    expect(result.status).toBe("failed");
  });

  it("Freeze: guarded on the web with a message that says where it works; on the desktop it freezes and opens the copy", async () => {
    const bytes = await sourcingWorkbook();
    const web = createStandin(new WorkbookModel(), { platform: "web", workbookFile: () => bytes });
    expect(freezeAvailable(asOffice(web.office))).toBe(false);
    const refused = freezeWorkbookCopy(workbookBytesThrough(asOffice(web.office)), (b64) => web.createWorkbook(b64));
    await expect(refused).rejects.toBeInstanceOf(SourcingUserError);
    await expect(refused).rejects.toThrow(FREEZE_NEEDS_DESKTOP);
    expect(web.openedWorkbooks).toEqual([]);

    const desktop = createStandin(new WorkbookModel(), { platform: "desktop", workbookFile: () => bytes });
    expect(freezeAvailable(asOffice(desktop.office))).toBe(true);
    const outcome = await freezeWorkbookCopy(workbookBytesThrough(asOffice(desktop.office)), (b64) =>
      desktop.createWorkbook(b64),
    );
    expect(outcome.message).toMatch(/^Opened a copy with 7 SOURCING formula cells replaced by their values/);
    expect(desktop.openedWorkbooks).toHaveLength(1);
  });

  it("createWorkbook on the web: declined, the pane's message says what to do and nothing changes; accepted, it opens", async () => {
    const web = createStandin(new WorkbookModel(["Sheet1"]), { platform: "web" });
    await insertSample(asRun(web));
    const before = JSON.stringify(web.model.sheets.map((s) => s.snapshot()));
    web.webUserAnswer = "decline";
    const declined = exportNativeWorkbook(asRun(web), (b64) => web.createWorkbook(b64));
    await expect(declined).rejects.toBeInstanceOf(SourcingUserError);
    await expect(declined).rejects.toThrow(
      /^Excel did not open the new workbook with native formulas .*allow the new window.*Nothing in this workbook changed\.$/,
    );
    expect(web.openedWorkbooks).toEqual([]);
    expect(JSON.stringify(web.model.sheets.map((s) => s.snapshot()))).toBe(before);

    web.webUserAnswer = "open";
    const outcome = await exportNativeWorkbook(asRun(web), (b64) => web.createWorkbook(b64));
    expect(outcome.message).toMatch(/^Opened a new workbook with 4 functions/);
    expect(web.openedWorkbooks).toHaveLength(1);
  });

  it("the export panel offers Freeze only where it works, and shows a declined window as an error", async () => {
    const web = createStandin(new WorkbookModel(["Sheet1"]), { platform: "web" });
    await insertSample(asRun(web));
    web.webUserAnswer = "decline";
    const container = new FakeElement("div");
    const panel = mountExportPanel(
      container as unknown as HTMLElement,
      {
        exportNative: () => exportNativeWorkbook(asRun(web), (b64) => web.createWorkbook(b64)),
        freezeValues: () =>
          freezeWorkbookCopy(workbookBytesThrough(asOffice(web.office)), (b64) => web.createWorkbook(b64)),
        freezeAvailable: freezeAvailable(asOffice(web.office)),
      },
      new FakeDocument() as unknown as Document,
    );
    const [section] = container.children;
    const [, , , freezeButton, status, note] = section.children;
    expect(freezeButton.hidden).toBe(true);
    expect(note.textContent).toBe(FREEZE_NEEDS_DESKTOP);
    await panel.exportNative();
    expect(status.getAttribute("data-kind")).toBe("error");
    expect(status.textContent).toMatch(/^Excel did not open the new workbook with native formulas/);

    const desktopContainer = new FakeElement("div");
    mountExportPanel(
      desktopContainer as unknown as HTMLElement,
      {
        exportNative: async () => ({ message: "" }),
        freezeValues: async () => ({ message: "" }),
        freezeAvailable: true,
      },
      new FakeDocument() as unknown as Document,
    );
    expect(desktopContainer.children[0].children[3].hidden).toBe(false);
    expect(desktopContainer.children[0].children).toHaveLength(5);
  });
});
