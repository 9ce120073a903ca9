/**
 * Excel.ChartCollection and Excel.Chart: title, size and position, axes (titles, category names), series (names,
 * markers, line dashes, data labels).
 */
import { parseRef } from "../layout/address";
import {
  type ChartAxisKind,
  type ChartModel,
  type ChartSeriesLook,
  type SheetModel,
  invalidArgument,
  notFound,
  quote,
} from "./model";
import { Collection, modelField, noProperties, propertyFamily, proxyWithProperties } from "./proxy-common";
import { Range } from "./range";

const CHART_TYPES = new Set([
  "Line",
  "LineMarkers",
  "ColumnClustered",
  "BarClustered",
  "BarStacked",
  "ColumnStacked",
  "Pie",
  "XYScatter",
  "Area",
]);

const CHART = propertyFamily<ChartModel>()({
  name: "Chart",
  properties: {
    name: modelField("name"),
    id: { read: (chart): string => chart.id },
    chartType: { read: (chart): string => chart.type },
    width: sizeInPoints("width"),
    height: sizeInPoints("height"),
    left: {
      // Until set, the left edge of the start cell: the sheet's column widths (default 48 pt) before it.
      read: (chart): number => chart.left ?? columnsLeftOf(chart.sheet, chart.position?.start),
      write: (chart, value: number) => {
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw invalidArgument("Chart.left");
        chart.left = value;
      },
    },
  },
});

function sizeInPoints(side: "width" | "height") {
  return {
    read: (chart: ChartModel): number => chart.size[side],
    write: (chart: ChartModel, value: number) => {
      if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw invalidArgument(`Chart.${side}`);
      chart.size[side] = value;
    },
  };
}

/** Excel's default column width in points (8.43 characters of the default font). */
const DEFAULT_COLUMN_POINTS = 48;

function columnsLeftOf(sheet: SheetModel, start: string | undefined): number {
  const column = start === undefined ? 0 : parseRef(start).column;
  let left = 0;
  for (let c = 0; c < column; c++) left += sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_POINTS;
  return left;
}

export class ChartCollection extends Collection<ChartModel, Chart, SheetModel> {
  protected readonly itemType = { Proxy: Chart, addressedAs: "chart", family: CHART, loadedByDefault: ["name", "id"] };
  protected itemsOf(sheet: SheetModel): ChartModel[] {
    return this.context.model.charts.filter((c) => c.sheet === sheet);
  }
  getItemAt(index: number): Chart {
    return new Chart(this.context, `${this.path}.getItemAt(${index})`, () => {
      const charts = this.itemsOf(this.owner());
      if (!Number.isInteger(index) || index < 0 || index >= charts.length) throw notFound(`chart ${index}`);
      return charts[index];
    });
  }
  add(type: string, sourceData: Range, seriesBy: "Auto" | "Columns" | "Rows" = "Auto"): Chart {
    return this.queueAdd(`${this.path}.add(${quote(type)})`, [type, sourceData.path, seriesBy], "chart", () => {
      const sheet = this.owner();
      if (!CHART_TYPES.has(type)) throw invalidArgument(`chart type ${quote(type)}`);
      const source = sourceData.resolve();
      if (source === null) throw invalidArgument("chart source is a null range");
      const by =
        seriesBy === "Auto" ? (source.rect.rowCount >= source.rect.columnCount ? "Columns" : "Rows") : seriesBy;
      return this.context.model.addChart(sheet, type, source, by);
    });
  }
}

export class Chart extends proxyWithProperties(CHART) {
  get title(): ChartTitle {
    return this.child(ChartTitle, "title");
  }
  get series(): ChartSeriesCollection {
    return this.child(ChartSeriesCollection, "series");
  }
  get axes(): ChartAxes {
    return this.child(ChartAxes, "axes");
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    const text = (cell: Range | string | undefined) =>
      cell === undefined ? undefined : typeof cell === "string" ? cell : cell.path;
    this.queueCall("setPosition", [text(startCell), text(endCell)], (chart) => {
      const start = text(startCell) as string;
      if (typeof startCell === "string") parseRef(startCell);
      if (typeof endCell === "string") parseRef(endCell);
      chart.position = { start, end: text(endCell) };
      // The chart moves to the start cell: an earlier explicit left no longer holds.
      chart.left = undefined;
    });
  }
  delete(): void {
    this.queueCall("delete", [], (chart) => chart.sheet.workbook.deleteChart(chart));
  }
}

const CHART_TITLE = propertyFamily<ChartModel>()({
  name: "ChartTitle",
  properties: {
    text: modelField("title"),
  },
});

export class ChartTitle extends proxyWithProperties(CHART_TITLE) {}

const CHART_SERIES_COLLECTION = propertyFamily<ChartModel>()({
  name: "ChartSeriesCollection",
  properties: { count: { read: (chart): number => chart.seriesNames.length } },
});

export class ChartSeriesCollection extends proxyWithProperties(CHART_SERIES_COLLECTION) {
  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, `${this.path}.getItemAt(${index})`, () => {
      const chart = this.navigate();
      if (index < 0 || index >= chart.seriesNames.length) throw notFound(`series ${index}`);
      return { chart, index };
    });
  }
}

/** One series of a chart: the chart and the series' index in it. */
interface SeriesTarget {
  chart: ChartModel;
  index: number;
}

const lookOf = ({ chart, index }: SeriesTarget): ChartSeriesLook => chart.seriesLooks[index];

