/**
 * The requirement set of every stand-in member that has one, as @types/office-js tags it ("[Api set: ExcelApi 1.4]").
 * test/excel/requirement-sets.test.ts checks each entry against that declaration, so this table cannot drift.
 * A member used above the context's API level fails the request at sync with ApiNotFound, as the host does.
 */
import type { StandinContext } from "./context";

export const MEMBER_API_SETS: Readonly<Record<string, string>> = {
  "Application.suspendApiCalculationUntilNextSync": "ExcelApi 1.6",
  "Chart.id": "ExcelApi 1.7",
  "ChartAxis.setCategoryNames": "ExcelApi 1.7",
  "ChartAxis.reversePlotOrder": "ExcelApi 1.7",
  "ChartCollection.getCount": "ExcelApi 1.4",
  "ChartLineFormat.lineStyle": "ExcelApi 1.7",
  "ChartSeries.markerStyle": "ExcelApi 1.7",
  "ChartSeries.hasDataLabels": "ExcelApi 1.7",
  "ChartSeries.dataLabels": "ExcelApi 1.8",
  "ConditionalColor.color": "ExcelApi 1.6",
  "ConditionalFormat.id": "ExcelApi 1.6",
  "ConditionalFormat.type": "ExcelApi 1.6",
  "ConditionalFormat.custom": "ExcelApi 1.6",
  "ConditionalFormat.getRange": "ExcelApi 1.6",
  "ConditionalFormat.delete": "ExcelApi 1.6",
  "ConditionalFormatCollection.add": "ExcelApi 1.6",
  "ConditionalFormatCollection.getItem": "ExcelApi 1.6",
  "ConditionalFormatCollection.getItemOrNullObject": "ExcelApi 1.14",
  "ConditionalFormatCollection.getCount": "ExcelApi 1.6",
  "ConditionalFormatRule.formula": "ExcelApi 1.6",
  "ConditionalRangeFormat.fill": "ExcelApi 1.6",
  "ConditionalRangeFormat.font": "ExcelApi 1.6",
  "CustomConditionalFormat.rule": "ExcelApi 1.6",
  "CustomConditionalFormat.format": "ExcelApi 1.6",
  "Range.conditionalFormats": "ExcelApi 1.6",
  "Range.getResizedRange": "ExcelApi 1.2",
  "Range.getSurroundingRegion": "ExcelApi 1.7",
  "RangeFormat.columnWidth": "ExcelApi 1.2",
  "RangeFormat.autofitColumns": "ExcelApi 1.2",
  "Table.worksheet": "ExcelApi 1.2",
  "Table.onChanged": "ExcelApi 1.7",
  "TableCollection.getItemOrNullObject": "ExcelApi 1.4",
  "TableCollection.getCount": "ExcelApi 1.4",
  "Worksheet.freezePanes": "ExcelApi 1.7",
  "Worksheet.onChanged": "ExcelApi 1.7",
  "Worksheet.getRangeByIndexes": "ExcelApi 1.7",
  "Worksheet.getUsedRangeOrNullObject": "ExcelApi 1.4",
  "WorksheetCollection.getItemOrNullObject": "ExcelApi 1.4",
  "WorksheetCollection.getCount": "ExcelApi 1.4",
};

/** The Office.js type each stand-in class stands for, where the names differ. */
export const OFFICE_TYPE_OF: Readonly<Record<string, string>> = { ConditionalColor: "ConditionalRangeFill" };

interface HasContext {
  context: StandinContext;
}

/**
 * Wraps each listed member of the classes so that using it first checks the API level. Done once, on the
 * prototypes, with the class names given as text (bundlers rename classes).
 */
export function guardApiSets(classes: Readonly<Record<string, { prototype: object }>>): void {
  for (const [member, tag] of Object.entries(MEMBER_API_SETS)) {
    const [className, name] = member.split(".");
    const [set, version] = tag.split(" ");
    const prototype = classes[className]?.prototype;
    if (!prototype) continue;
    let owner: object | null = prototype;
    while (owner && !Object.prototype.hasOwnProperty.call(owner, name))
      owner = Object.getPrototypeOf(owner) as object | null;
    const descriptor = owner ? Object.getOwnPropertyDescriptor(owner, name) : undefined;
    if (!descriptor) continue;
    const check = (self: HasContext) => self.context.requireApi(set, version, member);
    const guarded: PropertyDescriptor = { configurable: true, enumerable: descriptor.enumerable };
    if (typeof descriptor.value === "function") {
      const method = descriptor.value as (...args: unknown[]) => unknown;
      guarded.value = function (this: HasContext, ...args: unknown[]) {
        check(this);
        return method.apply(this, args);
      };
      guarded.writable = true;
    } else {
      const { get, set: setter } = descriptor;
      if (get) {
        guarded.get = function (this: HasContext) {
          // Reading a loaded value needs no request; navigation properties (which make proxies) do.
          const value: unknown = get.call(this);
          if (typeof value === "object" && value !== null && "context" in value) check(this);
          return value;
        };
      }
      if (setter) {
        guarded.set = function (this: HasContext, value: unknown) {
          check(this);
          setter.call(this, value);
        };
      }
    }
    Object.defineProperty(prototype, name, guarded);
  }
}
