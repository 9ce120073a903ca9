import { describe, expect, it } from "vitest";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  cellAddress,
  cellRef,
  columnIndex,
  columnLetters,
  contains,
  intersects,
  parseRef,
  quoteSheetName,
  rectRef,
  sheetAddress,
  splitAddress,
} from "../../src/layout/address";

describe("column letters", () => {
  it("names 0-based columns as Excel does", () => {
    expect([0, 1, 25, 26, 51, 701, 702, 16383].map(columnLetters)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AZ",
      "ZZ",
      "AAA",
      "XFD",
    ]);
    expect(["A", "z", "AA", "aa", "XFD"].map(columnIndex)).toEqual([0, 25, 26, 26, 16383]);
  });

  it("round-trips every column Excel has", () => {
    for (let column = 0; column < MAX_COLUMNS; column++) expect(columnIndex(columnLetters(column))).toBe(column);
    expect(columnLetters(MAX_COLUMNS - 1)).toBe("XFD");
  });
});

describe("cell addresses", () => {
  it("quotes sheet names that need it", () => {
    expect(quoteSheetName("Functions")).toBe("Functions");
    expect(quoteSheetName("Sourcing Inputs")).toBe("'Sourcing Inputs'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
    expect(quoteSheetName("A1")).toBe("'A1'"); // would read as a cell
    expect(quoteSheetName("R2")).toBe("'R2'");
    expect(quoteSheetName("2024")).toBe("'2024'");
  });

  it("writes cells and rectangles from 0-based indexes", () => {
    expect(cellRef(0, 0)).toBe("A1");
    expect(cellRef(4, 2)).toBe("C5");
    expect(cellAddress("Sourcing Inputs", 4, 2)).toBe("'Sourcing Inputs'!C5");
    expect(rectRef({ row: 3, column: 0, rowCount: 1, columnCount: 1 })).toBe("A4");
    expect(rectRef({ row: 3, column: 0, rowCount: 5, columnCount: 13 })).toBe("A4:M8");
    expect(sheetAddress("Sheet1", { row: 0, column: 27, rowCount: 2, columnCount: 1 })).toBe("Sheet1!AB1:AB2");
    expect(sheetAddress("It's", { row: 0, column: 0, rowCount: 1, columnCount: 1 })).toBe("'It''s'!A1");
  });
});

describe("parseRef", () => {
  it("reads cells and ranges, with or without $, either corner first", () => {
    expect(parseRef("A1")).toEqual({ row: 0, column: 0, rowCount: 1, columnCount: 1 });
    expect(parseRef("$C$5")).toEqual({ row: 4, column: 2, rowCount: 1, columnCount: 1 });
    expect(parseRef("B2:N6")).toEqual({ row: 1, column: 1, rowCount: 5, columnCount: 13 });
    expect(parseRef("N6:B2")).toEqual(parseRef("B2:N6"));
    expect(parseRef(" b2:$n$6 ")).toEqual(parseRef("B2:N6"));
    expect(parseRef("XFD1048576")).toEqual({ row: MAX_ROWS - 1, column: MAX_COLUMNS - 1, rowCount: 1, columnCount: 1 });
  });

  it("reads whole columns and whole rows", () => {
    expect(parseRef("A:C")).toEqual({ row: 0, column: 0, rowCount: MAX_ROWS, columnCount: 3 });
    expect(parseRef("$D:$D")).toEqual({ row: 0, column: 3, rowCount: MAX_ROWS, columnCount: 1 });
    expect(parseRef("2:5")).toEqual({ row: 1, column: 0, rowCount: 4, columnCount: MAX_COLUMNS });
  });

  it("round-trips what rectRef writes", () => {
    for (const ref of ["A1", "C5", "A4:M8", "AA10:XFD20"]) expect(rectRef(parseRef(ref))).toBe(ref);
  });

  it("rejects what is not an A1 reference inside Excel's grid", () => {
    for (const ref of ["", "1A", "A1:B", "A0", "AAAA1", "Sheet1!A1", "R1C1", "not a range"]) {
      expect(() => parseRef(ref), ref).toThrow();
    }
    expect(() => parseRef("A1048577")).toThrow(/out of range/);
    expect(() => parseRef("XFE1")).toThrow(/out of range/);
  });
});

describe("splitAddress", () => {
  it("separates the sheet from the cells", () => {
    expect(splitAddress("Sheet1!A1:B2")).toEqual({ sheet: "Sheet1", ref: "A1:B2" });
    expect(splitAddress("'Sourcing Inputs'!C5")).toEqual({ sheet: "Sourcing Inputs", ref: "C5" });
    expect(splitAddress("'It''s'!A1")).toEqual({ sheet: "It's", ref: "A1" });
    expect(splitAddress("'a!b'!D4")).toEqual({ sheet: "a!b", ref: "D4" });
    expect(splitAddress("B2")).toEqual({ sheet: undefined, ref: "B2" });
  });

  it("undoes sheetAddress", () => {
    const rect = { row: 3, column: 1, rowCount: 2, columnCount: 4 };
    for (const sheet of ["Inputs", "Sourcing Inputs", "It's", "2024", "A1"]) {
      const { sheet: name, ref } = splitAddress(sheetAddress(sheet, rect));
      expect(name).toBe(sheet);
      expect(parseRef(ref)).toEqual(rect);
    }
  });
});

describe("rectangles", () => {
  it("intersect when they share a cell, and contain what lies wholly inside", () => {
    const table = parseRef("B2:D4");
    expect(intersects(table, parseRef("D4:E5"))).toBe(true);
    expect(intersects(table, parseRef("E2:F4"))).toBe(false);
    expect(intersects(table, parseRef("A:A"))).toBe(false);
    expect(intersects(table, parseRef("3:3"))).toBe(true);
    expect(contains(table, parseRef("C3"))).toBe(true);
    expect(contains(table, parseRef("B2:D4"))).toBe(true);
    expect(contains(table, parseRef("C3:E3"))).toBe(false);
  });
});
