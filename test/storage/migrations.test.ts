import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrate, MigrationError } from '../../sync-server/storage/migrate';
import { MIGRATIONS } from '../../sync-server/storage/migrations';
import type { Migration } from '../../sync-server/storage/migrations/types';
import { openStore, type Store } from '../../sync-server/storage/store';
import { describeEachEngine, tablesOf, type EngineHandle } from './engines';

const TABLES = ['api_tokens', 'audit_log', 'drafts', 'employees', 'jobs', 'schema_migrations', 'tracks', 'versions', 'workbooks'];
const ALL = MIGRATIONS.map((m) => m.version);
const LATEST = ALL[ALL.length - 1];
/** A version no release has: the one after the latest. */
const NEXT = LATEST + 1;

async function tableNames(h: EngineHandle, store: Store): Promise<string[]> {
  return (await tablesOf(h, store)).map((t) => t.name).sort();
}

describeEachEngine('migrations', (h) => {
  it('creates the schema on first start and records the version', async () => {
    const store = await h.open();
    expect(store.migrations).toEqual({ applied: ALL, current: LATEST });
    const names = await tableNames(h, store);
    for (const t of TABLES) expect(names).toContain(t);
    const rows = await store.db.selectFrom('schema_migrations').selectAll().execute();
    expect(rows.map((r) => [r.version, r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });

  it('does nothing on restart and keeps the data', async () => {
    const first = await h.open();
    await first.db.insertInto('workbooks').values({ id: 'wb', name: 'Acme', connected_by: 'a', connected_at: '2026-01-01T00:00:00.000Z' }).execute();
    await first.close();
    const second = await h.open();
    expect(second.migrations).toEqual({ applied: [], current: LATEST });
    expect(await second.db.selectFrom('workbooks').select('name').execute()).toEqual([{ name: 'Acme' }]);
    expect(await second.db.selectFrom('schema_migrations').select('version').execute()).toHaveLength(ALL.length);
  });

  it('refuses a database migrated by a newer release', async () => {
    const store = await h.open();
    await store.db.insertInto('schema_migrations').values({ version: NEXT, name: 'from-the-future', applied_at: '2030-01-01T00:00:00.000Z' }).execute();
    await store.close();
    await expect(openStore(h.config())).rejects.toThrow(new RegExp(`schema version ${NEXT} \\(from-the-future\\).*newer release`));
  });

  it('rolls a failing migration back completely, schema changes included', async () => {
    const store = await h.open();
    const broken: Migration = {
      version: NEXT,
      name: 'broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        await db.schema.alterTable('workbooks').addColumn('color', 'text').execute();
        throw new Error('disk on fire');
      },
    };
    await expect(migrate(store.db, store.dialect, [...MIGRATIONS, broken])).rejects.toThrow('disk on fire');
    const names = await tableNames(h, store);
    expect(names).not.toContain('half_done');
    const cols = (await tablesOf(h, store)).find((t) => t.name === 'workbooks')!.columns.map((c) => c.name);
    expect(cols).not.toContain('color');
    expect((await store.db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version).sort()).toEqual(ALL);
  });

  it('refuses migrations out of order, and applies one whose number was skipped', async () => {
    const store = await h.open();
    const again: Migration = { version: LATEST, name: 'again', up: async () => {} };
    await expect(migrate(store.db, store.dialect, [...MIGRATIONS, again])).rejects.toThrow(MigrationError);
    // Numbers are handed out per piece of work: a release may lack one, and a later one is still applied.
    const later: Migration = { version: NEXT + 1, name: 'later', up: async (db) => { await db.schema.createTable('later_table').addColumn('id', 'integer').execute(); } };
    expect(await migrate(store.db, store.dialect, [...MIGRATIONS, later])).toEqual({ applied: [NEXT + 1], current: NEXT + 1 });
  });
});

// The embedded store belongs to one process; several instances share a PostgreSQL server.
describeEachEngine('migrations of several instances', (h) => {
  it('two instances starting at once migrate once', async () => {
    const [a, b] = await Promise.all([h.open(), h.open()]);
    expect([a.migrations.applied, b.migrations.applied].sort()).toEqual([[], ALL]);
    const count = await sql<{ n: number }>`select count(*) as n from schema_migrations`.execute(a.db);
    expect(Number(count.rows[0].n)).toBe(ALL.length);
  });
}, ['postgres']);
