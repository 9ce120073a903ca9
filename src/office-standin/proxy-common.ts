/**
 * What the proxy families share: the target a Range stands for, Office.js's error shapes, and the base of the
 * collections (load("items/…") loads every item's scalar properties at once).
 */
import type { CellRect } from "../layout/address";
import { ClientObject, ClientResult } from "./context";
import { type SheetModel, StandinError } from "./model";

export interface RangeTarget {
  sheet: SheetModel;
  rect: CellRect;
}

export const quote = (text: string) => JSON.stringify(text);
export const notFound = (what: string) => new StandinError("ItemNotFound", `The requested resource doesn't exist. (${what})`);
export const invalidArgument = (what: string) => new StandinError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${what})`);

export abstract class Collection<T, P extends ClientObject<T>> extends ClientObject<T[]> {
  protected readonly scalarProperties = ["items"] as const;
  protected abstract itemProxy(item: T): P;
  /** Scalar properties of one item, for load("items/…"). */
  protected abstract readItem(item: T, name: string): unknown;
  protected abstract readonly itemProperties: readonly string[];

  get items(): P[] {
    return this.loaded<P[]>("items");
  }

  override load(option?: string | string[] | { select?: string | string[] }): this {
    const raw = option === undefined ? [] : typeof option === "string" ? option.split(",") : Array.isArray(option) ? option : [];
    const names = raw.map((n) => n.trim().replace(/^items\/?/, "")).filter((n) => n !== "");
    const itemNames = names.length === 0 ? [...this.itemProperties] : names;
    this.context.enqueue({ path: this.path, op: "load", names: itemNames.map((n) => `items/${n}`) }, () => {
      const list = this.resolve();
      if (list === null) return null;
      const data = list.map((item) => Object.fromEntries(itemNames.map((n) => [n, this.readItem(item, n)])));
      const proxies = list.map((item, i) => {
        const proxy = this.itemProxy(item);
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

  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this.queueCall("getCount", [], (list) => result.set(list.length));
    return result;
  }
}
