/**
 * A real sync server process for the Team tests (embedded storage in a temporary folder), the example workbook
 * connected and every track published, its employees stored, and helpers to plant records and make tokens.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { openStore } from '../../sync-server/storage/store';
import { rungs, ROOT } from '../cli/run-rungs';
import { startServer, type Server } from '../server/spawn-server';
import { acmeSnapshot } from './fixtures';

export interface TeamServer {
  server: Server;
  base: string;
  adminToken: string;
  spreadsheetId: string;
  acme: WorkbookSnapshot;
  api(method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; json: unknown }>;
  /** POST text/csv to the records route (completions or assessments). */
  upload(kind: 'completions' | 'assessments', csv: string): Promise<{ status: number; json: unknown }>;
  token(role: 'admin' | 'owner' | 'manager' | 'integrator', tracks?: string[] | null): Promise<string>;
  /** A manager token tied to an email and a workbook (this one unless named). */
  managerToken(email: string, tracks: string[], workbookId?: string): Promise<string>;
  /** Asks a refresh and waits until one finished after the ask. */
  refresh(): Promise<{ state: { lastOutcome: string | null; summary: Record<string, number> | null }; tabs: { title: string; rows: unknown[][]; metadata?: Record<string, string> }[] }>;
  stop(): Promise<void>;
}

/**
 * Ties a token to an email and a workbook by writing its row, as `rungs token create --role manager --workbook <id>
 * --email <email>` does once token binding is in (the columns are added here when this store has none yet).
 */
async function bindToken(dataDir: string, tokenId: string, spreadsheetId: string, email: string): Promise<void> {
  const store = await openStore({ engine: 'sqlite', dataDir });
  try {
    const columns = (await sql<{ name: string }>`select name from pragma_table_info('api_tokens')`.execute(store.db)).rows.map((r) => r.name);
    for (const column of ['workbook_id', 'email']) {
      if (!columns.includes(column)) await sql`alter table api_tokens add column ${sql.ref(column)} text`.execute(store.db);
    }
    await sql`update api_tokens set workbook_id = ${spreadsheetId}, email = ${email} where id = ${tokenId}`.execute(store.db);
  } finally {
    await store.close();
  }
}

export type Api = (method: string, p: string, body?: unknown, token?: string) => Promise<{ status: number; json: unknown }>;

/** JSON requests to a server with a default token. */
export function apiClient(base: string, defaultToken: string): Api {
  return async (method, p, body, token = defaultToken) => {
    const res = await fetch(base + p, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as unknown };
  };
}

async function must(what: string, r: Promise<{ status: number; json: unknown }>): Promise<unknown> {
  const { status, json } = await r;
  if (status >= 300) throw new Error(`${what} answered ${status}: ${JSON.stringify(json)}`);
  return json;
}

/** Connects the example workbook under `spreadsheetId` (unless it is already), publishes every track and stores its employees. */
export async function publishAcme(api: Api, spreadsheetId: string): Promise<WorkbookSnapshot> {
  const acme = { ...(await acmeSnapshot()), spreadsheetId };
  const w = `/v1/workbooks/${spreadsheetId}`;
  if ((await api('GET', w)).status === 404) await must('connect', api('POST', '/v1/workbooks', { spreadsheetId, name: 'Acme Cloud' }));
  const tracks = acme.sheets.find((s) => s.name === 'Tracks')!.values.slice(1).map((r) => String(r[0]));
  for (const trackId of tracks) {
    await must(`draft ${trackId}`, api('POST', `${w}/tracks/${trackId}/drafts`, acme));
    await must(`publish ${trackId}`, api('POST', `${w}/tracks/${trackId}/publish`, {}));
  }
  await must('employees', api('PUT', `${w}/employees`, { values: acme.sheets.find((s) => s.name === 'Employees')!.values }));
  return acme;
}

/** POSTs a records CSV (completions or assessments) as an LMS export would be uploaded. */
export async function uploadRecords(base: string, token: string, spreadsheetId: string, kind: 'completions' | 'assessments', csv: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}/v1/workbooks/${spreadsheetId}/records/${kind}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
  return { status: res.status, json: (await res.json()) as unknown };
}

export async function startTeamServer(env: NodeJS.ProcessEnv = {}, spreadsheetId = 'acme-team'): Promise<TeamServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rungs-team-'));
  const storeEnv = { RUNGS_DATA_DIR: dataDir, DATABASE_URL: '', OPENAI_API_KEY: '', RUNGS_REPORT_REFRESH_MINUTES: '0', ...env };
  const made = await rungs(['token', 'create', '--role', 'admin', '--label', 'Team test admin'], ROOT, storeEnv);
  if (made.code !== 0) throw new Error(`token create failed: ${made.stderr}`);
  const adminToken = made.stdout.trim();
  const server = await startServer({ ...storeEnv, NODE_ENV: 'test' });
  const api = apiClient(server.base, adminToken);
  const acme = await publishAcme(api, spreadsheetId);
  const w = `/v1/workbooks/${spreadsheetId}`;

  // Tokens other than admin tokens are made for this workbook (a server that binds tokens requires it).
  const token = async (role: Parameters<TeamServer['token']>[0], tracks: string[] | null = null) => {
    const bound = role === 'admin' ? {} : { workbookId: spreadsheetId };
    const json = (await must('token', api('POST', '/v1/tokens', { role, label: `${role} for the team test`, tracks, ...bound }))) as { token: string };
    return json.token;
  };
  type Reports = Awaited<ReturnType<TeamServer['refresh']>> & { state: { lastFinishedAt: string | null } };
  return {
    server, base: server.base, adminToken, spreadsheetId, acme, api, token,
    upload: (kind, csv) => uploadRecords(server.base, adminToken, spreadsheetId, kind, csv),
    async managerToken(email, trackIds, workbookId = spreadsheetId) {
      const body = { role: 'manager', label: `manager ${email}`, tracks: trackIds, workbookId, email };
      const made = (await must('manager token', api('POST', '/v1/tokens', body))) as { token: string; info: { tokenId: string } };
      await bindToken(dataDir, made.info.tokenId, workbookId, email);
      return made.token;
    },
    async refresh() {
      const before = (await api('GET', `${w}/reports`)).json as Reports;
      await must('refresh', api('POST', `${w}/reports/refresh`, {}));
      for (let i = 0; i < 300; i++) {
        const r = (await api('GET', `${w}/reports`)).json as Reports;
        if (r.state.lastFinishedAt !== null && r.state.lastFinishedAt !== before.state.lastFinishedAt && !(r.state as { running?: boolean }).running) return r;
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error('no report refresh finished within 30 s');
    },
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
