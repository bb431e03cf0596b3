/**
 * Which natural keys may have been seen before, in memory that grows with the rows (8 bytes a slot, two slots a
 * key at most): each key leaves a 64-bit hash. A key whose hash was seen is only maybe a duplicate (two keys can
 * share a hash, about once in 10^12 pairs); one whose hash was not seen is certainly new. The exact answer comes
 * from the database, and only when the sieve caught something.
 */
export class KeySieve {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  private size = 0;
  /** How many keys met a hash seen before. */
  maybeSeen = 0;

  /** Adds a key (its parts, in order); counts it in maybeSeen when its hash was there already. */
  add(parts: readonly unknown[], from: number, to: number): void {
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
    if (this.insert(h1 >>> 0, h2 >>> 0)) this.maybeSeen++;
  }

  /** Whether the hash was already there. */
  private insert(a: number, b: number): boolean {
    if (this.size * 2 >= this.high.length) this.grow();
    const mask = this.high.length - 1;
    for (let i = (a ^ (b >>> 7)) & mask; ; i = (i + 1) & mask) {
      if (this.high[i] === 0 && this.low[i] === 0) {
        this.high[i] = a;
        this.low[i] = b;
        this.size++;
        return false;
      }
      if (this.high[i] === a && this.low[i] === b) return true;
    }
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.size = 0;
    for (let i = 0; i < high.length; i++) if (high[i] !== 0 || low[i] !== 0) this.insert(high[i], low[i]);
  }
}
