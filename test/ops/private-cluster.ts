/**
 * A disposable PostgreSQL 15 cluster in a temp directory on a free port, for tests that stop or restart the
 * database (the shared cluster at 127.0.0.1:5432 is never stopped). initdb refuses to run as root, so under root
 * (CI) every command runs as the `postgres` user through runuser; anything missing fails with what to install.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PG_BIN = process.env.RUNGS_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivateCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `pg_ctl restart -m fast`: every backend is terminated, the server is down for a moment, then back. */
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => done(port));
    });
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('This test runs as root and needs a "postgres" system user to own a private PostgreSQL cluster (initdb refuses root). Install the postgresql-15 Debian package, which creates it, or run the suite as an ordinary user.');
  }
}

export async function createPrivateCluster(o: { started?: boolean } = {}): Promise<PrivateCluster> {
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!existsSync(join(PG_BIN, tool))) throw new Error(`PostgreSQL server binaries not found (${join(PG_BIN, tool)}): install the postgresql-15 Debian package, or set RUNGS_TEST_PG_BIN to the directory holding initdb and pg_ctl.`);
  }
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'rungs-pg-'));
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    await chown(dir, uid, gid);
  }
  const as = (tool: string, args: string[]) => (asRoot
    ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, tool), ...args], { cwd: dir })
    : run(join(PG_BIN, tool), args, { cwd: dir }));
  const data = join(dir, 'data');
  try {
    await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(e as { stderr?: string }).stderr ?? (e as Error).message}`);
  }
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const ctl = async (...args: string[]) => {
    try {
      await as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', ...args]);
    } catch (e) {
      throw new Error(`pg_ctl ${args.join(' ')} failed: ${(e as { stderr?: string }).stderr ?? (e as Error).message}`);
    }
  };
  const cluster: PrivateCluster = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => ctl('-o', options, 'start'),
    stop: () => ctl('-m', 'fast', 'stop'),
    restart: () => ctl('-o', options, '-m', 'fast', 'restart'),
    destroy: async () => {
      await ctl('-m', 'immediate', 'stop').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  if (o.started ?? true) await cluster.start();
  return cluster;
}
