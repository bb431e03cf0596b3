import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../cli/run-rungs';

export interface LogLine {
  msg: string;
  [field: string]: unknown;
}

export interface Server {
  child: ChildProcessWithoutNullStreams;
  base: string;
  /** Every JSON line the server logged so far. */
  lines: LogLine[];
  /** Resolves at the first log line with this msg (one already logged counts). */
  logged(msg: string): Promise<LogLine>;
  /** What the process wrote on stderr so far. */
  stderr(): string;
  exited: Promise<number | null>;
}

/** The production entry, and the same server with the test extensions of test/server/test-server.ts. */
export const ENTRIES = {
  main: join(ROOT, 'sync-server/main.ts'),
  test: join(ROOT, 'test/server/test-server.ts'),
} as const;

/** Spawns a server process and follows its JSON log lines (does not wait for it to listen). */
export function spawnServer(env: NodeJS.ProcessEnv, entry: keyof typeof ENTRIES = 'main'): Omit<Server, 'base'> {
  return spawnNode(['--import', 'tsx', ENTRIES[entry]], env);
}

/** `node <args>` as a server process (a TypeScript entry through tsx, or a built one), its log lines followed. */
export function spawnNode(args: readonly string[], env: NodeJS.ProcessEnv): Omit<Server, 'base'> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, PORT: '0', ...env } });
  const lines: LogLine[] = [];
  const waiters: { msg: string; done: (l: LogLine) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine;
    lines.push(line);
    for (const w of waiters.filter((x) => x.msg === line.msg)) w.done(line);
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const logged = (msg: string) => new Promise<LogLine>((done) => {
    const seen = lines.find((l) => l.msg === msg);
    if (seen) done(seen);
    else waiters.push({ msg, done });
  });
  return { child, lines, logged, stderr: () => stderr, exited };
}

/** Starts a server on PORT=0 and resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv, entry: keyof typeof ENTRIES = 'main'): Promise<Server> {
  return listeningServer(spawnServer(env, entry));
}

/** Resolves once a spawned server listens (with its URL), or fails with its stderr if it exits first. */
export async function listeningServer(s: Omit<Server, 'base'>): Promise<Server> {
  const listening = await Promise.race([s.logged('listening'), s.exited.then(() => { throw new Error(`server exited early: ${s.stderr()}`); })]);
  return { ...s, base: `http://127.0.0.1:${listening.port as number}` };
}
