import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../cli/run-rungs';

export interface Server {
  child: ChildProcessWithoutNullStreams;
  base: string;
  /** Resolves at the first log line with this msg. */
  logged(msg: string): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `sync-server/main.ts` on PORT=0 and resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sync-server/main.ts')], { cwd: ROOT, env: { ...process.env, PORT: '0', ...env } });
  const seen: string[] = [];
  const waiters: { msg: string; done: () => void }[] = [];
  let port = 0;
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as { msg: string; port?: number };
    if (line.msg === 'listening' && typeof line.port === 'number') port = line.port;
    seen.push(line.msg);
    for (const w of waiters.filter((x) => x.msg === line.msg)) w.done();
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const logged = (msg: string) => new Promise<void>((done) => (seen.includes(msg) ? done() : waiters.push({ msg, done })));
  await Promise.race([logged('listening'), exited.then(() => { throw new Error(`server exited early: ${stderr}`); })]);
  return { child, base: `http://127.0.0.1:${port}`, logged, exited };
}
