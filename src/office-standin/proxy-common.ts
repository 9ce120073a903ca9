/**
 * What the proxy families share: the target a Range stands for, Office.js's error shapes, the base of a proxy whose
 * properties are one table (proxyWithProperties), and the base of the collections (load("items/…") loads every
 * item's scalar properties at once).
 */
import type { CellRect } from "../layout/address";
import { ClientObject, ClientResult, type StandinContext } from "./context";
import { StandinError, type SheetModel, invalidArgument, quote } from "./model";

export interface RangeTarget {
  sheet: SheetModel;
  rect: CellRect;
}

/**
 * One property a proxy can load: how it is read from the model object and, when Office.js lets it be set, how a
 * write applies at sync. (Method syntax for `write` keeps a table of differently typed properties assignable.)
 */
export interface PropertySpec<T, V> {
  read(target: T): V;
  write?(target: T, value: V): void;
}

/** A proxy family's properties by name; load() with no names reads them all. */
export type PropertySpecs<T> = Readonly<Record<string, PropertySpec<T, unknown>>>;

type ValueOf<S> = S extends PropertySpec<never, infer V> ? V : never;
type Writable<S> = { [K in keyof S]: S[K] extends { write(target: never, value: never): void } ? K : never }[keyof S];

/** What the properties look like on the proxy: each readable once loaded, the writable ones settable. */
export type LoadedProperties<S> = { readonly [K in Exclude<keyof S, Writable<S>>]: ValueOf<S[K]> } & {
  [K in Writable<S>]: ValueOf<S[K]>;
};

/**
 * A proxy family's properties and how they are named in errors: `name` ("Range") and an optional note after the
 * unknown property ("Range.foo is not available in the stand-in").
 */
export interface PropertyFamily<T, S extends PropertySpecs<T> = PropertySpecs<T>> {
  readonly name: string;
  readonly properties: S;
  readonly unknownNote?: string;
}

/** Types a family's table by its target, inferring each property's own type: `propertyFamily<TableModel>()({ … })`. */
export const propertyFamily =
  <T>() =>
  <S extends PropertySpecs<T>>(family: PropertyFamily<T, S>): PropertyFamily<T, S> =>
    family;

/** A property that is a field of the model object, read and written as it is (chart.name, table.style). */
export const modelField = <T, K extends keyof T>(key: K): Required<PropertySpec<T, T[K]>> => ({
  read: (target) => target[key],
  write: (target, value) => {
    target[key] = value;
  },
});

/** A family with no properties of its own (only navigation and methods): load() reads nothing. */
export const noProperties = <T>(name: string): PropertyFamily<T, Record<never, never>> => ({ name, properties: {} });

/** Reads `name` from `target` by the family's table; a name it does not hold is refused as Office.js refuses it. */
export function readProperty<T>(family: PropertyFamily<T>, target: T, name: string): unknown {
  const spec = Object.prototype.hasOwnProperty.call(family.properties, name) ? family.properties[name] : undefined;
  if (spec === undefined) throw invalidArgument(`${family.name}.${name}${family.unknownNote ?? ""}`);
  return spec.read(target);
}

interface ProxyOptions {
  instantiate?: boolean;
  bound?: boolean;
}

type ProxyConstructor<T, Instance> = abstract new (
  context: StandinContext,
  path: string,
  resolver: () => T | null,
  options?: ProxyOptions,
) => Instance;

/** A proxy that loads and reads its properties by its family's table. */
export class PropertyTableObject<T> extends ClientObject<T> {
  protected readonly scalarProperties: readonly string[];

  constructor(
    private readonly family: PropertyFamily<T>,
    context: StandinContext,
    path: string,
    resolver: () => T | null,
    options?: ProxyOptions,
  ) {
    super(context, path, resolver, options);
    this.scalarProperties = Object.keys(family.properties);
  }

  protected readProperty(target: T, name: string): unknown {
    return readProperty(this.family, target, name);
  }
}

/**
 * The base class of a proxy family whose properties are one table: what load() reads, how each property is read at
 * sync, and a getter for each (PropertyNotLoaded until loaded), with a setter that queues the write for the
 * writable ones.
 */
