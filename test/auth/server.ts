import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rungs, ROOT } from '../cli/run-rungs';
import { startServer, type Server } from '../server/spawn-server';

export interface AuthServer {
  server: Server;
  base: string;
  admin: string;
  /** The environment naming the server's store, for the CLI. */
  storeEnv: NodeJS.ProcessEnv;
  /** A JSON request; `token` null sends none. */
  call(method: string, path: string, token: string | null, payload?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** A token made through POST /v1/tokens with the admin token. */
  token(body: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

/** The real server process on a fresh embedded store, with an admin token made by the CLI (as an operator does). */
export async function startAuthServer(env: NodeJS.ProcessEnv = {}): Promise<AuthServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rungs-auth-'));
  const storeEnv = { RUNGS_DATA_DIR: dataDir, DATABASE_URL: '', OPENAI_API_KEY: '' };
  const made = await rungs(['token', 'create', '--role', 'admin', '--label', 'Root'], ROOT, storeEnv);
  if (made.code !== 0) throw new Error(`token create failed: ${made.stderr}`);
  const admin = made.stdout.trim();
  const server = await startServer({ ...storeEnv, RUNGS_REPORT_REFRESH_MINUTES: '0', ...env });
  const call = (method: string, path: string, token: string | null, payload?: unknown, headers: Record<string, string> = {}) =>
    fetch(server.base + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  return {
    server, base: server.base, admin, storeEnv, call,
    async token(body) {
      const res = await call('POST', '/v1/tokens', admin, { label: String(body.role), ...body });
      if (res.status !== 201) throw new Error(`POST /v1/tokens answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async stop() {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
