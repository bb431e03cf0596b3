/**
 * Reports refresh on their own: a real server process, configured with a Google token and pointed at the local
 * Sheets v4 stand-in, publishes the example workbook's tracks, takes a learner-record import over HTTP, and writes
 * every report tab into the spreadsheet by itself through the job queue, in two Sheets API calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetOf } from '../shared/mini-workbook';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { startSyncServer, type RunningServer } from '../addon/server-harness';
import { startSheetsStandIn, type SheetsStandIn } from '../sheets-standin';
import { ROOT } from '../cli/run-rungs';

const ID = 'acme-live';
const TOKEN = 'ya29.e2e-token';

let standIn: SheetsStandIn;
let sync: RunningServer;
let acme: WorkbookSnapshot;

beforeAll(async () => {
  standIn = await startSheetsStandIn();
  standIn.auth.acceptToken(TOKEN);
  acme = { ...(await loadWorkbook(`${ROOT}/examples/acme`)), spreadsheetId: ID };
  standIn.createSpreadsheet({ spreadsheetId: ID, title: 'Acme Cloud career tracks', tabs: acme.sheets.map((s) => ({ name: s.name, values: s.values })) });
  sync = await startSyncServer({
    RUNGS_SHEETS_ROOT_URL: standIn.rootUrl, RUNGS_SHEETS_ACCESS_TOKEN: TOKEN, RUNGS_REPORT_EDITORS: 'hr-admin@acmecloud.com',
    // Only the import asks for this refresh (the schedule is unit-tested on its own).
    RUNGS_REPORT_REFRESH_MINUTES: '0',
    RUNGS_REPORT_THRESHOLDS: '{"maxEmployeeRows":7}',
  });
}, 60_000);

afterAll(async () => {
  await Promise.all([sync?.stop(), standIn?.close()]);
});

type Reports = { state: { lastOutcome: string | null; lastFinishedAt: string | null; summary: Record<string, number> | null }; tabs: { title: string; rows: unknown[][] }[] };

async function reportsAfter(since: string | null): Promise<Reports> {
  for (let i = 0; i < 150; i++) {
    const r = (await sync.api('GET', `/v1/workbooks/${ID}/reports`)).json as Reports;
    if (r.state.lastFinishedAt !== null && r.state.lastFinishedAt !== since) return r;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('no report refresh finished within 15 s');
}

async function uploadCompletions(csv: string) {
  const res = await fetch(`${sync.base}/v1/workbooks/${ID}/records/completions`, {
    method: 'POST', headers: { authorization: `Bearer ${sync.adminToken}`, 'content-type': 'text/csv' }, body: csv,
  });
  return { status: res.status, json: (await res.json()) as { inserted: number; unchanged: number; refreshJobId: number | null } };
}

describe('reports written back to Sheets on their own (F8)', () => {
  it('an import queues a refresh that writes every report tab in two Sheets API calls', async () => {
    expect((await sync.api('POST', '/v1/workbooks', { spreadsheetId: ID, name: 'Acme Cloud' })).status).toBeLessThan(300);
    const tracks = sheetOf(acme, 'Tracks').values.slice(1).map((r) => String(r[0]));
    for (const trackId of tracks) {
      expect((await sync.api('POST', `/v1/workbooks/${ID}/tracks/${trackId}/drafts`, acme)).status).toBe(201);
      expect((await sync.api('POST', `/v1/workbooks/${ID}/tracks/${trackId}/publish`, {})).status).toBe(200);
    }
    expect((await sync.api('PUT', `/v1/workbooks/${ID}/employees`, { values: sheetOf(acme, 'Employees').values })).status).toBe(200);

    // Every employee completed the first Shared module; half of them the second.
    const employees = sheetOf(acme, 'Employees').values.slice(1).map((r) => String(r[0]));
    const modules = sheetOf(acme, 'Modules').values.slice(1).map((r) => String(r[0]));
    const lines = ['employee_id,module_id,status,started_at,completed_at,score'];
    employees.forEach((e, i) => {
      lines.push(`${e},${modules[0]},completed,2026-09-01,2026-09-10,90`);
      lines.push(`${e},${modules[1]},${i % 2 === 0 ? 'completed' : 'in_progress'},2026-09-11,${i % 2 === 0 ? '2026-09-20' : ''},`);
    });
    standIn.resetCalls();
    const imported = await uploadCompletions(lines.join('\n') + '\n');
    expect(imported.status).toBe(200);
    expect(imported.json.inserted).toBe(employees.length * 2);
    expect(imported.json.refreshJobId).not.toBeNull();

    const reports = await reportsAfter(null);
    expect(reports.state.lastOutcome).toBe('pushed');
    expect(reports.state.summary).toMatchObject({ tracks: tracks.length, completions: employees.length * 2, sheetsCalls: 2 });
    expect(standIn.count()).toBe(2);
    expect(standIn.calls.map((c) => c.kind)).toEqual(['get', 'batchUpdate']);

    // What the spreadsheet holds is what the server computed, tab by tab, and the authoring tabs are untouched.
    const titles = standIn.tabTitles(ID);
    const teams = reports.tabs.map((t) => t.title).filter((t) => t.startsWith('Team '));
    expect(teams).toHaveLength(8); // one per manager named in the Employees tab
    expect(titles).toEqual([...acme.sheets.map((s) => s.name), 'Report Overview', ...[...tracks].sort().map((t) => `Report ${t}`), ...teams]);
    for (const tab of reports.tabs) {
      const view = standIn.tab(ID, tab.title);
      const values = view.values();
      expect(values.length, tab.title).toBe(tab.rows.length);
      tab.rows.forEach((row, r) => row.forEach((v, c) => expect(values[r][c], `${tab.title} row ${r + 1} column ${c + 1}`).toEqual(v ?? '')));
      expect(view.protectedRanges.length, tab.title).toBe(1);
    }
    // The server's configured thresholds are the ones used and printed.
    const printed = standIn.tab(ID, `Report ${tracks[0]}`).values().find((r) => r[0] === 'Employees with gaps listed');
    expect(printed?.[1]).toBe(7);
    expect(standIn.tab(ID, 'Tracks').values()).toEqual(trimTable(sheetOf(acme, 'Tracks').values));

    // The same file again changes nothing and asks for no refresh.
    const again = await uploadCompletions(lines.join('\n') + '\n');
    expect(again.json).toMatchObject({ inserted: 0, unchanged: employees.length * 2, refreshJobId: null });
  });
});

function trimRight(row: unknown[]): unknown[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === '') end--;
  return row.slice(0, end);
}

function trimTable(rows: unknown[][]): unknown[][] {
  const trimmed = rows.map(trimRight);
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1].length === 0) end--;
  return trimmed.slice(0, end);
}
