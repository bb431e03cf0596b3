/** Exponential backoff with full jitter for calls Google may accept when asked again (429, 5xx). */
import { SheetsError, toSheetsError } from './errors';

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for here: the caller (a background job) comes back later. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 32_000, maxRetryAfterMs: 60_000 };

export interface Waiting {
  sleep(ms: number): Promise<void>;
  /** In [0, 1). */
  random(): number;
}

export const realWaiting: Waiting = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * The wait before try `attempt + 1`: uniformly in [0, min(max, base * 2^(attempt-1))) ("full jitter", so many
 * clients hit by the same 429 do not come back together), and never less than the server's Retry-After.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs);
}

export function shouldRetry(err: SheetsError, attempt: number, policy: RetryPolicy): boolean {
  return err.retryable && attempt < policy.maxAttempts && (err.details.retryAfterMs ?? 0) <= policy.maxRetryAfterMs;
}

export function exhausted(err: SheetsError, attempts: number): SheetsError {
  const suffix = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
  return new SheetsError(err.code, `${err.message}${suffix}`, { ...err.details, attempts });
}

/**
 * Runs `once` until it succeeds, fails with an error that retrying cannot fix, or runs out of attempts.
 * `beforeRetry` lets a caller redo preparation after an ambiguous failure (see write-reports.ts).
 */
export async function withRetries<T>(
  once: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  waiting: Waiting,
  beforeRetry?: (err: SheetsError, attempt: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(attempt);
    } catch (e) {
      const err = toSheetsError(e);
      if (!shouldRetry(err, attempt, policy)) throw exhausted(err, attempt);
      beforeRetry?.(err, attempt);
      await waiting.sleep(backoffDelay(attempt, policy, waiting.random, err.details.retryAfterMs));
    }
  }
}
