/**
 * How the connector reaches Google, from the environment. Credentials, first match wins:
 * RUNGS_SHEETS_ACCESS_TOKEN (a fixed token: tests and stand-ins), RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON (the key
 * inline), GOOGLE_APPLICATION_CREDENTIALS (a key file: service account, or an `authorized_user` file from gcloud),
 * RUNGS_GOOGLE_OAUTH_CLIENT_ID + _SECRET + _REFRESH_TOKEN. None of them: `sheets-not-configured`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '../zod-issues';
import type { SheetsErrorCode } from './errors';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limiter';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';

export type SheetsCredentials =
  | { kind: 'access-token'; accessToken: string }
  | { kind: 'service-account'; clientEmail: string; privateKey: string; privateKeyId?: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string; refreshToken: string; tokenUrl?: string };

export interface SheetsConfig {
  credentials: SheetsCredentials;
  /** Another Sheets API root (a stand-in), e.g. http://127.0.0.1:9000/; undefined = Google. */
  rootUrl?: string;
  /** Who may edit the report tabs besides the account that writes them (emails). */
  reportEditors: string[];
  retry: RetryPolicy;
  rateLimit: RateLimit;
  /** Per HTTP request. */
  timeoutMs: number;
}

export type SheetsConfigResult =
  | { ok: true; config: SheetsConfig }
  | { ok: false; code: Extract<SheetsErrorCode, 'sheets-not-configured' | 'sheets-bad-config'>; message: string };

const ServiceAccountKeySchema = z.object({
  type: z.literal('service_account'),
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY', { message: 'is not a PEM private key' }),
  private_key_id: z.string().optional(),
});

const AuthorizedUserSchema = z.object({
  type: z.literal('authorized_user'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  refresh_token: z.string().min(1),
});

const KeyFileSchema = z.discriminatedUnion('type', [ServiceAccountKeySchema, AuthorizedUserSchema]);

const emails = z.string().transform((s) => s.split(',').map((e) => e.trim()).filter((e) => e !== '')).pipe(z.array(z.email()));

const EnvSchema = z.object({
  RUNGS_SHEETS_ACCESS_TOKEN: z.string().optional(),
  RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON: z.string().optional(),
  GOOGLE_APPLICATION_CREDENTIALS: z.string().optional(),
  RUNGS_GOOGLE_OAUTH_CLIENT_ID: z.string().optional(),
  RUNGS_GOOGLE_OAUTH_CLIENT_SECRET: z.string().optional(),
  RUNGS_GOOGLE_OAUTH_REFRESH_TOKEN: z.string().optional(),
  RUNGS_GOOGLE_OAUTH_TOKEN_URL: z.url().optional(),
  RUNGS_SHEETS_ROOT_URL: z.url().transform((u) => (u.endsWith('/') ? u : `${u}/`)).optional(),
  RUNGS_REPORT_EDITORS: emails.default([]),
  RUNGS_SHEETS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(DEFAULT_RETRY.maxAttempts),
  RUNGS_SHEETS_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(300).default(DEFAULT_RATE_LIMIT.requestsPerMinute),
  RUNGS_SHEETS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
});
type Env = z.infer<typeof EnvSchema>;

type Credentials = { ok: true; credentials: SheetsCredentials } | { ok: false; message: string } | null;

function keyJson(text: string, where: string): Credentials {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `${where} is not JSON. It should hold a service account key downloaded from Google Cloud.` };
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: `${where} is not a usable key: ${describeIssues(parsed.error)}` };
  const k = parsed.data;
  if (k.type === 'authorized_user') return { ok: true, credentials: { kind: 'oauth', clientId: k.client_id, clientSecret: k.client_secret, refreshToken: k.refresh_token } };
  return { ok: true, credentials: { kind: 'service-account', clientEmail: k.client_email, privateKey: k.private_key, privateKeyId: k.private_key_id } };
}

function credentialsFrom(e: Env, readFile: (path: string) => string): Credentials {
  if (e.RUNGS_SHEETS_ACCESS_TOKEN) return { ok: true, credentials: { kind: 'access-token', accessToken: e.RUNGS_SHEETS_ACCESS_TOKEN } };
  if (e.RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON) return keyJson(e.RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON, 'RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON');
  if (e.GOOGLE_APPLICATION_CREDENTIALS) {
    let text: string;
    try {
      text = readFile(e.GOOGLE_APPLICATION_CREDENTIALS);
    } catch (err) {
      return { ok: false, message: `GOOGLE_APPLICATION_CREDENTIALS names "${e.GOOGLE_APPLICATION_CREDENTIALS}", which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).` };
    }
    return keyJson(text, `The key file "${e.GOOGLE_APPLICATION_CREDENTIALS}" (GOOGLE_APPLICATION_CREDENTIALS)`);
  }
  const oauth = [e.RUNGS_GOOGLE_OAUTH_CLIENT_ID, e.RUNGS_GOOGLE_OAUTH_CLIENT_SECRET, e.RUNGS_GOOGLE_OAUTH_REFRESH_TOKEN];
  if (oauth.every((v) => v)) {
    return { ok: true, credentials: { kind: 'oauth', clientId: oauth[0] as string, clientSecret: oauth[1] as string, refreshToken: oauth[2] as string, tokenUrl: e.RUNGS_GOOGLE_OAUTH_TOKEN_URL } };
  }
  if (oauth.some((v) => v)) return { ok: false, message: 'OAuth needs all three of RUNGS_GOOGLE_OAUTH_CLIENT_ID, RUNGS_GOOGLE_OAUTH_CLIENT_SECRET and RUNGS_GOOGLE_OAUTH_REFRESH_TOKEN.' };
  return null;
}

/** The connector's configuration from the environment; blank variables count as unset. */
export function loadSheetsConfig(env: NodeJS.ProcessEnv = process.env, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): SheetsConfigResult {
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = EnvSchema.safeParse(set);
  if (!parsed.success) return { ok: false, code: 'sheets-bad-config', message: `Bad Google Sheets settings: ${describeIssues(parsed.error)}` };
  const e = parsed.data;
  const creds = credentialsFrom(e, readFile);
  if (creds === null) {
    return {
      ok: false, code: 'sheets-not-configured',
      message: 'Google Sheets is not configured: set GOOGLE_APPLICATION_CREDENTIALS (a service account key file) or RUNGS_GOOGLE_SERVICE_ACCOUNT_JSON, or the RUNGS_GOOGLE_OAUTH_* variables. Reports are still computed; the add-on can write them.',
    };
  }
  if (!creds.ok) return { ok: false, code: 'sheets-bad-config', message: creds.message };
  return {
    ok: true,
    config: {
      credentials: creds.credentials,
      rootUrl: e.RUNGS_SHEETS_ROOT_URL,
      reportEditors: e.RUNGS_REPORT_EDITORS,
      retry: { ...DEFAULT_RETRY, maxAttempts: e.RUNGS_SHEETS_MAX_ATTEMPTS },
      rateLimit: { requestsPerMinute: e.RUNGS_SHEETS_REQUESTS_PER_MINUTE, burst: Math.min(DEFAULT_RATE_LIMIT.burst, e.RUNGS_SHEETS_REQUESTS_PER_MINUTE) },
      timeoutMs: e.RUNGS_SHEETS_TIMEOUT_MS,
    },
  };
}
