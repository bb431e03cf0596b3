/**
 * A refresh larger than one request: report tabs go in batchUpdates of at most 2 MB each, a tab whole within one
 * call, so that a failure between two calls leaves every tab readable (its new content or its previous one), and
 * a tab too large for any single call is built in a hidden staging tab that the last call swaps in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportTab } from '../../shared/reports/layout';
import { SheetsError } from '../../sync-server/sheets/errors';
import { MAX_REQUEST_BYTES, STAGING_PREFIX } from '../../sync-server/sheets/report-plan';
import { DEFAULT_RETRY } from '../../sync-server/sheets/retry';
import { fakeWaiting, largeReportTab, startHarness, type Harness } from './fixtures';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(() => h.standIn.close());

const seed = () => h.standIn.createSpreadsheet({ tabs: [{ name: 'Tracks', values: [['Track ID'], ['T01']] }] });
/** 30 tabs of about 150 KB: more than two batchUpdates' worth. */
const manyTabs = (variant: number) => Array.from({ length: 30 }, (_, i) => {
  const tab = largeReportTab(`T${String(i + 1).padStart(2, '0')}`, 250);
  return { ...tab, rows: tab.rows.map((r, k) => (k === 1 ? ['Completion', variant] : r)) };
});
/** One tab of about 5 MB: no single call can carry it. */
function hugeTab(variant: number): ReportTab {
  const rows: ReportTab['rows'] = [['Report HUGE', 'variant', variant]];
  for (let r = 0; r < 40_000; r++) rows.push([`Employee ${r}`, `L${r % 7}`, r * variant, (r % 100) / 100, 'a note of some length to fill the tab']);
  return { title: 'Report HUGE', rows, boldRows: [0], numberFormats: [{ range: { startRow: 1, endRow: rows.length, startColumn: 3, endColumn: 4 }, kind: 'percent' }], heatmaps: [], charts: [], frozenRows: 1 };
}
const secondCell = (id: string, title: string) => h.standIn.tab(id, title).values()[1]?.[1];

describe('report writes in several calls', () => {
  it('each batchUpdate at most 2 MB, at most 2 calls + 1 per 2 MB, every tab whole after the last call', async () => {
    const id = seed();
    const tabs = manyTabs(1);
    h.standIn.resetCalls();
    const r = await h.connector.writeReportTabs(id, tabs);
    expect(r.batches).toBeGreaterThan(1);
    expect(r.calls).toBe(1 + r.batches);
    expect(r.calls).toBeLessThanOrEqual(2 + Math.ceil(r.payloadBytes / MAX_REQUEST_BYTES));
    const bodies = h.standIn.calls.filter((c) => c.kind === 'batchUpdate').map((c) => c.bodyBytes);
    expect(Math.max(...bodies)).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(bodies.reduce((a, b) => a + b, 0)).toBe(r.payloadBytes);
    for (const tab of tabs) {
      const written = h.standIn.tab(id, tab.title);
      expect(written.values()).toHaveLength(tab.rows.length);
      expect(written.charts).toHaveLength(2);
      expect(written.protectedRanges).toHaveLength(1);
    }
  });

  it('a failure between two calls leaves every tab readable: written tabs new, the others as they were', async () => {
    const id = seed();
    const before = await h.connector.writeReportTabs(id, manyTabs(1));
    const connector = h.connect({ retry: { ...DEFAULT_RETRY, maxAttempts: 1 } }, fakeWaiting());
    h.standIn.resetCalls();
    h.standIn.failNext(1, 500, { only: 'batchUpdate', skip: 1 });

    const err = await connector.writeReportTabs(id, manyTabs(2)).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SheetsError);
    expect(h.standIn.calls.map((c) => [c.kind, c.status])).toEqual([['get', 200], ['batchUpdate', 200], ['batchUpdate', 500]]);

    const titles = manyTabs(2).map((t) => t.title);
    const fresh = titles.filter((t) => secondCell(id, t) === 2);
    const old = titles.filter((t) => secondCell(id, t) === 1);
    expect(fresh.length).toBeGreaterThan(0);
    expect(old.length).toBeGreaterThan(0);
    expect([...fresh, ...old].sort()).toEqual([...titles].sort());
    for (const title of titles) {
      const tab = h.standIn.tab(id, title);
      expect(tab.values()).toHaveLength(manyTabs(1)[0].rows.length);
      expect(tab.charts).toHaveLength(2);
      expect(tab.protectedRanges).toHaveLength(1);
      expect(tab.properties.sheetId).toBe(before.sheetIds[title]);
    }

    const after = await h.connector.writeReportTabs(id, manyTabs(2));
    expect(titles.every((t) => secondCell(id, t) === 2)).toBe(true);
    expect(after.sheetIds).toEqual(before.sheetIds);
  });

  it('a tab larger than one call is built hidden and swapped in by the last call; a failure before the swap leaves the old tab', async () => {
    const id = seed();
    await h.connector.writeReportTabs(id, [hugeTab(1)]);
    expect(h.standIn.tabTitles(id)).toEqual(['Tracks', 'Report HUGE']);
    expect(h.standIn.tab(id, 'Report HUGE').values()).toHaveLength(40_001);

    const connector = h.connect({ retry: { ...DEFAULT_RETRY, maxAttempts: 1 } }, fakeWaiting());
    h.standIn.resetCalls();
    h.standIn.failNext(1, 503, { only: 'batchUpdate', skip: 1 });
    await expect(connector.writeReportTabs(id, [hugeTab(2)])).rejects.toBeInstanceOf(SheetsError);
    const old = h.standIn.tab(id, 'Report HUGE');
    expect(old.values()[0]).toEqual(['Report HUGE', 'variant', 1, '', '']);
    expect(old.values()).toHaveLength(40_001);
    expect(old.properties.hidden).toBeFalsy();
    const staging = h.standIn.snapshot(id).sheets.filter((s) => s.properties.title.startsWith(STAGING_PREFIX));
    expect(staging).toHaveLength(1);
    expect(staging[0].properties.hidden).toBe(true);

    h.standIn.resetCalls();
    const r = await h.connector.writeReportTabs(id, [hugeTab(2)]);
    expect(r.batches).toBeGreaterThan(2);
    expect(r.largestRequestBytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(r.calls).toBeLessThanOrEqual(2 + Math.ceil(r.payloadBytes / MAX_REQUEST_BYTES));
    expect(h.standIn.tabTitles(id)).toEqual(['Tracks', 'Report HUGE']);
    const tab = h.standIn.tab(id, 'Report HUGE');
    expect(tab.properties.hidden).toBeFalsy();
    expect(tab.properties.sheetId).toBe(r.sheetIds['Report HUGE']);
    expect(tab.values()).toHaveLength(40_001);
    expect(tab.values()[0]).toEqual(['Report HUGE', 'variant', 2, '', '']);
    expect(tab.values()[40_000]).toEqual(['Employee 39999', 'L1', 79998, 0.99, 'a note of some length to fill the tab']);
    expect(tab.cell('D3')?.userEnteredFormat?.numberFormat?.type).toBe('PERCENT');
    expect(tab.protectedRanges).toHaveLength(1);
    expect(tab.properties.gridProperties.frozenRowCount).toBe(1);
  }, 120_000);
});
