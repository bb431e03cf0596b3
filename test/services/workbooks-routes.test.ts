import { expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { createToken } from '../../sync-server/services/tokens';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { describeEachEngine, type EngineHandle } from '../storage/engines';
import { contextFor } from './fixtures';

async function setup(h: EngineHandle) {
  const services = contextFor(await h.open());
  const app = createApp({ services });
  const admin = (await createToken(services, { role: 'admin', label: 'Admin', actor: 'cli' })).token;
  const ana = (await createToken(services, { role: 'owner', label: 'Ana', tracks: ['ENG'], workbookId: 'mini', actor: 'Admin' })).token;
  const call = (method: string, path: string, token: string | null, payload?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  await call('POST', '/v1/workbooks', admin, { spreadsheetId: 'mini', name: 'Mini Co' });
  return { app, services, admin, ana, call };
}

const T = '/v1/workbooks/mini/tracks';

describeEachEngine('workbook routes', (h) => {
  it('run the draft, diff, publish, versions and rollback cycle', async () => {
    const { call, ana, admin } = await setup(h);
    // The Shared items of a workbook are published by an admin first (an owner may not add them).
    await call('POST', `${T}/MGR/drafts`, admin, miniWorkbook());
    expect((await call('POST', `${T}/MGR/publish`, admin, {})).status).toBe(200);
    const saved = await call('POST', `${T}/ENG/drafts`, ana, miniWorkbook());
    expect(saved.status).toBe(201);
    expect(await saved.json()).toMatchObject({ trackId: 'ENG', baseVersion: 0, errors: 0, savedBy: 'Ana', findings: [] });

    const diff = await call('GET', `${T}/ENG/diff`, ana);
    expect(diff.status).toBe(200);
    expect(await diff.json()).toMatchObject({ activeVersion: 0, stale: false, diff: { counts: { removed: 0, changed: 0 } } });

    const pub = await call('POST', `${T}/ENG/publish`, ana, {}, { 'idempotency-key': 'k1' });
    expect(pub.status).toBe(200);
    const first = await pub.json();
    expect(first).toMatchObject({ version: 1, publishedBy: 'Ana', statuses: [{ trackId: 'ENG', status: 'Active', version: 1 }, { trackId: 'MGR', status: 'Active', version: 1 }] });

    const again = await call('POST', `${T}/ENG/publish`, ana, {}, { 'idempotency-key': 'k1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(first);

    await call('POST', `${T}/ENG/drafts`, ana, setCell(miniWorkbook(), 'Levels', 'C2', 'Junior'));
    expect((await call('POST', `${T}/ENG/publish`, ana, { note: 'rename' })).status).toBe(200);
    const rb = await call('POST', `${T}/ENG/rollback`, ana, { toVersion: 1, expectedActiveVersion: 2 });
    expect(rb.status).toBe(200);
    expect(await rb.json()).toMatchObject({ version: 3, kind: 'rollback', sourceVersion: 1 });

    const list = await (await call('GET', `${T}/ENG/versions`, ana)).json();
    expect(list).toMatchObject({ activeVersion: 3, versions: [{ version: 3 }, { version: 2, note: 'rename' }, { version: 1 }] });
    const v1 = await call('GET', `${T}/ENG/versions/1`, ana);
    expect((await v1.json()).snapshot.sheets[0].name).toBe('Tracks');
  });

  it('answer 401 without a usable token and 403 when a track owner reaches for another track', async () => {
    const { call, ana, admin } = await setup(h);
    const noToken = await call('GET', `${T}/ENG/versions`, null);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Bearer') } });
    expect((await call('GET', `${T}/ENG/versions`, 'rungs_wrong')).status).toBe(401);

    for (const [method, path, payload] of [
      ['POST', `${T}/MGR/drafts`, miniWorkbook()],
      ['GET', `${T}/MGR/diff`, undefined],
      ['POST', `${T}/MGR/publish`, {}],
      ['GET', `${T}/MGR/versions`, undefined],
      ['GET', `${T}/MGR/versions/1`, undefined],
      ['POST', `${T}/MGR/rollback`, { toVersion: 1 }],
    ] as const) {
      const res = await call(method, path, ana, payload);
      expect([path, res.status]).toEqual([path, 403]);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    expect((await call('POST', '/v1/workbooks', ana, { spreadsheetId: 'x', name: 'x' })).status).toBe(403);

    await call('POST', `${T}/MGR/drafts`, admin, miniWorkbook());
    await call('POST', `${T}/ENG/drafts`, admin, miniWorkbook());
    const wb = await (await call('GET', '/v1/workbooks/mini', ana)).json();
    expect(wb.tracks.map((t: { trackId: string }) => t.trackId)).toEqual(['ENG']);
  });

  it('answer bad requests with 400, errors with 422 and findings, stale drafts with 409, unknown tracks with 404', async () => {
    const { call, admin } = await setup(h);
    expect(await (await call('POST', `${T}/ENG/drafts`, admin, '{"spreadsheetId": ')).json()).toMatchObject({ error: { code: 'malformed-json' } });
    const wrong = await call('POST', `${T}/ENG/drafts`, admin, { spreadsheetId: 'mini', sheets: 'no' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.code).toBe('invalid-body');
    expect((await call('POST', `${T}/ENG/publish`, admin, { draftId: 'one' })).status).toBe(400);
    expect((await call('GET', `${T}/ENG/versions/zero`, admin)).status).toBe(400);

    expect((await call('POST', `${T}/OPS/drafts`, admin, miniWorkbook())).status).toBe(404);
    expect((await call('GET', `${T}/OPS/versions`, admin)).status).toBe(404);
    expect((await call('GET', '/v1/workbooks/nope', admin)).status).toBe(404);

    await call('POST', `${T}/ENG/drafts`, admin, setCell(miniWorkbook(), 'Matrix ENG', 'A4', 'NOPE'));
    const bad = await call('POST', `${T}/ENG/publish`, admin, {});
    expect(bad.status).toBe(422);
    const badBody = await bad.json();
    expect(badBody.error.code).toBe('has-errors');
    expect(badBody.error.findings).toContainEqual(expect.objectContaining({ sheet: 'Matrix ENG', cell: 'A4', severity: 'error' }));

    const a = await (await call('POST', `${T}/ENG/drafts`, admin, miniWorkbook())).json();
    const b = await (await call('POST', `${T}/ENG/drafts`, admin, miniWorkbook())).json();
    expect((await call('POST', `${T}/ENG/publish`, admin, { draftId: b.draftId })).status).toBe(200);
    const stale = await call('POST', `${T}/ENG/publish`, admin, { draftId: a.draftId });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('stale-version');
  });

  it('describe themselves in the OpenAPI document, with the bearer scheme', async () => {
    const { app } = await setup(h);
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    expect(Object.keys(doc.paths ?? {})).toEqual(expect.arrayContaining(['/v1/workbooks', '/v1/workbooks/{spreadsheetId}/tracks/{trackId}/publish']));
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
