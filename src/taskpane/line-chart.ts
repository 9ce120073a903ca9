/**
 * A small SVG line chart drawn with DOM calls only (createElementNS, setAttribute, textContent): no HTML
 * strings, no style attributes (the pane's Content-Security-Policy allows neither inline styles nor scripts;
 * SVG presentation attributes and classes are fine). Used by the task pane for the selected function's
 * cumulative cost, and by the playground to draw the charts the add-in writes into the workbook.
 *
 * The geometry (scales, ticks, paths) is pure and exported for tests.
 */
import { STRATEGY_LINES, svgDashOf } from "../layout/chart-looks";

export interface LineSeries {
  name: string;
  /** One value per category; null leaves a gap. */
  values: (number | null)[];
  /** SVG stroke-dasharray ("" solid); by default the strategies' patterns by position (layout/chart-looks.ts). */
  dash?: string;
  /** Office.js marker style at each point ("Circle", "Square", "Triangle", "Diamond"…); none when absent. */
  marker?: string;
}

/** Axis titles, with units ("Month", "Cumulative cost (USD)"); an axis without one has no title. */
export interface AxisTitles {
  category?: string;
  value?: string;
}

export interface LineChartSpec {
  title: string;
  /** Labels of the x axis (months). */
  categories: (string | number)[];
  series: LineSeries[];
  /** A vertical marker at a category index (e.g. the break-even month), with its label. */
  marker?: { index: number; label: string };
  width?: number;
  height?: number;
  /** Accessible description; defaults to the title. */
  description?: string;
  formatValue?: (value: number) => string;
  axisTitles?: AxisTitles;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Colours that stay apart for common colour-vision deficiencies (Okabe–Ito), one per series. */
export const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];

/** 1, 2 or 5 × a power of ten, so that about `count` ticks cover [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  // Multiples of the step, rounded: repeated addition would drift (4.6000000000000005).
  const last = Math.ceil(max / step - 1e-9);
  for (let k = Math.floor(min / step + 1e-9); k <= last; k++)
    ticks.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return ticks;
}

/** Short money-like labels: 1.2M, 350k, 900. */
export function compactNumber(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? "−" : "";
  if (abs >= 1e9) return `${sign}${trim(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}${trim(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}${trim(abs / 1e3)}k`;
  return `${sign}${trim(abs)}`;
}
const trim = (n: number) =>
  n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1).replace(/\.0$/, "") : n.toFixed(2).replace(/\.?0+$/, "");

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: { value: number; y: number }[];
  xTicks: { index: number; x: number; label: string }[];
  paths: string[];
  /** Each series' drawn points (gaps left out), where markers go. */
  points: { x: number; y: number }[][];
  markerX?: number;
}

/** Room an axis title takes beside or under the plot, in the chart's units. */
export const AXIS_TITLE_ROOM = 14;

/**
 * Where the axis titles go: under the plot and turned up its left edge. A line or column chart has its categories
 * under the plot; a bar chart has them beside it, so its titles swap places.
 */
export function titlePlaces(titles: AxisTitles | undefined, categoriesBeside = false): TitlePlaces {
  const category = titles?.category ? { text: titles.category, axis: "category" as const } : undefined;
  const value = titles?.value ? { text: titles.value, axis: "value" as const } : undefined;
  return categoriesBeside ? { under: value, beside: category } : { under: category, beside: value };
}

export interface TitlePlaces {
  under?: { text: string; axis: "category" | "value" };
  beside?: { text: string; axis: "category" | "value" };
}

/** The plot area inside a chart: room for tick labels and, where there are any, the axis titles. */
export function plotArea(
  width: number,
  height: number,
  places: TitlePlaces,
  margins: { left: number; bottom: number },
): ChartGeometry["plot"] {
  return {
    left: margins.left + (places.beside ? AXIS_TITLE_ROOM : 0),
    top: 8,
    right: width - 8,
    bottom: height - margins.bottom - (places.under ? AXIS_TITLE_ROOM : 0),
  };
}

