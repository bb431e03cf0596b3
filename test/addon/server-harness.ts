/**
 * The built add-on in node:vm with the fakes, reaching a real sync server started in another process (its own
 * temporary data directory). UrlFetchApp blocks this thread while the server answers, so the server must not run
 * in this process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { buildAddon } from '../../addon/build';
import type { SidebarResult } from '../../addon/src/sidebar-api';
import { rungs, ROOT } from '../cli/run-rungs';
import { createFakeGas, type FakeGas, type FakeGasOptions } from '../fakes/index';
import { startServer, type Server } from '../server/spawn-server';

export interface BuiltAddon {
  outDir: string;
  source: string;
  /** Removes the build folder (call in afterAll). */
  remove(): Promise<void>;
}

export async function buildToTemp(): Promise<BuiltAddon> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'rungs-addon-'));
  const { codePath } = await buildAddon({ outDir });
  const { readFile } = await import('node:fs/promises');
  return { outDir, source: await readFile(codePath, 'utf8'), remove: () => rm(outDir, { recursive: true, force: true }) };
}

export interface Addon {
  gas: FakeGas;
  context: vm.Context;
  /** An entry point called the way google.script.run calls it: one JSON argument, a JSON answer. */
  run<T = unknown>(name: string, arg?: unknown): SidebarResult<T>;
  /** An entry point called directly (menu items, triggers). */
  call(name: string, ...args: unknown[]): unknown;
}

/** Loads the bundle into a fresh context; HtmlService reads `htmlDir` (default: the build output). */
export function loadAddon(built: BuiltAddon, options: FakeGasOptions & { htmlDir?: string } = {}): Addon {
  const gas = createFakeGas(options);
  const context = vm.createContext({ ...gas.globals });
  gas.HtmlService.context = context;
  gas.HtmlService.filesDir = options.htmlDir ?? built.outDir;
  vm.runInContext(built.source, context, { filename: 'Code.js' });
  const fn = (name: string) => {
    const f = context[name] as unknown;
    if (typeof f !== 'function') throw new Error(`the bundle has no function ${name}`);
    return f as (...args: unknown[]) => unknown;
  };
  return {
    gas,
    context,
    // google.script.run passes JSON through: what arrives and what comes back are plain data.
    run: <T>(name: string, arg?: unknown) => JSON.parse(JSON.stringify(fn(name)(...(arg === undefined ? [] : [JSON.parse(JSON.stringify(arg))])))) as SidebarResult<T>,
    call: (name, ...args) => fn(name)(...args),
  };
}

/** The value of an ok result, or a readable failure. */
export function valueOf<T>(result: SidebarResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export interface RunningServer {
  server: Server;
  base: string;
  adminToken: string;
  /** A token made through POST /v1/tokens with the admin token (bound to `workbookId`; manager tokens get a made-up email). */
  token(role: 'admin' | 'owner' | 'manager' | 'integrator', tracks?: string[], workbookId?: string): Promise<string>;
  /** A request from the test itself (async fetch: the add-on is not running then). */
  api(method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; json: unknown }>;
  stop(): Promise<void>;
}

export async function startSyncServer(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rungs-addon-server-'));
  const storeEnv = { RUNGS_DATA_DIR: dataDir, DATABASE_URL: '', OPENAI_API_KEY: '', ...env };
  const made = await rungs(['token', 'create', '--role', 'admin', '--label', 'Add-on test admin'], ROOT, storeEnv);
  if (made.code !== 0) throw new Error(`token create failed: ${made.stderr}`);
  const adminToken = made.stdout.trim();
  const server = await startServer({ ...storeEnv, NODE_ENV: 'test' });
  const api = async (method: string, p: string, body?: unknown, token = adminToken) => {
    const res = await fetch(server.base + p, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as unknown };
  };
  return {
    server,
    base: server.base,
    adminToken,
    api,
    async token(role, tracks, workbookId) {
      const email = role === 'manager' ? 'manager@example.test' : null;
      const r = await api('POST', '/v1/tokens', { role, label: `${role} for the add-on test`, tracks: tracks ?? null, workbookId: workbookId ?? null, email });
      if (r.status !== 201) throw new Error(`POST /v1/tokens answered ${r.status}: ${JSON.stringify(r.json)}`);
      return (r.json as { token: string }).token;
    },
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
