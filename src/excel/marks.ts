/** The add-in's error marks on input cells: conditional formats identified by their rule formula (see write.ts). */

/** The rule formula that identifies the add-in's error marks (always true; the text names the owner). */
export const MARK_FORMULA = '=ISTEXT("Sourcing Modeler: input error")';
export const MARK_FILL = "#FDE7E9";
export const MARK_FONT_COLOR = "#A4262C";
