/** Where a store lives, in terms another thread can open it by: the SQLite file, or the PostgreSQL URL and schema. */
import { Kysely } from 'kysely';
import { postgresDialect, sqliteDialect } from '../storage/dialect';
import { openPostgres, postgresOptionsOf } from '../storage/postgres';
import type { Database } from '../storage/schema';
import { openSqlite, sqliteHandleOf } from '../storage/sqlite';
import { ping, type Store } from '../storage/store';

export type StoreSource = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; schema?: string };

/** The store's location, or null when it cannot be opened again (an in-memory database). */
export function storeSource(store: Store): StoreSource | null {
  const handle = sqliteHandleOf(store.db);
  if (handle) return handle.memory ? null : { engine: 'sqlite', file: handle.name };
  const options = postgresOptionsOf(store.db);
  return options ? { engine: 'postgres', url: options.url, schema: options.schema } : null;
}

/**
 * A second connection to an existing store, for reading (the schema is already up to date: no migration runs).
 * Typed as a Store for the services that read through it; it has no migration report of its own.
 */
export async function openStoreAgain(source: StoreSource): Promise<Store> {
  const db: Kysely<Database> = source.engine === 'sqlite' ? openSqlite(source.file) : await openPostgres({ url: source.url, schema: source.schema, poolSize: 2 });
  return {
    engine: source.engine,
    db,
    dialect: source.engine === 'sqlite' ? sqliteDialect : postgresDialect,
    migrations: { applied: [], current: 0 },
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: () => db.destroy(),
  };
}
