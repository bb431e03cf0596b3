import type { Kysely } from 'kysely';
import type { Dialect } from './dialect';
import { MIGRATIONS, type Migration } from './migrations/index';
import type { Database } from './schema';

export interface MigrationReport {
  /** Versions applied by this run, in order; empty when the schema was already current. */
  applied: number[];
  /** The schema version after the run. */
  current: number;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Brings the schema up to date in one transaction, so a failure leaves the previous schema intact. Instances
 * starting together on PostgreSQL queue behind an advisory lock; the loser finds nothing left to do.
 */
export async function migrate(db: Kysely<Database>, dialect: Dialect, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  checkOrder(migrations);
  return db.transaction().execute(async (trx) => {
    await dialect.lockForMigrations(trx as unknown as Kysely<unknown>);
    await trx.schema.createTable('schema_migrations').ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const done = await trx.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of done) {
      const m = known.get(row.version);
      if (!m) throw new MigrationError(`The database has schema version ${row.version} (${row.name}), which this server does not know: it was migrated by a newer release. Run that release, or restore a backup.`);
      if (m.name !== row.name) throw new MigrationError(`Schema version ${row.version} is "${row.name}" in the database but "${m.name}" in this server.`);
    }
    const doneVersions = new Set(done.map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (doneVersions.has(m.version)) continue;
      await m.up(trx as unknown as Kysely<unknown>, dialect);
      await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: new Date().toISOString() }).execute();
      applied.push(m.version);
    }
    const current = migrations.length ? migrations[migrations.length - 1].version : 0;
    return { applied, current };
  });
}

function checkOrder(migrations: readonly Migration[]): void {
  // Numbers are handed out per piece of work, so a release may skip one (a store applies whatever it has not yet).
  migrations.forEach((m, i) => {
    const before = i === 0 ? 0 : migrations[i - 1].version;
    if (!Number.isInteger(m.version) || m.version <= before) throw new MigrationError(`Migration "${m.name}" has version ${m.version}; versions must increase (after ${before}).`);
  });
}
