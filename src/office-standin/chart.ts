/** Excel.ChartCollection and Excel.Chart: title, series names, category names, position. */
import { parseRef } from "../layout/address";
import { type ChartModel, type SheetModel, invalidArgument, notFound, quote } from "./model";
import { Collection, modelField, noProperties, propertyFamily, proxyWithProperties } from "./proxy-common";
import { Range } from "./range";

const CHART_TYPES = new Set(["Line", "LineMarkers", "ColumnClustered", "BarClustered", "Pie", "XYScatter", "Area"]);

const CHART = propertyFamily<ChartModel>()({
  name: "Chart",
  properties: {
    name: modelField("name"),
    id: { read: (chart): string => chart.id },
    chartType: { read: (chart): string => chart.type },
  },
});

export class ChartCollection extends Collection<ChartModel, Chart, SheetModel> {
  protected readonly itemType = { Proxy: Chart, addressedAs: "chart", family: CHART, loadedByDefault: ["name", "id"] };
  protected itemsOf(sheet: SheetModel): ChartModel[] {
    return this.context.model.charts.filter((c) => c.sheet === sheet);
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

const CHART_SERIES = propertyFamily<SeriesTarget>()({
  name: "ChartSeries",
  properties: {
    name: {
      read: ({ chart, index }): string => chart.seriesNames[index],
      write: ({ chart, index }, value: string) => {
        chart.seriesNames[index] = value;
      },
    },
  },
});

export class ChartSeries extends proxyWithProperties(CHART_SERIES) {}

export class ChartAxes extends proxyWithProperties(noProperties<ChartModel>("ChartAxes")) {
  get categoryAxis(): ChartAxis {
    return this.child(ChartAxis, "categoryAxis");
  }
}

export class ChartAxis extends proxyWithProperties(noProperties<ChartModel>("ChartAxis")) {
  setCategoryNames(sourceData: Range): void {
    this.queueCall("setCategoryNames", [sourceData.path], (chart) => {
      const source = sourceData.resolve();
      if (source === null) throw invalidArgument("category names from a null range");
      chart.categories = source;
    });
  }
}
