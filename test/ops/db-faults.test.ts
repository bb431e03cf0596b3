/**
 * The server outlives its database: its PostgreSQL connections are terminated (pg_terminate_backend, only this
 * server's, found by application_name) in the middle of a publish, a large learner-record import and a report
 * refresh. Each time the process stays up, the interrupted request answers 503 database-unavailable with
 * Retry-After (or the job is retried), the store holds the work whole or not at all, and service resumes.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { miniWorkbook } from '../shared/mini-workbook';
import { freshSchema, type PgSchema } from './pg-harness';
import { adminToken, alive, clientOf, eventually, serverPool, unhandled } from './server-client';

let db: PgSchema;
let servers: ReturnType<typeof serverPool>;
beforeEach(async () => {
  db = await freshSchema();
  servers = serverPool();
});
afterEach(async () => {
  servers.killAll();
  await db.drop();
});

const T = '/v1/workbooks/mini/tracks/ENG';

test('backends terminated while a publish holds its transaction open: 503 with Retry-After, nothing half-written, the retry publishes once', async () => {
  const env = { DATABASE_URL: db.serverUrl, RUNGS_TEST_PUBLISH_STALL_MS: '1500', RUNGS_REPORT_REFRESH_MINUTES: '0' };
  const token = await adminToken(env);
  const server = await servers.start(env, 'test');
  const api = clientOf(server, token);
  expect((await api.call('POST', '/v1/workbooks', { spreadsheetId: 'mini', name: 'Mini Co' })).status).toBe(200);
  expect((await api.call('POST', `${T}/drafts`, miniWorkbook())).status).toBe(201);
  expect((await api.call('POST', `${T}/publish`, {})).status).toBe(200);
  expect((await api.call('POST', `${T}/drafts`, miniWorkbook())).status).toBe(201);

  const stalls = server.lines.filter((l) => l.msg === 'test hook: publish stalled').length;
  const key = { 'idempotency-key': 'ops-publish-1' };
  const publishing = api.call('POST', `${T}/publish`, {}, key);
  await eventually(async () => (server.lines.filter((l) => l.msg === 'test hook: publish stalled').length > stalls ? true : undefined), 10_000, 20);
  // The publish's connection sits idle in its transaction (the version row written, not committed): cut it.
  expect(await db.terminateServer("state = 'idle in transaction'")).toBe(1);
  const answer = await publishing;
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  expect((await answer.json()).error.code).toBe('database-unavailable');

  expect(alive(server)).toBe(true);
  expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
  const store = await db.open();
  expect((await store.db.selectFrom('tracks').select('active_version').where('track_id', '=', 'ENG').executeTakeFirstOrThrow()).active_version).toBe(1);
  expect((await store.db.selectFrom('versions').select('version').where('track_id', '=', 'ENG').execute()).map((v) => v.version)).toEqual([1]);

  const retry = await api.call('POST', `${T}/publish`, {}, key);
  expect(retry.status).toBe(200);
  expect((await retry.json()).version).toBe(2);
  expect((await store.db.selectFrom('versions').select('version').where('track_id', '=', 'ENG').orderBy('version').execute()).map((v) => v.version)).toEqual([1, 2]);
  expect(unhandled(server)).toEqual([]);
}, 60_000);
