import { expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { createToken } from '../../sync-server/services/tokens';
import { miniWorkbook } from '../shared/mini-workbook';
import { describeEachEngine, type EngineHandle } from '../storage/engines';
import { contextFor } from './fixtures';

async function setup(h: EngineHandle) {
  const services = contextFor(await h.open());
  const app = createApp({ services });
  const admin = (await createToken(services, { role: 'admin', label: 'Admin', actor: 'cli' })).token;
  const call = (method: string, path: string, token: string | null, payload?: unknown) =>
    app.request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  return { call, admin };
}

describeEachEngine('admin routes: tokens and the audit log (F9)', (h) => {
  it('creates, lists and revokes tokens; a revoked token gets 401', async () => {
    const { call, admin } = await setup(h);
    expect((await call('GET', '/v1/tokens', null)).status).toBe(401);
    expect((await call('GET', '/v1/tokens', 'rungs_nope')).status).toBe(401);

    const made = await call('POST', '/v1/tokens', admin, { role: 'owner', label: 'Ana', tracks: ['ENG'], workbookId: 'mini' });
    expect(made.status).toBe(201);
    const { token, info } = await made.json();
    expect(token).toMatch(/^rungs_/);
    expect(info).toMatchObject({ role: 'owner', label: 'Ana', tracks: ['ENG'], workbookId: 'mini', email: null, createdBy: 'Admin', revokedAt: null });

    expect((await call('GET', '/v1/tokens', token)).status).toBe(403);
    expect((await call('POST', '/v1/tokens', token, { role: 'admin', label: 'x' })).status).toBe(403);
    expect((await call('POST', '/v1/tokens', admin, { role: 'boss', label: 'x' })).status).toBe(400);

    const list = await call('GET', '/v1/tokens', admin);
    expect(list.status).toBe(200);
    const { tokens } = await list.json();
    expect(tokens.map((t: { label: string }) => t.label)).toEqual(['Admin', 'Ana']);
    expect(JSON.stringify(tokens)).not.toContain(token);

    expect((await call('GET', '/v1/audit', token)).status).toBe(200);
    const revoked = await call('DELETE', `/v1/tokens/${info.tokenId}`, admin);
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).token.revokedAt).not.toBeNull();
    expect((await call('GET', '/v1/audit', token)).status).toBe(401);
    expect((await call('DELETE', '/v1/tokens/no-such-token', admin)).status).toBe(404);

    const audit = await (await call('GET', '/v1/audit?action=token.revoke', admin)).json();
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ actor: 'Admin', action: 'token.revoke', details: { tokenId: info.tokenId } });
  });

  it('filters and pages the audit log; an owner sees only its tracks', async () => {
    const { call, admin } = await setup(h);
    const ana = (await (await call('POST', '/v1/tokens', admin, { role: 'owner', label: 'Ana', tracks: ['ENG'], workbookId: 'mini' })).json()).token;
    const mgr = (await (await call('POST', '/v1/tokens', admin, { role: 'manager', label: 'Max', tracks: ['ENG'], workbookId: 'mini', email: 'max@acme.test' })).json()).token;
    expect((await call('POST', '/v1/workbooks', admin, { spreadsheetId: 'mini', name: 'Mini Co' })).status).toBe(200);
    for (const track of ['ENG', 'MGR']) {
      expect((await call('POST', `/v1/workbooks/mini/tracks/${track}/drafts`, admin, miniWorkbook())).status).toBe(201);
      expect((await call('POST', `/v1/workbooks/mini/tracks/${track}/publish`, admin, {})).status).toBe(200);
    }

    const all = await (await call('GET', '/v1/audit', admin)).json();
    const actions = all.entries.map((e: { action: string }) => e.action);
    expect(actions).toContain('track.publish');
    expect(actions).toContain('token.create');
    expect(all.nextCursor).toBeNull();

    const eng = await (await call('GET', '/v1/audit?workbook=mini&track=ENG&action=track.publish', admin)).json();
    expect(eng.entries).toHaveLength(1);
    expect(eng.entries[0]).toMatchObject({ workbookId: 'mini', trackId: 'ENG', action: 'track.publish' });

    // Pages of two, newest first, joined back together give the whole log.
    const paged: number[] = [];
    let cursor: number | null = null;
    do {
      const page: { entries: { id: number }[]; nextCursor: number | null } =
        await (await call('GET', `/v1/audit?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`, admin)).json();
      paged.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(all.entries.map((e: { id: number }) => e.id));

    const future = await (await call('GET', '/v1/audit?since=2999-01-01T00:00:00.000Z', admin)).json();
    expect(future.entries).toEqual([]);

    const own = await call('GET', '/v1/audit', ana);
    expect(own.status).toBe(200);
    const ownEntries: { trackId: string | null }[] = (await own.json()).entries;
    expect(ownEntries.length).toBeGreaterThan(0);
    expect(new Set(ownEntries.map((e) => e.trackId))).toEqual(new Set(['ENG']));
    expect((await call('GET', '/v1/audit?track=MGR', ana)).status).toBe(403);
    expect((await call('GET', '/v1/audit', mgr)).status).toBe(403);
    expect((await call('GET', '/v1/audit?cursor=abc', admin)).status).toBe(400);
  });
});
