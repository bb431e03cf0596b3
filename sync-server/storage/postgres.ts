import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { isDatabaseUnavailable } from './availability';
import type { Database } from './schema';

export interface PostgresOptions {
  url: string;
  /** Tables live in this schema (created when missing); default: the server's search_path (usually public). */
  schema?: string;
  poolSize?: number;
  /** How the connections show in pg_stat_activity, unless the URL sets `application_name` itself. */
  applicationName?: string;
  /** A connection error outside any query (the server went away while a connection sat idle or held). */
  onConnectionError?: (err: Error) => void;
}

/** Waiting longer for a connection only holds requests that will fail anyway; they answer 503 instead. */
const CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_APPLICATION_NAME = 'rungs';

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
  const onError = options.onConnectionError ?? (() => {});
  const connection = {
    connectionString: options.url,
    application_name: options.applicationName ?? DEFAULT_APPLICATION_NAME,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  };
  if (schema) await ensureSchema(connection, schema, onError);
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10, types, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // A connection cut while idle in the pool (server restart) or while checked out between two queries (a
  // terminated backend) emits 'error' on its client: without a listener that would end the process. The query
  // in flight, if any, fails on its own; the pool drops the broken client and opens a new one when asked.
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
    discardOnConnectionFailure(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, { pool, options });
  return db;
}

/** pg's own flag (private, but what pg-pool reads on release): false once the client saw its connection fail. */
type Flagged = pg.PoolClient & { _queryable?: boolean };

/**
 * A terminated backend fails the query in flight at once, but the client learns that its socket closed a moment
 * later: released in between, it would go back to the pool looking healthy and fail the next caller's query too
 * (a request that never touched the dead connection). So a query that fails for want of a connection marks its
 * client as pg itself does when it sees the socket close, and the pool discards it on release, whoever used it
 * (Kysely, or an import or report reading through the pool directly).
 */
function discardOnConnectionFailure(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const r = query(...args);
    if (!(r instanceof Promise)) return r;
    return r.catch((err: unknown) => {
      if (isDatabaseUnavailable(err)) (client as Flagged)._queryable = false;
      throw err;
    });
  };
}

async function ensureSchema(connection: pg.ClientConfig, schema: string, onError: (err: Error) => void): Promise<void> {
  const client = new pg.Client(connection);
  client.on('error', onError);
  await client.connect();
  try {
    await client.query(`create schema if not exists ${schema}`);
  } catch (err) {
    // Two instances creating the schema at once: the loser sees a duplicate, which is what it wanted anyway.
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw err;
  } finally {
    await client.end().catch(() => {});
  }
}
