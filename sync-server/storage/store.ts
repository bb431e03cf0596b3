import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { postgresDialect, sqliteDialect, type Dialect, type Engine } from './dialect';
import { migrate, type MigrationReport } from './migrate';
import { openPostgres } from './postgres';
import type { Database } from './schema';
import { openSqlite } from './sqlite';

export type StoreConfig =
  | { engine: 'sqlite'; /** Directory of the embedded store; the file is `<dataDir>/rungs.db`. */ dataDir: string }
  | { engine: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Store {
  engine: Engine;
  db: Kysely<Database>;
  dialect: Dialect;
  /** What the start-up migration run did. */
  migrations: MigrationReport;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'rungs.db';

/** Opens the configured store and brings its schema up to date. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const dialect = config.engine === 'sqlite' ? sqliteDialect : postgresDialect;
  const db = config.engine === 'sqlite'
    ? openSqlite(join(config.dataDir, SQLITE_FILE))
    : await openPostgres(config);
  try {
    const migrations = await migrate(db, dialect);
    return { engine: config.engine, db, dialect, migrations, close: () => db.destroy() };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** Where the store lives, for logs: never prints a password. */
export function describeStore(config: StoreConfig): string {
  if (config.engine === 'sqlite') return `embedded SQLite at ${join(config.dataDir, SQLITE_FILE)}`;
  const url = new URL(config.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}${config.schema ? ` (schema ${config.schema})` : ''}`;
}
