/**
 * Bounded memo tables for the pure per-string work of the policy library (compiled patterns,
 * ARN name patterns, action coverage). Fleets of IoT policies repeat the same strings across
 * thousands of documents — the same actions, the same `client/${iot:Connection.Thing.ThingName}`
 * and `$aws/things/…` resources — and within one analysis the same (pattern, type) is asked for
 * many times.
 *
 * Rules for every table:
 * - the key is the complete input of a pure function (every argument that changes the answer,
 *   the dialect included), so two inputs share an entry only when the answers are identical;
 * - values are never handed out to be changed: tables hold immutable results (booleans,
 *   strings, frozen or otherwise never-written arrays and objects);
 * - size is capped: a table that reaches its cap is emptied and starts again (hostile plans
 *   with millions of distinct strings cost memory no larger than the caps).
 */

import { BoundedCache as EngineBoundedCache } from '../../../engine/bounded-cache';

interface Table {
  readonly size: number;
  clear(): void;
}

const tables: Table[] = [];

/** A BoundedCache that clearPolicyCaches() and policyCacheEntries() see. */
export class BoundedCache<K, V> extends EngineBoundedCache<K, V> {
  constructor(max: number, maxWeight = Infinity) {
    super(max, maxWeight);
    tables.push(this);
  }
}

/**
 * A bounded table keyed by (long) strings. A JavaScript Map hashes every new key string in full,
 * which for policy texts and ARN patterns costs more than the lookup saves; this table files
 * keys under their length and a few sampled characters, and finds them by string equality
 * (which stops at the first differing character). Same contract as BoundedCache: capped in
 * entries and in key characters; at most `perBucket` keys share a bucket (the oldest goes).
 */
export class TextTable<V> {
  private readonly buckets = new Map<number, { readonly key: string; value: V }[]>();
  private entries = 0;
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
    private readonly perBucket = 8,
  ) {
    tables.push(this as unknown as Table);
  }

  get(key: string): V | undefined {
    const bucket = this.buckets.get(fingerprint(key));
    if (bucket === undefined) return undefined;
    for (let i = bucket.length - 1; i >= 0; i--) if (bucket[i].key === key) return bucket[i].value;
    return undefined;
  }

  set(key: string, value: V): void {
    if (key.length > this.maxChars) return;
    if (this.entries >= this.maxEntries || this.chars + key.length > this.maxChars) this.clear();
    const print = fingerprint(key);
    let bucket = this.buckets.get(print);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(print, bucket);
    }
    for (const entry of bucket) {
      if (entry.key === key) {
        entry.value = value;
        return;
      }
    }
    if (bucket.length >= this.perBucket) {
      const old = bucket.shift() as { key: string };
      this.entries--;
      this.chars -= old.key.length;
    }
    bucket.push({ key, value });
    this.entries++;
    this.chars += key.length;
  }

  get size(): number {
    return this.entries;
  }

  clear(): void {
    this.buckets.clear();
    this.entries = 0;
    this.chars = 0;
  }
}

/** Length and eight characters spread over the string (cheap; collisions only cost comparisons). */
function fingerprint(text: string): number {
  const n = text.length;
  let h = n;
  for (let k = 1; k <= 8; k++) h = (Math.imul(h, 31) + text.charCodeAt(Math.floor((n * k) / 9))) | 0;
  return h;
}

/** Empties every memo table of the policy library (tests compare cold and warm results). */
export function clearPolicyCaches(): void {
  for (const table of tables) table.clear();
}

/** The total number of memoised entries (tests check the caps hold). */
export function policyCacheEntries(): number {
  return tables.reduce((n, t) => n + t.size, 0);
}
