/**
 * PostgreSQL goes away under load (a TCP proxy in front of the shared cluster is cut: connections reset, new ones
 * refused) for RUNGS_TEST_OUTAGE_SECONDS (default 15: past every timeout and back-off of the server, so a longer
 * outage behaves the same; run with 60 for a full minute). The process stays up; requests answer 503
 * database-unavailable with Retry-After, quickly; /healthz stays 200 and /readyz 503; a publish cut in its
 * transaction leaves nothing; when the database is back, service resumes by itself.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { miniWorkbook } from '../shared/mini-workbook';
import { PG_URL } from '../storage/engines';
import { schemaUrl, useSchemaAndServers } from './pg-harness';
import { adminToken, alive, clientOf, eventually, keepCalling, publishedWithDraft, sleep, stalledPublish, TRACK, unhandled } from './server-client';
import { startProxy, type CuttableProxy } from './tcp-proxy';

const OUTAGE_MS = Number(process.env.RUNGS_TEST_OUTAGE_SECONDS ?? 15) * 1000;
const T = TRACK;

const each = useSchemaAndServers();
let proxy: CuttableProxy;
beforeEach(async () => {
  const target = new URL(PG_URL);
  proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) });
});
afterEach(async () => {
  await proxy.close();
});

test('PostgreSQL unreachable under load: 503 database-unavailable with Retry-After, nothing half-written, service resumes by itself', async () => {
  const { db, servers } = each;
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
