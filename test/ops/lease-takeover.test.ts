/**
 * Two server processes on one PostgreSQL. The one running a report refresh is killed with SIGKILL (no cleanup at
 * all); the other takes the job and the workbook's refresh lease over and finishes the refresh within 60 s.
 */
import { expect, test } from 'vitest';
import { completionLines } from '../imports/generate-records';
import { scaledWorkbook, useSchemaAndServers } from './pg-harness';
import { adminToken, alive, clientOf, eventually, sleep } from './server-client';

const each = useSchemaAndServers();

interface RefreshState { running: boolean; lastOutcome: string | null; lastFinishedAt: string | null }

test('the report refresh of a worker killed with SIGKILL is taken over by another instance within 60 s', async () => {
  const { db, servers } = each;
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
