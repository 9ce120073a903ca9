/**
 * The Office.js request model, strictly: proxy objects, a queue of actions, and sync().
 *
 *  - Nothing touches the workbook until sync(): property writes and method calls are queued and applied in order
 *    at the next sync (a write shows locally at once, as in Office.js, but the workbook sees it only at sync).
 *  - Reading a property that was not loaded and synced throws PropertyNotLoaded, like Office.js.
 *  - `*OrNullObject` lookups resolve at the next sync; `isNullObject` is readable only after it.
 *  - Every sync is recorded with the size of its request (the JSON of the queued actions, in UTF-8 bytes) and of
 *    its response (the JSON of the loaded values). A request or response over 5,000,000 bytes fails as on Excel
 *    on the web (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded), before anything is applied.
 *    Microsoft documents "5 MB"; the stand-in takes the stricter decimal reading.
 *  - A context lives for its Excel.run: once the batch's promise settles, queueing, loading or syncing through it
 *    throws InvalidRequestContext (Excel.run(context, batch) revives it for that batch, as Office.js does for event
 *    handler removal). Values loaded before stay readable, as on a real proxy.
 *  - Members above the API level (the requirement sets the manifest declares) fail at sync with ApiNotFound.
 */
import { StandinError, type WorkbookModel } from "./model";

export const REQUEST_PAYLOAD_LIMIT = 5_000_000;
export const RESPONSE_PAYLOAD_LIMIT = 5_000_000;

export interface SyncRecord {
  /** UTF-8 bytes of the request: the JSON of every queued action. */
  requestBytes: number;
  responseBytes: number;
  actions: number;
  /** suspendApiCalculationUntilNextSync() was queued in this request. */
  calculationSuspended: boolean;
}

export class StandinStats {
  readonly syncs: SyncRecord[] = [];
  get syncCount(): number {
    return this.syncs.length;
  }
  get maxRequestBytes(): number {
    return this.syncs.reduce((max, s) => Math.max(max, s.requestBytes), 0);
  }
  get totalRequestBytes(): number {
    return this.syncs.reduce((sum, s) => sum + s.requestBytes, 0);
  }
  reset(): void {
    this.syncs.length = 0;
  }
}

/** UTF-8 length of a string without allocating the encoded bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

interface Action {
  /** What Office.js would send for this action (measured, never interpreted). */
  payload: unknown;
  /** Applies the action to the workbook; returns data that goes into the response, if any. */
  apply: () => unknown;
  suspendsCalculation?: boolean;
}

