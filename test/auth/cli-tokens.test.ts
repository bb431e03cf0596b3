/**
 * `rungs token` makes bound tokens (--workbook, --email for managers) and binds existing ones; the server process
 * holds every token to its workbook: refresh, expectations, audit and exports included.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { miniWorkbook } from '../shared/mini-workbook';
import { rungs, ROOT } from '../cli/run-rungs';
import { startAuthServer, type AuthServer } from './server';

let s: AuthServer;
beforeAll(async () => {
  s = await startAuthServer();
  for (const id of ['mini', 'other']) {
    expect((await s.call('POST', '/v1/workbooks', s.admin, { spreadsheetId: id, name: id })).status).toBe(200);
    expect((await s.call('POST', `/v1/workbooks/${id}/tracks/ENG/drafts`, s.admin, { ...miniWorkbook(), spreadsheetId: id })).status).toBe(201);
    expect((await s.call('POST', `/v1/workbooks/${id}/tracks/ENG/publish`, s.admin, {})).status).toBe(200);
  }
}, 60_000);
afterAll(() => s?.stop());

const cli = (...args: string[]) => rungs(['token', ...args], ROOT, s.storeEnv);

it('the help says which roles need --workbook, --tracks and --email', async () => {
  const help = await rungs(['token', 'create', '--help'], ROOT, s.storeEnv);
  expect(help.code).toBe(0);
  const text = help.stdout + help.stderr;
  expect(text).toContain('Required for owner, manager and');
  expect(text).toContain('integrator tokens; an admin token without it reaches every workbook');
  expect(text).toMatch(/--email EMAIL +manager tokens \(required\)/);
});

it('an owner token made with --workbook reaches its workbook and track only, over HTTP', async () => {
  const made = await cli('create', '--role', 'owner', '--label', 'Ana', '--tracks', 'ENG', '--workbook', 'mini');
  expect(made.code, made.stderr).toBe(0);
  expect(made.stderr).toContain('for workbook mini');
  const ana = made.stdout.trim();
  const status = async (method: string, path: string) => (await s.call(method, path, ana, method === 'POST' ? {} : undefined)).status;
  expect(await status('GET', '/v1/workbooks/mini/tracks/ENG/versions')).toBe(200);
  expect(await status('GET', '/v1/workbooks/mini/positions/POS-1/expectations')).toBe(200);
  expect(await status('POST', '/v1/workbooks/mini/reports/refresh')).toBe(202);
  expect(await status('GET', '/v1/audit')).toBe(200);
  for (const [method, path] of [
    ['GET', '/v1/workbooks/other/tracks/ENG/versions'], ['GET', '/v1/workbooks/other/positions/POS-1/expectations'],
    ['POST', '/v1/workbooks/other/reports/refresh'], ['GET', '/v1/audit?workbook=other'], ['GET', '/v1/workbooks/other/tracks/ENG/export?format=csv'],
  ] as const) expect([path, await status(method, path)]).toEqual([path, 403]);
});

it('a manager token carries its email; an integrator token exports its workbook only', async () => {
  expect((await cli('create', '--role', 'manager', '--label', 'Ben', '--workbook', 'mini')).code).toBe(2);
  const ben = await cli('create', '--role', 'manager', '--label', 'Ben', '--workbook', 'mini', '--email', 'Ben@Acme.test');
  expect(ben.code, ben.stderr).toBe(0);
  const lms = (await cli('create', '--role', 'integrator', '--label', 'LMS', '--workbook', 'other')).stdout.trim();
  expect((await s.call('GET', '/v1/workbooks/other/tracks/ENG/export?format=csv', lms)).status).toBe(200);
  expect((await s.call('GET', '/v1/workbooks/mini/tracks/ENG/export?format=csv', lms)).status).toBe(403);
  const listed = await cli('list');
  expect(listed.stdout).toMatch(/manager +active +Ben +workbook: mini +email: ben@acme\.test/);
  expect(listed.stdout).toMatch(/admin +active +Root +workbook: every/);
});

it('rungs token bind binds a global admin token to one workbook', async () => {
  const made = await cli('create', '--role', 'admin', '--label', 'Ops');
  const ops = made.stdout.trim();
  expect((await s.call('GET', '/v1/workbooks/other', ops)).status).toBe(200);
  const id = (JSON.parse((await cli('list', '--json')).stdout) as { tokenId: string; label: string }[]).find((t) => t.label === 'Ops')!.tokenId;
  expect((await cli('bind', id)).code).toBe(2);
  const bound = await cli('bind', id, '--workbook', 'mini');
  expect(bound.code, bound.stderr).toBe(0);
  expect((await s.call('GET', '/v1/workbooks/mini', ops)).status).toBe(200);
  expect((await s.call('GET', '/v1/workbooks/other', ops)).status).toBe(403);
  const again = await cli('bind', id, '--workbook', 'other');
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('is already bound to workbook mini');
});