export function proxyWithProperties<T, S extends PropertySpecs<T>>(
  family: PropertyFamily<T, S>,
): ProxyConstructor<T, PropertyTableObject<T> & LoadedProperties<S>> {
  class WithProperties extends PropertyTableObject<T> {
    constructor(context: StandinContext, path: string, resolver: () => T | null, options?: ProxyOptions) {
      super(family, context, path, resolver, options);
    }
    static {
      for (const [name, spec] of Object.entries(family.properties)) {
        const { write } = spec;
        Object.defineProperty(WithProperties.prototype, name, {
          configurable: true,
          get(this: WithProperties) {
            return this.loaded(name);
          },
          set:
            write &&
            function (this: WithProperties, value: unknown) {
              this.queueSet(name, value, (target) => write.call(spec, target, value));
            },
        });
      }
    }
  }
  return WithProperties as unknown as ProxyConstructor<T, PropertyTableObject<T> & LoadedProperties<S>>;
}

type ProxyClass<T, P> = new (context: StandinContext, path: string, resolver: () => T, options?: ProxyOptions) => P;

/**
 * What a collection holds, for load("items/…"): the items' proxy class, the name a loaded item is addressed by
 * ("table" → `table("{id}")`), their properties, and those load() with no names reads (all when not given).
 */
export interface CollectionItems<T, P> {
  readonly Proxy: ProxyClass<T, P>;
  readonly addressedAs: string;
  readonly family: PropertyFamily<T>;
  readonly loadedByDefault?: readonly string[];
}

/** A collection of what its owner holds (a sheet's charts, a range's conditional formats); resolved at sync. */
export abstract class Collection<T extends { id: string }, P extends ClientObject<T>, Owner> extends ClientObject<T[]> {
  protected readonly scalarProperties = ["items"] as const;
  protected abstract readonly itemType: CollectionItems<T, P>;

  constructor(
    context: StandinContext,
    path: string,
    protected readonly owner: () => Owner,
  ) {
    super(context, path, () => this.itemsOf(owner()));
  }

  /** The items the owner holds now; null when the owner is a null object. */
  protected abstract itemsOf(owner: Owner): T[] | null;

  get items(): P[] {
    return this.loaded<P[]>("items");
  }

  override load(option?: string | string[] | { select?: string | string[] }): this {
    const raw =
      option === undefined ? [] : typeof option === "string" ? option.split(",") : Array.isArray(option) ? option : [];
    const names = raw.map((n) => n.trim().replace(/^items\/?/, "")).filter((n) => n !== "");
    const { Proxy: ItemProxy, addressedAs, family, loadedByDefault = Object.keys(family.properties) } = this.itemType;
    const itemNames = names.length === 0 ? [...loadedByDefault] : names;
    this.context.enqueue({ path: this.path, op: "load", names: itemNames.map((n) => `items/${n}`) }, () => {
      const list = this.resolve();
      if (list === null) return null;
      const data = list.map((item) => Object.fromEntries(itemNames.map((n) => [n, readProperty(family, item, n)])));
      const proxies = list.map((item, i) => {
        const proxy = new ItemProxy(this.context, `${addressedAs}(${quote(item.id)})`, () => item, { bound: true });
        proxy.acceptLoaded(data[i]);
        return proxy;
      });
      this.loadedValues.set("items", proxies);
      return data;
    });
    return this;
  }

  protected readProperty(): unknown {
    return undefined;
  }

  /**
   * Queues add(…) with `args` and returns a proxy for what `create` adds at sync, usable in the same batch as in
   * Office.js; `what` names the item when the add failed.
   */
  protected queueAdd(path: string, args: unknown[], what: string, create: () => T): P {
    let created: T | undefined;
    this.queueCall("add", args, () => {
      created = create();
    });
    return new this.itemType.Proxy(this.context, path, () => {
      if (!created) throw new StandinError("InvalidOperation", `The ${what} was not added.`);
      return created;
    });
  }

  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.queueCall("getCount", [], (list) => result.set(list.length));
    return result;
  }
}
