/** Keys a limiter remembers at most; beyond that, refilled buckets are forgotten first (a full bucket is the default). */
const MAX_KEYS = 50_000;

/**
 * Token buckets per key (a token id, a client address): `perMinute` requests a minute, and up to that many at once
 * after a quiet minute. In memory, per server process.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** Takes one request for the key: 0 when it may go on, otherwise the whole seconds until it may. */
  take(key: string): number {
    if (this.perMinute <= 0) return 0;
    const now = Date.now();
    const perMs = this.perMinute / 60_000;
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.perMinute, b.tokens + (now - b.at) * perMs) : this.perMinute;
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      if (this.buckets.size > MAX_KEYS) this.forgetFull(now, perMs);
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  }

  private forgetFull(now: number, perMs: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * perMs >= this.perMinute) this.buckets.delete(key);
    // Still too many busy keys (an address flood): forget the oldest entries; they start again from a full bucket.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= MAX_KEYS * 0.9) break;
      this.buckets.delete(key);
    }
  }
}
