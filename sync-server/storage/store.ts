import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { isDatabaseUnavailable, reasonOf } from './availability';
import { postgresDialect, sqliteDialect, type Dialect, type Engine } from './dialect';
import { migrate, type MigrationReport } from './migrate';
import { openPostgres } from './postgres';
import type { Database } from './schema';
import { openSqlite } from './sqlite';

export type StoreConfig =
  | { engine: 'sqlite'; /** Directory of the embedded store; the file is `<dataDir>/rungs.db`. */ dataDir: string }
  | { engine: 'postgres'; url: string; schema?: string; poolSize?: number; /** pg_stat_activity's application_name. */ applicationName?: string };

export interface Store {
  engine: Engine;
  db: Kysely<Database>;
  dialect: Dialect;
  /** What the start-up migration run did. */
  migrations: MigrationReport;
  /** One round trip to the database; throws when it cannot be reached within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A connection error outside any query; logged by the server (it never ends the process). */
  onConnectionError?: (err: Error) => void;
}

export const SQLITE_FILE = 'rungs.db';
const PING_TIMEOUT_MS = 2_000;

/** Opens the configured store and brings its schema up to date. */
export async function openStore(config: StoreConfig, options: OpenOptions = {}): Promise<Store> {
  const dialect = config.engine === 'sqlite' ? sqliteDialect : postgresDialect;
  const db = config.engine === 'sqlite'
    ? openSqlite(join(config.dataDir, SQLITE_FILE))
    : await openPostgres({ ...config, onConnectionError: options.onConnectionError });
  try {
    const migrations = await migrate(db, dialect);
    return { engine: config.engine, db, dialect, migrations, ping: (timeoutMs) => ping(db, timeoutMs ?? PING_TIMEOUT_MS), close: () => db.destroy() };
  } catch (err) {
    await db.destroy().catch(() => {});
    throw err;
  }
}

export async function ping(db: Kysely<Database>, timeoutMs: number = PING_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(Object.assign(new Error(`no answer from the database within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where the store lives, for logs: never prints a password. */
export function describeStore(config: StoreConfig): string {
  if (config.engine === 'sqlite') return `embedded SQLite at ${join(config.dataDir, SQLITE_FILE)}`;
  const { host, port, database } = postgresEndpoint(config.url);
  return `PostgreSQL at ${host}:${port}/${database}${config.schema ? ` (schema ${config.schema})` : ''}`;
}

/** Host, port and database of a DATABASE_URL (for messages; the URL may name a socket directory instead). */
export function postgresEndpoint(url: string): { host: string; port: number; database: string } {
  const u = new URL(url);
  const socketHost = u.searchParams.get('host');
  return {
    host: u.hostname || socketHost || 'localhost',
    port: Number(u.port || u.searchParams.get('port') || 5432),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || u.username || 'postgres',
  };
}

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

export interface WaitOptions extends OpenOptions {
  /** Give up after this long (0: one try). */
  waitMs: number;
  /** Told before each pause, with the reason of the failed try. */
  onRetry?: (reason: string, elapsedMs: number) => void;
  /** Stops waiting (e.g. SIGTERM while the database is still down): throws the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Opens the store, trying again while the database cannot be reached (it may still be starting, as in a compose
 * file) until `waitMs` has passed; then throws a DatabaseUnreachableError whose message names host and port.
 * Any other failure (a refused password, a schema from a newer release) throws at once.
 */
export async function openStoreWhenReachable(config: StoreConfig, o: WaitOptions): Promise<Store> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await openStore(config, o);
    } catch (err) {
      if (config.engine !== 'postgres' || !isDatabaseUnavailable(err)) throw err;
      const elapsed = Date.now() - started;
      if (elapsed >= o.waitMs) {
        const { host, port } = postgresEndpoint(config.url);
        throw new DatabaseUnreachableError(`PostgreSQL at ${host}:${port} cannot be reached (${reasonOf(err)}); gave up after ${Math.round(elapsed / 1000)} s. Check DATABASE_URL and that the database server is running.`);
      }
      o.onRetry?.(reasonOf(err), elapsed);
      await pause(Math.min(500 * 2 ** (attempt - 1), 5_000, Math.max(o.waitMs - elapsed, 0)), o.signal);
      o.signal?.throwIfAborted();
    }
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const t = setTimeout(finish, ms);
    function finish() {
      clearTimeout(t);
      signal?.removeEventListener('abort', finish);
      done();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}
