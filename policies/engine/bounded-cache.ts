/**
 * A memo table with a cap: pure per-string work (parsed references, attribute paths, policy
 * patterns) repeats across thousands of resources, and a hostile plan with millions of distinct
 * strings must not grow memory without bound. A table that reaches its cap is emptied and
 * starts again. Values must be immutable: every caller gets the same object.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  private weight = 0;

  /**
   * `max` entries at most; `maxWeight` bounds the summed weights that set() is told (e.g. atoms
   * held), for tables whose values vary in size. A value heavier than `maxWeight` is not kept.
   */
  constructor(
    private readonly max: number,
    private readonly maxWeight = Infinity,
  ) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V, weight = 0): void {
    if (weight > this.maxWeight) return;
    if (this.map.size >= this.max || this.weight + weight > this.maxWeight) this.clear();
    this.map.set(key, value);
    this.weight += weight;
  }

  /**
   * Adds weight for a value stored inside an entry (a table of tables). False when the value
   * must not be kept: it is too heavy, or the table was emptied to make room (its inner tables
   * are then dropped).
   */
  charge(weight: number): boolean {
    if (weight > this.maxWeight) return false;
    if (this.weight + weight > this.maxWeight) {
      this.clear();
      return false;
    }
    this.weight += weight;
    return true;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
    this.weight = 0;
  }
}
