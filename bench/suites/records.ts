/**
 * Learner records at scale (5,000,000 completions in --full, 500,000 in quick): papaparse alone streaming the CSV
 * (the yardstick), the import into each store, every report refreshed from the stored records, and the server
 * answering /healthz and POST /v1/validate while such a refresh runs in it. Each step runs in its own process
 * (bench/tasks/records-task.ts), so its time and peak memory are its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { requestRefresh, refreshState } from '../../sync-server/services/report-refresh';
import { serviceContext } from '../../sync-server/services/context';
import { openStore, type StoreConfig } from '../../sync-server/storage/store';
import { PG_URL } from '../../test/storage/engines';
import { count, mb, ms, pct, quantile, rowsOf, type BenchOptions, type BenchRow, type BenchSuite } from '../lib';
import { runLoad } from '../load/http-load';
import { startProcess, SYNC_SERVER } from '../servers/start';
import { ROOT, runTask } from '../tasks/child';
import type { RecordsTaskOptions, StepResult } from '../tasks/records-task';

const TASK = 'bench/tasks/records-task.ts';
const MODULES = 50;
const GOALS = { sqlite: 0.5, postgres: 0.25 } as const;
const IMPORT_RSS_GOAL_MB = 300;
const REFRESH_GOAL_S_PER_MILLION = 2;
const BUSY_P99_GOAL_MS = 100;

const step = (name: string, o: RecordsTaskOptions) => runTask<StepResult>(TASK, [name, JSON.stringify(o)]);

/** /healthz and POST /v1/validate (example workbook) at 4 connections each, until `until()`; p99 of each. */
async function probe(port: number, until: () => boolean, seconds?: number): Promise<{ health: number[]; validate: number[] }> {
  const acme = JSON.stringify(await loadWorkbook(join(ROOT, 'examples/acme')));
  const base = `http://127.0.0.1:${port}`;
  const [health, validate] = await Promise.all([
    runLoad({ url: `${base}/healthz`, connections: 4, seconds: seconds ?? 3600, until, body: () => null }),
    runLoad({ url: `${base}/v1/validate`, connections: 4, seconds: seconds ?? 3600, until, body: () => acme }),
  ]);
  return { health: health.latencies, validate: validate.latencies };
}

/** The server on the SQLite store while it refreshes every report of its records (a job, as after an import). */
async function busyServer(row: ReturnType<typeof rowsOf>['row'], dataDir: string, records: number): Promise<void> {
  const server = await startProcess(SYNC_SERVER, { RUNGS_DATA_DIR: dataDir });
  const store = await openStore({ engine: 'sqlite', dataDir });
  try {
    const idle = await probe(server.port, () => false, 3);
    const ctx = serviceContext(store);
    await requestRefresh(ctx, 'mini');
    const before = (await refreshState(ctx, 'mini')).lastFinishedAt;
    let finished = false;
    const t0 = performance.now();
    const watch = (async () => {
      while (!finished) {
        await new Promise((r) => setTimeout(r, 200));
        finished = (await refreshState(ctx, 'mini')).lastFinishedAt !== before;
      }
    })();
    const busy = await probe(server.port, () => finished);
    await watch;
    const kase = `server while it refreshes ${count(records)} records (SQLite, 4 + 4 connections)`;
    const state = await refreshState(ctx, 'mini');
    const read = (state.summary?.completions ?? 0) + (state.summary?.assessments ?? 0);
    row(kase, 'refresh: outcome, records read, took (job picked up within 1 s)', `${state.lastOutcome}, ${count(read)}, ${((performance.now() - t0) / 1000).toFixed(1)} s`, `computed, ${count(records)}`, state.lastOutcome === 'computed' && read === records);
    row(kase, 'idle server: /healthz p99, POST /v1/validate p99', `${ms(quantile(idle.health, 0.99))}, ${ms(quantile(idle.validate, 0.99))}`);
    const h99 = quantile(busy.health, 0.99);
    const v99 = quantile(busy.validate, 0.99);
    row(kase, '/healthz p99 during the refresh', `${ms(h99)} (${busy.health.length} requests)`, `< ${BUSY_P99_GOAL_MS} ms`, h99 < BUSY_P99_GOAL_MS);
    row(kase, 'POST /v1/validate p99 during the refresh', `${ms(v99)} (${busy.validate.length} requests)`, `< ${BUSY_P99_GOAL_MS} ms`, v99 < BUSY_P99_GOAL_MS);
  } finally {
    await store.close();
    await server.stop();
  }
}

