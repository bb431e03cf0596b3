/**
 * A token bucket per spreadsheet, shared by every call of the process: a burst of `burst` calls goes at once,
 * then tokens come back at (requestsPerMinute - burst) per minute, so no 60-second window ever holds more than
 * `requestsPerMinute` calls (Google's quota is 60 per minute per user).
 */
export interface RateLimit {
  requestsPerMinute: number;
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { requestsPerMinute: 60, burst: 10 };

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

interface Bucket {
  tokens: number;
  at: number;
  /** Takers queue up behind each other so they are served first come, first served. */
  tail: Promise<unknown>;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly burst: number;

  constructor(readonly limit: RateLimit = DEFAULT_RATE_LIMIT, private readonly clock: Clock = realClock) {
    if (!(limit.requestsPerMinute >= 1)) throw new RangeError('requestsPerMinute must be at least 1');
    this.burst = Math.max(1, Math.min(limit.burst, limit.requestsPerMinute));
    this.perMs = Math.max(limit.requestsPerMinute - this.burst, 1) / 60_000;
  }

  /** Waits for a token of `key`'s bucket; resolves with how long it waited (ms). */
  take(key: string): Promise<number> {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.burst, at: this.clock.now(), tail: Promise.resolve() };
      this.buckets.set(key, bucket);
    }
    const b = bucket;
    const turn = b.tail.then(() => this.acquire(b));
    b.tail = turn.catch(() => undefined);
    return turn;
  }

  private async acquire(b: Bucket): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.clock.now();
      b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * this.perMs);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return waited;
      }
      const wait = Math.ceil((1 - b.tokens) / this.perMs);
      waited += wait;
      await this.clock.sleep(wait);
    }
  }
}

let shared: RateLimiter | undefined;

/** The process-wide limiter (created with the first caller's limits). */
export function sharedRateLimiter(limit: RateLimit = DEFAULT_RATE_LIMIT): RateLimiter {
  shared ??= new RateLimiter(limit);
  return shared;
}
