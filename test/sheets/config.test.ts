import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSheetsConfig, type SheetsConfig } from '../../sync-server/sheets/config';
import { createSheetsConnector } from '../../sync-server/sheets/connector';
import { RateLimiter } from '../../sync-server/sheets/rate-limiter';
import { startSheetsStandIn, type SheetsStandIn } from '../sheets-standin';
import { fakeWaiting } from './fixtures';

const EMAIL = 'rungs-sync@acme-project.iam.gserviceaccount.com';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const KEY_JSON = JSON.stringify({ type: 'service_account', project_id: 'acme-project', private_key_id: 'k1', private_key: privateKey, client_email: EMAIL, token_uri: 'https://oauth2.googleapis.com/token' });

function configured(env: Record<string, string>): SheetsConfig {
  const r = loadSheetsConfig(env, () => { throw Object.assign(new Error('no file'), { code: 'ENOENT' }); });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.config;
}

describe('loadSheetsConfig', () => {
  it('says sheets-not-configured when no credentials are set (blank counts as unset)', () => {
    const r = loadSheetsConfig({ RUNGS_SHEETS_ROOT_URL: 'http://127.0.0.1:1/', GOOGLE_APPLICATION_CREDENTIALS: '  ' });
    expect(r).toMatchObject({ ok: false, code: 'sheets-not-configured' });
    expect(r.ok ? '' : r.message).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
  });

  it('reads a service account key inline or from the file GOOGLE_APPLICATION_CREDENTIALS names', () => {
    expect(configured({ RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON: KEY_JSON }).credentials).toEqual({ kind: 'service-account', clientEmail: EMAIL, privateKey, privateKeyId: 'k1' });
    const dir = mkdtempSync(join(tmpdir(), 'rungs-sheets-'));
    writeFileSync(join(dir, 'key.json'), KEY_JSON);
    const fromFile = loadSheetsConfig({ GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'key.json'), RUNGS_REPORT_EDITORS: 'a@acme.example, b@acme.example' });
    expect(fromFile).toMatchObject({ ok: true, config: { credentials: { kind: 'service-account', clientEmail: EMAIL }, reportEditors: ['a@acme.example', 'b@acme.example'] } });
    writeFileSync(join(dir, 'user.json'), JSON.stringify({ type: 'authorized_user', client_id: 'cid', client_secret: 'cs', refresh_token: 'rt' }));
    expect(loadSheetsConfig({ GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'user.json') })).toMatchObject({ ok: true, config: { credentials: { kind: 'oauth', clientId: 'cid', refreshToken: 'rt' } } });
  });

  it('prefers a fixed access token, then a service account, then OAuth; reads limits', () => {
    const c = configured({ RUNGS_SHEETS_ACCESS_TOKEN: 't', RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON: KEY_JSON, RUNGS_SHEETS_ROOT_URL: 'http://127.0.0.1:9/x', RUNGS_SHEETS_MAX_ATTEMPTS: '3', RUNGS_SHEETS_REQUESTS_PER_MINUTE: '30' });
    expect(c).toMatchObject({ credentials: { kind: 'access-token', accessToken: 't' }, rootUrl: 'http://127.0.0.1:9/x/', retry: { maxAttempts: 3 }, rateLimit: { requestsPerMinute: 30 } });
    expect(configured({ RUNGS_GOOGLE_OAUTH_CLIENT_ID: 'id', RUNGS_GOOGLE_OAUTH_CLIENT_SECRET: 's', RUNGS_GOOGLE_OAUTH_REFRESH_TOKEN: 'r' }).credentials).toEqual({ kind: 'oauth', clientId: 'id', clientSecret: 's', refreshToken: 'r', tokenUrl: undefined });
  });

  it('names the problem with bad settings (sheets-bad-config)', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON: '{nope' }, /RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON is not JSON/],
      [{ RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON: JSON.stringify({ type: 'service_account', client_email: 'x' }) }, /client_email/],
      [{ GOOGLE_APPLICATION_CREDENTIALS: '/nowhere/key.json' }, /cannot be read \(ENOENT\)/],
      [{ RUNGS_GOOGLE_OAUTH_CLIENT_ID: 'id' }, /all three/],
      [{ RUNGS_SHEETS_ACCESS_TOKEN: 't', RUNGS_REPORT_EDITORS: 'not-an-email' }, /RUNGS_REPORT_EDITORS/],
      [{ RUNGS_SHEETS_ACCESS_TOKEN: 't', RUNGS_SHEETS_MAX_ATTEMPTS: '0' }, /RUNGS_SHEETS_MAX_ATTEMPTS/],
    ];
    for (const [env, message] of cases) {
      const r = loadSheetsConfig(env, () => { throw Object.assign(new Error('no file'), { code: 'ENOENT' }); });
      expect(r, JSON.stringify(env)).toMatchObject({ ok: false, code: 'sheets-bad-config' });
      expect(r.ok ? '' : r.message).toMatch(message);
    }
  });
});

