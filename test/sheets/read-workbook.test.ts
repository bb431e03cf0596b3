import { google } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../shared';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { SheetsError } from '../../sync-server/sheets/errors';
import { startHarness, type Harness } from './fixtures';

let h: Harness;
let acme: WorkbookSnapshot;

beforeAll(async () => {
  h = await startHarness();
  acme = await loadWorkbook('examples/acme');
});
afterAll(() => h.standIn.close());

/**
 * What the add-on's getValues() gives for text typed into Sheets: numbers and percents as numbers, TRUE/FALSE
 * as booleans, dates as ISO strings (the add-on formats Date cells), anything else as typed.
 */
function asTheAddOnReadsIt(text: string | number | boolean | null): string | number | boolean {
  if (typeof text !== 'string') return text ?? '';
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text);
  const pct = /^([0-9]+(?:\.[0-9]+)?)%$/.exec(text);
  if (pct) return Number(pct[1]) / 100;
  if (text === 'TRUE' || text === 'FALSE') return text === 'TRUE';
  return text;
}

async function failure(p: Promise<unknown>): Promise<SheetsError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(SheetsError);
  return e as SheetsError;
}

describe('readWorkbook', () => {
  it('reads every tab of the example workbook in one call, as the add-on reads it', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: acme.sheets, typed: true });
    h.standIn.resetCalls();

    const { snapshot, calls } = await h.connector.readWorkbook(id);

    expect(calls).toBe(1);
    expect(h.standIn.calls.map((c) => [c.kind, c.query.includeGridData])).toEqual([['get', ['true']]]);
    const expected = { spreadsheetId: id, sheets: acme.sheets.map((s) => ({ name: s.name, values: s.values.map((row) => row.map(asTheAddOnReadsIt)) })) };
    expect(snapshot).toEqual(expected);
    // Spot checks of the conversions: a date cell, a whole number, a percent.
    const tracks = snapshot.sheets.find((s) => s.name === 'Tracks');
    expect(tracks?.values[1][5]).toBe('2027-06-30');
    expect(snapshot.sheets.find((s) => s.name === 'Levels')?.values[1][3]).toBe(1);
    // The domain finds the same problems in what was read as in the CSV folder.
    expect(validateSnapshot(snapshot, { today: '2026-11-23' })).toEqual(validateSnapshot({ ...acme, spreadsheetId: id }, { today: '2026-11-23' }));
  });

  it('keeps text cells as text and the tab order of the spreadsheet', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: acme.sheets });
    const { snapshot } = await h.connector.readWorkbook(id);
    expect(snapshot).toEqual({ ...acme, spreadsheetId: id });
  });

  it('pads rows to the data range with "" and leaves out trailing empty rows and columns', async () => {
    const id = h.standIn.createSpreadsheet({
      tabs: [
        { name: 'Matrix ENG', values: [['Competency ID', 'E1', '', ''], ['COMM'], [], ['CODE', '', 'x', ''], ['', '', '', ''], []] },
        { name: "Rubric O'Neil", values: [[null, 3, true]] },
        { name: 'Empty', values: [] },
      ],
    });
    const { snapshot } = await h.connector.readWorkbook(id);
    expect(snapshot.sheets).toEqual([
      { name: 'Matrix ENG', values: [['Competency ID', 'E1', ''], ['COMM', '', ''], ['', '', ''], ['CODE', '', 'x']] },
      { name: "Rubric O'Neil", values: [['', 3, true]] },
      { name: 'Empty', values: [['']] },
    ]);
  });

  it('names a renamed fixed tab by the role the add-on bound it to, as the add-on does', async () => {
    const id = h.standIn.createSpreadsheet({
      tabs: [
        { name: 'Career tracks 2027', values: [['Track ID'], ['ENG']], metadata: { 'rungs.tab': 'tracks' } },
        { name: ' levels ', values: [['Track ID', 'Level Code']] },
        { name: 'Tracks', values: [['an old copy']] },
        { name: 'Notes', values: [['x']], metadata: { 'other.key': 'levels' } },
      ],
    });
    const { snapshot } = await h.connector.readWorkbook(id);
    expect(snapshot.sheets.map((s) => [s.name, s.values[0][0]])).toEqual([['Tracks', 'Track ID'], ['Levels', 'Track ID'], ['Tracks', 'an old copy'], ['Notes', 'x']]);
  });

  it('answers typed errors: unknown spreadsheet, no access, bad credentials', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: [{ name: 'Tracks', values: [['Track ID']] }] });
    expect((await failure(h.connector.readWorkbook('no-such-spreadsheet'))).code).toBe('sheets-not-found');

    const wrongToken = h.connect({ credentials: { kind: 'access-token', accessToken: 'ya29.revoked' } });
    const unauthorized = await failure(wrongToken.readWorkbook(id));
    expect(unauthorized.code).toBe('sheets-unauthorized');
    expect(unauthorized.details.status).toBe(401);

    const forbidden = h.standIn.createSpreadsheet({ tabs: [{ name: 'Tracks', values: [['Track ID']] }] });
    h.standIn.forbid(forbidden);
    expect((await failure(h.connector.readWorkbook(forbidden))).code).toBe('sheets-forbidden');
  });

  it('answers 401 UNAUTHENTICATED to a call without a bearer token', async () => {
    const id = h.standIn.createSpreadsheet({ tabs: [{ name: 'Tracks', values: [['Track ID']] }] });
    const anonymous = google.sheets({ version: 'v4', rootUrl: h.standIn.rootUrl, retry: false });
    const err = await anonymous.spreadsheets.get({ spreadsheetId: id }).then(() => undefined, (e: unknown) => e as { status?: number; response?: { data?: unknown } });
    expect(err?.status).toBe(401);
    expect(err?.response?.data).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });
});
