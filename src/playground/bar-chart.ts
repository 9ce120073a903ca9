/**
 * Column and bar charts (Excel's ColumnClustered and BarClustered) for the playground's grid, drawn as SVG with
 * DOM calls only, like the task pane's line chart (whose ticks, number labels and colours it reuses). The
 * analysis writes a histogram (columns) and a tornado (bars, two series: input at low and at high).
 */
import {
  type LineSeries,
  SERIES_COLOURS,
  type SvgDoc,
  chartLegend,
  compactNumber,
  niceTicks,
  svg,
} from "../taskpane/line-chart";

export interface BarChartSpec {
  title: string;
  categories: (string | number)[];
  series: LineSeries[];
  /** "column": vertical bars over the categories; "bar": horizontal bars, categories down the side. */
  orientation: "column" | "bar";
  width: number;
  height: number;
}

const shorten = (label: string, max: number) =>
  label.length > max ? `${label.slice(0, Math.max(1, max - 1))}…` : label;

export function renderBarChart(doc: SvgDoc, spec: BarChartSpec): HTMLElement {
  const { width, height, categories, series } = spec;
  const horizontal = spec.orientation === "bar";
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 4);
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  const plot = horizontal
    ? { left: 120, top: 8, right: width - 12, bottom: height - 22 }
    : { left: 44, top: 8, right: width - 8, bottom: height - 36 };
  // The value axis runs across (bars) or up (columns); the category axis takes the other direction.
  const valueAt = (v: number) =>
    horizontal
      ? plot.left + ((plot.right - plot.left) * (v - lo)) / (hi - lo || 1)
      : plot.bottom - ((plot.bottom - plot.top) * (v - lo)) / (hi - lo || 1);
  const span = horizontal ? plot.bottom - plot.top : plot.right - plot.left;
  const slot = span / Math.max(1, categories.length);
  const barSize = (slot * 0.8) / Math.max(1, series.length);

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
  const every = horizontal ? 1 : Math.max(1, Math.ceil((categories.length * 48) / (plot.right - plot.left)));
  categories.forEach((category, i) => {
    const middle = (horizontal ? plot.top : plot.left) + slot * (i + 0.5);
    if (horizontal)
      grid.append(
        svg(
          doc,
          "text",
          { x: plot.left - 4, y: middle + 3, "text-anchor": "end", "font-size": 10, fill: "#616161" },
          shorten(String(category), 20),
        ),
      );
    else if (i % every === 0)
      grid.append(
        svg(
          doc,
          "text",
          { x: middle, y: plot.bottom + 14, "text-anchor": "middle", "font-size": 9, fill: "#616161" },
          shorten(String(category), 10),
        ),
      );
  });
  root.append(grid);

  const zero = valueAt(Math.max(lo, Math.min(hi, 0)));
  series.forEach((s, k) => {
    const group = svg(doc, "g", {
      class: "bar-chart-series",
      fill: SERIES_COLOURS[k % SERIES_COLOURS.length],
      "data-series": s.name,
    });
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      const offset = (horizontal ? plot.top : plot.left) + slot * i + slot * 0.1 + barSize * k;
      const end = valueAt(v);
      const from = Math.min(zero, end);
      const length = Math.max(0.5, Math.abs(end - zero));
      const rect = horizontal
        ? svg(doc, "rect", { x: from, y: offset, width: length, height: barSize, class: "bar-chart-bar" })
        : svg(doc, "rect", { x: offset, y: from, width: barSize, height: length, class: "bar-chart-bar" });
      rect.append(svg(doc, "title", {}, `${s.name}, ${String(categories[i] ?? i + 1)}: ${compactNumber(v)}`));
      group.append(rect);
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
