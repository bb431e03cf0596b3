/** The stand-in behaves like the Sheets API where the connector could go wrong: driven with the real client. */
import { google, type sheets_v4 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSheetsStandIn, type SheetsStandIn } from '../sheets-standin';

let standIn: SheetsStandIn;
let sheets: sheets_v4.Sheets;

beforeAll(async () => {
  standIn = await startSheetsStandIn();
  standIn.auth.acceptToken('tok');
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: 'tok' });
  sheets = google.sheets({ version: 'v4', rootUrl: standIn.rootUrl, auth, retry: false });
});
afterAll(() => standIn.close());

function seed(): string {
  return standIn.createSpreadsheet({ tabs: [{ name: 'Tracks', values: [['Track ID', 'Review By'], ['ENG', '2027-06-30']] }, { name: 'Matrix ENG-IC', values: [['Competency ID', 'IC1', 'IC2', ''], ['COMM', 'x', '', ''], [], []] }], typed: true });
}

async function refusal(p: Promise<unknown>): Promise<{ status?: number; data?: unknown }> {
  const e = await p.then(() => undefined, (err: unknown) => err as { status?: number; response?: { data?: unknown } });
  return { status: e?.status, data: e?.response?.data };
}

describe('Sheets v4 stand-in', () => {
  it('answers values.batchGet with quoted ranges, trailing empty cells and rows left out', async () => {
    const id = seed();
    const r = await sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Tracks', "'Matrix ENG-IC'!A1:Z"], valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' });
    expect(r.data.valueRanges).toEqual([
      { range: 'Tracks!A1:Z1000', majorDimension: 'ROWS', values: [['Track ID', 'Review By'], ['ENG', '2027-06-30']] },
      { range: "'Matrix ENG-IC'!A1:Z1000", majorDimension: 'ROWS', values: [['Competency ID', 'IC1', 'IC2'], ['COMM', 'x']] },
    ]);
    const serial = await sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Tracks!B2'], valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(serial.data.valueRanges?.[0].values).toEqual([[46568]]);
    const empty = await sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Tracks!D5:E9'] });
    expect(empty.data.valueRanges?.[0]).toEqual({ range: 'Tracks!D5:E9', majorDimension: 'ROWS' });
    expect((await refusal(sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Matrix ENG-IC!A1'] }))).status).toBe(400);
  });

  it('leaves sheetId 0 and other zero fields out of its answers, and honours fields', async () => {
    const id = seed();
    const r = await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'sheets.properties(sheetId,title,index)' });
    expect(r.data).toEqual({ sheets: [{ properties: { title: 'Tracks' } }, { properties: { sheetId: expect.any(Number), title: 'Matrix ENG-IC', index: 1 } }] });
  });

  it('applies a batch atomically: one bad request and nothing is kept', async () => {
    const id = seed();
    const before = standIn.snapshot(id);
    const unknown = await refusal(sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 'Report ENG' } } }, { frobnicate: {} } as sheets_v4.Schema$Request] } }));
    expect(unknown.status).toBe(400);
    expect(unknown.data).toEqual({ error: { code: 400, status: 'INVALID_ARGUMENT', message: expect.stringContaining('Unknown name "frobnicate"') } });
    const unsupported = await refusal(sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 'Report ENG' } } }, { mergeCells: { range: { sheetId: 0 }, mergeType: 'MERGE_ALL' } }] } }));
    expect(unsupported.status).toBe(400);
    expect(standIn.snapshot(id)).toEqual(before);
  });

  it('refuses what Google refuses: a taken sheetId or title, writes past the grid, a missing field mask, a missing rule', async () => {
    const id = seed();
    const matrixId = standIn.tab(id, 'Matrix ENG-IC').properties.sheetId;
    const cases: [sheets_v4.Schema$Request, RegExp][] = [
      [{ addSheet: { properties: { sheetId: matrixId, title: 'Report X' } } }, /already exists/],
      [{ addSheet: { properties: { title: 'tracks' } } }, /name "tracks" already exists/],
      [{ updateCells: { start: { sheetId: 0, rowIndex: 999, columnIndex: 0 }, rows: [{}, {}], fields: 'userEnteredValue' } }, /exceeds grid limits/],
      [{ updateCells: { start: { sheetId: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'a' } }] }] } }, /At least one field/],
      [{ deleteConditionalFormatRule: { sheetId: 0, index: 0 } }, /No conditional format/],
      [{ repeatCell: { range: { sheetId: 424242 }, cell: {}, fields: '*' } }, /No grid with id: 424242/],
      [{ addProtectedRange: { protectedRange: { range: { sheetId: 0 }, warningOnly: true, editors: { users: ['a@b.c'] } } } }, /warning-only/],
    ];
    for (const [request, message] of cases) {
      const r = await refusal(sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [request] } }));
      expect(r.status, JSON.stringify(request)).toBe(400);
      expect((r.data as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it('lets later requests of a batch use a sheetId chosen by an earlier addSheet', async () => {
    const id = seed();
    const r = await sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          { addSheet: { properties: { sheetId: 77, title: 'Report ENG', gridProperties: { rowCount: 5, columnCount: 3 } } } },
          { updateCells: { start: { sheetId: 77 }, rows: [{ values: [{ userEnteredValue: { stringValue: '=1+1' } }, { userEnteredValue: { numberValue: 0.5 } }] }], fields: 'userEnteredValue' } },
          { repeatCell: { range: { sheetId: 77, startRowIndex: 0, endRowIndex: 1 }, cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' } },
        ],
      },
    });
    expect(r.data.replies?.[0]).toEqual({ addSheet: { properties: { sheetId: 77, title: 'Report ENG', index: 2, sheetType: 'GRID', gridProperties: { rowCount: 5, columnCount: 3 } } } });
    const tab = standIn.tab(id, 'Report ENG');
    expect(tab.values()).toEqual([['=1+1', 0.5]]);
    expect(tab.cell('C1')?.userEnteredFormat?.textFormat?.bold).toBe(true);
  });

  it('answers 429 RESOURCE_EXHAUSTED with Retry-After and 500 INTERNAL on demand, then serves again', async () => {
    const id = seed();
    standIn.failNext(1, 429, { retryAfter: 12 });
    standIn.failNext(1, 500);
    const first = await sheets.spreadsheets.get({ spreadsheetId: id }).then(() => undefined, (e: unknown) => e as { status: number; response: { headers: { get(name: string): string | null }; data: unknown } });
    expect(first?.status).toBe(429);
    expect(first?.response.data).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
    expect(first?.response.headers.get('retry-after')).toBe('12');
    expect(await refusal(sheets.spreadsheets.get({ spreadsheetId: id }))).toMatchObject({ status: 500, data: { error: { status: 'INTERNAL' } } });
    expect((await sheets.spreadsheets.get({ spreadsheetId: id })).status).toBe(200);
  });
});
