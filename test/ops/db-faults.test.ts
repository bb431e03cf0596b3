/**
 * The server outlives its database: its PostgreSQL connections are terminated (pg_terminate_backend, only this
 * server's, found by application_name) in the middle of a publish, a large learner-record import and a report
 * refresh. Each time the process stays up, the interrupted request answers 503 database-unavailable with
 * Retry-After (or the job is retried), the store holds the work whole or not at all, and service resumes.
 */
import { Readable } from 'node:stream';
import pg from 'pg';
import { expect, test } from 'vitest';
import { completionLines, completionsCsv } from '../imports/generate-records';
import { PG_URL } from '../storage/engines';
import { scaledWorkbook, useSchemaAndServers, type PgSchema } from './pg-harness';
import { adminToken, alive, clientOf, eventually, publishedWithDraft, stalledPublish, TRACK, unhandled } from './server-client';

const each = useSchemaAndServers();

test('backends terminated while a publish holds its transaction open: 503 with Retry-After, nothing half-written, the retry publishes once', async () => {
  const { db, servers } = each;
  const env = { DATABASE_URL: db.serverUrl, RUNGS_TEST_PUBLISH_STALL_MS: '1500', RUNGS_REPORT_REFRESH_MINUTES: '0' };
  const token = await adminToken(env);
  const server = await servers.start(env, 'test');
  const api = clientOf(server, token);
  await publishedWithDraft(api);

  const publishing = await stalledPublish(api, 'ops-publish-1');
  // The publish's connection sits idle in its transaction (the version row written, not committed): cut it.
  expect(await db.terminateServer("state = 'idle in transaction'")).toBe(1);
  const answer = await publishing.answer;
  expect(answer.status).toBe(503);
  expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  expect((await answer.json()).error.code).toBe('database-unavailable');

  expect(alive(server)).toBe(true);
  expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
  const store = await db.open();
  expect((await store.db.selectFrom('tracks').select('active_version').where('track_id', '=', 'ENG').executeTakeFirstOrThrow()).active_version).toBe(1);
  expect((await store.db.selectFrom('versions').select('version').where('track_id', '=', 'ENG').execute()).map((v) => v.version)).toEqual([1]);

  const retry = await api.call('POST', `${TRACK}/publish`, {}, { 'idempotency-key': 'ops-publish-1' });
  expect(retry.status).toBe(200);
  expect((await retry.json()).version).toBe(2);
  expect((await store.db.selectFrom('versions').select('version').where('track_id', '=', 'ENG').orderBy('version').execute()).map((v) => v.version)).toEqual([1, 2]);
  expect(unhandled(server)).toEqual([]);
}, 60_000);

test('backends terminated in the middle of a 1,000,000-row learner-record upload: nothing imported, the process stays up, the next import works', async () => {
  const { db, servers } = each;
  const env = { DATABASE_URL: db.serverUrl, RUNGS_REPORT_REFRESH_MINUTES: '0' };
  const { setup, modules, employees } = await scaledWorkbook(db, { employees: 20_000, modules: 50 });
  const token = await adminToken(env);
  const server = await servers.start(env);
  let sent = 0;
  const upload = (rows: number) => {
    sent = 0;
    const counted = Readable.from((async function* () {
      for await (const chunk of completionsCsv({ employees, modules, rows })) {
        sent += 2000;
        yield chunk as Buffer;
      }
    })());
    return fetch(`${server.base}/v1/workbooks/mini/records/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: Readable.toWeb(counted) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
  };

  const importing = upload(1_000_000).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.json() }), (e: Error) => ({ cut: e.message }));
  // Wait until the server has taken 400,000 rows (it reads as fast as it stages them) and its transaction is
  // busy with the staging table, then cut the server's connections.
  await eventually(async () => (sent >= 400_000 && (await db.query(
    "select 1 from pg_stat_activity where application_name = $1 and xact_start is not null and query like '%rungs_import_stage%'", [db.serverApp])).length ? true : undefined), 120_000, 20);
  expect(await db.terminateServer()).toBeGreaterThan(0);
  const outcome = await importing;
  if ('cut' in outcome) throw new Error(`the upload was cut instead of answered: ${outcome.cut}`);
  expect(outcome).toMatchObject({ status: 503, body: { error: { code: 'database-unavailable' } } });
  expect(outcome.retryAfter).toMatch(/^\d+$/);

  expect(alive(server)).toBe(true);
  const count = async () => Number((await setup.db.selectFrom('learner_completions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  expect(await count()).toBe(0);
  // Service resumes on its own: the next upload goes through.
  const again = await upload(10_000);
  expect(again.status).toBe(200);
  expect(await again.json()).toMatchObject({ rows: 10_000, inserted: 10_000 });
  expect(await count()).toBe(10_000);
  expect(unhandled(server)).toEqual([]);
}, 240_000);

test('the backend of a report refresh terminated while it reads learner records: the job is retried and the refresh completes; the process stays up', async () => {
  const { db, servers } = each;
  const env = { DATABASE_URL: db.serverUrl, RUNGS_REPORT_REFRESH_MINUTES: '0' };
  const { setup, modules, employees } = await scaledWorkbook(db, { employees: 40, modules: 5 });
  const token = await adminToken(env);
  const server = await servers.start(env);
  const api = clientOf(server, token);
  const csv = [...completionLines({ employees, modules, rows: 200 })].join('');
  const imported = await fetch(`${server.base}/v1/workbooks/mini/records/completions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
  expect(imported.status).toBe(200);
  const state = async () => (await (await api.call('GET', '/v1/workbooks/mini/reports')).json()).state as { running: boolean; lastOutcome: string | null; lastFinishedAt: string | null };
  const first = await eventually(async () => { const s = await state(); return s.lastOutcome === 'computed' && !s.running ? s : undefined; }, 30_000);

  // An outsider holds the learner records table: the refresh's read waits on that lock, and is terminated there.
  const locker = await lockTable(db, 'learner_completions');
  try {
    const asked = await api.call('POST', '/v1/workbooks/mini/reports/refresh');
    expect(asked.status).toBe(202);
    const jobId = Number((await asked.json()).jobId);
    await eventually(async () => ((await db.query("select 1 from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'", [db.serverApp])).length ? true : undefined), 30_000, 20);
    expect(await db.terminateServer("wait_event_type = 'Lock'")).toBe(1);
    await locker.release();

    const done = await eventually(async () => { const s = await state(); return s.lastOutcome === 'computed' && !s.running && s.lastFinishedAt! > first.lastFinishedAt! ? s : undefined; }, 30_000);
    expect(done.running).toBe(false);
    const job = await setup.db.selectFrom('jobs').select(['status', 'attempts', 'last_error']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    expect(job.last_error).toMatch(/terminat/i);
  } finally {
    await locker.release();
  }
  expect(alive(server)).toBe(true);
  expect(unhandled(server)).toEqual([]);
}, 90_000);

/** Takes an ACCESS EXCLUSIVE lock on a table of the test's schema in an open transaction, until released. */
async function lockTable(schema: PgSchema, table: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: PG_URL, application_name: `${schema.schema}_locker` });
  client.on('error', () => {});
  await client.connect();
  await client.query('begin');
  await client.query(`lock table ${schema.schema}.${table} in access exclusive mode`);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('rollback').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
