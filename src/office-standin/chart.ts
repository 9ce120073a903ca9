/** Excel.ChartCollection and Excel.Chart: title, series names, category names, position. */
import { parseRef } from "../layout/address";
import { ClientObject, type StandinContext } from "./context";
import { type ChartModel, type SheetModel, StandinError } from "./model";
import { Collection, invalidArgument, notFound, quote } from "./proxy-common";
import { Range } from "./range";

const CHART_TYPES = new Set(["Line", "LineMarkers", "ColumnClustered", "BarClustered", "Pie", "XYScatter", "Area"]);

export class ChartCollection extends Collection<ChartModel, Chart> {
  protected readonly itemProperties = ["name", "id"] as const;
  constructor(
    context: StandinContext,
    path: string,
    private readonly sheet: () => SheetModel,
  ) {
    super(context, path, () => {
      const s = sheet();
      return context.model.charts.filter((c) => c.sheet === s);
    });
  }
  protected itemProxy(chart: ChartModel): Chart {
    return new Chart(this.context, `chart(${quote(chart.id)})`, () => chart, { bound: true });
  }
  protected readItem(chart: ChartModel, name: string): unknown {
    return readChart(chart, name);
  }
  add(type: string, sourceData: Range, seriesBy: "Auto" | "Columns" | "Rows" = "Auto"): Chart {
    let created: ChartModel | undefined;
    this.queueCall("add", [type, sourceData.path, seriesBy], () => {
      const sheet = this.sheet();
      if (!CHART_TYPES.has(type)) throw invalidArgument(`chart type ${quote(type)}`);
      const source = sourceData.resolve();
      if (source === null) throw invalidArgument("chart source is a null range");
      const by = seriesBy === "Auto" ? (source.rect.rowCount >= source.rect.columnCount ? "Columns" : "Rows") : seriesBy;
      created = this.context.model.addChart(sheet, type, source, by);
    });
    return new Chart(this.context, `${this.path}.add(${quote(type)})`, () => {
      if (!created) throw new StandinError("InvalidOperation", "The chart was not added.");
      return created;
    });
  }
}

function readChart(chart: ChartModel, name: string): unknown {
  if (name === "name") return chart.name;
  if (name === "id") return chart.id;
  if (name === "chartType") return chart.type;
  throw invalidArgument(`Chart.${name}`);
}

export class Chart extends ClientObject<ChartModel> {
  protected readonly scalarProperties = ["name", "id", "chartType"] as const;
  protected readProperty(chart: ChartModel, name: string): unknown {
    return readChart(chart, name);
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(value: string) {
    this.queueSet("name", value, (chart) => {
      chart.name = value;
    });
  }
  get id(): string {
    return this.loaded("id");
  }
  get title(): ChartTitle {
    return new ChartTitle(this.context, `${this.path}.title`, () => this.navigate());
  }
  get series(): ChartSeriesCollection {
    return new ChartSeriesCollection(this.context, `${this.path}.series`, () => this.navigate());
  }
  get axes(): ChartAxes {
    return new ChartAxes(this.context, `${this.path}.axes`, () => this.navigate());
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    const text = (cell: Range | string | undefined) => (cell === undefined ? undefined : typeof cell === "string" ? cell : cell.path);
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

export class ChartTitle extends ClientObject<ChartModel> {
  protected readonly scalarProperties = ["text"] as const;
  protected readProperty(chart: ChartModel, name: string): unknown {
    if (name === "text") return chart.title;
    throw invalidArgument(`ChartTitle.${name}`);
  }
  get text(): string {
    return this.loaded("text");
  }
  set text(text: string) {
    this.queueSet("text", text, (chart) => {
      chart.title = text;
    });
  }
}

export class ChartSeriesCollection extends ClientObject<ChartModel> {
  protected readonly scalarProperties = ["count"] as const;
  protected readProperty(chart: ChartModel, name: string): unknown {
    if (name === "count") return chart.seriesNames.length;
    throw invalidArgument(`ChartSeriesCollection.${name}`);
  }
  get count(): number {
    return this.loaded("count");
  }
  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, `${this.path}.getItemAt(${index})`, () => {
      const chart = this.navigate();
      if (index < 0 || index >= chart.seriesNames.length) throw notFound(`series ${index}`);
      return { chart, index };
    });
  }
}

export class ChartSeries extends ClientObject<{ chart: ChartModel; index: number }> {
  protected readonly scalarProperties = ["name"] as const;
  protected readProperty(target: { chart: ChartModel; index: number }, name: string): unknown {
    if (name === "name") return target.chart.seriesNames[target.index];
    throw invalidArgument(`ChartSeries.${name}`);
  }
  get name(): string {
    return this.loaded("name");
  }
  set name(value: string) {
    this.queueSet("name", value, ({ chart, index }) => {
      chart.seriesNames[index] = value;
    });
  }
}

export class ChartAxes extends ClientObject<ChartModel> {
  protected readonly scalarProperties = [] as const;
  protected readProperty(_chart: ChartModel, name: string): unknown {
    throw invalidArgument(`ChartAxes.${name}`);
  }
  get categoryAxis(): ChartAxis {
    return new ChartAxis(this.context, `${this.path}.categoryAxis`, () => this.navigate());
  }
}

export class ChartAxis extends ClientObject<ChartModel> {
  protected readonly scalarProperties = [] as const;
  protected readProperty(_chart: ChartModel, name: string): unknown {
    throw invalidArgument(`ChartAxis.${name}`);
  }
  setCategoryNames(sourceData: Range): void {
    this.queueCall("setCategoryNames", [sourceData.path], (chart) => {
      const source = sourceData.resolve();
      if (source === null) throw invalidArgument("category names from a null range");
      chart.categories = source;
    });
  }
}
