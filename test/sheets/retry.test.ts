import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SheetsError } from '../../sync-server/sheets/errors';
import { backoffDelay, DEFAULT_RETRY } from '../../sync-server/sheets/retry';
import { fakeWaiting, reportTab, startHarness, type Harness } from './fixtures';

let h: Harness;
const acmeLike = [{ name: 'Tracks', values: [['Track ID', 'Track Name'], ['ENG', 'Engineering']] }, { name: 'Levels', values: [['Track ID', 'Level Code'], ['ENG', 'E1']] }];

beforeAll(async () => { h = await startHarness(); });
afterAll(() => h.standIn.close());

describe('backoffDelay', () => {
  it('waits a random time below the exponential ceiling (full jitter), and at least Retry-After', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
      (attempt, r, retryAfter) => {
        const ceiling = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (attempt - 1));
        const jittered = backoffDelay(attempt, DEFAULT_RETRY, () => r);
        expect(jittered).toBeGreaterThanOrEqual(0);
        expect(jittered).toBeLessThan(ceiling);
        expect(jittered).toBe(Math.floor(r * ceiling));
        if (retryAfter !== undefined) expect(backoffDelay(attempt, DEFAULT_RETRY, () => r, retryAfter)).toBe(Math.max(jittered, retryAfter));
      },
    ));
  });
});

describe('retries against the stand-in', () => {
  it('retries a 429 on the batchUpdate after Retry-After, then writes once', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: acmeLike });
    const waiting = fakeWaiting([0.1]);
    const connector = h.connect({}, waiting);
    h.standIn.resetCalls();
    h.standIn.failNext(1, 429, { only: 'batchUpdate', retryAfter: 7 });

    const result = await connector.writeReportTabs(id, [reportTab('ENG')]);

    expect(h.standIn.calls.map((c) => [c.kind, c.status])).toEqual([['get', 200], ['batchUpdate', 429], ['batchUpdate', 200]]);
    expect(result.calls).toBe(3);
    // Jitter alone would wait 0.1 x 500 ms; Retry-After says 7 s.
    expect(waiting.sleeps).toEqual([7000]);
    expect(h.standIn.tab(id, 'Report ENG').charts).toHaveLength(2);
  });

  it('backs off with growing, jittered delays on repeated 5xx, then succeeds', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: acmeLike });
    const waiting = fakeWaiting([0.99, 0.99, 0.25]);
    const connector = h.connect({ retry: { ...DEFAULT_RETRY, maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 3000 } }, waiting);
    h.standIn.resetCalls();
    h.standIn.failNext(2, 503);
    h.standIn.failNext(1, 500);

    const { snapshot, calls } = await connector.readWorkbook(id);

    expect(calls).toBe(4);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['Tracks', 'Levels']);
    // Ceilings 1000, 2000, then 4000 capped at 3000; random 0.99, 0.99, 0.25.
    expect(waiting.sleeps).toEqual([990, 1980, 750]);
  });

  it('gives up after maxAttempts of 500 with a clear error, leaving the spreadsheet as it was', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: acmeLike });
    await h.connector.writeReportTabs(id, [reportTab('ENG')]);
    const before = h.standIn.snapshot(id);
    const waiting = fakeWaiting();
    const connector = h.connect({ retry: { ...DEFAULT_RETRY, maxAttempts: 3 } }, waiting);
    h.standIn.resetCalls();
    h.standIn.failNext(3, 500, { only: 'batchUpdate' });

    const err = await connector.writeReportTabs(id, [reportTab('ENG', { modules: ['X'] }), reportTab('NEW')]).then(() => undefined, (e: unknown) => e);

    expect(err).toBeInstanceOf(SheetsError);
    const e = err as SheetsError;
    expect(e.code).toBe('sheets-unavailable');
    expect(e.details).toMatchObject({ status: 500, attempts: 3 });
    expect(e.message).toMatch(/HTTP 500.*Internal error encountered.*after 3 attempts/);
    expect(h.standIn.calls.filter((c) => c.kind === 'batchUpdate').map((c) => c.status)).toEqual([500, 500, 500]);
    expect(waiting.sleeps).toHaveLength(2);
    expect(h.standIn.snapshot(id)).toEqual(before);
  });

  it('after a 5xx the batch was in fact applied, plans again from what is there (no duplicates, no 400)', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: acmeLike });
    await h.connector.writeReportTabs(id, [reportTab('ENG')]);
    const sheetId = h.standIn.tab(id, 'Report ENG').properties.sheetId;
    h.standIn.resetCalls();
    h.standIn.failNext(1, 500, { only: 'batchUpdate', afterApplying: true });

    const result = await h.connector.writeReportTabs(id, [reportTab('ENG'), reportTab('NEW')]);

    expect(h.standIn.calls.map((c) => [c.kind, c.status])).toEqual([['get', 200], ['batchUpdate', 500], ['get', 200], ['batchUpdate', 200]]);
    expect(result.calls).toBe(4);
    expect(result.replaced).toEqual(['Report ENG', 'Report NEW']);
    for (const title of ['Report ENG', 'Report NEW']) {
      const tab = h.standIn.tab(id, title);
      expect(tab.charts).toHaveLength(2);
      expect(tab.conditionalFormats).toHaveLength(1);
      expect(tab.protectedRanges).toHaveLength(1);
    }
    expect(h.standIn.tab(id, 'Report ENG').properties.sheetId).toBe(sheetId);
  });

  it('does not wait here for a Retry-After longer than maxRetryAfterMs', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: acmeLike });
    const waiting = fakeWaiting();
    h.standIn.resetCalls();
    h.standIn.failNext(1, 429, { retryAfter: 600 });
    const err = await h.connect({}, waiting).readWorkbook(id).then(() => undefined, (e: unknown) => e as SheetsError);
    expect(err?.code).toBe('sheets-rate-limited');
    expect(err?.details.retryAfterMs).toBe(600_000);
    expect(waiting.sleeps).toEqual([]);
    expect(h.standIn.count()).toBe(1);
  });

  it('does not retry what retrying cannot fix (404)', async () => {
    h.standIn.resetCalls();
    const err = await h.connector.readWorkbook('missing').then(() => undefined, (e: unknown) => e as SheetsError);
    expect(err?.code).toBe('sheets-not-found');
    expect(h.standIn.count()).toBe(1);
  });
});
