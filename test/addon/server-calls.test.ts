/**
 * The sidebar functions of the BUILT add-on (node:vm, fakes) against a real sync server in another process:
 * connecting, and every way a server call can fail, each with the message the sidebar shows.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck, DiffView, PublishView, RefreshView, SidebarState, ValidationView } from '../../addon/src/sidebar-api';
import { buildToTemp, loadAddon, startSyncServer, valueOf, type Addon, type BuiltAddon, type RunningServer } from './server-harness';
import { TIME_ZONE, fillWorkbook } from './workbook';

let built: BuiltAddon;
let sync: RunningServer;
let ownerToken: string;

beforeAll(async () => {
  [built, sync] = await Promise.all([buildToTemp(), startSyncServer()]);
  ownerToken = await sync.token('owner', ['ENG'], SHEET_ID);
}, 60_000);
afterAll(async () => {
  await Promise.all([sync?.stop(), built?.remove()]);
});

const SHEET_ID = 'sheet-calls';

/** A workbook with the test tracks ENG and MGR, connected to the server with `token`. */
function connectedAddon(token: string, spreadsheetId = SHEET_ID): Addon {
  const addon = loadAddon(built);
  const ss = addon.gas.SpreadsheetApp.create({ id: spreadsheetId, name: 'Acme framework', timeZone: TIME_ZONE });
  fillWorkbook(ss);
  valueOf(addon.run<ConnectionCheck>('saveConnection', { serverUrl: sync.base, token }));
  return addon;
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

describe('Connect', () => {
  it('saves the URL for the document and the token for the user, checks the server and registers the workbook once', async () => {
    const addon = loadAddon(built);
    addon.gas.SpreadsheetApp.create({ id: 'sheet-connect', name: 'Connect Co', timeZone: TIME_ZONE });
    const check = valueOf(addon.run<ConnectionCheck>('saveConnection', { serverUrl: `${sync.base}/`, token: ` ${sync.adminToken} ` }));
    expect(check).toEqual({ connection: { serverUrl: sync.base, hasToken: true, tokenHint: sync.adminToken.slice(-4) }, server: 'ok', workbookConnected: true });
    expect(addon.gas.PropertiesService.document.store.get('rungs.serverUrl')).toBe(sync.base);
    expect(addon.gas.PropertiesService.user.store.get('rungs.token')).toBe(sync.adminToken);
    expect([...addon.gas.PropertiesService.document.store.values()]).not.toContain(sync.adminToken);
    expect(addon.gas.UrlFetchApp.requests.map((r) => `${r.method} ${r.url.slice(sync.base.length)}`)).toEqual([
      'GET /healthz', 'GET /v1/workbooks/sheet-connect', 'POST /v1/workbooks',
    ]);
    const [, , post] = addon.gas.UrlFetchApp.requests;
    expect(post.headers.Authorization).toBe(`Bearer ${sync.adminToken}`);
    expect(post.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post.body ?? '')).toEqual({ spreadsheetId: 'sheet-connect', name: 'Connect Co' });

    const onServer = await sync.api('GET', '/v1/workbooks/sheet-connect');
    expect(onServer.status).toBe(200);
    expect((onServer.json as { workbook: { name: string } }).workbook.name).toBe('Connect Co');

    // Already registered: testing again only reads it. An empty token field keeps the saved token.
    addon.gas.UrlFetchApp.requests.length = 0;
    expect(valueOf(addon.run<ConnectionCheck>('testConnection')).workbookConnected).toBe(true);
    expect(valueOf(addon.run<ConnectionCheck>('saveConnection', { serverUrl: sync.base, token: '' })).connection.hasToken).toBe(true);
    expect(addon.gas.UrlFetchApp.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'GET']);

    const state = valueOf(addon.run<SidebarState>('sidebarState'));
    expect(state.connection.serverUrl).toBe(sync.base);
    expect(JSON.stringify(state)).not.toContain(sync.adminToken);
  });

  it('refuses a URL that is not https (except localhost) and saves nothing', () => {
    const addon = loadAddon(built);
    addon.gas.SpreadsheetApp.create({ id: 'sheet-bad-url' });
    for (const [url, message] of [
      ['http://rungs.example.com', /must start with https:\/\//],
      ['ftp://rungs.example.com', /is not a server URL/],
      ['rungs.example.com', /is not a server URL/],
    ] as const) {
      const r = addon.run('saveConnection', { serverUrl: url, token: 'rungs_x' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad-input');
        expect(r.error.message).toMatch(message);
      }
    }
    expect(addon.gas.PropertiesService.document.store.size).toBe(0);
    expect(addon.gas.UrlFetchApp.requests).toEqual([]);
  });

  it('says "not connected" before anything is saved, without a request', () => {
    const addon = loadAddon(built);
    addon.gas.SpreadsheetApp.create({ id: 'sheet-new' });
    const r = addon.run('previewPublish', { trackId: 'ENG' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    expect(addon.gas.UrlFetchApp.requests).toEqual([]);
  });

  it('a wrong token: 401 with what to do', () => {
    const addon = loadAddon(built);
    addon.gas.SpreadsheetApp.create({ id: 'sheet-wrong-token' });
    const r = addon.run('saveConnection', { serverUrl: sync.base, token: 'rungs_not_a_real_token' });
    expect(r).toEqual({ ok: false, error: { code: 'unauthorized', status: 401, message: 'The server did not accept your token. Open Connect and paste a valid token.' } });
  });

  it('an unreachable server (port closed): the reason and where to fix it', async () => {
    const port = await closedPort();
    const addon = loadAddon(built);
    addon.gas.SpreadsheetApp.create({ id: 'sheet-unreachable' });
    const r = addon.run('saveConnection', { serverUrl: `http://127.0.0.1:${port}`, token: 'rungs_x' });
    expect(r).toEqual({
      ok: false,
      error: { code: 'unreachable', message: `Could not reach http://127.0.0.1:${port}: Address unavailable. Check the server URL in Connect.` },
    });
  });

  it('a server that never answers: Apps Script gives up (about 60 s; here 300 ms) and the sidebar says so', async () => {
    // Accepts connections (the kernel does, even while this thread is blocked) and never answers.
    const silent = createServer(() => {});
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const port = (silent.address() as { port: number }).port;
    try {
      const addon = loadAddon(built);
      addon.gas.SpreadsheetApp.create({ id: 'sheet-timeout' });
      addon.gas.UrlFetchApp.timeoutMs = 300;
      const r = addon.run('saveConnection', { serverUrl: `http://127.0.0.1:${port}`, token: 'rungs_x' });
      expect(r).toEqual({ ok: false, error: { code: 'unreachable', message: `Could not reach http://127.0.0.1:${port}: Timeout. Check the server URL in Connect.` } });
    } finally {
      silent.close();
    }
  });

  it('an unknown host: DNS error', () => {
    const addon = loadAddon(built);
    addon.gas.SpreadsheetApp.create({ id: 'sheet-dns' });
    const r = addon.run('saveConnection', { serverUrl: 'https://rungs.invalid', token: 'rungs_x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unreachable', message: 'Could not reach https://rungs.invalid: DNS error. Check the server URL in Connect.' } });
  });
});

describe('Publish errors', () => {
  it('an owner cannot register a workbook; on an unregistered workbook the sidebar says to connect', async () => {
    const ownerOfIt = await sync.token('owner', ['ENG'], 'sheet-unregistered');
    const addon = loadAddon(built);
    fillWorkbook(addon.gas.SpreadsheetApp.create({ id: 'sheet-unregistered', timeZone: TIME_ZONE }));
    const saved = addon.run('saveConnection', { serverUrl: sync.base, token: ownerOfIt });
    expect(saved).toMatchObject({ ok: false, error: { code: 'forbidden', status: 403 } });
    const r = addon.run('previewPublish', { trackId: 'ENG' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-connected', status: 404 } });
  });

  it("an owner token of another workbook: 403 naming the token's workbook", () => {
    const addon = loadAddon(built);
    fillWorkbook(addon.gas.SpreadsheetApp.create({ id: 'sheet-elsewhere', timeZone: TIME_ZONE }));
    addon.run('saveConnection', { serverUrl: sync.base, token: ownerToken });
    const r = addon.run('previewPublish', { trackId: 'ENG' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', status: 403, message: expect.stringContaining(`This token is for workbook ${SHEET_ID}; it cannot reach workbook sheet-elsewhere.`) } });
  });

  it('an owner token on another track: 403 naming the scope', () => {
    const admin = connectedAddon(sync.adminToken);
    expect(admin.run('testConnection').ok).toBe(true);
    const owner = connectedAddon(ownerToken);
    const r = owner.run('previewPublish', { trackId: 'MGR' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('forbidden');
      expect(r.error.status).toBe(403);
      expect(r.error.message).toContain('limited to track ENG; it cannot reach track MGR');
    }
    // Its own track is fine.
    expect(valueOf(owner.run<DiffView>('previewPublish', { trackId: 'ENG' })).trackId).toBe('ENG');
  });

  it('a draft with errors: 422 with the findings, nothing written to Tracks', () => {
    const addon = connectedAddon(sync.adminToken);
    const preview = valueOf(addon.run<DiffView>('previewPublish', { trackId: 'MGR' }));
    expect(preview.errors).toBeGreaterThan(0);
    const r = addon.run('publishTrack', { trackId: 'MGR', draftId: preview.draftId, idempotencyKey: 'k-mgr-1' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid');
      expect(r.error.findings).toContainEqual(expect.objectContaining({ sheet: 'Tracks', code: 'bad-email' }));
    }
    expect(addon.gas.log.count('Range.setValues')).toBe(0);
  });

  it('a publish that loses the race: 409 with what to do; the winner wrote Active into Tracks', () => {
    const alice = connectedAddon(sync.adminToken, 'sheet-race');
    const bob = connectedAddon(sync.adminToken, 'sheet-race');
    const a = valueOf(alice.run<DiffView>('previewPublish', { trackId: 'ENG' }));
    const b = valueOf(bob.run<DiffView>('previewPublish', { trackId: 'ENG' }));
    expect(a.activeVersion).toBe(0);
    const won = valueOf(alice.run<PublishView>('publishTrack', { trackId: 'ENG', draftId: a.draftId, idempotencyKey: 'alice-1' }));
    expect(won.version).toBe(1);
    expect(alice.gas.SpreadsheetApp.active?.sheet('Tracks').cell(2, 5)).toBe('Active');

    const lost = bob.run('publishTrack', { trackId: 'ENG', draftId: b.draftId, idempotencyKey: 'bob-1' });
    expect(lost).toEqual({
      ok: false,
      error: { code: 'conflict', status: 409, message: 'Someone published this track after you opened the diff. Review the new diff and publish again.' },
    });
    expect(bob.gas.SpreadsheetApp.active?.sheet('Tracks').cell(2, 5)).toBe('Draft');

    // The same key again replays the same answer: no second version.
    const again = valueOf(alice.run<PublishView>('publishTrack', { trackId: 'ENG', draftId: a.draftId, idempotencyKey: 'alice-1' }));
    expect(again.version).toBe(1);
    expect(alice.gas.UrlFetchApp.requests.at(-1)?.headers['Idempotency-Key']).toBe('alice-1');
  });

  it('bad input from the sidebar is a value, not a crash', () => {
    const addon = connectedAddon(sync.adminToken);
    expect(addon.run('publishTrack', { trackId: 'ENG', draftId: 'x', idempotencyKey: 'k' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(addon.run('previewPublish', {})).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});

describe('Generate, reports', () => {
  it('AI without a key on the server: ai-not-configured', () => {
    const addon = connectedAddon(sync.adminToken);
    const r = addon.run('generateProposal', { trackId: 'ENG', operation: 'competencies', count: 3 });
    expect(r).toMatchObject({ ok: false, error: { code: 'ai-not-configured', status: 503 } });
  });

  it('Refresh reports: the job id, the time remembered, one hourly trigger however often it is asked', () => {
    const addon = connectedAddon(sync.adminToken);
    const first = valueOf(addon.run<RefreshView>('requestReportRefresh'));
    expect(first.jobId).toMatch(/\S/);
    expect(first.message).toContain('every hour');
    expect(valueOf(addon.run<SidebarState>('sidebarState')).lastReportRefresh).toBe(first.requestedAt);
    // The first call may already have written them (when the worker finished before it looked): count this call's writes.
    const before = addon.gas.calls.get('Range.setValues') ?? 0;
    const second = valueOf(addon.run<RefreshView>('requestReportRefresh'));
    expect(second.message).not.toContain('every hour');
    expect(addon.gas.ScriptApp.triggers.map((t) => [t.handler, t.everyHours])).toEqual([['hourlyReportRefresh', 1]]);

    // The trigger's run, with no document open, finds its workbook by the trigger id.
    const sent = addon.gas.UrlFetchApp.requests.length;
    addon.gas.SpreadsheetApp.active = null;
    addon.gas.PropertiesService.inDocument = false;
    addon.call('hourlyReportRefresh', { triggerUid: addon.gas.ScriptApp.triggers[0].id });
    expect(addon.gas.UrlFetchApp.requests.slice(sent).map((r) => `${r.method} ${r.url.slice(sync.base.length)}`)).toEqual([
      `POST /v1/workbooks/${SHEET_ID}/reports/refresh`,
    ]);
  });

  it('the menu\'s Refresh reports shows the same answer in an alert', () => {
    const addon = connectedAddon(sync.adminToken);
    addon.call('refreshReports');
    expect(addon.gas.ui.alerts.at(-1)?.prompt).toMatch(/^Rungs: Report refresh requested \(job \S+\)/);
  });

  it('when the server cannot write to Google, Refresh reports writes the tabs the server computed', async () => {
    const addon = connectedAddon(sync.adminToken, 'sheet-fallback');
    valueOf(addon.run<RefreshView>('requestReportRefresh'));
    // The server's worker computes in the background (no Google credentials on this server: outcome "computed").
    type Reports = { state: { lastOutcome: string | null }; tabs: { title: string; rows: (string | number | boolean | null)[][]; boldRows: number[] }[] };
    let reports: Reports | undefined;
    for (let i = 0; i < 100 && reports?.state.lastOutcome !== 'computed'; i++) {
      await new Promise((done) => setTimeout(done, 100));
      reports = (await sync.api('GET', '/v1/workbooks/sheet-fallback/reports')).json as Reports;
    }
    expect(reports?.state.lastOutcome).toBe('computed');
    const overview = reports!.tabs.find((t) => t.title === 'Report Overview')!;
    expect(overview).toBeDefined();

    // The first call may already have written them (when the worker finished before it looked): count this call's writes.
    const before = addon.gas.calls.get('Range.setValues') ?? 0;
    const second = valueOf(addon.run<RefreshView>('requestReportRefresh'));
    expect(second.message).toContain(`Rungs wrote the ${reports!.tabs.length} report tabs it last computed here`);
    const sheet = addon.gas.SpreadsheetApp.active!.sheet('Report Overview');
    const width = Math.max(...overview.rows.map((r) => r.length));
    expect(sheet.peek()).toEqual(overview.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? '')));
    expect(sheet.getRange(overview.boldRows[0] + 1, 1).getFontWeight()).toBe('bold');
    expect(addon.gas.calls.get('Range.setValues')! - before).toBe(reports!.tabs.length);
  });

  it('validates locally even when not connected', () => {
    const addon = loadAddon(built);
    const ss = addon.gas.SpreadsheetApp.create({ id: 'sheet-local', timeZone: TIME_ZONE });
    fillWorkbook(ss);
    const view = valueOf(addon.run<ValidationView>('validateFromSidebar'));
    expect(view.errors).toBeGreaterThan(0);
    expect(addon.gas.UrlFetchApp.requests).toEqual([]);
  });
});
