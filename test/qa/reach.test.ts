/**
 * What a token cannot reach never shows up in an answer. Every route of the OpenAPI document (so a new route is
 * covered the day it is added) is called over HTTP by tokens bound to workbook `mini`, once aimed at another workbook
 * (in the URL, the body or the query) and once at another track's people and items of `mini`. Names planted in what
 * those tokens may not see must appear in no answer, whatever its status; a route that names another workbook
 * answers 403 or 404.
 */
import { expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { miniWorkbook, sheetOf } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { miniServers, type HttpServer } from '../trust/http-server';

type Doc = { paths: Record<string, Record<string, unknown>> };
const { connectedMini } = miniServers();

/** In workbook `other` only. */
const OTHER_SECRET = /zebra/i;
/** People of track MGR of `mini`: neither an ENG owner nor the manager of ENG's Dana may see them. */
const MGR_PEOPLE = /quokka|okapi boss/i;

function otherWorkbook(): WorkbookSnapshot {
  const s = miniWorkbook();
  s.spreadsheetId = 'other';
  sheetOf(s, 'Tracks').values[1][1] = 'Zebra Engineering';
  sheetOf(s, 'Tracks').values[2][6] = 'Zebra leads';
  sheetOf(s, 'Employees').values.push(['EMP-2', 'Zebra Person', 'zebra@acme.test', 'POS-2', 'ben@acme.test']);
  sheetOf(s, 'Employees').values[1][1] = 'Zebra Dana';
  return s;
}

const miniPeople = () => [
  ...sheetOf(miniWorkbook(), 'Employees').values,
  ['EMP-2', 'Quokka Hidden', 'quokka@acme.test', 'POS-2', 'okapi@acme.test'],
  ['EMP-3', 'Okapi Boss', 'okapi@acme.test', 'POS-2', ''],
];

async function setUp(server: HttpServer) {
  const { call, admin } = server;
  const publishAll = async (w: string, snapshot: WorkbookSnapshot, employees: unknown[][]) => {
    for (const t of ['ENG', 'MGR']) {
      expect((await call('POST', `/v1/workbooks/${w}/tracks/${t}/drafts`, admin, snapshot)).status).toBe(201);
      expect((await call('POST', `/v1/workbooks/${w}/tracks/${t}/publish`, admin, { note: 'zebra note' })).status).toBe(200);
    }
    expect((await call('PUT', `/v1/workbooks/${w}/employees`, admin, { values: employees })).status).toBe(200);
    const records = 'employee_id,module_id,status,completed_at\n' + employees.slice(1).map((e) => `${e[0]},S-1,completed,2026-10-01`).join('\n');
    expect((await call('POST', `/v1/workbooks/${w}/records/completions`, admin, records, { 'content-type': 'text/csv' })).status).toBe(200);
  };
  expect((await call('POST', '/v1/workbooks', admin, { spreadsheetId: 'other', name: 'Zebra Works' })).status).toBe(200);
  await publishAll('other', otherWorkbook(), sheetOf(otherWorkbook(), 'Employees').values);
  await publishAll('mini', miniWorkbook(), miniPeople());
  await server.token('admin', 'Zebra admin', undefined, 'other');
  await server.token('owner', 'Zebra owner', ['ENG'], 'other');
  return {
    owner: await server.token('owner', 'Ana', ['ENG']),
    manager: await (async () => {
      const made = await call('POST', '/v1/tokens', admin, { role: 'manager', label: 'Ben', workbookId: 'mini', email: ' Ben@Acme.test ' });
      expect(made.status).toBe(201);
      return made.body.token as string;
    })(),
    integrator: await server.token('integrator', 'LMS'),
    admin: await server.token('admin', 'Mini admin'),
  };
}

interface Target { workbook: string; track: string; employee: string; position: string; email: string }

/** A request for a route of the document, aimed at `to`. */
function requestFor(template: string, method: string, to: Target, secretTokenId: string): { path: string; body: unknown; headers: Record<string, string> } {
  const params: Record<string, string> = {
    spreadsheetId: to.workbook, trackId: to.track, employeeId: to.employee, positionId: to.position, email: to.email,
    version: '1', kind: 'completions', tokenId: secretTokenId,
  };
  let path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'));
  const query: Record<string, string> = {
    '/v1/audit': `workbook=${to.workbook}&track=${to.track}`,
    [`/v1/workbooks/{spreadsheetId}/people`]: 'q=a',
    [`/v1/workbooks/{spreadsheetId}/tracks/{trackId}/levels/compare`]: 'from=M1&to=M2',
    [`/v1/workbooks/{spreadsheetId}/tracks/{trackId}/export`]: 'format=csv',
  };
  if (query[template]) path += `?${query[template]}`;
  if (method === 'get' || method === 'delete') return { path, body: undefined, headers: {} };
  const snapshot = { ...miniWorkbook(), spreadsheetId: to.workbook };
  const bodies: Record<string, unknown> = {
    '/v1/workbooks': { spreadsheetId: to.workbook, name: 'Taken over' },
    '/v1/tokens': { role: 'owner', label: 'x', tracks: [to.track], workbookId: to.workbook },
    '/v1/paths/employee': { snapshot, employeeId: to.employee },
    '/v1/inheritance': { snapshot, employeeId: to.employee },
    '/v1/paths': { snapshot, trackId: to.track },
    '/v1/analyze': { snapshot },
    '/v1/import': { format: 'csv', content: Object.fromEntries(miniWorkbook().sheets.map((s) => [`${s.name}.csv`, s.values.map((r) => r.join(',')).join('\n')])) },
    '/v1/validate': snapshot,
    '/v1/workbooks/{spreadsheetId}/tracks/{trackId}/drafts': snapshot,
    '/v1/workbooks/{spreadsheetId}/employees': { values: miniPeople() },
    '/v1/workbooks/{spreadsheetId}/publish': { tracks: [{ trackId: to.track }] },
    '/v1/workbooks/{spreadsheetId}/tracks/{trackId}/rollback': { toVersion: 1 },
  };
  if (template.endsWith('/records/{kind}')) return { path, body: 'employee_id,module_id,status\nEMP-2,S-1,completed\n', headers: { 'content-type': 'text/csv' } };
  return { path, body: bodies[template] ?? {}, headers: {} };
}

describeEachEngine('what a token cannot reach is in no answer', (h) => {
  it('every route, aimed at another workbook or at another track\'s people, by every bound token', async () => {
    const server = await connectedMini(h);
    const tokens = await setUp(server);
    const doc = (await server.call<Doc>('GET', '/openapi.json', null)).body;
    const otherTokenId = ((await server.call('GET', '/v1/tokens', server.admin)).body.tokens as { tokenId: string; label: string }[])
      .find((t) => t.label === 'Zebra admin')!.tokenId;
    const elsewhere: Target = { workbook: 'other', track: 'ENG', employee: 'EMP-2', position: 'POS-2', email: 'ben@acme.test' };
    const otherTrack: Target = { workbook: 'mini', track: 'MGR', employee: 'EMP-2', position: 'POS-2', email: 'okapi@acme.test' };
    let calls = 0;
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        for (const [who, token] of Object.entries(tokens)) {
          const out = requestFor(template, method, elsewhere, otherTokenId);
          const res = await server.call(method.toUpperCase(), out.path, token, out.body, out.headers);
          const text = JSON.stringify(res.body);
          expect([who, method, out.path, OTHER_SECRET.test(text) ? text.slice(0, 300) : 'no leak']).toEqual([who, method, out.path, 'no leak']);
          const namesOther = template.includes('{spreadsheetId}') || ['/v1/paths/employee', '/v1/inheritance', '/v1/audit', '/v1/tokens/{tokenId}'].includes(template)
            || (template === '/v1/tokens' && method === 'post') || (template === '/v1/workbooks' && who === 'admin');
          if (namesOther) expect([who, method, out.path, [403, 404].includes(res.status)]).toEqual([who, method, out.path, true]);
          calls++;
          if (who !== 'owner' && who !== 'manager') continue;
          const near = requestFor(template, method, otherTrack, otherTokenId);
          const res2 = await server.call(method.toUpperCase(), near.path, token, near.body, near.headers);
          const text2 = JSON.stringify(res2.body);
          expect([who, method, near.path, MGR_PEOPLE.test(text2) ? text2.slice(0, 300) : 'no leak']).toEqual([who, method, near.path, 'no leak']);
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(200);
  });
});
