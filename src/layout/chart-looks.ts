/**
 * How the strategies' lines look in every chart (the Charts sheet, the pane, the playground): a dash pattern as well
 * as a colour, so the lines tell apart in grey print and for colour-blind readers. Office.js line styles, and the
 * SVG dash pattern that draws each.
 */
export type OfficeLineStyle = "Continuous" | "Dash" | "RoundDot";

export interface StrategyLine {
  /** The series name people read. */
  name: string;
  lineStyle: OfficeLineStyle;
}

/** Staff augmentation, BPO and Bridge, in the Schedule table's column order. */
export const STRATEGY_LINES: readonly StrategyLine[] = [
  { name: "Staff augmentation", lineStyle: "Continuous" },
  { name: "BPO", lineStyle: "Dash" },
  { name: "Bridge", lineStyle: "RoundDot" },
];

/** The SVG stroke-dasharray of an Office.js line style ("" for a solid line or a style drawn solid). */
export function svgDashOf(lineStyle: string): string {
  switch (lineStyle) {
    case "Dash":
      return "6 3";
    case "RoundDot":
    case "Dot":
      return "2 2";
    case "DashDot":
      return "6 3 2 3";
    default:
      return "";
  }
}
