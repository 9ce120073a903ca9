/** Excel.ConditionalFormatCollection and its formats: only Custom (formula) rules, with a fill and a font color. */
import { ClientObject, type StandinContext } from "./context";
import { type ConditionalFormatModel, StandinError } from "./model";
import { Collection, type RangeTarget, invalidArgument, notFound, quote } from "./proxy-common";
import { Range } from "./range";

export class ConditionalFormatCollection extends Collection<ConditionalFormatModel, ConditionalFormat> {
  protected readonly itemProperties = ["id", "type"] as const;
  constructor(
    context: StandinContext,
    path: string,
    private readonly range: () => RangeTarget,
  ) {
    super(context, path, () => {
      const target = range();
      return context.model.conditionalFormatsIn(target.sheet, target.rect);
    });
  }
  protected itemProxy(format: ConditionalFormatModel): ConditionalFormat {
    return ConditionalFormat.bound(this.context, format);
  }
  protected readItem(format: ConditionalFormatModel, name: string): unknown {
    return readConditionalFormat(format, name);
  }
  /** Only "Custom" (a formula rule) is modelled. */
  add(type: string): ConditionalFormat {
    let created: ConditionalFormatModel | undefined;
    this.queueCall("add", [type], () => {
      const target = this.range();
      if (type !== "Custom") throw new StandinError("NotImplemented", `Conditional format type ${type} is not modelled by the stand-in.`);
      created = this.context.model.addConditionalFormat(target.sheet, target.rect, type);
    });
    return new ConditionalFormat(this.context, `${this.path}.add(${quote(type)})`, () => {
      if (!created) throw new StandinError("InvalidOperation", "The conditional format was not added.");
      return created;
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
    return new ConditionalFormat(this.context, `${this.path}.getItemOrNullObject(${quote(id)})`, () => this.find(id) ?? null, { instantiate: true });
  }
}

function readConditionalFormat(format: ConditionalFormatModel, name: string): unknown {
  if (name === "id") return format.id;
  if (name === "type") return format.type;
  throw invalidArgument(`ConditionalFormat.${name}`);
}

export class ConditionalFormat extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = ["id", "type"] as const;
  static bound(context: StandinContext, format: ConditionalFormatModel): ConditionalFormat {
    return new ConditionalFormat(context, `conditionalFormat(${quote(format.id)})`, () => format, { bound: true });
  }
  protected readProperty(format: ConditionalFormatModel, name: string): unknown {
    return readConditionalFormat(format, name);
  }
  get id(): string {
    return this.loaded("id");
  }
  get type(): string {
    return this.loaded("type");
  }
  /** Fails at sync on a format that is not of type Custom, as Excel does. */
  get custom(): CustomConditionalFormat {
    return new CustomConditionalFormat(this.context, `${this.path}.custom`, () => {
      const format = this.navigate();
      if (format.type !== "Custom") throw new StandinError("InvalidOperation", "The conditional format is not of type Custom.");
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

export class CustomConditionalFormat extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = [] as const;
  protected readProperty(_format: ConditionalFormatModel, name: string): unknown {
    throw invalidArgument(`CustomConditionalFormat.${name}`);
  }
  get rule(): ConditionalFormatRule {
    return new ConditionalFormatRule(this.context, `${this.path}.rule`, () => this.navigate());
  }
  get format(): ConditionalRangeFormat {
    return new ConditionalRangeFormat(this.context, `${this.path}.format`, () => this.navigate());
  }
}

export class ConditionalFormatRule extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = ["formula"] as const;
  protected readProperty(format: ConditionalFormatModel, name: string): unknown {
    if (name === "formula") return format.formula;
    throw invalidArgument(`ConditionalFormatRule.${name}`);
  }
  get formula(): string {
    return this.loaded("formula");
  }
  set formula(formula: string) {
    this.queueSet("formula", formula, (format) => {
      if (!formula.startsWith("=")) throw invalidArgument("a conditional format rule is a formula starting with =");
      format.formula = formula;
      format.sheet.workbook.notifyChanged(format.sheet, format.rect);
    });
  }
}

export class ConditionalRangeFormat extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = [] as const;
  protected readProperty(_format: ConditionalFormatModel, name: string): unknown {
    throw invalidArgument(`ConditionalRangeFormat.${name}`);
  }
  get fill(): ConditionalColor {
    return new ConditionalColor(this.context, `${this.path}.fill`, () => this.navigate(), "fill");
  }
  get font(): ConditionalColor {
    return new ConditionalColor(this.context, `${this.path}.font`, () => this.navigate(), "fontColor");
  }
}

export class ConditionalColor extends ClientObject<ConditionalFormatModel> {
  protected readonly scalarProperties = ["color"] as const;
  constructor(
    context: StandinContext,
    path: string,
    resolver: () => ConditionalFormatModel | null,
    private readonly slot: "fill" | "fontColor",
  ) {
    super(context, path, resolver);
  }
  protected readProperty(format: ConditionalFormatModel, name: string): unknown {
    if (name === "color") return format[this.slot] ?? null;
    throw invalidArgument(`color.${name}`);
  }
  get color(): string {
    return this.loaded("color");
  }
  set color(color: string) {
    this.queueSet("color", color, (format) => {
      format[this.slot] = color;
      format.sheet.workbook.notifyChanged(format.sheet, format.rect);
    });
  }
}
