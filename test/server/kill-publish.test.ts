import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { miniWorkbook } from '../shared/mini-workbook';
import { ROOT, rungs } from '../cli/run-rungs';
import { startServer, type Server } from './spawn-server';

test('a server killed in the middle of a publish leaves the active version and the store intact; the retry publishes once', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rungs-kill-'));
  const env = { RUNGS_DATA_DIR: dataDir, DATABASE_URL: '' };
  const made = await rungs(['token', 'create', '--role', 'admin', '--label', 'Admin'], ROOT, env);
  expect(made.code).toBe(0);
  const token = made.stdout.trim();
  const servers: Server[] = [];
  const start = async (extra: NodeJS.ProcessEnv = {}) => {
    const s = await startServer({ ...env, ...extra }, 'test');
    servers.push(s);
    const call = (method: string, path: string, payload?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${s.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
    return { s, call };
  };
  const T = '/v1/workbooks/mini/tracks/ENG';
  const publishBody = {};
  const key = { 'idempotency-key': 'kill-test-1' };

  try {
    // Version 1 is active, and a second draft waits to be published.
    const first = await start();
    expect((await first.call('POST', '/v1/workbooks', { spreadsheetId: 'mini', name: 'Mini Co' })).status).toBe(200);
    expect((await first.call('POST', `${T}/drafts`, miniWorkbook())).status).toBe(201);
    expect((await first.call('POST', `${T}/publish`, publishBody)).status).toBe(200);
    expect((await first.call('POST', `${T}/drafts`, miniWorkbook())).status).toBe(201);
    first.s.child.kill('SIGTERM');
    expect(await first.s.exited).toBe(0);

    // The publish stalls inside its transaction (after writing the version row): kill the server there.
    const stalled = await start({ RUNGS_TEST_PUBLISH_STALL_MS: '60000' });
    const inFlight = stalled.call('POST', `${T}/publish`, publishBody, key).then(() => 'answered', () => 'cut');
    await stalled.s.logged('test hook: publish stalled');
    stalled.s.child.kill('SIGKILL');
    await stalled.s.exited;
    expect(await inFlight).toBe('cut');

    const db = new Database(join(dataDir, 'rungs.db'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare("select active_version from tracks where track_id = 'ENG'").pluck().get()).toBe(1);
      expect(db.prepare("select count(*) from versions where track_id = 'ENG'").pluck().get()).toBe(1);
    } finally {
      db.close();
    }

    // After a restart the same request (same key) publishes exactly once.
    const again = await start();
    const before = await (await again.call('GET', `${T}/versions`)).json();
    expect(before.activeVersion).toBe(1);
    const retry = await again.call('POST', `${T}/publish`, publishBody, key);
    expect(retry.status).toBe(200);
    expect((await retry.json()).version).toBe(2);
    const replay = await again.call('POST', `${T}/publish`, publishBody, key);
    expect(replay.status).toBe(200);
    expect((await replay.json()).version).toBe(2);
    const after = await (await again.call('GET', `${T}/versions`)).json();
    expect(after.activeVersion).toBe(2);
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  } finally {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  }
}, 60_000);
