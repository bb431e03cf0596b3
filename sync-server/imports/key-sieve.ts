/**
 * Which natural keys may have been seen before, in memory that grows with the rows (12 bytes a slot, two slots a
 * key at most): each key leaves a 64-bit hash and the row it was first seen in. A key whose hash was seen is only
 * maybe a duplicate (two keys can share a hash, about once in 10^12 pairs); one whose hash was not seen is
 * certainly new, and is the first row with that hash. The exact answer comes from the database, and only for rows
 * the sieve caught.
 */
export class KeySieve {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private size = 0;
  /** How many keys met a hash seen before. */
  maybeSeen = 0;

  /**
   * Adds the key of `row` (parts[from..to), in order); when its hash was there already, counts it in maybeSeen
   * and gives the first row with that hash; otherwise 0.
   */
  add(parts: readonly unknown[], from: number, to: number, row: number): number {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ 0x5bd1e995;
    for (let p = from; p < to; p++) {
      const s = String(parts[p]);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h2 ^= h2 >>> 15;
      }
      h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
      h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
    }
    // 0/0 marks an empty slot.
    if (h1 === 0 && h2 === 0) h2 = 1;
    const earlier = this.insert(h1 >>> 0, h2 >>> 0, row);
    if (earlier > 0) this.maybeSeen++;
    return earlier;
  }

  /** The row already holding the hash, or 0 after storing it with `row`. */
  private insert(a: number, b: number, row: number): number {
    if (this.size * 2 >= this.high.length) this.grow();
    const mask = this.high.length - 1;
    for (let i = (a ^ (b >>> 7)) & mask; ; i = (i + 1) & mask) {
      if (this.high[i] === 0 && this.low[i] === 0) {
        this.high[i] = a;
        this.low[i] = b;
        this.rows[i] = row;
        this.size++;
        return 0;
      }
      if (this.high[i] === a && this.low[i] === b) return this.rows[i];
    }
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    this.size = 0;
    for (let i = 0; i < high.length; i++) if (high[i] !== 0 || low[i] !== 0) this.insert(high[i], low[i], rows[i]);
  }
}
