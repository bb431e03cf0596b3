/**
 * What a refused caller reads: in plain words, what the role may not do and what to do instead, never an internal
 * action name. And every route of the API says which roles may call it, and holds to it.
 */
import { expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { refusal, ROLES, type Action, type Principal } from '../../sync-server/services/access';
import { createToken } from '../../sync-server/services/tokens';
import { contextFor } from '../services/fixtures';
import { describeEachEngine } from '../storage/engines';

const ACTIONS: Action[] = [
  'workbook.connect', 'workbook.read', 'draft.write', 'draft.read', 'track.publish', 'track.rollback', 'versions.read', 'reports.read',
  'learners.read', 'learners.write', 'records.import', 'framework.import', 'framework.export', 'ai.run', 'tokens.manage', 'audit.read',
];
/** An internal action name such as workbook.connect. */
const ACTION_NAME = new RegExp(`\\b(${ACTIONS.map((a) => a.replace('.', '\\.')).join('|')})\\b`);

it('every refusal of a role says what it may not do, who may, and what to do, without internal names', () => {
  let refused = 0;
  for (const role of ROLES) {
    const p: Principal = { tokenId: 't', role, label: role, tracks: ['ENG'], workbookId: 'mini', email: null };
    for (const action of ACTIONS) {
      for (const why of [refusal(p, action), refusal(p, action, 'MGR')]) {
        if (why === null) continue;
        refused++;
        expect(why).not.toMatch(ACTION_NAME);
        expect(why).toMatch(/^(An? \w+ token cannot .+; only .+ tokens can\. Ask an admin to do it, or for a token that may\.|This token is limited to track ENG; it cannot reach track MGR\. Ask an admin for a token that includes MGR\.)$/);
      }
    }
  }
  expect(refused).toBeGreaterThan(30);
  expect(refusal({ tokenId: 't', role: 'owner', label: 'Ana', tracks: ['ENG'], workbookId: 'mini', email: null }, 'workbook.connect'))
    .toBe('An owner token cannot connect a workbook to the server; only admin tokens can. Ask an admin to do it, or for a token that may.');
});

type Operation = { security?: unknown; 'x-rungs-roles'?: string[] };
const PARAMS: Record<string, string> = { spreadsheetId: 'mini', trackId: 'ENG', employeeId: 'EMP-1', positionId: 'POS-1', version: '1', kind: 'completions', tokenId: 'x', email: 'ben@acme.test', from: 'L1', to: 'L2' };
/** Routes anyone may call. */
const PUBLIC = ['GET /healthz', 'GET /readyz', 'POST /v1/validate', 'POST /v1/paths', 'POST /v1/paths/employee', 'POST /v1/analyze', 'POST /v1/inheritance'];

describeEachEngine('every route over HTTP', (h) => {
  it('answers 401 without a token, 403 in plain words to every role it does not list, and never refuses a role it lists', async () => {
    const services = contextFor(await h.open());
    const app = createApp({ services });
    const tokens: Record<string, string> = {};
    for (const role of ROLES) {
      const scope = role === 'admin' ? {} : { workbookId: 'mini', tracks: role === 'owner' ? ['ENG'] : null, email: role === 'manager' ? 'ben@acme.test' : null };
      tokens[role] = (await createToken(services, { role, label: role, actor: 'cli', ...scope })).token;
    }
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
    const open: string[] = [];
    let secured = 0;
    for (const [template, methods] of Object.entries(doc.paths)) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? 'x');
      for (const [method, op] of Object.entries(methods)) {
        const send = (token?: string) => app.request(path, {
          method: method.toUpperCase(),
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: method === 'get' || method === 'delete' ? undefined : '{}',
        });
        if (!op.security) {
          open.push(`${method.toUpperCase()} ${template}`);
          continue;
        }
        secured++;
        const roles = op['x-rungs-roles'];
        expect([template, Array.isArray(roles)]).toEqual([template, true]);
        expect([template, (await send()).status]).toEqual([template, 401]);
        for (const role of ROLES) {
          const res = await send(tokens[role]);
          const body = res.status === 403 ? ((await res.json()) as { error: { message: string } }).error.message : '';
          expect(body).not.toMatch(ACTION_NAME);
          const roleRefused = body.startsWith(`${role === 'admin' || role === 'owner' || role === 'integrator' ? 'An' : 'A'} ${role} token cannot`);
          expect([method, template, role, roleRefused]).toEqual([method, template, role, !roles!.includes(role)]);
        }
      }
    }
    expect(secured).toBeGreaterThanOrEqual(24);
    // Nothing is public by accident.
    for (const o of open) expect(PUBLIC).toContain(o);
  });
}, ['sqlite']);

describeEachEngine('an owner calling an admin route', (h) => {
  it('reads what its role may not do and what to do instead', async () => {
    const services = contextFor(await h.open());
    const app = createApp({ services });
    const { token } = await createToken(services, { role: 'owner', label: 'Ana', tracks: ['ENG'], workbookId: 'mini', actor: 'cli' });
    const res = await app.request('/v1/workbooks', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ spreadsheetId: 'mini', name: 'Mini' }) });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'An owner token cannot connect a workbook to the server; only admin tokens can. Ask an admin to do it, or for a token that may.' } });
    const tokens = await app.request('/v1/tokens', { headers: { authorization: `Bearer ${token}` } });
    expect(((await tokens.json()) as { error: { message: string } }).error.message).toBe('An owner token cannot create, list or revoke API tokens; only admin tokens can. Ask an admin to do it, or for a token that may.');
  });
}, ['sqlite']);
