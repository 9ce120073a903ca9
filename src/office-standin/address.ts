/** The stand-in's cell rectangles and A1 addresses: the add-in's own (src/layout/sheet-ranges.ts), one rule for both. */
export * from "../layout/sheet-ranges";
