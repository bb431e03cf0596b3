/** Starts a server process (the sync server, or the bare Hono yardstick) on a free port and says where it listens. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../tasks/child';

export interface RunningProcess {
  port: number;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Requests a minute per client address the bench's server accepts: anonymous POST /v1/validate is rate limited by
 * address, and every bench request comes from 127.0.0.1. RUNGS_BENCH_RATE_LIMIT overrides it.
 */
export const BENCH_RATE_LIMIT = process.env.RUNGS_BENCH_RATE_LIMIT ?? '100000000';

export function startProcess(script: string, env: NodeJS.ProcessEnv = {}): Promise<RunningProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script)], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: '0', DATABASE_URL: '', RUNGS_REPORT_REFRESH_MINUTES: '0',
      RUNGS_RATE_LIMIT_PER_ADDRESS: BENCH_RATE_LIMIT, RUNGS_RATE_LIMIT_PER_TOKEN: BENCH_RATE_LIMIT, ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    const onExit = (code: number | null) => fail(new Error(`${script} exited with ${code} before listening`));
    child.once('exit', onExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: { msg?: string; port?: number };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      if (msg.msg !== 'listening' || !msg.port) return;
      child.off('exit', onExit);
      done({
        port: msg.port, pid: child.pid!, child,
        stop: () => new Promise((stopped) => {
          if (child.exitCode !== null) return stopped();
          child.once('exit', () => stopped());
          child.kill('SIGTERM');
        }),
      });
    });
  });
}

export const SYNC_SERVER = 'sync-server/main.ts';
export const BARE_HONO = 'bench/servers/bare-hono.ts';
