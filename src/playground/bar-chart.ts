/**
 * Column and bar charts (Excel's ColumnClustered, BarClustered, ColumnStacked and BarStacked) for the playground's
 * grid, drawn as SVG with DOM calls only, like the task pane's line chart (whose ticks, number labels and colours it
 * reuses). The analysis writes a histogram (columns) and a tornado (bars, two series: input at low and at high);
 * the portfolio sheet a timeline (stacked bars: each function's months of each phase, end to end).
 */
import {
  type AxisTitles,
  type LineSeries,
  SERIES_COLOURS,
  type SvgDoc,
  axisTitleElements,
  chartLegend,
  compactNumber,
  niceTicks,
  plotArea,
  svg,
  titlePlaces,
} from "../taskpane/line-chart";

/** A series of bars; with `labels`, each bar carries a data label (its series name and/or value, as Excel shows). */
export interface BarSeries extends LineSeries {
  labels?: { seriesName: boolean; value: boolean };
}

export interface BarChartSpec {
  title: string;
  categories: (string | number)[];
  series: BarSeries[];
  axisTitles?: AxisTitles;
  /** ChartAxis.reversePlotOrder of the category axis: a bar chart's first category on top (Excel's default: bottom). */
  reversed?: boolean;
  /** "column": vertical bars over the categories; "bar": horizontal bars, categories down the side. */
  orientation: "column" | "bar";
  /** Excel's stacked types: one bar per category, the series end to end in series order (else side by side). */
  stacked?: boolean;
  width: number;
  height: number;
}

/** About how wide a 10px label is per character: room for the labels is made, they are never cut. */
const CHARACTER_PX = 5.6;

/** A bar's data label, as Excel composes it: the series name, the value, or both. */
function dataLabel(series: BarSeries, value: number): string {
  const parts = [series.labels?.seriesName ? series.name : "", series.labels?.value ? compactNumber(value) : ""];
  return parts.filter((part) => part !== "").join(", ");
}

/** Where each bar starts and ends on the value axis: from zero, or (stacked) from where the series before it ended. */
export function barExtents(series: BarSeries[], stacked: boolean): ({ from: number; to: number } | null)[][] {
  // Excel stacks a category's positive values up from zero and its negative values down from zero, apart.
  const above: number[] = [];
  const below: number[] = [];
  return series.map((s) =>
    s.values.map((v, i) => {
      if (v === null || !Number.isFinite(v)) return null;
      if (!stacked) return { from: 0, to: v };
      const pile = v < 0 ? below : above;
      const from = pile[i] ?? 0;
      pile[i] = from + v;
      return { from, to: from + v };
    }),
  );
}

