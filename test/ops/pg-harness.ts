/**
 * A fresh schema on a PostgreSQL server for one test, with the URLs a server process and the test use: each sets
 * its own `application_name`, so the test terminates exactly the server's backends and nobody else's (other test
 * files share the cluster at 127.0.0.1:5432).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { test } from 'vitest';
import { openStore, type Store } from '../../sync-server/storage/store';
import { scaledMini } from '../imports/helpers';
import { PG_URL } from '../storage/engines';
import { serverPool, type ServerPool } from './server-client';

export interface PgSchema {
  /** The cluster's URL (no schema). */
  base: string;
  schema: string;
  /** application_name of the server process's connections. */
  serverApp: string;
  /** DATABASE_URL for a server process (or the CLI) on this schema. */
  serverUrl: string;
  /** Opens the store from the test process (its own application_name). */
  open(): Promise<Store>;
  /** Runs SQL on the cluster as an outsider (for pg_stat_activity and locks). */
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** Terminates the server's backends (optionally only those matching `where` on pg_stat_activity); how many. */
  terminateServer(where?: string): Promise<number>;
  drop(): Promise<void>;
}

/** A URL on `base` whose connections use `schema` and show as `app`. */
export function schemaUrl(base: string, schema: string, app: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', app);
  return url.toString();
}

export async function freshSchema(base = PG_URL): Promise<PgSchema> {
  const schema = `ops_${randomBytes(6).toString('hex')}`;
  const serverApp = `${schema}_server`;
  const admin = new pg.Pool({ connectionString: base, max: 2, application_name: `${schema}_admin` });
  admin.on('error', () => {});
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await admin.query<R>(text, values)).rows;
  await query(`create schema ${schema}`);
  const opened: Store[] = [];
  return {
    base,
    schema,
    serverApp,
    serverUrl: schemaUrl(base, schema, serverApp),
    open: async () => {
      const store = await openStore({ engine: 'postgres', url: schemaUrl(base, schema, `${schema}_test`), poolSize: 4 });
      opened.push(store);
      return store;
    },
    query,
    terminateServer: async (where = 'true') => {
      const rows = await query<{ ok: boolean }>(
        `select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid() and (${where})`, [serverApp]);
      return rows.filter((r) => r.ok).length;
    },
    drop: async () => {
      await Promise.all(opened.map((s) => s.close().catch(() => {})));
      await query(`drop schema if exists ${schema} cascade`).catch(() => {});
      await admin.end();
    },
  };
}

/** The mini workbook published with `employees` employees and `modules` extra modules, written from the test. */
export async function scaledWorkbook(db: PgSchema, o: { employees: number; modules: number }) {
  const setup = await db.open();
  const scaled = await scaledMini({ engine: 'postgres', config: () => ({ engine: 'postgres', url: db.serverUrl }), open: async () => setup }, o);
  return { setup, modules: scaled.modules, employees: scaled.employees };
}

/**
 * `test` with two fixtures: `db`, a fresh schema (on `base()`, default the shared cluster), and `servers`, the
 * server processes a test starts, killed before its schema is dropped. Fixtures are per test, so tests of a file
 * may run concurrently (`.concurrent`): most of their time is spent waiting on leases, outages and processes.
 */
export function pgTest(base?: () => string) {
  return test.extend<{ db: PgSchema; servers: ServerPool }>({
    db: async ({}, use) => {
      const db = await freshSchema(base?.());
      await use(db);
      await db.drop();
    },
    servers: async ({ db }, use) => {
      void db;
      const pool = serverPool();
      await use(pool);
      pool.killAll();
    },
  });
}

/** Takes an ACCESS EXCLUSIVE lock on a table of the test's schema in an open transaction, until released. */
export async function lockTable(schema: PgSchema, table: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: schema.base, application_name: `${schema.schema}_locker` });
  client.on('error', () => {});
  await client.connect();
  await client.query('begin');
  await client.query(`lock table ${schema.schema}.${table} in access exclusive mode`);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('rollback').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
