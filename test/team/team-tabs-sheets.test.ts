/**
 * Team tabs in the spreadsheet: a real server process pointed at the Sheets v4 stand-in writes one Team tab per
 * manager on each refresh; the tabs follow the Employees tab (a report moves, a manager loses every report, a new
 * manager appears) and a tab a person made is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { startSheetsStandIn, type SheetsStandIn } from '../sheets-standin';
import { AISHA, BEN, HANNAH } from './fixtures';
import { startTeamServer, type TeamServer } from './team-server';

const ID = 'acme-team-live';
const TOKEN = 'ya29.team-token';
const ADMIN = 'hr-admin@acmecloud.com';
const SOFIA = 'sofia.martins@acmecloud.com';
/** Google's guidance for one request body. */
const MAX_BODY = 2 * 1024 * 1024;

let standIn: SheetsStandIn;
let s: TeamServer;

beforeAll(async () => {
  standIn = await startSheetsStandIn();
  standIn.auth.acceptToken(TOKEN);
  s = await startTeamServer({ RUNGS_SHEETS_ROOT_URL: standIn.rootUrl, RUNGS_SHEETS_ACCESS_TOKEN: TOKEN, RUNGS_REPORT_EDITORS: ADMIN }, ID);
  const tabs = [...s.acme.sheets.map((t) => ({ name: t.name, values: t.values })), { name: 'Team notes', values: [['Written by a person']] }];
  standIn.createSpreadsheet({ spreadsheetId: ID, title: 'Acme Cloud career tracks', tabs });
}, 120_000);

afterAll(async () => {
  await Promise.all([s?.stop(), standIn?.close()]);
});

const teamTitles = () => standIn.tabTitles(ID).filter((t) => t.startsWith('Team '));
const sheet = (title: string) => standIn.snapshot(ID).sheets.find((x) => x.properties.title === title)!;
const idsIn = (title: string) => standIn.tab(ID, title).values().slice(6).map((r) => r[0]).filter((v) => /^E\d+$/.test(String(v)));

function employees(edit: (rows: WorkbookSnapshot['sheets'][number]['values']) => void): { values: WorkbookSnapshot['sheets'][number]['values'] } {
  const values = structuredClone(s.acme.sheets.find((t) => t.name === 'Employees')!.values);
  edit(values);
  return { values };
}

async function refreshed() {
  standIn.resetCalls();
  const r = await s.refresh();
  expect(r.state.lastOutcome).toBe('pushed');
  // Counted by the refresh, each call within Google's guidance for a body.
  expect(r.state.summary?.sheetsCalls).toBe(standIn.count());
  for (const call of standIn.calls) expect(call.bodyBytes).toBeLessThanOrEqual(MAX_BODY);
  return r;
}

describe('Team tabs through the Sheets API', () => {
  it('appear on a refresh: one per manager, the server-rendered rows, protected to the manager and the admins, marked as Rungs tabs', async () => {
    const r = await refreshed();
    expect(teamTitles()).toEqual([
      'Team notes', 'Team Aisha Karimi', 'Team Ben Lindqvist', 'Team Helen Park', 'Team ines.castillo@acmecloud.com', 'Team Marcus Oyelaran',
      'Team Oliver Grant', 'Team sofia.martins@acmecloud.com', 'Team Tomás Alvarez',
    ]);
    for (const tab of r.tabs.filter((t) => t.title.startsWith('Team '))) {
      const values = standIn.tab(ID, tab.title).values();
      tab.rows.forEach((row, i) => row.forEach((v, c) => expect(values[i][c], `${tab.title} row ${i + 1} column ${c + 1}`).toEqual(v ?? '')));
      const manager = tab.metadata!['rungs.team'];
      expect(values[1]).toEqual(expect.arrayContaining(['Manager', manager]));
      const stored = sheet(tab.title);
      expect(stored.developerMetadata.map((m) => [m.metadataKey, m.metadataValue])).toEqual([['rungs.team', manager]]);
      expect(stored.protectedRanges).toHaveLength(1);
      expect(stored.protectedRanges[0].editors?.users).toEqual([ADMIN, manager]);
      expect(stored.conditionalFormats).toHaveLength(2);
    }
    expect(idsIn('Team Aisha Karimi')).toEqual(['E1010', HANNAH, 'E1008', 'E1009']);
    expect(standIn.tab(ID, 'Team notes').values()).toEqual([['Written by a person']]);
  });

  it('change with the Employees tab: a report moves, a manager without reports loses the tab, a new manager gets one', async () => {
    const aishaSheetId = sheet('Team Aisha Karimi').properties.sheetId;
    const put = employees((rows) => {
      for (const row of rows) {
        if (row[0] === HANNAH) row[4] = BEN;
        if (row[4] === SOFIA) row[4] = 'oliver.grant@acmecloud.com';
      }
      rows.push(['E1099', 'Zoe Nakamura', 'zoe.nakamura@acmecloud.com', 'POS-ENG-02', 'zoe.lead@acmecloud.com']);
    });
    expect((await s.api('PUT', `/v1/workbooks/${ID}/employees`, put)).status).toBe(200);
    await refreshed();

    expect(teamTitles()).toEqual([
      'Team notes', 'Team Aisha Karimi', 'Team Ben Lindqvist', 'Team Helen Park', 'Team ines.castillo@acmecloud.com', 'Team Marcus Oyelaran',
      'Team Oliver Grant', 'Team Tomás Alvarez', 'Team zoe.lead@acmecloud.com',
    ]);
    expect(idsIn('Team Aisha Karimi')).toEqual(['E1010', 'E1008', 'E1009']);
    expect(idsIn('Team Ben Lindqvist')).toContain(HANNAH);
    expect(idsIn('Team zoe.lead@acmecloud.com')).toEqual(['E1099']);
    expect(idsIn('Team Oliver Grant')).toEqual(expect.arrayContaining(['E2001', 'E2002', 'E2003']));
    // Rewritten in place (links to it keep working), its metadata not duplicated.
    expect(sheet('Team Aisha Karimi').properties.sheetId).toBe(aishaSheetId);
    expect(sheet('Team Aisha Karimi').developerMetadata).toHaveLength(1);
    expect(sheet('Team Aisha Karimi').protectedRanges[0].editors?.users).toEqual([ADMIN, AISHA]);
  });

  it('disappear when nobody names a manager any more, leaving every other tab as it was', async () => {
    const put = employees((rows) => rows.slice(1).forEach((row) => (row[4] = '')));
    expect((await s.api('PUT', `/v1/workbooks/${ID}/employees`, put)).status).toBe(200);
    const before = standIn.tabTitles(ID).filter((t) => !t.startsWith('Team ') || t === 'Team notes');
    await refreshed();
    expect(teamTitles()).toEqual(['Team notes']);
    expect(standIn.tabTitles(ID)).toEqual(before);
    expect(standIn.tab(ID, 'Team notes').values()).toEqual([['Written by a person']]);
  });
});
