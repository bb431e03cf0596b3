import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Query builders that can take a row lock (Kysely's select builder). */
export interface Lockable<Q> {
  forUpdate(): Q;
  skipLocked(): Q;
}

/**
 * Everything SQLite and PostgreSQL disagree on, in one place. Queries are written once with Kysely and call these
 * helpers where the SQL must differ; nothing else in the code base asks which engine it runs on.
 */
export interface Dialect {
  engine: Engine;
  /** Column type of small JSON documents (audit details, token scopes, job payloads). */
  jsonType: 'jsonb' | 'text';
  /** An auto-incrementing integer primary key. */
  addIdColumn<TB extends string, C extends string, N extends string>(table: CreateTableBuilder<TB, C>, name: N): CreateTableBuilder<TB, C | N>;
  /** `FOR UPDATE` on PostgreSQL. SQLite has one writer at a time, so a write transaction already holds the lock. */
  lockRows<Q extends Lockable<Q>>(qb: Q): Q;
  /** `FOR UPDATE SKIP LOCKED` on PostgreSQL, for job queues taken by several instances. */
  lockRowsSkipLocked<Q extends Lockable<Q>>(qb: Q): Q;
  /** Serializes migration runs of several instances starting at once (inside the migration transaction). */
  lockForMigrations(db: Kysely<unknown>): Promise<void>;
  isUniqueViolation(err: unknown): boolean;
  /** Bind parameters one statement may carry. */
  maxParameters: number;
}

const errorCode = (err: unknown): unknown => (typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined);

export const sqliteDialect: Dialect = {
  engine: 'sqlite',
  jsonType: 'text',
  addIdColumn: (table, name) => table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement()),
  lockRows: (qb) => qb,
  lockRowsSkipLocked: (qb) => qb,
  lockForMigrations: async () => {},
  isUniqueViolation: (err) => {
    const code = errorCode(err);
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  },
  maxParameters: 32766,
};

/** Any number will do as long as every instance uses the same one. */
const MIGRATION_LOCK_KEY = 727_001;

export const postgresDialect: Dialect = {
  engine: 'postgres',
  jsonType: 'jsonb',
  addIdColumn: (table, name) => table.addColumn(name, 'serial', (c) => c.primaryKey()),
  lockRows: (qb) => qb.forUpdate(),
  lockRowsSkipLocked: (qb) => qb.forUpdate().skipLocked(),
  lockForMigrations: async (db) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(db);
  },
  isUniqueViolation: (err) => errorCode(err) === '23505',
  maxParameters: 65535,
};
