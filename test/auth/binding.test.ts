/**
 * Tokens are bound to a workbook: every route that names another workbook answers 403, decided from the token
 * alone (the same answer whether that workbook exists or not); lists (audit, tokens, report tabs) hold only what the
 * token reaches; items looked up by id on a track the token does not reach are unknown (404).
 */
import { expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { createToken } from '../../sync-server/services/tokens';
import { miniWorkbook, sheetOf } from '../shared/mini-workbook';
import { contextFor } from '../services/fixtures';
import { describeEachEngine, type EngineHandle } from '../storage/engines';

type Operation = { security?: unknown; 'x-rungs-roles'?: string[] };
type Doc = { paths: Record<string, Record<string, Operation>> };

/** Values for the path parameters of every route. */
const PARAMS: Record<string, string> = { trackId: 'ENG', employeeId: 'EMP-1', positionId: 'POS-1', version: '1', kind: 'completions', tokenId: 'x', email: 'ben@acme.test', from: 'L1', to: 'L2' };

async function setup(h: EngineHandle) {
  const services = contextFor(await h.open());
  const app = createApp({ services });
  const admin = (await createToken(services, { role: 'admin', label: 'Root', actor: 'cli' })).token;
  const request = async (method: string, path: string, token: string | null, payload?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as { error?: { code: string; message: string } } & Record<string, unknown> };
  };
  for (const id of ['mini', 'other']) {
    expect((await request('POST', '/v1/workbooks', admin, { spreadsheetId: id, name: id })).status).toBe(200);
    const snapshot = { ...miniWorkbook(), spreadsheetId: id };
    for (const track of ['ENG', 'MGR']) {
      expect((await request('POST', `/v1/workbooks/${id}/tracks/${track}/drafts`, admin, snapshot)).status).toBe(201);
      expect((await request('POST', `/v1/workbooks/${id}/tracks/${track}/publish`, admin, {})).status).toBe(200);
    }
    const employees = structuredClone(sheetOf(miniWorkbook(), 'Employees').values);
    employees.push(['EMP-2', 'Eli Park', 'eli@acme.test', 'POS-2', '']);
    expect((await request('PUT', `/v1/workbooks/${id}/employees`, admin, { values: employees })).status).toBe(200);
  }
  const make = async (input: Omit<Parameters<typeof createToken>[1], 'actor' | 'label'>) => (await createToken(services, { label: input.role, actor: 'Root', ...input })).token;
  const tokens = {
    owner: await make({ role: 'owner', tracks: ['ENG'], workbookId: 'mini' }),
    manager: await make({ role: 'manager', workbookId: 'mini', email: 'ben@acme.test' }),
    integrator: await make({ role: 'integrator', workbookId: 'mini' }),
    admin: await make({ role: 'admin', workbookId: 'mini' }),
  };
  const doc = (await (await app.request('/openapi.json')).json()) as Doc;
  return { services, app, admin, tokens, request, doc };
}

