import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { SheetsError } from '../../sync-server/sheets/errors';
import { MAX_REQUEST_BYTES } from '../../sync-server/sheets/report-plan';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { isoDateToSerial } from '../sheets-standin';
import { EDITORS, largeReportTab, reportTab, startHarness, type Harness } from './fixtures';

let h: Harness;
let acme: WorkbookSnapshot;

beforeAll(async () => {
  h = await startHarness();
  acme = await loadWorkbook('examples/acme');
});
afterAll(() => h.standIn.close());

/** Every tab but the report tabs, as stored (values, formats, charts, rules, protections, properties). */
function nonReportTabs(spreadsheetId: string) {
  return h.standIn.snapshot(spreadsheetId).sheets.filter((s) => !s.properties.title.startsWith('Report '));
}

function seedAcme(): string {
  return h.standIn.createSpreadsheet({ tabs: acme.sheets, typed: true });
}

describe('writeReportTabs', () => {
  it('writes a report tab cell by cell in one get and one batchUpdate', async () => {
    const id = seedAcme();
    const before = nonReportTabs(id);
    h.standIn.resetCalls();

    const result = await h.connector.writeReportTabs(id, [reportTab('ENG-IC')]);

    expect(result.calls).toBe(2);
    expect(h.standIn.calls.map((c) => c.kind)).toEqual(['get', 'batchUpdate']);
    expect(result.created).toEqual(['Report ENG-IC']);
    const tab = h.standIn.tab(id, 'Report ENG-IC');
    expect(tab.properties.sheetId).toBe(result.sheetIds['Report ENG-IC']);
    expect(tab.values()).toEqual([
      ['Report ENG-IC', '', '', 'Refreshed', isoDateToSerial('2026-11-23')],
      ['Completion', 0.62, '', '', ''],
      ['', '', '', '', ''],
      ['Module', 'Enrolled', 'Completed', 'Completion rate', ''],
      ['M-101', 50, 40, 0.8, ''],
      ['M-102', 50, 31, 0.62, ''],
      ['M-103', 50, 12, 0.24, ''],
      ['', '', '', '', ''],
      ['Score', 'Clarity of writing', 'Review quality', '', ''],
      [1, 3, 5, '', ''],
      [2, 9, 12, '', ''],
      [3, 20, 14, '', ''],
      [4, 8, 3, '', ''],
    ]);
    // Text stays text and numbers stay numbers.
    expect(tab.cell('A5')?.userEnteredValue).toEqual({ stringValue: 'M-101' });
    expect(tab.cell('C5')?.userEnteredValue).toEqual({ numberValue: 40 });
    // Number formats: rates as percents, counts as integers, the refresh date as a date.
    expect(tab.cell('D5')?.userEnteredFormat?.numberFormat).toEqual({ type: 'PERCENT', pattern: '0.0%' });
    expect(tab.cell('D7')?.userEnteredFormat?.numberFormat).toEqual({ type: 'PERCENT', pattern: '0.0%' });
    expect(tab.cell('B2')?.userEnteredFormat?.numberFormat?.type).toBe('PERCENT');
    expect(tab.cell('C6')?.userEnteredFormat?.numberFormat).toEqual({ type: 'NUMBER', pattern: '0' });
    expect(tab.cell('E1')?.userEnteredFormat?.numberFormat).toEqual({ type: 'DATE', pattern: 'yyyy-mm-dd' });
    expect(tab.cell('A9')?.userEnteredFormat?.numberFormat).toBeUndefined();
    // Bold rows: the title, and both table headers, across the tab's width; not the data rows.
    for (const cell of ['A1', 'D1', 'A4', 'D4', 'A9', 'C9']) expect(tab.cell(cell)?.userEnteredFormat?.textFormat?.bold, cell).toBe(true);
    for (const cell of ['A5', 'A10', 'A2']) expect(tab.cell(cell)?.userEnteredFormat?.textFormat?.bold, cell).toBeUndefined();
    expect(tab.properties.gridProperties.frozenRowCount).toBe(1);

    const sheetId = tab.properties.sheetId;
    expect(tab.conditionalFormats).toHaveLength(1);
    const rule = tab.conditionalFormats[0];
    expect(rule.ranges).toEqual([{ sheetId, startRowIndex: 4, endRowIndex: 7, startColumnIndex: 3, endColumnIndex: 4 }]);
    expect(rule.gradientRule?.minpoint).toMatchObject({ type: 'NUMBER', value: '0' });
    expect(rule.gradientRule?.maxpoint).toMatchObject({ type: 'NUMBER', value: '1' });
    // Higher is better: the low end red, the high end green.
    expect(rule.gradientRule?.minpoint?.color?.red).toBeGreaterThan(rule.gradientRule?.minpoint?.color?.green ?? 1);
    expect(rule.gradientRule?.maxpoint?.color?.green).toBeGreaterThan(rule.gradientRule?.maxpoint?.color?.red ?? 1);

    expect(tab.charts).toHaveLength(2);
    const [funnel, scores] = tab.charts;
    expect(funnel.spec?.title).toBe('Module funnel ENG-IC');
    expect(funnel.spec?.basicChart?.chartType).toBe('COLUMN');
    expect(funnel.spec?.basicChart?.domains?.[0].domain?.sourceRange?.sources).toEqual([{ sheetId, startRowIndex: 4, endRowIndex: 7, startColumnIndex: 0, endColumnIndex: 1 }]);
    expect(funnel.spec?.basicChart?.series?.map((s) => s.series?.sourceRange?.sources)).toEqual([[{ sheetId, startRowIndex: 4, endRowIndex: 7, startColumnIndex: 2, endColumnIndex: 3 }]]);
    expect(funnel.position?.overlayPosition?.anchorCell).toEqual({ sheetId, rowIndex: 3, columnIndex: 6 });
    expect(scores.spec?.title).toBe('Score distribution ENG-IC');
    expect(scores.spec?.basicChart?.chartType).toBe('BAR');
    expect(scores.spec?.basicChart?.series).toHaveLength(2);
    expect(scores.spec?.basicChart?.series?.[1].series?.sourceRange?.sources?.[0]).toEqual({ sheetId, startRowIndex: 9, endRowIndex: 13, startColumnIndex: 2, endColumnIndex: 3 });

    expect(tab.protectedRanges).toHaveLength(1);
    expect(tab.protectedRanges[0]).toMatchObject({ range: { sheetId }, warningOnly: false, editors: { users: EDITORS } });

    expect(nonReportTabs(id)).toEqual(before);
    // No request of the batch names another tab.
    const named = new Set([...JSON.stringify(h.standIn.calls[1].body).matchAll(/"sheetId":(\d+)/g)].map((m) => Number(m[1])));
    expect([...named]).toEqual([sheetId]);
  });

  it('renames a report tab whose case differs instead of adding a second one', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: [{ name: 'Tracks', values: [['Track ID'], ['ENG']] }, { name: 'report eng', values: [['old']] }] });
    const sheetId = h.standIn.tab(id, 'report eng').properties.sheetId;
    const result = await h.connector.writeReportTabs(id, [reportTab('ENG')]);
    expect(result.replaced).toEqual(['Report ENG']);
    expect(h.standIn.tabTitles(id)).toEqual(['Tracks', 'Report ENG']);
    expect(h.standIn.tab(id, 'Report ENG').properties.sheetId).toBe(sheetId);
  });

  it('replaces the tab on the next refresh: same sheetId, no duplicate charts or rules, stale cells cleared', async () => {
    const id = seedAcme();
    const first = await h.connector.writeReportTabs(id, [reportTab('ENG-IC'), reportTab('CS')]);
    const before = nonReportTabs(id);
    const titlesBefore = h.standIn.tabTitles(id);
    h.standIn.resetCalls();

    const second = await h.connector.writeReportTabs(id, [reportTab('ENG-IC', { modules: ['M-101'], completed: [7] }), reportTab('CS')]);

    expect(second.calls).toBe(2);
    expect(second.created).toEqual([]);
    expect(second.replaced).toEqual(['Report ENG-IC', 'Report CS']);
    expect(second.sheetIds).toEqual(first.sheetIds);
    expect(h.standIn.tabTitles(id)).toEqual(titlesBefore);
    const tab = h.standIn.tab(id, 'Report ENG-IC');
    expect(tab.properties.sheetId).toBe(first.sheetIds['Report ENG-IC']);
    expect(tab.values().slice(3, 7)).toEqual([
      ['Module', 'Enrolled', 'Completed', 'Completion rate', ''],
      ['M-101', 50, 7, 0.14, ''],
      ['', '', '', '', ''],
      ['Score', 'Clarity of writing', 'Review quality', '', ''],
    ]);
    expect(tab.values()).toHaveLength(11);
    // The old rows' cells are gone, formats included.
    expect(tab.cell('A12')).toBeUndefined();
    expect(tab.cell('D6')).toBeUndefined();
    expect(tab.cell('A7')?.userEnteredFormat?.textFormat?.bold).toBe(true);
    expect(tab.charts).toHaveLength(2);
    expect(tab.conditionalFormats).toHaveLength(1);
    expect(tab.conditionalFormats[0].ranges?.[0]).toMatchObject({ startRowIndex: 4, endRowIndex: 5 });
    expect(tab.protectedRanges).toHaveLength(1);
    expect(h.standIn.tab(id, 'Report CS').charts).toHaveLength(2);
    expect(nonReportTabs(id)).toEqual(before);
  });

  it('keeps sheetId 0 of a report tab that is the first tab (Google leaves 0 out of its answers)', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: [{ name: 'Report ENG', values: [['old'], ['stale']] }, { name: 'Tracks', values: [['Track ID'], ['ENG']] }] });
    const result = await h.connector.writeReportTabs(id, [reportTab('ENG')]);
    expect(result.replaced).toEqual(['Report ENG']);
    expect(result.sheetIds['Report ENG']).toBe(0);
    expect(h.standIn.tab(id, 'Report ENG').cell('A1')?.userEnteredValue).toEqual({ stringValue: 'Report ENG' });
    expect(h.standIn.tab(id, 'Tracks').values()).toEqual([['Track ID'], ['ENG']]);
  });

  it('refuses to write a tab that is not a report tab, before any call', async () => {
    const id = seedAcme();
    h.standIn.resetCalls();
    const err = await h.connector.writeReportTabs(id, [{ ...reportTab('ENG-IC'), title: 'Tracks' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetsError);
    expect((err as SheetsError).code).toBe('sheets-bad-request');
    expect(h.standIn.count()).toBe(0);
  });

  it('writes 50 tracks in one get and as few batchUpdates as keep each body at most 2 MB', async () => {
    const id = seedAcme();
    const tabs = Array.from({ length: 50 }, (_, i) => largeReportTab(`T${String(i + 1).padStart(2, '0')}`));
    h.standIn.resetCalls();
    const first = await h.connector.writeReportTabs(id, tabs);
    const second = await h.connector.writeReportTabs(id, tabs);

    for (const r of [first, second]) {
      expect(r.largestRequestBytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
      expect(r.calls).toBe(1 + r.batches);
      expect(r.calls).toBeLessThanOrEqual(2 + Math.ceil(r.payloadBytes / MAX_REQUEST_BYTES));
    }
    expect(h.standIn.count()).toBe(first.calls + second.calls);
    expect(h.standIn.calls.filter((c) => c.kind === 'batchUpdate').every((c) => c.bodyBytes <= MAX_REQUEST_BYTES)).toBe(true);
    expect(first.payloadBytes).toBe(h.standIn.calls.slice(0, first.calls).filter((c) => c.kind === 'batchUpdate').reduce((n, c) => n + c.bodyBytes, 0));
    expect(first.created).toHaveLength(50);
    expect(second.replaced).toHaveLength(50);
    const cells = tabs.reduce((n, t) => n + t.rows.reduce((m, r) => m + r.length, 0), 0);
    console.log(`50 report tabs, ${cells} cells: ${second.batches} batchUpdates, ${second.payloadBytes} bytes (largest ${second.largestRequestBytes}, ${second.requests} requests), ${(second.payloadBytes / cells).toFixed(1)} bytes a cell`);
    const last = h.standIn.tab(id, 'Report T50');
    expect(last.charts).toHaveLength(2);
    expect(last.conditionalFormats).toHaveLength(2);
    expect(last.values()).toHaveLength(tabs[49].rows.length);
  });
});