/** The axis titles as SVG text: one under the labels, one turned up the left edge. */
export function axisTitleElements(
  doc: SvgDoc,
  plot: ChartGeometry["plot"],
  height: number,
  places: TitlePlaces,
): SVGTextElement[] {
  const out: SVGTextElement[] = [];
  const look = { "font-size": 10, fill: "#424242", "text-anchor": "middle", class: "chart-axis-title" };
  if (places.under) {
    const at = { x: (plot.left + plot.right) / 2, y: height - 3, "data-axis": places.under.axis };
    out.push(svg(doc, "text", { ...look, ...at }, places.under.text));
  }
  if (places.beside) {
    const middle = (plot.top + plot.bottom) / 2;
    const at = { x: 10, y: middle, transform: `rotate(-90 10 ${middle})`, "data-axis": places.beside.axis };
    out.push(svg(doc, "text", { ...look, ...at }, places.beside.text));
  }
  return out;
}

/** The dash pattern of series `index`: its own, else the strategies' by position. */
export const dashOf = (series: LineSeries, index: number): string =>
  series.dash ?? svgDashOf(STRATEGY_LINES[index]?.lineStyle ?? "Continuous");

/** Scales and paths for a spec (pure). */
export function chartGeometry(spec: LineChartSpec): ChartGeometry {
  const width = spec.width ?? 320;
  const height = spec.height ?? 200;
  const plot = plotArea(width, height, titlePlaces(spec.axisTitles), { left: 44, bottom: 22 });
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), height < 160 ? 3 : 4);
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  const n = Math.max(1, spec.categories.length - 1);
  const x = (i: number) => plot.left + ((plot.right - plot.left) * i) / n;
  const y = (v: number) => plot.bottom - ((plot.bottom - plot.top) * (v - lo)) / (hi - lo || 1);
  const paths = spec.series.map((s) => {
    let d = "";
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  });
  const points = spec.series.map((series) =>
    series.values.flatMap((v, i) => (v === null || !Number.isFinite(v) ? [] : [{ x: x(i), y: y(v) }])),
  );
  const every = Math.max(1, Math.ceil(spec.categories.length / Math.max(2, Math.floor((plot.right - plot.left) / 36))));
  const xTicks = spec.categories.flatMap((label, i) =>
    i % every === 0 || i === spec.categories.length - 1 ? [{ index: i, x: x(i), label: String(label) }] : [],
  );
  // The last label replaces a regular one too close to it.
  if (xTicks.length > 2 && xTicks[xTicks.length - 1].index - xTicks[xTicks.length - 2].index < every / 2)
    xTicks.splice(xTicks.length - 2, 1);
  return {
    width,
    height,
    plot,
    yTicks: ticks.map((value) => ({ value, y: y(value) })),
    xTicks,
    paths,
    points,
    markerX:
      spec.marker && spec.marker.index >= 0 && spec.marker.index < spec.categories.length
        ? x(spec.marker.index)
        : undefined,
  };
}

/** The document calls the charts use (a real document or the tests' fake DOM). */
export type SvgDoc = Pick<Document, "createElementNS" | "createElement">;