export const recordsSuite: BenchSuite = {
  name: 'records',
  async run({ full }: BenchOptions): Promise<BenchRow[]> {
    const { rows, row } = rowsOf('records');
    const records = Number(process.env.RUNGS_BENCH_RECORDS ?? (full ? 5_000_000 : 500_000));
    const dir = mkdtempSync(join(tmpdir(), 'rungs-bench-records-'));
    const file = join(dir, 'completions.csv');
    const stores: Record<'sqlite' | 'postgres', StoreConfig> = {
      sqlite: { engine: 'sqlite', dataDir: join(dir, 'sqlite') },
      postgres: { engine: 'postgres', url: PG_URL, schema: `bench_records_${process.pid}`, poolSize: 4 },
    };
    try {
      await step('setup', { config: stores.sqlite, file, rows: records, modules: MODULES });
      const papa = await step('papaparse', { config: stores.sqlite, file, rows: records, modules: MODULES });
      const papaRate = records / papa.seconds;
      const kase = `${count(records)} completions (CSV)`;
      row(kase, 'papaparse alone: rows/s, peak RSS', `${count(papaRate)}, ${mb(papa.maxRss)}`);
      for (const engine of ['sqlite', 'postgres'] as const) {
        const config = stores[engine];
        const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
        const o = { config, file, rows: records, modules: MODULES };
        try {
          if (engine === 'postgres') await step('setup', { ...o, file: join(dir, 'unused.csv') });
          const imported = await step('import', o);
          if (imported.inserted !== records) throw new Error(`imported ${imported.inserted} of ${records} rows`);
          const rate = records / imported.seconds;
          row(`import into ${name}`, 'rows/s, time, peak RSS', `${count(rate)}, ${imported.seconds.toFixed(1)} s, ${mb(imported.maxRss)}`);
          row(`import into ${name}`, 'import / papaparse alone (rows/s)', pct(rate / papaRate), `>= ${pct(GOALS[engine])}`, rate / papaRate >= GOALS[engine]);
          if (engine === 'sqlite') row(`import into ${name}`, 'peak RSS', mb(imported.maxRss), `< ${IMPORT_RSS_GOAL_MB} MB`, imported.maxRss < IMPORT_RSS_GOAL_MB * 1024 * 1024);
          const refreshed = await step('refresh', o);
          const perMillion = refreshed.seconds / (records / 1e6);
          row(`reports refreshed from ${name}`, `${refreshed.tabs} tabs from ${count(refreshed.rows ?? 0)} records: first refresh (worker starts), next, peak RSS`, `${(refreshed.firstSeconds ?? NaN).toFixed(1)} s, ${refreshed.seconds.toFixed(1)} s, ${mb(refreshed.maxRss)}`);
          row(`reports refreshed from ${name}`, 'seconds per million records (next refresh)', perMillion.toFixed(2), `< ${REFRESH_GOAL_S_PER_MILLION}`, perMillion < REFRESH_GOAL_S_PER_MILLION);
          if (config.engine === 'sqlite') await busyServer(row, config.dataDir, records);
        } catch (e) {
          row(`${name}`, 'failed', e instanceof Error ? e.message.slice(0, 160) : String(e), 'runs', false);
        } finally {
          if (engine === 'postgres') await step('drop', o).catch(() => undefined);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
