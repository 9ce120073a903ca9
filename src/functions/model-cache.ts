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
