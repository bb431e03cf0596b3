import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export interface PostgresOptions {
  url: string;
  /** Tables live in this schema (created when missing); default: the server's search_path (usually public). */
  schema?: string;
  poolSize?: number;
}

const INT8 = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/**
 * Reads JSON back as text and counts (int8) as numbers, so rows look the same as SQLite's and one decoder serves
 * both engines. Counts stay far below 2^53.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === JSON_OID || oid === JSONB_OID) return (v: string) => v;
    if (oid === INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const pools = new WeakMap<Kysely<Database>, { pool: pg.Pool; options: PostgresOptions }>();

/** The pool under a PostgreSQL store, for the few paths Kysely cannot express (COPY of learner records). */
export function postgresPoolOf(db: Kysely<Database>): pg.Pool | undefined {
  return pools.get(db)?.pool;
}

/** How a PostgreSQL store was opened, to open another connection to it (a worker thread). */
export function postgresOptionsOf(db: Kysely<Database>): PostgresOptions | undefined {
  return pools.get(db)?.options;
}

export async function openPostgres(options: PostgresOptions): Promise<Kysely<Database>> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _.`);
  if (schema) await ensureSchema(options.url, schema);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, { pool, options });
  return db;
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${schema}`);
  } catch (err) {
    // Two instances creating the schema at once: the loser sees a duplicate, which is what it wanted anyway.
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw err;
  } finally {
    await client.end();
  }
}
