/** Excel.ConditionalFormatCollection and its formats: only Custom (formula) rules, with a fill and a font color. */
import { type ConditionalFormatModel, StandinError, invalidArgument, notFound, quote } from "./model";
import { Collection, type RangeTarget, noProperties, propertyFamily, proxyWithProperties } from "./proxy-common";
import { Range } from "./range";

const CONDITIONAL_FORMAT = propertyFamily<ConditionalFormatModel>()({
  name: "ConditionalFormat",
  properties: {
    id: { read: (format): string => format.id },
    type: { read: (format): string => format.type },
  },
});

export class ConditionalFormatCollection extends Collection<ConditionalFormatModel, ConditionalFormat, RangeTarget> {
  protected readonly itemType = {
    Proxy: ConditionalFormat,
    addressedAs: "conditionalFormat",
    family: CONDITIONAL_FORMAT,
  };
  protected itemsOf(range: RangeTarget): ConditionalFormatModel[] {
    return this.context.model.conditionalFormatsIn(range.sheet, range.rect);
  }
  /** Only "Custom" (a formula rule) is modelled. */
  add(type: string): ConditionalFormat {
    return this.queueAdd(`${this.path}.add(${quote(type)})`, [type], "conditional format", () => {
      const target = this.owner();
      if (type !== "Custom")
        throw new StandinError("NotImplemented", `Conditional format type ${type} is not modelled by the stand-in.`);
      return this.context.model.addConditionalFormat(target.sheet, target.rect, type);
    });
  }
  private find(id: string): ConditionalFormatModel | undefined {
    return this.navigate().find((f) => f.id === id);
  }
  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, `${this.path}.getItem(${quote(id)})`, () => {
      const format = this.find(id);
      if (format === undefined) throw notFound(`conditional format ${quote(id)}`);
      return format;
    });
  }
  getItemOrNullObject(id: string): ConditionalFormat {
    return new ConditionalFormat(
      this.context,
      `${this.path}.getItemOrNullObject(${quote(id)})`,
      () => this.find(id) ?? null,
      { instantiate: true },
    );
  }
}

export class ConditionalFormat extends proxyWithProperties(CONDITIONAL_FORMAT) {
  /** Fails at sync on a format that is not of type Custom, as Excel does. */
  get custom(): CustomConditionalFormat {
    return new CustomConditionalFormat(this.context, `${this.path}.custom`, () => {
      const format = this.navigate();
      if (format.type !== "Custom")
        throw new StandinError("InvalidOperation", "The conditional format is not of type Custom.");
      return format;
    });
  }
  getRange(): Range {
    return new Range(this.context, `${this.path}.getRange()`, () => {
      const format = this.navigate();
      return { sheet: format.sheet, rect: { ...format.rect } };
    });
  }
  delete(): void {
    this.queueCall("delete", [], (format) => format.sheet.workbook.deleteConditionalFormat(format));
  }
}

export class CustomConditionalFormat extends proxyWithProperties(
  noProperties<ConditionalFormatModel>("CustomConditionalFormat"),
) {
  get rule(): ConditionalFormatRule {
    return this.child(ConditionalFormatRule, "rule");
  }
  get format(): ConditionalRangeFormat {
    return this.child(ConditionalRangeFormat, "format");
  }
}

const CONDITIONAL_FORMAT_RULE = propertyFamily<ConditionalFormatModel>()({
  name: "ConditionalFormatRule",
  properties: {
    formula: {
      read: (format): string => format.formula,
      write: (format, formula: string) => {
        if (!formula.startsWith("=")) throw invalidArgument("a conditional format rule is a formula starting with =");
        format.formula = formula;
        format.sheet.workbook.notifyChanged(format.sheet, format.rect);
      },
    },
  },
});

export class ConditionalFormatRule extends proxyWithProperties(CONDITIONAL_FORMAT_RULE) {}

export class ConditionalRangeFormat extends proxyWithProperties(
  noProperties<ConditionalFormatModel>("ConditionalRangeFormat"),
) {
  get fill(): ConditionalColor {
    return this.child(ConditionalColor, "fill", (format): ColorTarget => ({ format, slot: "fill" }));
  }
  get font(): ConditionalColor {
    return this.child(ConditionalColor, "font", (format): ColorTarget => ({ format, slot: "fontColor" }));
  }
}

/** One colour of a conditional format: the format and which of its colours (the fill or the font's). */
interface ColorTarget {
  format: ConditionalFormatModel;
  slot: "fill" | "fontColor";
}

const CONDITIONAL_COLOR = propertyFamily<ColorTarget>()({
  name: "color",
  properties: {
    color: {
      read: ({ format, slot }): string | null => format[slot] ?? null,
      write: ({ format, slot }, color: string) => {
        format[slot] = color;
        format.sheet.workbook.notifyChanged(format.sheet, format.rect);
      },
    },
  },
});

export class ConditionalColor extends proxyWithProperties(CONDITIONAL_COLOR) {}
