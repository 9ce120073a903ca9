/**
 * Proxies for the part of the Excel JavaScript API the add-in uses, over the in-memory {@link WorkbookModel}.
 * Names, signatures and error codes follow Office.js (ExcelApi 1.1–1.14). Anything not listed here does not
 * exist on the stand-in: code that calls it fails loudly, which is the point.
 *
 * One file per object family (workbook, worksheet, table, range, conditional-format, chart, events); this file
 * gathers them and puts every member behind its requirement set (api-sets.ts), once all classes exist.
 */
import { guardApiSets } from "./api-sets";
import { Chart, ChartAxis, ChartCollection, ChartLineFormat, ChartSeries } from "./chart";
import * as conditionalFormats from "./conditional-format";
import { Range, RangeFormat } from "./range";
import { Table, TableCollection } from "./table";
import { Application } from "./workbook";
import { Worksheet, WorksheetCollection } from "./worksheet";

export { ChangedEvent, EventHandlerResult } from "./events";
export { Application, Workbook } from "./workbook";
export { Worksheet, WorksheetCollection, WorksheetFreezePanes } from "./worksheet";
export { Table, TableCollection, TableColumnCollection, TableRowCollection } from "./table";
export { Range, RangeFill, RangeFont, RangeFormat } from "./range";
export * from "./conditional-format";
export {
  Chart,
  ChartAxes,
  ChartAxis,
  ChartAxisTitle,
  ChartCollection,
  ChartDataLabels,
  ChartLineFormat,
  ChartSeries,
  ChartSeriesCollection,
  ChartSeriesFormat,
  ChartTitle,
} from "./chart";

guardApiSets({
  Application,
  Chart,
  ChartAxis,
  ChartCollection,
  ChartLineFormat,
  ChartSeries,
  // all six classes of conditional-format.ts
  ...conditionalFormats,
  Range,
  RangeFormat,
  Table,
  TableCollection,
  Worksheet,
  WorksheetCollection,
});
