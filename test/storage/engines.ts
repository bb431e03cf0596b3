import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import type { Engine } from '../../sync-server/storage/dialect';
import { openStore, type Store, type StoreConfig } from '../../sync-server/storage/store';

/** The PostgreSQL server the suite runs against; its absence fails the suite instead of skipping it. */
export const PG_URL = process.env.RUNGS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface EngineHandle {
  readonly engine: Engine;
  /** Where the current test's store lives: a temp directory or a fresh PostgreSQL schema. */
  config(): StoreConfig;
  /** Opens (another) store on the current test's location: a second call is a restart, or a second instance. */
  open(): Promise<Store>;
}

async function assertPostgresReachable(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL}: ${(err as Error).message}. The storage tests run against both engines ` +
      'and never skip one. Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, ' +
      'or point RUNGS_TEST_DATABASE_URL at another server.',
    );
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** Tables of the current test's store only (PostgreSQL lists every schema's tables). */
export async function tablesOf(h: EngineHandle, store: Store) {
  const config = h.config();
  const schema = config.engine === 'postgres' ? config.schema : undefined;
  const tables = await store.db.introspection.getTables();
  return tables.filter((t) => schema === undefined || t.schema === schema);
}

/** Runs `body` once per engine, each test on a fresh store location that is removed afterwards. */
export function describeEachEngine(title: string, body: (h: EngineHandle) => void, engines: readonly Engine[] = ENGINES): void {
  for (const engine of engines) {
    describe(`${title} [${engine}]`, () => {
      let config: StoreConfig | undefined;
      let cleanup: () => Promise<void> = async () => {};
      let opened: Store[] = [];

      if (engine === 'postgres') beforeAll(assertPostgresReachable);

      beforeEach(() => {
        if (engine === 'sqlite') {
          const dir = mkdtempSync(join(tmpdir(), 'rungs-store-'));
          config = { engine, dataDir: dir };
          cleanup = async () => rmSync(dir, { recursive: true, force: true });
        } else {
          const schema = `test_${Math.random().toString(36).slice(2, 12)}`;
          config = { engine, url: PG_URL, schema, poolSize: 4 };
          cleanup = () => dropSchema(schema);
        }
      });

      afterEach(async () => {
        const stores = opened;
        opened = [];
        await Promise.all(stores.map((s) => s.close().catch(() => {})));
        await cleanup();
      });

      afterAll(() => {
        config = undefined;
      });

      const handle: EngineHandle = {
        engine,
        config: () => {
          if (!config) throw new Error('no store location outside a test');
          return config;
        },
        open: async () => {
          const store = await openStore(handle.config());
          opened.push(store);
          return store;
        },
      };
      body(handle);
    });
  }
}
