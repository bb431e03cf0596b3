/**
 * The server outlives its database. Its PostgreSQL connections are terminated (pg_terminate_backend, only this
 * server's, found by application_name) in the middle of a publish, a 1,000,000-row learner-record import and a
 * report refresh; the database goes away under load (a TCP proxy in front of the shared cluster is cut); the
 * instance running a refresh is killed with SIGKILL. Each time the process stays up, the interrupted request
 * answers 503 database-unavailable with Retry-After (or the job is retried or taken over), the store holds the
 * work whole or not at all, and service resumes by itself. Each test has its own schema; the last two mostly
 * wait (an outage, a lease running out), so they run side by side.
 */
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { completionLines, completionsCsv } from '../imports/generate-records';
import { miniWorkbook } from '../shared/mini-workbook';
import { PG_URL } from '../storage/engines';
import { lockTable, pgTest, scaledWorkbook, schemaUrl } from './pg-harness';
import { adminToken, alive, clientOf, eventually, keepCalling, publishedWithDraft, sleep, stalledPublish, TRACK, unhandled } from './server-client';
import { startProxy } from './tcp-proxy';

/** How long the database stays away (default 15 s: past every timeout and back-off of the server, so a longer
 * outage behaves the same; RUNGS_TEST_OUTAGE_SECONDS=60 for a full minute). */
const OUTAGE_MS = Number(process.env.RUNGS_TEST_OUTAGE_SECONDS ?? 15) * 1000;
const T = TRACK;
const it = pgTest();

interface RefreshState { running: boolean; lastOutcome: string | null; lastFinishedAt: string | null }