describeEachEngine('tokens bound to a workbook', (h) => {
  it('every route of another workbook answers 403 to every bound token, the same whether the workbook exists or not', async () => {
    const { tokens, request, doc } = await setup(h);
    const routes = Object.entries(doc.paths).filter(([path]) => path.includes('{spreadsheetId}'));
    expect(routes.length).toBeGreaterThanOrEqual(14);
    let checked = 0;
    for (const [template, methods] of routes) {
      for (const method of Object.keys(methods)) {
        for (const [who, token] of Object.entries(tokens)) {
          const answers = [];
          for (const workbook of ['other', 'never-connected']) {
            const path = template.replace('{spreadsheetId}', workbook).replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? 'x');
            const res = await request(method.toUpperCase(), path, token, method === 'get' || method === 'delete' ? undefined : {});
            expect([who, method, path, res.status]).toEqual([who, method, path, 403]);
            answers.push(res.body.error?.message.replace(workbook, 'W'));
          }
          expect(answers[0]).toBe(answers[1]);
          expect(answers[0]).toBe('This token is for workbook mini; it cannot reach workbook W. Use a token made for that workbook.');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4 * 17);
  });

  it('on its own workbook: refresh, reports, exports, expectations and versions work within the role and tracks', async () => {
    const { tokens, request } = await setup(h);
    expect((await request('POST', '/v1/workbooks/mini/reports/refresh', tokens.manager)).status).toBe(202);
    expect((await request('POST', '/v1/workbooks/mini/reports/refresh', tokens.owner)).status).toBe(202);
    expect((await request('POST', '/v1/workbooks/mini/reports/refresh', tokens.integrator)).status).toBe(403);
    expect((await request('GET', '/v1/workbooks/mini/tracks/ENG/export?format=csv', tokens.integrator)).status).toBe(200);
    expect((await request('GET', '/v1/workbooks/mini/tracks/ENG/versions', tokens.owner)).status).toBe(200);
    expect((await request('GET', '/v1/workbooks/mini/tracks/MGR/versions', tokens.owner)).status).toBe(403);
    expect((await request('GET', '/v1/workbooks/mini', tokens.admin)).status).toBe(200);
  });

  it("position and employee expectations: a track owner reads its tracks' positions; the others are unknown to it", async () => {
    const { admin, tokens, request } = await setup(h);
    expect((await request('GET', '/v1/workbooks/mini/positions/POS-1/expectations', tokens.owner)).status).toBe(200);
    const other = await request('GET', '/v1/workbooks/mini/positions/POS-2/expectations', tokens.owner);
    expect(other).toEqual({ status: 404, body: { error: { code: 'position-unknown', message: 'No position POS-2 on the tracks this token reaches.' } } });
    const missing = await request('GET', '/v1/workbooks/mini/positions/POS-404/expectations', tokens.owner);
    expect([missing.status, missing.body.error?.code]).toEqual([404, 'position-unknown']);
    expect((await request('GET', '/v1/workbooks/mini/positions/POS-2/expectations', admin)).status).toBe(200);
    expect((await request('GET', '/v1/workbooks/mini/employees/EMP-2/expectations', tokens.owner)).status).toBe(404);
    expect((await request('GET', '/v1/workbooks/mini/employees/EMP-1/expectations', tokens.owner)).status).toBe(200);
  });

  it("the audit log: a bound token reads its workbook's entries only, a track owner its tracks' entries of its workbook only", async () => {
    const { admin, tokens, request } = await setup(h);
    type Entry = { workbookId: string | null; trackId: string | null; action: string };
    const entries = async (token: string, query = '') => {
      const res = await request('GET', `/v1/audit?limit=1000${query}`, token);
      expect(res.status).toBe(200);
      return res.body.entries as Entry[];
    };
    const everything = await entries(admin);
    expect(new Set(everything.map((e) => e.workbookId))).toEqual(new Set(['mini', 'other', null]));

    const owner = await entries(tokens.owner);
    expect(owner.length).toBeGreaterThan(0);
    expect(new Set(owner.map((e) => `${e.workbookId}/${e.trackId}`))).toEqual(new Set(['mini/ENG']));

    const bound = await entries(tokens.admin);
    expect(new Set(bound.map((e) => e.workbookId))).toEqual(new Set(['mini']));
    // Token events are entries of the token's workbook.
    expect(bound.filter((e) => e.action === 'token.create')).toHaveLength(4);

    for (const [token, query] of [[tokens.owner, '&workbook=other'], [tokens.admin, '&workbook=other'], [tokens.owner, '&track=MGR']] as const)
      expect((await request('GET', `/v1/audit?${query}`, token)).status).toBe(403);
    for (const token of [tokens.manager, tokens.integrator]) expect((await request('GET', '/v1/audit', token)).status).toBe(403);
  });

  it("a bound admin makes, lists and revokes its workbook's tokens only", async () => {
    const { admin, tokens, request } = await setup(h);
    const elsewhere = await request('POST', '/v1/tokens', tokens.admin, { role: 'owner', label: 'x', tracks: ['ENG'], workbookId: 'other' });
    expect(elsewhere).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'This admin token is for workbook mini; it can make tokens for that workbook only.' } } });
    const made = await request('POST', '/v1/tokens', tokens.admin, { role: 'owner', label: 'Zoe', tracks: ['MGR'] });
    expect([made.status, (made.body.info as { workbookId: string }).workbookId]).toEqual([201, 'mini']);
    const global = await request('POST', '/v1/tokens', admin, { role: 'integrator', label: 'Other LMS', workbookId: 'other' });
    expect(global.status).toBe(201);
    const otherId = (global.body.info as { tokenId: string }).tokenId;

    const listed = (await request('GET', '/v1/tokens', tokens.admin)).body.tokens as { workbookId: string | null; label: string }[];
    expect(new Set(listed.map((t) => t.workbookId))).toEqual(new Set(['mini']));
    expect(listed.map((t) => t.label)).toContain('Zoe');
    expect((await request('DELETE', `/v1/tokens/${otherId}`, tokens.admin)).status).toBe(404);
    expect((await request('DELETE', `/v1/tokens/${otherId}`, admin)).status).toBe(200);

    const connectOther = await request('POST', '/v1/workbooks', tokens.admin, { spreadsheetId: 'third', name: 'Third' });
    expect([connectOther.status, connectOther.body.error?.message]).toEqual([403, 'This token is for workbook mini; it cannot reach workbook third. Use a token made for that workbook.']);
    expect((await request('POST', '/v1/workbooks', tokens.admin, { spreadsheetId: 'mini', name: 'Mini again' })).status).toBe(200);
  });

  it('an admin limited to some tracks lists and revokes the tokens within its tracks only (not the workbook admin, not other tracks)', async () => {
    const { services, tokens, request } = await setup(h);
    const engAdmin = (await createToken(services, { role: 'admin', label: 'ENG admin', tracks: ['ENG'], workbookId: 'mini', actor: 'Root' })).token;
    const listed = (await request('GET', '/v1/tokens', engAdmin)).body.tokens as { tokenId: string; role: string; tracks: string[] | null }[];
    expect(listed.map((t) => [t.role, t.tracks])).toEqual([['owner', ['ENG']], ['admin', ['ENG']]]);
    const all = (await request('GET', '/v1/tokens', tokens.admin)).body.tokens as { tokenId: string; role: string; tracks: string[] | null }[];
    for (const t of all.filter((t) => t.tracks === null)) expect([t.role, (await request('DELETE', `/v1/tokens/${t.tokenId}`, engAdmin)).status]).toEqual([t.role, 404]);
    expect((await request('GET', '/v1/workbooks/mini', tokens.admin)).status).toBe(200);
    expect((await request('DELETE', `/v1/tokens/${listed[0].tokenId}`, engAdmin)).status).toBe(200);
  });

  it('an integrator token made over HTTP without a workbook is refused, saying what is missing', async () => {
    const { admin, request } = await setup(h);
    const res = await request('POST', '/v1/tokens', admin, { role: 'integrator', label: 'LMS' });
    expect(res).toEqual({ status: 400, body: { error: { code: 'invalid-token-request', message: 'An integrator token must be bound to one workbook: name its spreadsheet id.' } } });
  });
});
