import { describe, expect, it } from "vitest";
import { cellAddress, columnLetters, quoteSheetName } from "../../src/io";
import { columnNumber, parseRange } from "../../src/layout/address";

describe("cell addresses", () => {
  it("names columns as Excel does", () => {
    expect([1, 2, 26, 27, 52, 702, 703, 16384].map(columnLetters)).toEqual(["A", "B", "Z", "AA", "AZ", "ZZ", "AAA", "XFD"]);
    expect(["A", "z", "AA", "XFD"].map(columnNumber)).toEqual([1, 26, 27, 16384]);
  });

  it("quotes sheet names that need it", () => {
    expect(quoteSheetName("Functions")).toBe("Functions");
    expect(quoteSheetName("Sourcing Inputs")).toBe("'Sourcing Inputs'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
    expect(quoteSheetName("A1")).toBe("'A1'"); // would read as a cell
    expect(quoteSheetName("R2")).toBe("'R2'");
    expect(quoteSheetName("2024")).toBe("'2024'");
    expect(cellAddress("Sourcing Inputs", 5, 3)).toBe("'Sourcing Inputs'!C5");
  });

  it("parses table ranges", () => {
    expect(parseRange("B2:N6")).toEqual({ top: 2, left: 2, bottom: 6, right: 14 });
    expect(parseRange("$A$1")).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
    expect(parseRange("not a range")).toBeUndefined();
  });
});
