/**
 * Rate limits over real sockets: per token for valid tokens, per client address for everything else, 429 with
 * Retry-After; probes are never limited. Behind one trusted proxy, the address is the one that proxy saw.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAuthServer, type AuthServer } from './server';
import { slowUpload } from './slow-client';

let s: AuthServer;
beforeAll(async () => {
  s = await startAuthServer({ RUNGS_RATE_LIMIT_PER_ADDRESS: '5', RUNGS_RATE_LIMIT_PER_TOKEN: '8', RUNGS_TRUSTED_PROXIES: '1' });
}, 60_000);
afterAll(() => s?.stop());

const from = (address: string) => ({ 'x-forwarded-for': address });
const validate = (headers: Record<string, string>, token: string | null = null) => s.call('POST', '/v1/validate', token, { spreadsheetId: 'x', sheets: [] }, headers);

it('an address without a valid token gets 5 requests a minute, then 429 with Retry-After; others are not affected', async () => {
  for (let i = 0; i < 5; i++) expect((await validate(from('10.0.0.1'))).status).toBe(200);
  const limited = await validate(from('10.0.0.1'));
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await limited.json()).toEqual({ error: { code: 'rate-limited', message: expect.stringMatching(/^More than 5 requests in a minute came from your address without a valid token\. Wait \d+ seconds? and try again\.$/) } });
  // A bad token counts against the address, so guessing tokens is limited too.
  expect((await s.call('GET', '/v1/tokens', 'rungs_guess', undefined, from('10.0.0.1'))).status).toBe(429);
  // The address the trusted proxy saw counts, not what the client claims before it.
  expect((await validate(from('10.0.0.2, 10.0.0.1'))).status).toBe(429);
  expect((await validate(from('10.0.0.2'))).status).toBe(200);
  // A valid token is limited per token, not per address.
  expect((await s.call('GET', '/v1/tokens', s.admin, undefined, from('10.0.0.1'))).status).toBe(200);
  // Past the limit, a large body is not received: the answer closes the connection.
  const flood = await slowUpload(s.base, { method: 'POST', path: '/v1/validate', headers: { 'content-type': 'application/json', ...from('10.0.0.1') }, totalBytes: 20 * 1024 * 1024, chunkBytes: 1024, everyMs: 5000 });
  expect(flood.status).toBe(429);
  expect(flood.head.toLowerCase()).toContain('connection: close');
  expect(flood.head.toLowerCase()).toMatch(/retry-after: \d+/);
  // Probes are never limited.
  for (let i = 0; i < 20; i++) expect((await s.call('GET', '/healthz', null, undefined, from('10.0.0.1'))).status).toBe(200);
});

it('a token gets 8 requests a minute, then 429 with Retry-After; another token is not affected', async () => {
  const owner = await s.token({ role: 'owner', tracks: ['ENG'], workbookId: 'mini' });
  let status = 0;
  let n = 0;
  for (; n < 20 && status !== 429; n++) status = (await s.call('GET', '/v1/workbooks/mini', s.admin, undefined, from('10.0.0.3'))).status;
  // The admin token already sent two requests (the owner token and the request of the first test).
  expect([n, status]).toEqual([7, 429]);
  const limited = await s.call('GET', '/v1/workbooks/mini', s.admin);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/^This token sent more than 8 requests in a minute\./);
  expect((await s.call('GET', '/v1/workbooks/mini', owner)).status).toBe(404);
});
