/**
 * A size-bounded least-recently-used cache with an optional time-to-live.
 *
 * Map keeps insertion order, so re-inserting a key on access moves it to the
 * "most recent" end and the first key is always the one to evict.
 */
export interface LruOptions<K, V> {
  maxEntries: number;
  ttlMs?: number;
  onEvict?: (key: K, value: V) => void;
  now?: () => number;
}

interface Slot<V> {
  value: V;
  expiresAt: number;
}

export class LruCache<K, V> {
  private readonly slots = new Map<K, Slot<V>>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly onEvict?: (key: K, value: V) => void;
  private readonly now: () => number;

  constructor(options: LruOptions<K, V>) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`);
    }
    this.maxEntries = options.maxEntries;
    this.ttlMs = options.ttlMs ?? Infinity;
    this.onEvict = options.onEvict;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.slots.size;
  }

  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    if (slot.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  set(key: K, value: V): this {
    this.slots.delete(key);
    this.slots.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.slots.size > this.maxEntries) {
      const oldest = this.slots.keys().next().value as K;
      this.delete(oldest);
    }
    return this;
  }

  has(key: K): boolean {
    const slot = this.slots.get(key);
    return slot !== undefined && slot.expiresAt > this.now();
  }

  delete(key: K): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    this.slots.delete(key);
    this.onEvict?.(key, slot.value);
    return true;
  }

  clear(): void {
    for (const key of [...this.slots.keys()]) this.delete(key);
  }

  /** Drops expired entries and returns how many were removed. */
  prune(): number {
    const now = this.now();
    let removed = 0;
    for (const [key, slot] of this.slots) {
      if (slot.expiresAt <= now) {
        this.delete(key);
        removed++;
      }
    }
    return removed;
  }
}
