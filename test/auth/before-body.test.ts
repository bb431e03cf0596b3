/**
 * Authentication, route authorization and body limits come from the headers alone: over real sockets to the server
 * process, a client that sends its headers and then trickles a 20 MB body gets its answer before it has sent 1 MB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type AuthServer } from './server';
import { slowUpload } from './slow-client';

const MB = 1024 * 1024;
let s: AuthServer;
let owner: string;
let integrator: string;

beforeAll(async () => {
  s = await startAuthServer();
  for (const spreadsheetId of ['mini', 'other']) expect((await s.call('POST', '/v1/workbooks', s.admin, { spreadsheetId, name: spreadsheetId })).status).toBe(200);
  owner = await s.token({ role: 'owner', tracks: ['ENG'], workbookId: 'mini' });
  integrator = await s.token({ role: 'integrator', workbookId: 'other' });
}, 60_000);
afterAll(() => s?.stop());

/** 20 MB announced, 64 KB sent every 25 ms: the whole body would take 8 s. */
const trickle = (method: string, path: string, headers: Record<string, string>, extra: Partial<Parameters<typeof slowUpload>[1]> = {}) =>
  slowUpload(s.base, { method, path, headers: { 'content-type': 'application/json', ...headers }, totalBytes: 20 * MB, chunkBytes: 64 * 1024, everyMs: 25, ...extra });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('answers from the headers, before the body is sent', () => {
  it('an anonymous 20 MB POST gets 401 before 1 MB of it was sent', async () => {
    for (const path of ['/v1/workbooks/mini/tracks/ENG/drafts', '/v1/workbooks', '/v1/tokens', '/v1/import', '/v1/workbooks/mini/tracks/ENG/ai/matrix']) {
      const a = await trickle('POST', path, {});
      expect([path, a.status]).toEqual([path, 401]);
      expect(a.sentBytes).toBeLessThan(MB);
    }
    const unknown = await trickle('POST', '/v1/workbooks/mini/tracks/ENG/drafts', bearer('rungs_not-a-token'));
    expect(unknown.status).toBe(401);
    expect(unknown.sentBytes).toBeLessThan(MB);
  });

  it('a token that may not take the action, or not on that workbook or track, gets 403 before the body', async () => {
    for (const [path, token] of [
      ['/v1/workbooks', owner], // only admins connect workbooks
      ['/v1/workbooks/other/tracks/ENG/drafts', owner], // another workbook
      ['/v1/workbooks/mini/tracks/MGR/drafts', owner], // another track
      ['/v1/workbooks/mini/employees', owner], // replacing employees needs a token for every track
      ['/v1/workbooks/mini/tracks/ENG/ai/competencies', integrator], // integrators do not ask the AI
    ] as const) {
      const a = await trickle(path.endsWith('/employees') ? 'PUT' : 'POST', path, bearer(token));
      expect([path, a.status]).toEqual([path, 403]);
      expect(a.sentBytes).toBeLessThan(MB);
    }
  });

  it('a learner-record upload streams, but is authenticated and authorized before a byte of it is read', async () => {
    const csv = { 'content-type': 'text/csv' };
    expect((await trickle('POST', '/v1/workbooks/mini/records/completions', csv)).status).toBe(401);
    const elsewhere = await trickle('POST', '/v1/workbooks/mini/records/completions', { ...csv, ...bearer(integrator) });
    expect([elsewhere.status, elsewhere.sentBytes < MB]).toEqual([403, true]);
    const tooBig = await trickle('POST', '/v1/workbooks/mini/records/completions', { ...csv, ...bearer(s.admin) }, { totalBytes: 3 * 1024 * MB });
    expect([tooBig.status, tooBig.sentBytes < MB]).toEqual([413, true]);
  });
});

describe('body limits per route', () => {
  it('a declared length over the route limit gets 413 before the body: snapshots 50 MB, small JSON 256 KB', async () => {
    const big = await trickle('POST', '/v1/workbooks/mini/tracks/ENG/drafts', bearer(s.admin), { totalBytes: 60 * MB });
    expect([big.status, big.sentBytes < MB]).toEqual([413, true]);
    const publish = await trickle('POST', '/v1/workbooks/mini/tracks/ENG/publish', bearer(s.admin), { totalBytes: MB });
    expect([publish.status, publish.sentBytes < 256 * 1024]).toEqual([413, true]);
    const anonymous = await trickle('POST', '/v1/validate', {}, { totalBytes: 60 * MB });
    expect([anonymous.status, anonymous.sentBytes < MB]).toEqual([413, true]);
  });

  it('a chunked body is counted as it arrives and refused once it passes the limit, not after the whole of it', async () => {
    const a = await trickle('POST', '/v1/workbooks/mini/tracks/ENG/publish', bearer(s.admin), { chunked: true, totalBytes: 20 * MB, chunkBytes: 16 * 1024, everyMs: 5 });
    expect(a.status).toBe(413);
    expect(a.sentBytes).toBeGreaterThan(256 * 1024);
    expect(a.sentBytes).toBeLessThan(MB);
  });

  it('within the limits, the same routes work', async () => {
    const res = await s.call('POST', '/v1/workbooks/mini/tracks/ENG/publish', s.admin, {});
    expect(res.status).toBe(404); // no draft yet: the request got through to the route
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown-draft');
  });
});
