import { miniWorkbook } from '../shared/mini-workbook';
import type { Server } from '../server/spawn-server';
import { builtRungs, startBuilt } from './built';

export const TRACK = '/v1/workbooks/mini/tracks/ENG';

/** An admin token made with the (built) CLI in the store `env` points at. */
export async function adminToken(env: NodeJS.ProcessEnv): Promise<string> {
  const made = await builtRungs(['token', 'create', '--role', 'admin', '--label', 'Ops test'], env);
  if (made.code !== 0) throw new Error(`rungs token create failed: ${made.stderr}`);
  return made.stdout.trim();
}

export interface Client {
  server: Server;
  call(method: string, path: string, payload?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export function clientOf(server: Server, token: string): Client {
  return {
    server,
    call: (method, path, payload, headers = {}) => fetch(`${server.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    }),
  };
}

export type ServerPool = ReturnType<typeof serverPool>;

/** Built servers started by a test, killed at the end whatever happened. */
export function serverPool() {
  const started: Server[] = [];
  return {
    start: async (env: NodeJS.ProcessEnv, entry: 'main' | 'test' = 'main') => {
      const s = await startBuilt(env, entry);
      started.push(s);
      return s;
    },
    killAll: () => {
      for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    },
  };
}

/** True while the process runs; a server that died has an exit code or a signal. */
export const alive = (s: Server) => s.child.exitCode === null && s.child.signalCode === null;

/** Log lines that would mean the process only survived by luck (a rejection nobody handled). */
export const unhandled = (s: Server) => s.lines.filter((l) => l.msg === 'unhandled rejection');

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `check` until it gives a value (not undefined) or `timeoutMs` passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`not reached within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

export interface Answer {
  at: number;
  /** HTTP status, or the client's error when no answer came. */
  status: number | string;
  code?: string;
  retryAfter: string | null;
  ms: number;
}

/** Clients that keep calling the server (reads and writes) until stopped; every answer is recorded. */
export function keepCalling(api: Client, requests: readonly { method: string; path: string; payload?: unknown }[], concurrency = 3) {
  const answers: Answer[] = [];
  let running = true;
  const one = async (i: number) => {
    for (let n = i; running; n++) {
      const r = requests[n % requests.length];
      const at = Date.now();
      try {
        const res = await api.call(r.method, r.path, r.payload);
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
        answers.push({ at, status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after'), ms: Date.now() - at });
      } catch (e) {
        answers.push({ at, status: `no answer: ${(e as Error).message}`, retryAfter: null, ms: Date.now() - at });
      }
      await sleep(50);
    }
  };
  const loops = Array.from({ length: concurrency }, (_, i) => one(i));
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

/** Over HTTP: the mini workbook connected, ENG version 1 published, and a second draft waiting to be published. */
export async function publishedWithDraft(api: Client): Promise<void> {
  const steps: [string, string, unknown, number][] = [
    ['POST', '/v1/workbooks', { spreadsheetId: 'mini', name: 'Mini Co' }, 200],
    ['POST', `${TRACK}/drafts`, miniWorkbook(), 201],
    ['POST', `${TRACK}/publish`, {}, 200],
    ['POST', `${TRACK}/drafts`, miniWorkbook(), 201],
  ];
  for (const [method, path, payload, status] of steps) {
    const res = await api.call(method, path, payload);
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  }
}

/**
 * Publishes ENG on a server started from the test entry with RUNGS_TEST_PUBLISH_STALL_MS, and resolves once the
 * publish stands still inside its transaction (the version row written, not committed); `answer` is its response.
 */
export async function stalledPublish(api: Client, idempotencyKey: string): Promise<{ answer: Promise<Response> }> {
  const stalled = () => api.server.lines.filter((l) => l.msg === 'test hook: publish stalled').length;
  const before = stalled();
  const answer = api.call('POST', `${TRACK}/publish`, {}, { 'idempotency-key': idempotencyKey });
  await eventually(async () => (stalled() > before ? true : undefined), 10_000, 20);
  return { answer };
}