export const notLoaded = (name: string): StandinError =>
  new StandinError(
    "PropertyNotLoaded",
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

/** Base of every proxy: resolution at sync time, loaded values, queued writes and calls. */
export abstract class ClientObject<T> {
  private resolution: { target: T | null } | undefined;
  private synced = false;
  protected readonly loadedValues = new Map<string, unknown>();

  constructor(
    readonly context: StandinContext,
    /** How Office.js would address the object (for payload sizes and error messages). */
    readonly path: string,
    private readonly resolver: () => T | null,
    options: { instantiate?: boolean; bound?: boolean } = {},
  ) {
    context.track(this);
    if (options.bound) {
      this.resolution = { target: resolver() };
      this.synced = true;
    } else if (options.instantiate) {
      context.enqueue({ path, op: "instantiate" }, () => void this.resolve());
    }
  }

  /** The model object, resolved once (at the first sync that needs it). Null for a missing *OrNullObject. */
  resolve(): T | null {
    if (!this.resolution) this.resolution = { target: this.resolver() };
    return this.resolution.target;
  }

  /**
   * The model object a navigation starts from (sheet.getRange(), table.worksheet, range.format, …). Office.js
   * documents only `isNullObject` on a `…OrNullObject` result; anything navigated from a null object fails the
   * request at sync. Look up, sync, then navigate from objects that exist.
   */
  navigate(): T {
    const target = this.resolve();
    if (target === null) {
      throw new StandinError(
        "InvalidObjectPath",
        "Navigation from a null object (isNullObject is true): look the object up, sync, and navigate only from objects that exist.",
        this.path,
      );
    }
    return target;
  }

  /**
   * A proxy one step down the path (range.format, chart.title, table.worksheet): it stands for the same model object,
   * or for what `pick` takes from it, and navigates from this one at sync.
   */
  protected child<P>(ChildProxy: new (context: StandinContext, path: string, resolver: () => T) => P, name: string): P;
  protected child<P, C>(
    ChildProxy: new (context: StandinContext, path: string, resolver: () => C) => P,
    name: string,
    pick: (target: T) => C,
  ): P;
  protected child<P, C>(
    ChildProxy: new (context: StandinContext, path: string, resolver: () => C | T) => P,
    name: string,
    pick?: (target: T) => C,
  ): P {
    return new ChildProxy(this.context, `${this.path}.${name}`, () => (pick ? pick(this.navigate()) : this.navigate()));
  }

  protected target(action: string): T {
    const target = this.resolve();
    if (target === null)
      throw new StandinError(
        "InvalidOperation",
        `${action}: the object is a null object (isNullObject is true).`,
        this.path,
      );
    return target;
  }

  /** Called by the context after each sync. */
  markSynced(): void {
    if (!this.synced) {
      this.synced = true;
      try {
        this.resolve();
      } catch {
        // Resolving an object nothing used may fail (e.g. getItem of a missing name); Office.js only fails when it is used.
        this.resolution = undefined;
      }
    }
  }

  get isNullObject(): boolean {
    if (!this.synced || !this.resolution) throw notLoaded("isNullObject");
    return this.resolution.target === null;
  }

  /** Properties load() with no names reads. */
  protected abstract readonly scalarProperties: readonly string[];

  /** Reads one property from the model (throws for names the stand-in does not know). */
  protected abstract readProperty(target: T, name: string): unknown;

  load(option?: string | string[] | { select?: string | string[] }): this {
    const names = loadNames(option, this.scalarProperties);
    this.context.enqueue({ path: this.path, op: "load", names }, () => {
      const target = this.resolve();
      if (target === null) return null;
      const data: Record<string, unknown> = {};
      for (const name of names) data[name] = this.readProperty(target, name);
      for (const name of names) this.loadedValues.set(name, data[name]);
      return data;
    });
    return this;
  }

  /** A loaded value; throws PropertyNotLoaded when it was not loaded and synced. Null objects read undefined. */
  protected loaded<V>(name: string): V {
    if (this.synced && this.resolution?.target === null) return undefined as V;
    if (!this.loadedValues.has(name)) throw notLoaded(name);
    return this.loadedValues.get(name) as V;
  }

  /** Sets loaded values directly (items that arrive in a collection's response). */
  acceptLoaded(data: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(data)) this.loadedValues.set(name, value);
  }

  /** Queues a property write; it shows locally at once (as in Office.js) and reaches the workbook at sync. */
  protected queueSet(name: string, value: unknown, apply: (target: T) => void): void {
    this.loadedValues.set(name, value);
    this.context.enqueue({ path: this.path, op: "set", name, value }, () => apply(this.target(`Setting ${name}`)));
  }

  protected queueCall(name: string, args: unknown[], apply: (target: T) => unknown, suspendsCalculation = false): void {
    this.context.enqueue(
      { path: this.path, op: "call", name, args },
      () => apply(this.target(`Calling ${name}`)),
      suspendsCalculation,
    );
  }

  /** Office.js objects serialise their loaded values. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loadedValues);
  }
}

function loadNames(
  option: string | string[] | { select?: string | string[] } | undefined,
  all: readonly string[],
): string[] {
  let names: string[];
  if (option === undefined) names = [...all];
  else if (typeof option === "string") names = option.split(",");
  else if (Array.isArray(option)) names = option;
  else
    names =
      option.select === undefined
        ? [...all]
        : typeof option.select === "string"
          ? option.select.split(",")
          : option.select;
  return names.map((n) => n.trim()).filter((n) => n !== "");
}

/** A value returned by a method (e.g. getCount()), readable after sync. */
export class ClientResult<V> {
  private result: { value: V } | undefined;
  set(value: V): void {
    this.result = { value };
  }
  get value(): V {
    if (!this.result) throw notLoaded("value");
    return this.result.value;
  }
}

/** Requirement sets and their highest supported version, e.g. { ExcelApi: "1.8", SharedRuntime: "1.1" }. */
export type ApiLevel = Readonly<Record<string, string>>;

/** True when `version` ("1.10") is at most `supported` ("1.8" → false), comparing part by part as numbers. */
export function versionAtMost(version: string, supported: string): boolean {
  const a = version.split(".").map(Number);
  const b = supported.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return true;
}

export function isSetWithin(level: ApiLevel, name: string, version = "1.1"): boolean {
  const supported = Object.entries(level).find(([set]) => set.toLowerCase() === name.toLowerCase())?.[1];
  return supported !== undefined && versionAtMost(version, supported);
}

export class StandinContext {
  private queue: Action[] = [];
  private readonly proxies: ClientObject<unknown>[] = [];
  /** False once the Excel.run that made the context has ended (until Excel.run(context, …) revives it). */
  open = true;

  constructor(
    readonly model: WorkbookModel,
    readonly stats: StandinStats,
    readonly apiLevel: ApiLevel,
  ) {}

  track(proxy: ClientObject<unknown>): void {
    this.proxies.push(proxy);
  }

  private checkOpen(): void {
    if (!this.open) {
      throw new StandinError(
        "InvalidRequestContext",
        "This request context belongs to an Excel.run that has ended. Do the work inside the batch, or pass the context (or the object) to Excel.run.",
      );
    }
  }

  enqueue(payload: unknown, apply: () => unknown, suspendsCalculation = false): void {
    this.checkOpen();
    this.queue.push({ payload, apply, suspendsCalculation });
  }

  /** A member from a requirement set above the API level: the request fails at sync, as the host does. */
  requireApi(set: string, version: string, member: string): void {
    if (isSetWithin(this.apiLevel, set, version)) return;
    this.enqueue({ op: "api", member }, () => {
      throw new StandinError(
        "ApiNotFound",
        `The API you are trying to use could not be found. (${member} needs ${set} ${version}; this host supports ${this.apiLevel[set] ?? "none"}.)`,
      );
    });
  }

  /** Actions waiting for the next sync. */
  get pendingActions(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    this.checkOpen();
    // A real sync is a round trip: nothing is applied in the caller's synchronous turn.
    await Promise.resolve();
    const actions = this.queue;
    this.queue = [];
    const proxies = this.proxies.splice(0);
    const requestBytes = utf8Length(JSON.stringify(actions.map((a) => a.payload)));
    const record: SyncRecord = {
      requestBytes,
      responseBytes: 0,
      actions: actions.length,
      calculationSuspended: actions.some((a) => a.suspendsCalculation),
    };
    this.stats.syncs.push(record);
    if (requestBytes > REQUEST_PAYLOAD_LIMIT) {
      throw new StandinError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${requestBytes} > ${REQUEST_PAYLOAD_LIMIT} bytes).`,
      );
    }
    const response: unknown[] = [];
    try {
      // Like Excel, actions before a failing one stay applied; the rest are dropped.
      for (const action of actions) {
        const data = action.apply();
        if (data !== undefined) response.push(data);
      }
    } finally {
      for (const proxy of proxies) proxy.markSynced();
      this.model.synced();
    }
    record.responseBytes = utf8Length(JSON.stringify(response));
    if (record.responseBytes > RESPONSE_PAYLOAD_LIMIT) {
      throw new StandinError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size has exceeded the limit (${record.responseBytes} > ${RESPONSE_PAYLOAD_LIMIT} bytes).`,
      );
    }
  }
}