export function renderBarChart(doc: SvgDoc, spec: BarChartSpec): HTMLElement {
  const { width, height, categories, series } = spec;
  const horizontal = spec.orientation === "bar";
  const stacked = spec.stacked === true;
  const extents = barExtents(series, stacked);
  const values = extents.flatMap((bars) => bars.flatMap((bar) => (bar ? [bar.from, bar.to] : [])));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 4);
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  // Room for the longest category label: beside the bars, or under the columns turned by 45°.
  const longest = Math.max(0, ...categories.map((c) => String(c).length)) * CHARACTER_PX;
  const places = titlePlaces(spec.axisTitles, horizontal);
  const plot = horizontal
    ? plotArea(width, height, places, { left: Math.min(width / 3, longest + 8), bottom: 22 })
    : plotArea(width, height, places, { left: 44, bottom: Math.min(height / 3, longest * 0.72 + 12) });
  const categoryLabelX = plot.left - 4;
  // Room for the data labels beyond the longest bars, on the side each bar points to (stacked: inside the bars).
  const labelled = stacked ? [] : series.filter((s) => s.labels?.seriesName || s.labels?.value);
  const labelRoom = Math.max(0, ...labelled.map((s) => s.name.length + 8)) * CHARACTER_PX * 0.8;
  if (horizontal) {
    plot.right -= labelled.length > 0 ? labelRoom : 12;
    if (labelled.length > 0 && values.some((v) => v < 0)) plot.left += labelRoom;
  } else if (labelled.length > 0) plot.top += 12;
  // The value axis runs across (bars) or up (columns); the category axis takes the other direction.
  const valueAt = (v: number) =>
    horizontal
      ? plot.left + ((plot.right - plot.left) * (v - lo)) / (hi - lo || 1)
      : plot.bottom - ((plot.bottom - plot.top) * (v - lo)) / (hi - lo || 1);
  const span = horizontal ? plot.bottom - plot.top : plot.right - plot.left;
  const slot = span / Math.max(1, categories.length);
  // Clustered bars share 80% of a category's slot; a stacked bar takes 60% of it (Excel's 150% gap is a little less).
  const barSize = stacked ? slot * 0.6 : (slot * 0.8) / Math.max(1, series.length);
  const barOffset = (k: number) => (stacked ? slot * 0.2 : slot * 0.1 + barSize * k);
  // Excel draws a bar chart's first category at the bottom unless its category axis is reversed.
  const slotOf = (i: number) => (horizontal && !spec.reversed ? categories.length - 1 - i : i);

  const figure = doc.createElement("figure");
  figure.className = "line-chart bar-chart";
  figure.setAttribute("data-orientation", spec.orientation);
  const caption = doc.createElement("figcaption");
  caption.className = "line-chart-title";
  caption.textContent = spec.title;
  const root = svg(doc, "svg", {
    viewBox: `0 0 ${width} ${height}`,
    width: "100%",
    role: "img",
    class: "line-chart-svg",
    preserveAspectRatio: "xMidYMid meet",
  });
  root.append(svg(doc, "title", {}, spec.title));

  const grid = svg(doc, "g", { class: "line-chart-grid" });
  for (const tick of ticks) {
    const at = valueAt(tick);
    const stroke = tick === 0 ? "#8a8a8a" : "#e0e0e0";
    if (horizontal) {
      grid.append(svg(doc, "line", { x1: at, x2: at, y1: plot.top, y2: plot.bottom, stroke, "stroke-width": 1 }));
      grid.append(
        svg(
          doc,
          "text",
          { x: at, y: plot.bottom + 14, "text-anchor": "middle", "font-size": 10, fill: "#616161" },
          compactNumber(tick),
        ),
      );
    } else {
      grid.append(svg(doc, "line", { x1: plot.left, x2: plot.right, y1: at, y2: at, stroke, "stroke-width": 1 }));
      grid.append(
        svg(
          doc,
          "text",
          { x: plot.left - 4, y: at + 3, "text-anchor": "end", "font-size": 10, fill: "#616161" },
          compactNumber(tick),
        ),
      );
    }
  }
  // Turned labels need about a line's height each: skip some (as Excel does) rather than overlap or cut them.
  const every = horizontal ? 1 : Math.max(1, Math.ceil((categories.length * 14) / (plot.right - plot.left)));
  categories.forEach((category, i) => {
    const middle = (horizontal ? plot.top : plot.left) + slot * (slotOf(i) + 0.5);
    const look = { "font-size": horizontal ? 10 : 9, fill: "#616161", class: "chart-category-label" };
    if (horizontal)
      grid.append(
        svg(doc, "text", { ...look, x: categoryLabelX, y: middle + 3, "text-anchor": "end" }, String(category)),
      );
    else if (i % every === 0) {
      const y = plot.bottom + 10;
      grid.append(
        svg(
          doc,
          "text",
          { ...look, x: middle, y, "text-anchor": "end", transform: `rotate(-45 ${middle} ${y})` },
          String(category),
        ),
      );
    }
  });
  grid.append(...axisTitleElements(doc, plot, height, places));
  root.append(grid);

  series.forEach((s, k) => {
    const group = svg(doc, "g", {
      class: "bar-chart-series",
      fill: SERIES_COLOURS[k % SERIES_COLOURS.length],
      "data-series": s.name,
    });
    s.values.forEach((v, i) => {
      const extent = extents[k][i];
      if (v === null || !extent) return;
      // A stacked series with nothing in this category has no segment (and so no label) to draw.
      if (stacked && v === 0) return;
      const offset = (horizontal ? plot.top : plot.left) + slot * slotOf(i) + barOffset(k);
      const start = valueAt(extent.from);
      const end = valueAt(extent.to);
      const from = Math.min(start, end);
      const length = Math.max(0.5, Math.abs(end - start));
      const rect = horizontal
        ? svg(doc, "rect", { x: from, y: offset, width: length, height: barSize, class: "bar-chart-bar" })
        : svg(doc, "rect", { x: offset, y: from, width: barSize, height: length, class: "bar-chart-bar" });
      rect.append(svg(doc, "title", {}, `${s.name}, ${String(categories[i] ?? i + 1)}: ${compactNumber(v)}`));
      group.append(rect);
      const label = dataLabel(s, v);
      if (label !== "" && stacked) {
        // Stacked bars carry their labels in the middle of each segment, as Excel places them: light on the fill
        // where the text fits the segment, dark where it runs beyond it (Excel lets it overflow, uncut).
        const middle = (start + end) / 2;
        const fits = label.length * CHARACTER_PX * 0.8 + 4 <= (horizontal ? length : barSize);
        const at = horizontal ? { x: middle, y: offset + barSize / 2 + 3 } : { x: offset + barSize / 2, y: middle + 3 };
        const look = { "text-anchor": "middle", "font-size": 8, fill: fits ? "#ffffff" : "#242424" };
        group.append(svg(doc, "text", { ...at, ...look, class: "chart-data-label" }, label));
      } else if (label !== "") {
        // Outside the bar's end, as Excel places them: the label names the bar, not only its colour.
        const outward = v < 0 ? -1 : 1;
        const at = horizontal
          ? { x: end + outward * 3, y: offset + barSize / 2 + 3, "text-anchor": outward < 0 ? "end" : "start" }
          : { x: offset + barSize / 2, y: end - outward * 3, "text-anchor": "middle" };
        group.append(svg(doc, "text", { ...at, "font-size": 8, fill: "#242424", class: "chart-data-label" }, label));
      }
    });
    root.append(group);
  });

  const legend = chartLegend(
    doc,
    series.map((s) => s.name),
    (k) => {
      const swatch = svg(doc, "svg", { width: 10, height: 10, "aria-hidden": "true" });
      swatch.append(
        svg(doc, "rect", { x: 0, y: 0, width: 10, height: 10, fill: SERIES_COLOURS[k % SERIES_COLOURS.length] }),
      );
      return swatch;
    },
  );
  figure.append(caption, root, legend);
  return figure;
}
