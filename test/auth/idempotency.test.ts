/**
 * Idempotency-Keys are scoped to (token, workbook, route): reused elsewhere they are another key, never someone
 * else's answer. Concurrent requests with one key get the one answer. On both stores, and over real sockets.
 */
import { expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import type { PublishHooks } from '../../sync-server/services/context';
import { claimKey, LEASE_MS } from '../../sync-server/services/idempotency-keys';
import { createToken } from '../../sync-server/services/tokens';
import { connectWorkbook } from '../../sync-server/services/workbooks';
import { miniWorkbook } from '../shared/mini-workbook';
import { contextFor } from '../services/fixtures';
import { describeEachEngine, type EngineHandle } from '../storage/engines';
import { startAuthServer } from './server';

const snapshotOf = (spreadsheetId: string) => ({ ...miniWorkbook(), spreadsheetId });
type Answer = { status: number; replayed: boolean; body: Record<string, unknown> };

async function setup(h: EngineHandle, hooks?: PublishHooks) {
  const services = contextFor(await h.open(), hooks);
  const app = createApp({ services });
  for (const id of ['mini', 'other']) await connectWorkbook(services, { spreadsheetId: id, name: id, actor: 'admin' });
  const admin = (await createToken(services, { role: 'admin', label: 'Root', actor: 'cli' })).token;
  const ana = (await createToken(services, { role: 'owner', label: 'Ana', tracks: ['ENG'], workbookId: 'mini', actor: 'cli' })).token;
  const call = async (method: string, path: string, token: string, payload: unknown, key?: string): Promise<Answer> => {
    const res = await app.request(path, {
      method, body: JSON.stringify(payload),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true', body: (await res.json()) as Record<string, unknown> };
  };
  const draft = async (workbook: string, track: string, token = admin) =>
    expect((await call('POST', `/v1/workbooks/${workbook}/tracks/${track}/drafts`, token, snapshotOf(workbook))).status).toBe(201);
  const publish = (workbook: string, track: string, token: string, key?: string) => call('POST', `/v1/workbooks/${workbook}/tracks/${track}/publish`, token, {}, key);
  const versionCount = async (workbook: string, track: string) =>
    Number((await services.store.db.selectFrom('versions').select((eb) => eb.fn.countAll<number>().as('n')).where('workbook_id', '=', workbook).where('track_id', '=', track).executeTakeFirstOrThrow()).n);
  return { services, admin, ana, call, draft, publish, versionCount };
}

describeEachEngine('Idempotency-Key scoped to token, workbook and route', (h) => {
  it('ten concurrent publishes with one key: one version, and the same 200 answer for all ten', async () => {
    const { admin, draft, publish, versionCount } = await setup(h);
    await draft('mini', 'ENG');
    const answers = await Promise.all(Array.from({ length: 10 }, () => publish('mini', 'ENG', admin, 'same-key')));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0].body).toMatchObject({ spreadsheetId: 'mini', trackId: 'ENG', version: 1 });
    expect(answers.filter((a) => a.replayed)).toHaveLength(9);
    expect(await versionCount('mini', 'ENG')).toBe(1);
  });

  it('the same key on another workbook, or from another token, is another key: never the first answer', async () => {
    const { admin, ana, draft, publish, versionCount } = await setup(h);
    await draft('mini', 'ENG');
    await draft('other', 'ENG');
    const first = await publish('mini', 'ENG', admin, 'k-1');
    expect([first.status, first.body.spreadsheetId]).toEqual([200, 'mini']);
    const elsewhere = await publish('other', 'ENG', admin, 'k-1');
    expect([elsewhere.status, elsewhere.replayed, elsewhere.body.spreadsheetId, elsewhere.body.version]).toEqual([200, false, 'other', 1]);
    expect(await versionCount('other', 'ENG')).toBe(1);

    await draft('mini', 'ENG');
    const byAna = await publish('mini', 'ENG', ana, 'k-1');
    expect([byAna.status, byAna.replayed, byAna.body.version, byAna.body.publishedBy]).toEqual([200, false, 2, 'Ana']);
    // The admin's own repeat still gets its own first answer.
    const again = await publish('mini', 'ENG', admin, 'k-1');
    expect([again.status, again.replayed, again.body]).toEqual([200, true, first.body]);
  });

  it('the same key for another request on the same route is refused; a refused request lets its key go', async () => {
    const { admin, draft, publish } = await setup(h);
    const noDraft = await publish('mini', 'ENG', admin, 'k-2');
    expect([noDraft.status, (noDraft.body.error as { code: string }).code]).toEqual([404, 'unknown-draft']);
    await draft('mini', 'ENG');
    const retried = await publish('mini', 'ENG', admin, 'k-2');
    expect([retried.status, retried.replayed, retried.body.version]).toEqual([200, false, 1]);
    await draft('mini', 'MGR');
    const otherTrack = await publish('mini', 'MGR', admin, 'k-2');
    expect(otherTrack.status).toBe(422);
    expect(otherTrack.body.error).toEqual({ code: 'idempotency-key-reused', message: 'Idempotency key "k-2" was already used for another request. Use a new key for a new request.' });
  });

  it('a key held by a request that stopped renewing it is taken over; a live hold is not', async () => {
    const { services } = await setup(h);
    const scope = { tokenId: 't', workbookId: 'mini', route: 'POST /x', key: 'k' };
    const first = await claimKey(services, scope, 'hash');
    expect(first.kind).toBe('held');
    const busy = await claimKey(services, scope, 'hash');
    expect(busy.kind).toBe('busy');
    if (busy.kind === 'busy') expect(busy.retryAfterSeconds).toBeLessThanOrEqual(LEASE_MS / 1000);
    await services.store.db.updateTable('idempotency_keys').set({ lease_until: new Date(Date.now() - 1).toISOString() }).execute();
    expect((await claimKey(services, scope, 'hash')).kind).toBe('held');
    await expect(claimKey(services, scope, 'another request')).rejects.toMatchObject({ code: 'idempotency-key-reused', status: 422 });
  });
});

describeEachEngine('Idempotency-Key in use', (h) => {
  it('a request still waiting for a running one after 15 s gets 409 idempotency-in-progress with Retry-After, then the answer', async () => {
    let release = () => {};
    const stalled = new Promise<void>((done) => (release = done));
    let stalls = 1;
    const { admin, draft, publish } = await setup(h, { afterVersionInsert: () => (stalls-- > 0 ? stalled : undefined) });
    await draft('mini', 'ENG');
    const first = publish('mini', 'ENG', admin, 'slow');
    await new Promise((done) => setTimeout(done, 200));
    const t0 = performance.now();
    const waiting = await publish('mini', 'ENG', admin, 'slow');
    expect(performance.now() - t0).toBeGreaterThan(14_000);
    expect(waiting.status).toBe(409);
    expect(waiting.body.error).toEqual({ code: 'idempotency-in-progress', message: expect.stringMatching(/^A request with Idempotency-Key "slow" is still running\. Send it again in \d+ s to get its answer\.$/) });
    release();
    const done = await first;
    expect(done.status).toBe(200);
    const after = await publish('mini', 'ENG', admin, 'slow');
    expect([after.status, after.replayed, after.body]).toEqual([200, true, done.body]);
  }, 40_000);
}, ['postgres']); // the embedded store serves one transaction at a time: a waiting request queues behind the stalled one

it('over real sockets: ten concurrent publishes with one key get one answer; the key on another workbook is another key', async () => {
  const s = await startAuthServer();
  try {
    for (const id of ['mini', 'other']) {
      expect((await s.call('POST', '/v1/workbooks', s.admin, { spreadsheetId: id, name: id })).status).toBe(200);
      expect((await s.call('POST', `/v1/workbooks/${id}/tracks/ENG/drafts`, s.admin, snapshotOf(id))).status).toBe(201);
    }
    const publish = async (id: string) => {
      const res = await s.call('POST', `/v1/workbooks/${id}/tracks/ENG/publish`, s.admin, {}, { 'idempotency-key': 'one-click' });
      return { status: res.status, body: await res.text() };
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => publish('mini')));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(JSON.parse(answers[0].body)).toMatchObject({ spreadsheetId: 'mini', version: 1 });
    const other = await publish('other');
    expect(other.status).toBe(200);
    expect(JSON.parse(other.body)).toMatchObject({ spreadsheetId: 'other', version: 1 });
    const versions = (await (await s.call('GET', '/v1/workbooks/mini/tracks/ENG/versions', s.admin)).json()) as { versions: unknown[] };
    expect(versions.versions).toHaveLength(1);
  } finally {
    await s.stop();
  }
}, 60_000);
