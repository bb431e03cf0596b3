/**
 * Measures the storage layer (not part of the test run):
 *   npx tsx test/storage/measure.ts inserts   100,000 learner-record rows, batched, one transaction, both engines
 *   npx tsx test/storage/measure.ts startup   start-up time and RSS of opening the embedded store (child processes)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { insertInChunks } from '../../sync-server/storage/bulk';
import type { Database } from '../../sync-server/storage/schema';
import { openStore, type Store, type StoreConfig } from '../../sync-server/storage/store';

const PG_URL = process.env.RUNGS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = 100_000;
const RUNS = 5;

interface LearnerRecord {
  row_no: number;
  employee_id: string;
  module_id: string;
  status: string;
  started_at: string;
  completed_at: string | null;
  score: number | null;
  source: string;
}

type MeasureDb = Database & { learner_records: LearnerRecord };

const STATUSES = ['enrolled', 'in_progress', 'completed', 'failed'];

function records(n: number): LearnerRecord[] {
  const out: LearnerRecord[] = [];
  for (let i = 0; i < n; i++) {
    const status = STATUSES[i % 4];
    out.push({
      row_no: i + 2,
      employee_id: `EMP-${String(i % 20_000).padStart(6, '0')}`,
      module_id: `M-${String(i % 1000).padStart(4, '0')}`,
      status,
      started_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      completed_at: status === 'completed' || status === 'failed' ? new Date(Date.UTC(2026, 1, 1) + i * 60_000).toISOString() : null,
      score: status === 'completed' || status === 'failed' ? (i * 37) % 101 : null,
      source: 'lms-export.csv',
    });
  }
  return out;
}

async function createTable(store: Store): Promise<void> {
  await store.db.schema.dropTable('learner_records').ifExists().execute();
  await store.db.schema.createTable('learner_records')
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('score', 'double precision')
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await store.db.schema.createIndex('learner_records_by_module').on('learner_records').columns(['module_id', 'status']).execute();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function measureLayer(config: StoreConfig, label: string, rows: LearnerRecord[], batch: number): Promise<void> {
  const store = await openStore(config);
  try {
    const times: number[] = [];
    let peak = 0;
    for (let run = 0; run < RUNS; run++) {
      await createTable(store);
      const db = store.db.withTables<{ learner_records: LearnerRecord }>();
      const t0 = performance.now();
      await db.transaction().execute((trx) => insertInChunks(trx, store.dialect, 'learner_records', rows, batch));
      times.push(performance.now() - t0);
      peak = Math.max(peak, process.memoryUsage().rss);
      const { n } = await db.selectFrom('learner_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(n) !== rows.length) throw new Error(`expected ${rows.length} rows, found ${n}`);
    }
    const t0 = performance.now();
    await sql`select module_id, status, count(*) as n, avg(score) as avg from learner_records group by module_id, status`.execute(store.db);
    const groupBy = performance.now() - t0;
    const ms = median(times);
    console.log(`${label.padEnd(34)} batch ${String(batch).padStart(4)}: ${ms.toFixed(0).padStart(5)} ms  ${Math.round(rows.length / (ms / 1000)).toLocaleString('en').padStart(9)} rows/s  (runs: ${times.map((t) => t.toFixed(0)).join(', ')})  GROUP BY ${groupBy.toFixed(0)} ms  RSS ${mb(peak)}`);
  } finally {
    await store.close();
  }
}

/** The same rows with a prepared statement per row, no query builder: what the layer costs on SQLite. */
function measureRawSqlite(dir: string, rows: LearnerRecord[]): void {
  const db = new SqliteDatabase(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    db.exec('drop table if exists lr; create table lr (row_no integer not null, employee_id text not null, module_id text not null, status text not null, started_at text not null, completed_at text, score double precision, source text not null); create index lr_m on lr(module_id, status);');
    const stmt = db.prepare('insert into lr values (@row_no, @employee_id, @module_id, @status, @started_at, @completed_at, @score, @source)');
    const t0 = performance.now();
    db.transaction(() => { for (const r of rows) stmt.run(r); })();
    times.push(performance.now() - t0);
  }
  db.close();
  const ms = median(times);
  console.log(`${'better-sqlite3 raw, stmt per row'.padEnd(34)}           : ${ms.toFixed(0).padStart(5)} ms  ${Math.round(rows.length / (ms / 1000)).toLocaleString('en').padStart(9)} rows/s`);
}

async function inserts(): Promise<void> {
  const rows = records(ROWS);
  const dir = mkdtempSync(join(tmpdir(), 'rungs-measure-'));
  const schema = `measure_${process.pid}`;
  try {
    console.log(`${ROWS.toLocaleString('en')} rows x 8 columns, one transaction, median of ${RUNS} runs (index on module_id, status)`);
    measureRawSqlite(dir, rows);
    for (const batch of [100, 250, 500, 1000, 4000]) await measureLayer({ engine: 'sqlite', dataDir: dir }, 'SQLite through Kysely', rows, batch);
    for (const batch of [250, 500, 1000, 4000]) await measureLayer({ engine: 'postgres', url: PG_URL, schema }, 'PostgreSQL 15 through Kysely + pg', rows, batch);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
}

/** One child process per measurement, so module loading and RSS are those of a fresh server process. */
function startup(): void {
  const dir = mkdtempSync(join(tmpdir(), 'rungs-startup-'));
  try {
    const run = () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', new URL('./measure-startup.ts', import.meta.url).pathname, dir], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as { importMs: number; openMs: number; rss: number; baseRss: number };
    };
    const show = (label: string, xs: ReturnType<typeof run>[]) => console.log(`${label.padEnd(38)} import ${median(xs.map((x) => x.importMs)).toFixed(0)} ms, open+migrate ${median(xs.map((x) => x.openMs)).toFixed(1)} ms, RSS ${mb(median(xs.map((x) => x.rss)))} (process before import: ${mb(median(xs.map((x) => x.baseRss)))})`);
    const fresh: ReturnType<typeof run>[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(join(dir, 'rungs.db'), { force: true });
      rmSync(join(dir, 'rungs.db-wal'), { force: true });
      rmSync(join(dir, 'rungs.db-shm'), { force: true });
      fresh.push(run());
    }
    show('embedded store, first start (creates)', fresh);
    show('embedded store, restart (migrated)', Array.from({ length: RUNS }, () => run()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === 'inserts') await inserts();
else if (mode === 'startup') startup();
else console.log('usage: tsx test/storage/measure.ts inserts | startup');