it('backends terminated while a publish holds its transaction open: 503 with Retry-After, nothing half-written, the retry publishes once', async ({ db, servers }) => {
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

it('backends terminated in the middle of a 1,000,000-row learner-record upload: nothing imported, the process stays up, the next import works', async ({ db, servers }) => {
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

it('the backend of a report refresh terminated while it reads learner records: the job is retried and the refresh completes; the process stays up', async ({ db, servers }) => {
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

it.concurrent('PostgreSQL unreachable under load: 503 database-unavailable with Retry-After, nothing half-written, service resumes by itself', async ({ db, servers, onTestFinished }) => {
  const target = new URL(PG_URL);
  const proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) });
  onTestFinished(() => proxy.close());
  const through = new URL(PG_URL);
  through.port = String(proxy.port);
  const env = { DATABASE_URL: schemaUrl(through.toString(), db.schema, db.serverApp), RUNGS_TEST_PUBLISH_STALL_MS: '1000', RUNGS_REPORT_REFRESH_MINUTES: '0' };
  const token = await adminToken(env);
  const server = await servers.start(env, 'test');
  const api = clientOf(server, token);
  await publishedWithDraft(api);

  const load = keepCalling(api, [{ method: 'GET', path: `${T}/versions` }, { method: 'POST', path: `${T}/drafts`, payload: miniWorkbook() }, { method: 'GET', path: '/v1/workbooks/mini/reports' }]);
  await sleep(1000);
  // A publish is inside its transaction when the database goes away.
  const publishing = await stalledPublish(api, 'outage-1');
  const cutAt = Date.now();
  await proxy.cut();
  const cutPublish = await publishing.answer;
  expect(cutPublish.status).toBe(503);
  expect((await cutPublish.json()).error.code).toBe('database-unavailable');

  const probes: { healthz: number; readyz: number; readyRetryAfter: string | null }[] = [];
  while (Date.now() - cutAt < OUTAGE_MS) {
    const [h, r] = await Promise.all([fetch(`${server.base}/healthz`), fetch(`${server.base}/readyz`)]);
    probes.push({ healthz: h.status, readyz: r.status, readyRetryAfter: r.headers.get('retry-after') });
    await sleep(1000);
  }
  expect(alive(server)).toBe(true);
  const restoredAt = Date.now();
  await proxy.restore();
  const readyAfterMs = await eventually(async () => ((await fetch(`${server.base}/readyz`)).status === 200 ? Date.now() - restoredAt : undefined), 15_000, 100);
  await sleep(1000);
  const answers = await load.stop();

  // While it was down: liveness yes, readiness no, and every call answered 503 with Retry-After (never a 500, never a cut).
  expect(probes.length).toBeGreaterThan(3);
  expect(probes.every((p) => p.healthz === 200 && p.readyz === 503 && p.readyRetryAfter !== null)).toBe(true);
  const down = answers.filter((a) => a.at > cutAt + 200 && a.at + a.ms < restoredAt);
  expect(down.length).toBeGreaterThan(10);
  expect(down.filter((a) => a.status !== 503 || a.code !== 'database-unavailable' || a.retryAfter === null)).toEqual([]);
  expect(Math.max(...down.map((a) => a.ms))).toBeLessThan(6_000);
  expect(answers.filter((a) => typeof a.status === 'string' || a.status === 500)).toEqual([]);
  // Before and after: served.
  expect(answers.filter((a) => a.at > restoredAt + readyAfterMs + 500).every((a) => a.status === 200 || a.status === 201)).toBe(true);

  // The cut publish left nothing; the same request now publishes once.
  const versions = await (await api.call('GET', `${T}/versions`)).json();
  expect(versions.activeVersion).toBe(1);
  expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([1]);
  const retry = await api.call('POST', `${T}/publish`, {}, { 'idempotency-key': 'outage-1' });
  expect(retry.status).toBe(200);
  expect((await retry.json()).version).toBe(2);
  expect(server.lines.some((l) => l.msg === 'job worker paused: the database cannot be reached')).toBe(true);
  expect(unhandled(server)).toEqual([]);
  expect(alive(server)).toBe(true);
  console.info(`outage ${OUTAGE_MS / 1000} s: ${down.length} calls answered 503 (slowest ${Math.max(...down.map((a) => a.ms))} ms); ready again ${readyAfterMs} ms after the database came back`);
}, 60_000 + OUTAGE_MS * 2);

it.concurrent('the report refresh of a worker killed with SIGKILL is taken over by another instance within 60 s', async ({ db, servers }) => {
  const env = { DATABASE_URL: db.serverUrl, RUNGS_REPORT_REFRESH_MINUTES: '0' };
  const { setup, modules, employees } = await scaledWorkbook(db, { employees: 20, modules: 5 });
  const token = await adminToken(env);

  // Instance A takes the refresh the import asks for, and hangs in it.
  const a = await servers.start({ ...env, RUNGS_TEST_REFRESH_STALL_MS: '600000' }, 'test');
  const csv = [...completionLines({ employees, modules, rows: 50 })].join('');
  const imported = await fetch(`${a.base}/v1/workbooks/mini/records/completions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
  expect(imported.status).toBe(200);
  const jobId = (await imported.json()).refreshJobId as number;
  await a.logged('test hook: refresh stalled');

  // Instance B runs beside it and leaves a job that is held alone.
  const b = await servers.start(env);
  const state = async () => (await (await clientOf(b, token).call('GET', '/v1/workbooks/mini/reports')).json()).state as RefreshState;
  await sleep(3000);
  expect(await state()).toMatchObject({ running: true, lastOutcome: null });

  a.child.kill('SIGKILL');
  await a.exited;
  const killedAt = Date.now();
  const done = await eventually(async () => { const s = await state(); return s.lastOutcome === 'computed' && !s.running ? s : undefined; }, 75_000, 250);
  const takeoverMs = Date.now() - killedAt;
  expect(takeoverMs).toBeLessThan(60_000);
  expect(Date.parse(done.lastFinishedAt!)).toBeGreaterThan(killedAt);
  const job = await setup.db.selectFrom('jobs').select(['status', 'locked_by', 'attempts']).where('id', '=', jobId).executeTakeFirstOrThrow();
  expect(job.status).toBe('done');
  expect(alive(b)).toBe(true);
  expect(b.lines.some((l) => l.msg === 'reports refreshed')).toBe(true);
  console.info(`refresh taken over and finished ${takeoverMs} ms after the SIGKILL (job attempts: ${job.attempts})`);
}, 150_000);
