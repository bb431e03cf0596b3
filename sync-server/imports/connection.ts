/**
 * The connection an import writes through, inside one transaction: Kysely for the few statements of the merge and
 * the audit, and the driver under it for the many rows (statements prepared once on SQLite, COPY on PostgreSQL).
 */
import type SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { postgresPoolOf } from '../storage/postgres';
import type { Database } from '../storage/schema';
import { sqliteHandleOf } from '../storage/sqlite';
import type { Store } from '../storage/store';

/** Cache of the embedded store's connection while an import runs (KiB): the scratch table and the merge stay off the disk longer. */
const SQLITE_IMPORT_CACHE_KIB = 16 * 1024;

export type ImportConnection =
  | { engine: 'sqlite'; trx: Transaction<Database>; handle: SqliteDatabase.Database }
  | { engine: 'postgres'; trx: Transaction<Database>; client: pg.PoolClient };

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export async function inImportTransaction<T>(store: Store, work: (c: ImportConnection) => Promise<T>): Promise<T> {
  if (store.engine === 'sqlite') {
    const handle = sqliteHandleOf(store.db);
    if (!handle) throw new Error('the embedded store has no SQLite connection to import through');
    const cacheBefore = Number(handle.pragma('cache_size', { simple: true }));
    handle.pragma(`cache_size = -${SQLITE_IMPORT_CACHE_KIB}`);
    try {
      return await store.db.transaction().execute((trx) => work({ engine: 'sqlite', trx, handle }));
    } finally {
      handle.pragma(`cache_size = ${cacheBefore}`);
    }
  }
  const pool = postgresPoolOf(store.db);
  if (!pool) throw new Error('the PostgreSQL store has no pool to import through');
  const client = await pool.connect();
  // Kysely on this one client, so that the merge and the audit run in the same transaction as the COPY.
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => ({ query: client.query.bind(client), release: () => {} }), end: async () => {} } }),
  });
  let failure: Error | undefined;
  try {
    return await db.transaction().execute((trx) => work({ engine: 'postgres', trx, client }));
  } catch (e) {
    failure = e instanceof Error ? e : new Error(String(e));
    throw e;
  } finally {
    await db.destroy();
    // A client whose transaction failed may hold a broken connection: the pool drops it rather than reuse it.
    client.release(failure);
  }
}
