import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSheetsConnector } from '../../sync-server/sheets/connector';
import { RateLimiter, type Clock } from '../../sync-server/sheets/rate-limiter';
import { fakeWaiting, startHarness, type Harness } from './fixtures';

/** A clock that only moves when someone sleeps. */
function fakeClock(): Clock & { t: number } {
  const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => { clock.t += ms; } };
  return clock;
}

/** The largest number of grants inside any `windowMs`-long window. */
function busiestWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(() => h.standIn.close());

describe('RateLimiter', () => {
  it('lets a burst through, then holds calls so no minute has more than the limit', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 10 }, clock);
    const granted: number[] = [];
    await Promise.all(Array.from({ length: 130 }, () => limiter.take('sheet-1').then(() => { granted.push(clock.now()); })));

    expect(granted).toHaveLength(130);
    expect(granted.slice(0, 10).every((t) => t === 0)).toBe(true);
    expect(granted[10]).toBeGreaterThan(0);
    expect([...granted].sort((a, b) => a - b)).toEqual(granted);
    expect(busiestWindow(granted, 60_000)).toBeLessThanOrEqual(60);
    // 130 calls: 10 at once, then 50 a minute -> the last one about 2.4 minutes in.
    expect(granted[129]).toBeGreaterThanOrEqual(120 * 1200 - 1);
    expect(granted[129]).toBeLessThanOrEqual(120 * 1200 + 1);
  });

  it('keeps one bucket per spreadsheet', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requestsPerMinute: 2, burst: 1 }, clock);
    expect(await limiter.take('a')).toBe(0);
    expect(await limiter.take('b')).toBe(0);
    expect(await limiter.take('a')).toBe(60_000);
  });

  it('holds the connector calls of a burst against the stand-in', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: [{ name: 'Tracks', values: [['Track ID']] }] });
    const clock = fakeClock();
    const config = { ...h.config, rateLimit: { requestsPerMinute: 12, burst: 2 } };
    const connector = createSheetsConnector(config, { limiter: new RateLimiter(config.rateLimit, clock), waiting: fakeWaiting() });
    h.standIn.resetCalls();

    await Promise.all(Array.from({ length: 5 }, () => connector.readWorkbook(id)));

    expect(h.standIn.count('get')).toBe(5);
    // 2 at once, then one every 6 s (10 a minute after the burst).
    expect(clock.t).toBe(18_000);
  });
});
