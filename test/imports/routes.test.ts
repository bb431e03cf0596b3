import { expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { createToken } from '../../sync-server/services/tokens';
import { describeEachEngine, type EngineHandle } from '../storage/engines';
import { COMPLETIONS_HEADER, lines, publishedMini, storedState } from './helpers';

async function setup(h: EngineHandle) {
  const { store, ctx } = await publishedMini(h);
  const app = createApp({ services: ctx });
  const token = async (role: 'admin' | 'integrator' | 'owner' | 'manager', tracks?: string[]) =>
    (await createToken(ctx, { role, label: role, tracks, workbookId: role === 'admin' ? null : 'mini', email: role === 'manager' ? 'max@acme.test' : null, actor: 'cli' })).token;
  const tokens = { admin: await token('admin'), integrator: await token('integrator'), owner: await token('owner', ['ENG']), manager: await token('manager', ['ENG']) };
  const upload = (path: string, csv: string, tok?: string, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'text/csv', ...(tok ? { authorization: `Bearer ${tok}` } : {}), ...headers }, body: csv });
  return { store, ctx, app, tokens, upload };
}

const W = '/v1/workbooks/mini/records';
const GOOD = lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,2026-03-01,2026-03-02,90', 'EMP-2,M-201,enrolled,,,');

describeEachEngine('POST /v1/workbooks/{id}/records/{kind} (F7)', (h) => {
  it('integrators and admins import; others are refused; the answer counts what changed', async () => {
    const { store, tokens, upload } = await setup(h);
    expect((await upload(`${W}/completions`, GOOD)).status).toBe(401);
    for (const who of ['owner', 'manager'] as const) {
      const res = await upload(`${W}/completions`, GOOD, tokens[who]);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    const ok = await upload(`${W}/completions`, GOOD, tokens.integrator);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ kind: 'completions', rows: 2, inserted: 2, updated: 0, unchanged: 0, removed: 0, findings: [], totalFindings: 0, refreshJobId: expect.any(Number) });
    const again = await upload(`${W}/completions`, GOOD, tokens.admin);
    expect(await again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, refreshJobId: null });
    const audit = await store.db.selectFrom('audit_log').select(['actor', 'details']).where('action', '=', 'import').orderBy('id').execute();
    expect(audit.map((a) => JSON.parse(a.details))).toMatchObject([{ kind: 'completions', imported: true, inserted: 2 }, { imported: true, unchanged: 2 }]);
  });

  it('a rejected file answers 422 with findings and counts, and nothing changes', async () => {
    const { store, tokens, upload } = await setup(h);
    await upload(`${W}/completions`, GOOD, tokens.integrator);
    const before = await storedState(store);
    const res = await upload(`${W}/completions?name=march.csv`, GOOD + 'EMP-1,S-1,failed,,,\nNOBODY,S-1,completed,,,\n', tokens.integrator);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ kind: 'completions', rows: 4, totalFindings: 2, error: { code: 'has-errors' } });
    expect(body.error.findings.map((f: { sheet: string; cell: string; code: string }) => `${f.sheet} ${f.cell} ${f.code}`)).toEqual(['march.csv A4 duplicate-row', 'march.csv A5 unknown-employee']);
    expect(await storedState(store)).toEqual(before);
  });

  it('column mapping by query or header, explicit delimiter, HRIS employees with replace', async () => {
    const { tokens, upload } = await setup(h);
    const file = lines('Person|Course Code|State', 'EMP-1|S-1|completed');
    const map = encodeURIComponent(JSON.stringify({ employee_id: 'Person', status: 'State' }));
    expect((await upload(`${W}/completions?map=${map}&delimiter=pipe`, file, tokens.integrator)).status).toBe(200);
    const viaHeader = await upload(`${W}/completions`, file.replace('completed', 'failed'), tokens.integrator, { 'x-column-map': '{"employee_id":"Person","status":"State"}' });
    expect(await viaHeader.json()).toMatchObject({ updated: 1 });
    const hris = await upload(`${W}/employees?replace=true`, lines('Employee ID,Name,Job Code', 'EMP-1,Dana Li,POS-1'), tokens.integrator);
    // The file has no email columns: like a missing optional header in the Employees tab, they read as blank.
    expect(await hris.json()).toMatchObject({ kind: 'employees', inserted: 0, updated: 1, unchanged: 0, removed: 2 });
  });

  it('bad requests: unknown kind or workbook, bad mapping, not CSV', async () => {
    const { tokens, upload, app } = await setup(h);
    expect((await upload(`${W}/grades`, GOOD, tokens.admin)).status).toBe(400);
    expect((await upload('/v1/workbooks/nope/records/completions', GOOD, tokens.admin)).status).toBe(404);
    const badMap = await upload(`${W}/completions?map=%7Bnope`, GOOD, tokens.admin);
    expect(badMap.status).toBe(400);
    expect((await badMap.json()).error.code).toBe('invalid-query');
    const json = await app.request(`${W}/completions`, { method: 'POST', headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const doc = await (await app.request('/openapi.json')).json();
    expect(Object.keys(doc.paths['/v1/workbooks/{spreadsheetId}/records/{kind}'].post.requestBody.content)).toEqual(['text/csv']);
  });
});
