/**
 * Which natural keys may have been seen before, in memory that grows with the rows (8 bytes a slot, at most four
 * slots for three keys): each key leaves a 32-bit hash and the row it was first seen in. A key whose hash was seen
 * is only maybe a duplicate (two keys share a hash about once in 4 billion pairs: a few thousand times among five
 * million rows, each costing one exact check); one whose hash was not seen is certainly new, and is the first row
 * with that hash. The exact answer comes from the database, and only for rows the sieve caught.
 */
export class KeySieve {
  private hashes = new Uint32Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private size = 0;
  /** How many keys met a hash seen before. */
  maybeSeen = 0;

  /**
   * Adds the key of `row` (parts[from..to), in order); when its hash was there already, counts it in maybeSeen
   * and gives the first row with that hash; otherwise 0.
   */
  add(parts: readonly unknown[], from: number, to: number, row: number): number {
    let h = 0x811c9dc5;
    for (let p = from; p < to; p++) {
      const s = String(parts[p]);
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      h = Math.imul(h ^ 0x1f, 0x01000193);
    }
    // Final mixing (murmur3's), so that the low bits that pick a slot depend on every character.
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // 0 marks an empty slot.
    const earlier = this.insert(h >>> 0 || 1, row);
    if (earlier > 0) this.maybeSeen++;
    return earlier;
  }

  /** The row already holding the hash, or 0 after storing it with `row`. */
  private insert(hash: number, row: number): number {
    if (this.size * 4 >= this.hashes.length * 3) this.grow();
    const mask = this.hashes.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      if (this.hashes[i] === 0) {
        this.hashes[i] = hash;
        this.rows[i] = row;
        this.size++;
        return 0;
      }
      if (this.hashes[i] === hash) return this.rows[i];
    }
  }

  private grow(): void {
    const { hashes, rows } = this;
    this.hashes = new Uint32Array(hashes.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    this.size = 0;
    for (let i = 0; i < hashes.length; i++) if (hashes[i] !== 0) this.insert(hashes[i], rows[i]);
  }
}