/** One SVG element with its attributes and optional text; shared by the pane's and the playground's charts. */
export function svg<K extends keyof SVGElementTagNameMap>(
  doc: SvgDoc,
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const element = doc.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The HTML legend under a chart: per series its swatch (an <svg> drawn by `swatch`) and its name. */
export function chartLegend(
  doc: SvgDoc,
  names: readonly string[],
  swatch: (index: number) => SVGSVGElement,
): HTMLUListElement {
  const legend = doc.createElement("ul");
  legend.className = "line-chart-legend";
  names.forEach((name, i) => {
    const item = doc.createElement("li");
    const label = doc.createElement("span");
    label.textContent = name;
    item.append(swatch(i), label);
    legend.append(item);
  });
  return legend;
}

/** One point's marker in Excel's style names; "None", "Automatic" (a line chart's default) and unknown styles draw nothing. */
function markerShape(doc: SvgDoc, style: string, at: { x: number; y: number }, colour: string): SVGElement[] {
  const r = 3;
  const look = { fill: colour, stroke: colour, class: "line-chart-point", "data-marker": style };
  const polygon = (corners: [number, number][]) =>
    svg(doc, "polygon", { ...look, points: corners.map(([dx, dy]) => `${at.x + dx},${at.y + dy}`).join(" ") });
  switch (style) {
    case "Circle":
    case "Dot":
      return [svg(doc, "circle", { ...look, cx: at.x, cy: at.y, r })];
    case "Square":
      return [svg(doc, "rect", { ...look, x: at.x - r, y: at.y - r, width: 2 * r, height: 2 * r })];
    case "Triangle":
      return [
        polygon([
          [0, -r - 1],
          [r + 1, r],
          [-r - 1, r],
        ]),
      ];
    case "Diamond":
      return [
        polygon([
          [0, -r - 1],
          [r + 1, 0],
          [0, r + 1],
          [-r - 1, 0],
        ]),
      ];
    default:
      return [];
  }
}

/** The chart as an <svg> (title and description for screen readers) plus an HTML legend, in a <figure>. */
export function renderLineChart(doc: SvgDoc, spec: LineChartSpec): HTMLElement {
  const g = chartGeometry(spec);
  const format = spec.formatValue ?? compactNumber;
  const figure = doc.createElement("figure");
  figure.className = "line-chart";
  const caption = doc.createElement("figcaption");
  caption.className = "line-chart-title";
  caption.textContent = spec.title;

  const root = svg(doc, "svg", {
    viewBox: `0 0 ${g.width} ${g.height}`,
    width: "100%",
    role: "img",
    class: "line-chart-svg",
    preserveAspectRatio: "xMidYMid meet",
  });
  root.append(svg(doc, "title", {}, spec.title), svg(doc, "desc", {}, spec.description ?? spec.title));

  const grid = svg(doc, "g", { class: "line-chart-grid" });
  for (const tick of g.yTicks) {
    grid.append(
      svg(doc, "line", {
        x1: g.plot.left,
        x2: g.plot.right,
        y1: tick.y,
        y2: tick.y,
        stroke: tick.value === 0 ? "#8a8a8a" : "#e0e0e0",
        "stroke-width": 1,
      }),
    );
    grid.append(
      svg(
        doc,
        "text",
        { x: g.plot.left - 4, y: tick.y + 3, "text-anchor": "end", "font-size": 10, fill: "#616161" },
        format(tick.value),
      ),
    );
  }
  for (const tick of g.xTicks) {
    grid.append(
      svg(
        doc,
        "text",
        { x: tick.x, y: g.plot.bottom + 14, "text-anchor": "middle", "font-size": 10, fill: "#616161" },
        tick.label,
      ),
    );
  }
  grid.append(...axisTitleElements(doc, g.plot, g.height, titlePlaces(spec.axisTitles)));
  root.append(grid);

  if (g.markerX !== undefined && spec.marker) {
    const marker = svg(doc, "g", { class: "line-chart-marker" });
    marker.append(
      svg(doc, "line", {
        x1: g.markerX,
        x2: g.markerX,
        y1: g.plot.top,
        y2: g.plot.bottom,
        stroke: "#242424",
        "stroke-width": 1.5,
        "stroke-dasharray": "4 3",
      }),
      svg(
        doc,
        "text",
        {
          x: g.markerX + (g.markerX > (g.plot.left + g.plot.right) / 2 ? -4 : 4),
          y: g.plot.top + 10,
          "text-anchor": g.markerX > (g.plot.left + g.plot.right) / 2 ? "end" : "start",
          "font-size": 11,
          "font-weight": 600,
          fill: "#242424",
        },
        spec.marker.label,
      ),
    );
    root.append(marker);
  }

  g.paths.forEach((d, i) => {
    if (d === "") return;
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    const path = svg(doc, "path", {
      d,
      fill: "none",
      stroke: colour,
      "stroke-width": 2,
      "stroke-linejoin": "round",
      class: "line-chart-series",
    });
    // Dashes as well as colour, so the lines differ in grey print and for colour-blind readers.
    const dash = dashOf(spec.series[i], i);
    if (dash !== "") path.setAttribute("stroke-dasharray", dash);
    path.setAttribute("data-series", spec.series[i].name);
    root.append(path);
    const shape = spec.series[i].marker;
    if (shape !== undefined) root.append(...g.points[i].flatMap((p) => markerShape(doc, shape, p, colour)));
  });

  const legend = chartLegend(
    doc,
    spec.series.map((series) => series.name),
    (i) => {
      const swatch = svg(doc, "svg", { width: 18, height: 8, "aria-hidden": "true", class: "line-chart-swatch" });
      const line = svg(doc, "line", {
        x1: 0,
        x2: 18,
        y1: 4,
        y2: 4,
        stroke: SERIES_COLOURS[i % SERIES_COLOURS.length],
        "stroke-width": 2,
      });
      const dash = dashOf(spec.series[i], i);
      if (dash !== "") line.setAttribute("stroke-dasharray", dash);
      swatch.append(line);
      return swatch;
    },
  );

  figure.append(caption, root, legend);
  return figure;
}
