/**
 * Caches of the custom functions: model runs and answers per distinct input (LruCache), and the parsed inputs
 * every SOURCING.* function shares (ParsedInputCache), so a recalculation never parses or validates a row again.
 */
import { parseModelInput, type ModelInput, type ParsedInput } from "../model";

/**
 * A bounded least-recently-used cache. Excel calls DECIDE, CROSSOVER, TOTAL, … on the same row one by one;
 * the cache lets them share one model run per distinct input within the runtime.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value for key, computed by make() on a miss; a hit becomes the most recently used entry. */
  getOrCompute(key: string, make: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined || this.entries.has(key)) {
      // Map keeps insertion order: re-inserting moves the entry to the young end.
      this.entries.delete(key);
      this.entries.set(key, hit as V);
      return hit as V;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** The value for key, or undefined on a miss; a hit becomes the most recently used entry. */
  get(key: string): V | undefined {
    if (!this.entries.has(key)) return undefined;
    return this.getOrCompute(key, () => undefined as V);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Parsed inputs kept per runtime: one row's table is small, and a workbook has a few hundred rows at most in view. */
export const DEFAULT_PARSED_ENTRIES = 500;

/**
 * Parsed and validated inputs by their contents (the key of sourcing.ts's inputKey): DECIDE, TOTAL, SCHEDULE,
 * PROBABILITY and BREAKEVENFEE on the same row, and every recalculation of them, parse that row once and then
 * only evaluate it (evaluateParsed, goal seek, simulation).
 */
export class ParsedInputCache {
  private readonly cache: LruCache<ParsedInput>;
  private parseCount = 0;

  constructor(capacity = DEFAULT_PARSED_ENTRIES) {
    this.cache = new LruCache<ParsedInput>(capacity);
  }

  /** How many inputs were parsed (cache misses): for tests and diagnostics. */
  get parses(): number {
    return this.parseCount;
  }

  /** The parsed input for `key`, parsing `input` only when no input of that key was parsed yet. */
  parsed(key: string, input: ModelInput): ParsedInput {
    return this.cache.getOrCompute(key, () => {
      this.parseCount++;
      return parseModelInput(input);
    });
  }
}

/** The one parse cache of the runtime, shared by the SOURCING.* functions unless a caller passes its own. */
export const sharedParsedInputs = new ParsedInputCache();
