import { ROOT, rungs } from '../cli/run-rungs';
import { startServer, type Server } from '../server/spawn-server';

/** An admin token made with the real CLI in the store `env` points at. */
export async function adminToken(env: NodeJS.ProcessEnv): Promise<string> {
  const made = await rungs(['token', 'create', '--role', 'admin', '--label', 'Ops test'], ROOT, env);
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

/** Servers started by a test, killed at the end whatever happened. */
export function serverPool() {
  const started: Server[] = [];
  return {
    start: async (env: NodeJS.ProcessEnv, entry: 'main' | 'test' = 'main') => {
      const s = await startServer(env, entry);
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