describe('credentials against the stand-in', () => {
  let standIn: SheetsStandIn;
  let id: string;
  beforeAll(async () => {
    standIn = await startSheetsStandIn();
    id = standIn.createSpreadsheet({ tabs: [{ name: 'Tracks', values: [['Track ID'], ['ENG']] }] });
  });
  afterAll(() => standIn.close());

  const connect = (config: SheetsConfig) => createSheetsConnector(config, { limiter: new RateLimiter(config.rateLimit), waiting: fakeWaiting() });

  it('signs calls as the service account (a self-signed JWT with the spreadsheets scope)', async () => {
    standIn.auth.addServiceAccount(EMAIL, publicKey);
    standIn.resetCalls();
    const { snapshot } = await connect(configured({ RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON: KEY_JSON, RUNGS_SHEETS_ROOT_URL: standIn.rootUrl })).readWorkbook(id);
    expect(snapshot.sheets[0].values).toEqual([['Track ID'], ['ENG']]);
    expect(standIn.calls.map((c) => c.principal)).toEqual([`service-account:${EMAIL}`]);
  });

  it('refuses a service account whose key the stand-in does not know (sheets-unauthorized)', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const key = JSON.stringify({ type: 'service_account', private_key: other.privateKey, client_email: 'intruder@evil-project.iam.gserviceaccount.com' });
    const err = await connect(configured({ RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON: key, RUNGS_SHEETS_ROOT_URL: standIn.rootUrl })).readWorkbook(id).then(() => undefined, (e: unknown) => e as { code?: string });
    expect(err?.code).toBe('sheets-unauthorized');
  });

  it('exchanges an OAuth refresh token at the token endpoint, then calls with the access token', async () => {
    standIn.auth.addOAuthClient({ clientId: 'client-1', clientSecret: 'secret-1', refreshToken: 'refresh-1' });
    standIn.resetCalls();
    const env = { RUNGS_GOOGLE_OAUTH_CLIENT_ID: 'client-1', RUNGS_GOOGLE_OAUTH_CLIENT_SECRET: 'secret-1', RUNGS_GOOGLE_OAUTH_REFRESH_TOKEN: 'refresh-1', RUNGS_GOOGLE_OAUTH_TOKEN_URL: standIn.tokenUrl, RUNGS_SHEETS_ROOT_URL: standIn.rootUrl };
    const connector = connect(configured(env));
    await connector.readWorkbook(id);
    await connector.readWorkbook(id);
    expect(standIn.calls.map((c) => [c.kind, c.status])).toEqual([['token', 200], ['get', 200], ['get', 200]]);

    const revoked = connect(configured({ ...env, RUNGS_GOOGLE_OAUTH_REFRESH_TOKEN: 'revoked' }));
    const err = await revoked.readWorkbook(id).then(() => undefined, (e: unknown) => e as { code?: string; message?: string });
    expect(err?.code).toBe('sheets-unauthorized');
    expect(err?.message).toMatch(/invalid_grant/);
  });
});