/** A look property that takes one of `allowed` (Office.js's enum values). */
function enumLook(family: string, key: "markerStyle" | "lineStyle", allowed: ReadonlySet<string>) {
  return {
    read: (target: SeriesTarget): string => lookOf(target)[key],
    write: (target: SeriesTarget, value: string) => {
      if (!allowed.has(value)) throw invalidArgument(`${family}.${key} ${quote(String(value))}`);
      lookOf(target)[key] = value;
    },
  };
}

function booleanLook(
  family: string,
  read: (target: SeriesTarget) => boolean,
  write: (target: SeriesTarget, on: boolean) => void,
) {
  return {
    read,
    write: (target: SeriesTarget, value: boolean) => {
      if (typeof value !== "boolean") throw invalidArgument(`${family} takes true or false`);
      write(target, value);
    },
  };
}

const MARKER_STYLES = new Set([
  "Automatic",
  "None",
  "Square",
  "Diamond",
  "Triangle",
  "X",
  "Star",
  "Dot",
  "Dash",
  "Circle",
  "Plus",
]);
const LINE_STYLES = new Set([
  "None",
  "Continuous",
  "Dash",
  "DashDot",
  "DashDotDot",
  "Dot",
  "Grey25",
  "Grey50",
  "Grey75",
  "Automatic",
  "RoundDot",
]);

const CHART_SERIES = propertyFamily<SeriesTarget>()({
  name: "ChartSeries",
  properties: {
    name: {
      read: ({ chart, index }): string => chart.seriesNames[index],
      write: ({ chart, index }, value: string) => {
        chart.seriesNames[index] = value;
      },
    },
    markerStyle: enumLook("ChartSeries", "markerStyle", MARKER_STYLES),
    hasDataLabels: booleanLook(
      "ChartSeries.hasDataLabels",
      (target) => lookOf(target).hasDataLabels,
      (target, on) => (lookOf(target).hasDataLabels = on),
    ),
  },
});

export class ChartSeries extends proxyWithProperties(CHART_SERIES) {
  get format(): ChartSeriesFormat {
    return this.child(ChartSeriesFormat, "format");
  }
  get dataLabels(): ChartDataLabels {
    return this.child(ChartDataLabels, "dataLabels");
  }
}

export class ChartSeriesFormat extends proxyWithProperties(noProperties<SeriesTarget>("ChartSeriesFormat")) {
  get line(): ChartLineFormat {
    return this.child(ChartLineFormat, "line");
  }
}

const CHART_LINE_FORMAT = propertyFamily<SeriesTarget>()({
  name: "ChartLineFormat",
  properties: { lineStyle: enumLook("ChartLineFormat", "lineStyle", LINE_STYLES) },
});

export class ChartLineFormat extends proxyWithProperties(CHART_LINE_FORMAT) {}

/**
 * A series' data labels. Modelling choice where Office.js is silent: what they show is kept whether or not
 * hasDataLabels is on; the playground draws them only when it is.
 */
const CHART_DATA_LABELS = propertyFamily<SeriesTarget>()({
  name: "ChartDataLabels",
  properties: {
    showSeriesName: booleanLook(
      "ChartDataLabels.showSeriesName",
      (target) => lookOf(target).dataLabels.showSeriesName,
      (target, on) => (lookOf(target).dataLabels.showSeriesName = on),
    ),
    showValue: booleanLook(
      "ChartDataLabels.showValue",
      (target) => lookOf(target).dataLabels.showValue,
      (target, on) => (lookOf(target).dataLabels.showValue = on),
    ),
  },
});

export class ChartDataLabels extends proxyWithProperties(CHART_DATA_LABELS) {}

/** One axis of a chart: the chart and which axis. */
interface AxisTarget {
  chart: ChartModel;
  axis: ChartAxisKind;
}

export class ChartAxes extends proxyWithProperties(noProperties<ChartModel>("ChartAxes")) {
  get categoryAxis(): ChartAxis {
    return this.child(ChartAxis, "categoryAxis", (chart): AxisTarget => ({ chart, axis: "category" }));
  }
  get valueAxis(): ChartAxis {
    return this.child(ChartAxis, "valueAxis", (chart): AxisTarget => ({ chart, axis: "value" }));
  }
}

const CHART_AXIS = propertyFamily<AxisTarget>()({
  name: "ChartAxis",
  properties: {
    reversePlotOrder: {
      read: ({ chart, axis }): boolean => chart.reversePlotOrder[axis],
      write: ({ chart, axis }, value: boolean) => {
        if (typeof value !== "boolean") throw invalidArgument("ChartAxis.reversePlotOrder takes true or false");
        chart.reversePlotOrder[axis] = value;
      },
    },
  },
});

export class ChartAxis extends proxyWithProperties(CHART_AXIS) {
  get title(): ChartAxisTitle {
    return this.child(ChartAxisTitle, "title");
  }
  setCategoryNames(sourceData: Range): void {
    this.queueCall("setCategoryNames", [sourceData.path], ({ chart, axis }) => {
      // Excel takes category names on the category axis only.
      if (axis !== "category") throw invalidArgument("setCategoryNames on the value axis");
      const source = sourceData.resolve();
      if (source === null) throw invalidArgument("category names from a null range");
      chart.categories = source;
    });
  }
}

const CHART_AXIS_TITLE = propertyFamily<AxisTarget>()({
  name: "ChartAxisTitle",
  properties: {
    text: {
      read: ({ chart, axis }): string => chart.axisTitles[axis],
      write: ({ chart, axis }, value: string) => {
        if (typeof value !== "string") throw invalidArgument("ChartAxisTitle.text takes text");
        chart.axisTitles[axis] = value;
      },
    },
  },
});

export class ChartAxisTitle extends proxyWithProperties(CHART_AXIS_TITLE) {}
