import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';

/**
 * The embedded store: one SQLite file, one connection per process (Kysely queues queries on it, so a transaction
 * has the database to itself). WAL lets readers in other processes (backups, `sqlite3`) read while we write.
 */
const handles = new WeakMap<Kysely<Database>, SqliteDatabase.Database>();

/** The connection under an embedded store, for statements prepared once and run many times (learner-record imports). */
export function sqliteHandleOf(db: Kysely<Database>): SqliteDatabase.Database | undefined {
  return handles.get(db);
}

export function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const handle = new SqliteDatabase(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  handles.set(db, handle);
  return db;
}
