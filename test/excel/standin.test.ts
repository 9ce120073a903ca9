/** The stand-in itself: it must be at least as strict as Excel, or the adapter tests prove nothing. */
import { describe, expect, it } from "vitest";
import { sheetAddress } from "../../src/layout/address";
import {
  REQUEST_PAYLOAD_LIMIT,
  type RequestContext,
  WorkbookModel,
  createStandin,
  parseCellInput,
} from "../../src/office-standin";

const setup = () => {
  const model = new WorkbookModel(["Sheet1", "My sheet"]);
  return { model, standin: createStandin(model) };
};

describe("office stand-in", () => {
  it("throws PropertyNotLoaded for a property read before load and sync", async () => {
    const { standin, model } = setup();
    model.userInput("Sheet1", "A1", [[5]]);
    await standin.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([[5]]);
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("applies writes only at sync, in order, and counts syncs", async () => {
    const { standin, model } = setup();
    await standin.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:B1").values = [["x", 1]];
      sheet.getRange("A1").values = [["y"]];
      expect(model.requireSheet("Sheet1").cell(0, 0).value).toBe("");
      const pending = context.sync();
      expect(model.requireSheet("Sheet1").cell(0, 0).value).toBe("");
      await pending;
      expect(model.requireSheet("Sheet1").cell(0, 0).value).toBe("y");
      expect(model.requireSheet("Sheet1").cell(0, 1).value).toBe(1);
    });
    expect(standin.stats.syncCount).toBe(1);
  });

  it("Excel.run syncs what the batch left queued", async () => {
    const { standin, model } = setup();
    await standin.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [[3]];
    });
    expect(model.requireSheet("Sheet1").cell(2, 2).value).toBe(3);
    expect(standin.stats.syncCount).toBe(1);
  });

  it("refuses a request over 5 MB, applying nothing, and measures every request", async () => {
    const { standin, model } = setup();
    const big = Array.from({ length: 60_000 }, (_, i) => [`row ${i} ${"x".repeat(80)}`]);
    await expect(
      standin.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1").values = [["first"]];
        sheet.getRange("B1:B60000").values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(model.requireSheet("Sheet1").cell(0, 0).value).toBe("");
    expect(standin.stats.syncs[0].requestBytes).toBeGreaterThan(REQUEST_PAYLOAD_LIMIT);

    await standin.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B1:B30000").values = big.slice(0, 30_000);
      await context.sync();
    });
    expect(standin.stats.syncs[1].requestBytes).toBeLessThan(REQUEST_PAYLOAD_LIMIT);
    expect(standin.stats.syncs[1].requestBytes).toBeGreaterThan(JSON.stringify(big.slice(0, 30_000)).length);
  });

  it("resolves *OrNullObject at sync; isNullObject is unreadable before", async () => {
    const { standin } = setup();
    await standin.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("my SHEET");
      const table = context.workbook.tables.getItemOrNullObject("T");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(table.isNullObject).toBe(true);
      // Writing to a null object fails at sync.
      missing.name = "Renamed";
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
  });

  it("fails the request when anything is navigated from a null object (the old stand-in gave null objects)", async () => {
    const { standin } = setup();
    const navigations: ((context: RequestContext) => void)[] = [
      (context) => void context.workbook.tables.getItemOrNullObject("T").getRange().load("values"),
      (context) => void context.workbook.tables.getItemOrNullObject("T").worksheet.load("name"),
      (context) => void context.workbook.worksheets.getItemOrNullObject("Nope").getUsedRangeOrNullObject(true),
      (context) =>
        void context.workbook.worksheets.getItemOrNullObject("Nope").getRange().conditionalFormats.load("items/id"),
    ];
    for (const navigate of navigations) {
      await expect(
        standin.run(async (context) => {
          navigate(context);
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: "InvalidObjectPath" });
    }
    // Looked up, synced, then navigated only when it exists: fine.
    await standin.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("Sheet1");
      await context.sync();
      const used = sheet.isNullObject ? undefined : sheet.getUsedRangeOrNullObject(true);
      await context.sync();
      expect(used?.isNullObject).toBe(true);
    });
  });

  it("fails at sync for a missing item, a wrong shape, and a clash of names", async () => {
    const { standin } = setup();
    const attempt = (batch: (context: RequestContext) => Promise<void>) => standin.run(batch);
    await expect(
      attempt(async (context) => {
        context.workbook.worksheets.getItem("Nope").getRange("A1").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    await expect(
      attempt(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      attempt(async (context) => {
        context.workbook.worksheets.add("sheet1");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
  });

  it("stores typed text as Excel does: formulas, numbers, apostrophes, Text cells", () => {
    expect(parseCellInput("=A1+1", "General")).toEqual({ value: undefined, formula: "=A1+1" });
    expect(parseCellInput("+x", "General")).toEqual({ value: undefined, formula: "=+x" });
    expect(parseCellInput("-x", "General")).toEqual({ value: undefined, formula: "=-x" });
    expect(parseCellInput("@x", "General")).toEqual({ value: undefined, formula: "=@x" });
    expect(parseCellInput("-12.5", "General")).toEqual({ value: -12.5 });
    expect(parseCellInput("5%", "General")).toEqual({ value: 0.05 });
    expect(parseCellInput("true", "General")).toEqual({ value: true });
    expect(parseCellInput("'=Payroll", "General")).toEqual({ value: "=Payroll" });
    expect(parseCellInput("=Payroll", "@")).toEqual({ value: "=Payroll" });
    expect(parseCellInput("007", "@")).toEqual({ value: "007" });
    expect(parseCellInput("''x", "@")).toEqual({ value: "'x" });
  });

  it("broadcasts a 1×1 number format, tables take the first row as headers, addresses quote sheet names", async () => {
    const { standin, model } = setup();
    await standin.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("My sheet");
      const range = sheet.getRange("A1:B3");
      range.numberFormat = [["@"]];
      range.values = [
        ["Name", ""],
        ["=x", "1"],
        ["y", "2"],
      ];
      const table = sheet.tables.add(range, true);
      table.name = "People";
      const body = table.getDataBodyRange().load("values,address,numberFormat");
      await context.sync();
      expect(body.values).toEqual([
        ["=x", "1"],
        ["y", "2"],
      ]);
      expect(body.address).toBe("'My sheet'!A2:B3");
      expect(body.numberFormat).toEqual([
        ["@", "@"],
        ["@", "@"],
      ]);
    });
    expect(model.table("people")?.sheet.cell(0, 1).value).toBe("Column2");
    expect(sheetAddress("Sheet1", { row: 0, column: 27, rowCount: 2, columnCount: 1 })).toBe("Sheet1!AB1:AB2");
  });

  it("delivers change events to handlers until they are removed", async () => {
    const { standin, model } = setup();
    const seen: string[] = [];
    const handler = await standin.run(async (context) => {
      const result = context.workbook.worksheets.getItem("Sheet1").onChanged.add(async (event) => {
        seen.push(event.address);
      });
      await context.sync();
      return result;
    });
    model.userInput("Sheet1", "B2", [[1]]);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["Sheet1!B2"]);
    // The context died with its Excel.run: removal goes through Excel.run(result.context, …).
    expect(() => handler.remove()).toThrow(expect.objectContaining({ code: "InvalidRequestContext" }));
    await standin.run(handler.context, async (context) => {
      handler.remove();
      await context.sync();
    });
    model.userInput("Sheet1", "B2", [[2]]);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["Sheet1!B2"]);
  });
});
