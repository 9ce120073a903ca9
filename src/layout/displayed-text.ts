/**
 * How Excel shows a value under the number formats the add-in writes ("#,##0", "#,##0;(#,##0)", "0", "@",
 * percentages, General, a third section for zero (empty: blank), and any of them with quoted text before or after: "± "#,##0). Display only: the cell keeps
 * its full value, as in Excel. Shared by the playground's grid (what it draws) and column-widths.ts (how wide a
 * column must be for what Excel draws).
 */
type ScalarValue = string | number | boolean;

const grouped = (value: number, decimals: number) =>
  value.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: true,
  });

const plain = (value: number, decimals: number) => value.toFixed(decimals);

/** General: up to 10 significant digits, no trailing zeros, like Excel's default column width shows. */
function general(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9))
    return value
      .toExponential(4)
      .replace(/\.?0+e/, "E")
      .replace("e", "E");
  return String(Number(value.toPrecision(10)));
}

export function displayText(value: ScalarValue | "", format: string): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "#NUM!";
  // "positive;negative" sections, as money cells use: "#,##0;(#,##0)" shows -125800 as (125,800).
  const sections = format.split(";");
  // A third section is for zero; an empty one shows nothing ("#,##0;-#,##0;").
  if (sections.length > 2 && value === 0) {
    const text = /^"([^"]*)"$/.exec(sections[2]);
    return text ? text[1] : sections[2] === "" ? "" : displayText(value, sections[2]);
  }
  if (sections.length > 1) {
    if (value >= 0) return displayText(value, sections[0]);
    const negative = /^\((.*)\)$/.exec(sections[1]);
    return negative ? `(${displayText(-value, negative[1])})` : `-${displayText(-value, sections[1])}`;
  }
  // Quoted text before or after the number ("± "0.0% shows 0.0036 as ± 0.4%): Excel puts a minus sign first.
  const leading = /^"([^"]*)"(.+)$/.exec(format);
  if (leading) return `${value < 0 ? "-" : ""}${leading[1]}${displayText(Math.abs(value), leading[2])}`;
  const trailing = /^(.+?)"([^"]*)"$/.exec(format);
  if (trailing) return `${displayText(value, trailing[1])}${trailing[2]}`;
  const percent = /^0(\.(0+))?%$/.exec(format);
  if (percent) return `${plain(value * 100, percent[2]?.length ?? 0)}%`;
  const groupedFormat = /^#,##0(\.(0+))?$/.exec(format);
  if (groupedFormat) return grouped(value, groupedFormat[2]?.length ?? 0);
  const fixed = /^0(\.(0+))?$/.exec(format);
  if (fixed) return plain(value, fixed[2]?.length ?? 0);
  return general(value);
}
