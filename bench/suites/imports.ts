/**
 * Learner-record import (F7) at the product's scale: a generated completions CSV of 5,000,000 rows (100,000
 * employees x 50 modules) written to a temp file, then (1) papaparse alone streaming it, the yardstick, and (2) the
 * whole import into the embedded SQLite store: parse, cell checks (zod only for rows the fast readers refuse),
 * references, duplicate check, one transaction.
 * RUNGS_BENCH_IMPORT_ROWS picks a smaller file for a quick run; RUNGS_BENCH_IMPORT_ENGINE=postgres imports into
 * PostgreSQL instead (a fresh schema of RUNGS_TEST_DATABASE_URL, dropped afterwards).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { textSource } from '../../sync-server/imports/text-source';
import { importRecords } from '../../sync-server/services/records';
import { computeReportTabs } from '../../sync-server/reports/compute';
import { countRecords, forEachCompletion, READ_BATCH } from '../../sync-server/services/records-read';
import { openStore, type StoreConfig } from '../../sync-server/storage/store';
import { PG_URL } from '../../test/storage/engines';
import { completionsCsv } from '../../test/imports/generate-records';
import { scaledMini } from '../../test/imports/helpers';
import { mb, type BenchRow, type BenchSuite } from '../lib';

const DEFAULT_ROWS = 5_000_000;
const MODULES = 50;
const TARGET_ROWS_PER_SECOND = 100_000;
const TARGET_PEAK_RSS_MB = 1024;

/** Peak resident memory while `fn` runs, sampled every 50 ms (the import yields between batches). */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  try {
    const value = await fn();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { value, seconds: (performance.now() - t0) / 1000, peakRss };
  } finally {
    clearInterval(timer);
  }
}

function papaparseAlone(file: string): Promise<number> {
  return new Promise((done, fail) => {
    let rows = 0;
    Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8' }) as unknown as File, {
      delimiter: ',', header: false, step: () => void rows++, complete: () => done(rows - 1), error: fail,
    });
  });
}

export const importsSuite: BenchSuite = {
  name: 'imports',
  async run(): Promise<BenchRow[]> {
    const rowsWanted = Number(process.env.RUNGS_BENCH_IMPORT_ROWS ?? DEFAULT_ROWS);
    const out: BenchRow[] = [];
    const row = (kase: string, metric: string, value: string, target?: string, ok?: boolean) => out.push({ suite: 'imports', case: kase, metric, value, target, ok });
    const dir = mkdtempSync(join(tmpdir(), 'rungs-bench-imports-'));
    const engine: 'sqlite' | 'postgres' = process.env.RUNGS_BENCH_IMPORT_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
    const pgSchema = `bench_imports_${process.pid}`;
    const config: StoreConfig = engine === 'sqlite' ? { engine, dataDir: join(dir, 'store') } : { engine, url: PG_URL, schema: pgSchema, poolSize: 4 };
    const handle = { engine, config: () => config, open: () => openStore(config) };
    const target = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    try {
      const employeesNeeded = Math.ceil(rowsWanted / MODULES);
      const { store, ctx, modules, employees } = await scaledMini(handle, { employees: employeesNeeded, modules: MODULES });
      const file = join(dir, 'completions.csv');
      const t0 = performance.now();
      await pipeline(completionsCsv({ employees, modules, rows: rowsWanted }), createWriteStream(file));
      const bytes = statSync(file).size;
      row(`${rowsWanted.toLocaleString('en-US')} completions`, 'generated file', `${mb(bytes)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      const papa = await measured(() => papaparseAlone(file));
      row('papaparse alone (stream, step)', 'rows/s', Math.round(papa.value / papa.seconds).toLocaleString('en-US'));
      row('papaparse alone (stream, step)', 'time', `${papa.seconds.toFixed(1)} s`);
      row('papaparse alone (stream, step)', 'peak RSS', mb(papa.peakRss));

      const full = await measured(() => importRecords(ctx, {
        spreadsheetId: 'mini', kind: 'completions', text: textSource(createReadStream(file)), fileName: 'completions.csv', actor: 'bench',
      }));
      const result = full.value;
      if (!result.imported || result.inserted !== rowsWanted) throw new Error(`import did not take every row: ${JSON.stringify({ ...result, findings: result.findings.slice(0, 5) })}`);
      const stored = await countRecords(ctx, 'mini');
      if (stored.completions !== rowsWanted) throw new Error(`stored ${stored.completions} completions, expected ${rowsWanted}`);
      const rate = rowsWanted / full.seconds;
      row(`import into ${target} (one transaction)`, 'rows/s', Math.round(rate).toLocaleString('en-US'), `>= ${TARGET_ROWS_PER_SECOND.toLocaleString('en-US')}`, rate >= TARGET_ROWS_PER_SECOND);
      row(`import into ${target} (one transaction)`, 'time', `${full.seconds.toFixed(1)} s`);
      row(`import into ${target} (one transaction)`, 'peak RSS', mb(full.peakRss), `< ${TARGET_PEAK_RSS_MB} MB`, full.peakRss < TARGET_PEAK_RSS_MB * 1024 * 1024);
      row(`import into ${target} (one transaction)`, 'time / papaparse alone', `${(full.seconds / papa.seconds).toFixed(2)}x`);

      // What a report refresh reads: every stored completion, streamed back in keyset pages, then the reports.
      const readBack = await measured(() => forEachCompletion(ctx, 'mini', () => undefined));
      row(`read back for reports (${target}, pages of ${READ_BATCH.toLocaleString('en-US')})`, 'rows/s', Math.round(readBack.value / readBack.seconds).toLocaleString('en-US'));
      row(`read back for reports (${target}, pages of ${READ_BATCH.toLocaleString('en-US')})`, 'time', `${readBack.seconds.toFixed(1)} s`);
      const refresh = await measured(() => computeReportTabs(ctx, 'mini'));
      row('report refresh computed from the store (read + reports + tabs)', 'time', `${refresh.seconds.toFixed(1)} s`, '< 10 s', refresh.seconds < 10);

      if (process.env.RUNGS_BENCH_IMPORT_AGAIN === '1') {
        const again = await measured(() => importRecords(ctx, {
          spreadsheetId: 'mini', kind: 'completions', text: textSource(createReadStream(file)), fileName: 'completions.csv', actor: 'bench',
        }));
        if (again.value.unchanged !== rowsWanted) throw new Error('the re-import changed rows');
        row('re-import, nothing changes', 'rows/s', Math.round(rowsWanted / again.seconds).toLocaleString('en-US'));
      }
      if (engine === 'postgres') await sql.raw(`drop schema if exists ${pgSchema} cascade`).execute(store.db);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
