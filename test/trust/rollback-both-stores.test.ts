/**
 * Rollback behaves the same on SQLite and PostgreSQL: one scenario over HTTP, run on a fresh store of each engine,
 * gives the same transcript of answers (statuses and bodies, timestamps aside), including a replay with the same key,
 * the refusals, two rollbacks at once, what the track serves afterwards and the audit log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openStore, type StoreConfig } from '../../sync-server/storage/store';
import { miniWorkbook, setCell, sheetOf } from '../shared/mini-workbook';
import { PG_URL } from '../storage/engines';
import { serveOver, type HttpServer } from './http-server';

const W = '/v1/workbooks/mini';
const T = `${W}/tracks/ENG`;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function storeOf(engine: 'sqlite' | 'postgres'): Promise<StoreConfig> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rungs-rollback-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { engine, dataDir: dir };
  }
  const schema = `test_rb_${Math.random().toString(36).slice(2, 10)}`;
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });
  return { engine, url: PG_URL, schema, poolSize: 4 };
}

/** Timestamps differ from run to run; everything else must not. */
const stable = (body: unknown): unknown => JSON.parse(JSON.stringify(body), (k, v) => (/At$|^at$/.test(k) && typeof v === 'string' ? '<time>' : v));

async function scenario(server: HttpServer): Promise<unknown[]> {
  const { call, admin } = server;
  const ana = await server.token('owner', 'Ana', ['ENG']);
  const log: unknown[] = [];
  const step = async (label: string, method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) => {
    const r = await call(method, path, token, body, headers);
    log.push([label, r.status, r.headers.get('idempotent-replayed'), stable(r.body)]);
    return r;
  };
  await step('connect', 'POST', '/v1/workbooks', admin, { spreadsheetId: 'mini', name: 'Mini Co' });
  await step('employees', 'PUT', `${W}/employees`, admin, { values: sheetOf(miniWorkbook(), 'Employees').values });
  await step('draft 1', 'POST', `${T}/drafts`, admin, miniWorkbook());
  await step('publish 1', 'POST', `${T}/publish`, admin, {});
  await step('draft 2', 'POST', `${T}/drafts`, ana, setCell(miniWorkbook(), 'Matrix ENG', 'C2', 'Writes short, clear updates'));
  await step('publish 2', 'POST', `${T}/publish`, ana, { note: 'clearer' });
  const stale = await step('draft on 2', 'POST', `${T}/drafts`, ana, setCell(miniWorkbook(), 'Levels', 'C2', 'Junior'));
  await step('rollback to 1', 'POST', `${T}/rollback`, ana, { toVersion: 1, expectedActiveVersion: 2 }, { 'idempotency-key': 'rb-1' });
  await step('same key again', 'POST', `${T}/rollback`, ana, { toVersion: 1, expectedActiveVersion: 2 }, { 'idempotency-key': 'rb-1' });
  await step('same key, other version', 'POST', `${T}/rollback`, ana, { toVersion: 2 }, { 'idempotency-key': 'rb-1' });
  await step('stale expectation', 'POST', `${T}/rollback`, ana, { toVersion: 2, expectedActiveVersion: 2 });
  await step('already active', 'POST', `${T}/rollback`, ana, { toVersion: 3 });
  await step('unknown version', 'POST', `${T}/rollback`, ana, { toVersion: 9 });
  // Numbers past what either store holds are refused alike (PostgreSQL used to fail on them, SQLite to find nothing).
  await step('huge version', 'POST', `${T}/rollback`, ana, { toVersion: 3_000_000_000 });
  await step('huge expected', 'POST', `${T}/rollback`, ana, { toVersion: 1, expectedActiveVersion: 3_000_000_000 });
  await step('huge version read', 'GET', `${T}/versions/3000000000`, ana);
  await step('huge draft', 'POST', `${T}/publish`, ana, { draftId: 3_000_000_000 });
  await step('huge diff', 'GET', `${T}/diff?draftId=3000000000`, ana);
  await step('publish the stale draft', 'POST', `${T}/publish`, ana, { draftId: stale.body.draftId });
  await step('served after rollback', 'GET', `${W}/employees/EMP-1/expectations`, admin);
  // Two rollbacks at once, both based on version 3: one wins, the other is told another version became active.
  const both = await Promise.all([1, 2].map((v) => call('POST', `${T}/rollback`, ana, { toVersion: v, expectedActiveVersion: 3 })));
  log.push(['two at once', both.map((r) => r.status).sort(), both.map((r) => (r.status === 200 ? 'ok' : r.body.error.code)).sort()]);
  await step('versions', 'GET', `${T}/versions`, admin);
  const audit = await call('GET', '/v1/audit?workbook=mini&action=track.rollback', admin);
  log.push(['audit', audit.status, (audit.body.entries as { actor: string; details: { sourceVersion: number; previous: number } }[])
    .map((e) => [e.actor, e.details.previous]).sort()]);
  return log;
}

it('gives the same answers on SQLite and PostgreSQL', async () => {
  const transcripts: unknown[][] = [];
  for (const engine of ['sqlite', 'postgres'] as const) {
    const store = await openStore(await storeOf(engine));
    const server = await serveOver(store);
    try {
      transcripts.push(await scenario(server));
    } finally {
      await server.close();
      await store.close();
    }
  }
  const [sqlite, postgres] = transcripts;
  // Not vacuous: the scenario did what it says on both.
  expect(sqlite.find((s) => (s as unknown[])[0] === 'rollback to 1')).toMatchObject(['rollback to 1', 200, null, { version: 3, kind: 'rollback', sourceVersion: 1 }]);
  expect((sqlite.find((s) => (s as unknown[])[0] === 'same key again') as unknown[]).slice(0, 3)).toEqual(['same key again', 200, 'true']);
  expect(sqlite.find((s) => (s as unknown[])[0] === 'two at once')).toEqual(['two at once', [200, 409], ['ok', 'stale-version']]);
  expect(sqlite.filter((s) => String((s as unknown[])[0]).startsWith('huge')).map((s) => (s as unknown[])[1])).toEqual([400, 400, 400, 400, 400]);
  expect(postgres).toEqual(sqlite);
}, 60_000);
