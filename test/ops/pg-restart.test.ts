/**
 * A private PostgreSQL cluster (never the shared one) that the test starts late and restarts under load: a
 * server started before its database waits for it and then serves; a restart terminates every backend (a publish
 * among them) and refuses connections for a moment; the server stays up, answers 503 meanwhile and resumes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { miniWorkbook } from '../shared/mini-workbook';
import { spawnBuilt } from './built';
import { pgTest } from './pg-harness';
import { createPrivateCluster, type PrivateCluster } from './private-cluster';
import { adminToken, alive, clientOf, eventually, keepCalling, publishedWithDraft, sleep, stalledPublish, TRACK, unhandled } from './server-client';

const T = TRACK;
let cluster: PrivateCluster;

beforeAll(async () => {
  cluster = await createPrivateCluster({ started: false });
}, 120_000);
afterAll(async () => {
  await cluster?.destroy();
});

test('a server started while PostgreSQL is down waits for it (RUNGS_DATABASE_WAIT_SECONDS), then serves', async () => {
  const child = await spawnBuilt({ DATABASE_URL: `${cluster.url}?application_name=rungs_waiting`, RUNGS_DATABASE_WAIT_SECONDS: '90', RUNGS_REPORT_REFRESH_MINUTES: '0' });
  try {
    const waiting = await child.logged('waiting for the database');
    expect(String(waiting.storage)).toContain(`127.0.0.1:${cluster.port}`);
    await sleep(1500);
    expect(child.child.exitCode).toBeNull();
    await cluster.start();
    const listening = await child.logged('listening');
    expect((await fetch(`http://127.0.0.1:${listening.port as number}/readyz`)).status).toBe(200);
    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  } finally {
    if (child.child.exitCode === null) child.child.kill('SIGKILL');
  }
}, 120_000);

describe('on a running cluster', () => {
  beforeAll(async () => {
    await cluster.start().catch(() => {}); // running already when the test above passed
  }, 60_000);
  const it = pgTest(() => cluster.url);

  it('PostgreSQL restarted under load (a publish in flight): the process stays up, 503 meanwhile, nothing half-written, service resumes', async ({ db, servers }) => {
    const env = { DATABASE_URL: db.serverUrl, RUNGS_TEST_PUBLISH_STALL_MS: '2000', RUNGS_REPORT_REFRESH_MINUTES: '0' };
    const token = await adminToken(env);
    const server = await servers.start(env, 'test');
    const api = clientOf(server, token);
    await publishedWithDraft(api);

    const load = keepCalling(api, [{ method: 'GET', path: `${T}/versions` }, { method: 'POST', path: `${T}/drafts`, payload: miniWorkbook() }]);
    await sleep(1000);
    const publishing = await stalledPublish(api, 'restart-1');
    const restartAt = Date.now();
    await cluster.restart();
    const restartedAt = Date.now();
    const cut = await publishing.answer;
    expect(cut.status).toBe(503);
    expect((await cut.json()).error.code).toBe('database-unavailable');
    const readyAfterMs = await eventually(async () => ((await fetch(`${server.base}/readyz`)).status === 200 ? Date.now() - restartedAt : undefined), 15_000, 100);
    await sleep(1500);
    const answers = await load.stop();

    expect(alive(server)).toBe(true);
    expect(answers.filter((a) => typeof a.status === 'string' || ![200, 201, 503].includes(a.status))).toEqual([]);
    expect(answers.filter((a) => a.status === 503).every((a) => a.code === 'database-unavailable' && a.retryAfter !== null)).toBe(true);
    expect(answers.filter((a) => a.at > restartedAt + readyAfterMs + 200).every((a) => a.status === 200 || a.status === 201)).toBe(true);
    expect(answers.filter((a) => a.at > restartedAt + readyAfterMs + 200).length).toBeGreaterThan(3);

    const versions = await (await api.call('GET', `${T}/versions`)).json();
    expect(versions.activeVersion).toBe(1);
    expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    const retry = await api.call('POST', `${T}/publish`, {}, { 'idempotency-key': 'restart-1' });
    expect(retry.status).toBe(200);
    expect((await retry.json()).version).toBe(2);
    expect(unhandled(server)).toEqual([]);
    console.info(`restart took ${restartedAt - restartAt} ms; ${answers.filter((a) => a.status === 503).length} calls answered 503; ready ${readyAfterMs} ms after`);
  }, 120_000);
});
