/**
 * One step of the learner-record benches, run in its own process so that its time and peak memory are its own:
 *   setup      a store with the mini workbook published (50 Shared modules) and `employees` employees, and the CSV
 *   papaparse  papaparse alone streaming the CSV (the yardstick)
 *   import     `rungs import`'s path: the CSV into the store, one transaction
 *   refresh    every report computed from the stored records (as the server's refresh job does), twice
 *   drop       removes the PostgreSQL schema
 * Usage: tsx bench/tasks/records-task.ts <step> '<json options>'; prints one JSON line of results.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { textSource } from '../../sync-server/imports/text-source';
import { computeReportTabs } from '../../sync-server/reports/compute';
import { serviceContext } from '../../sync-server/services/context';
import { importRecords } from '../../sync-server/services/records';
import { openStore, type StoreConfig } from '../../sync-server/storage/store';
import { completionsCsv } from '../../test/imports/generate-records';
import { scaledMini } from '../../test/imports/helpers';

export interface RecordsTaskOptions {
  config: StoreConfig;
  file: string;
  rows: number;
  modules: number;
}

export interface StepResult {
  seconds: number;
  /** Peak resident memory of this process (bytes). */
  maxRss: number;
  rows?: number;
  inserted?: number;
  tabs?: number;
  /** refresh: the first run's seconds (its worker thread started for it); `seconds` is the second run's. */
  firstSeconds?: number;
}

const [step, json] = process.argv.slice(2);
const o = JSON.parse(json) as RecordsTaskOptions;
const maxRss = () => process.resourceUsage().maxRSS * 1024;

async function timed(fn: () => Promise<Omit<StepResult, 'seconds' | 'maxRss'>>): Promise<StepResult> {
  const t0 = performance.now();
  const r = await fn();
  return { ...r, seconds: (performance.now() - t0) / 1000, maxRss: maxRss() };
}

async function run(): Promise<StepResult> {
  switch (step) {
    case 'setup': {
      const employees = Math.ceil(o.rows / o.modules);
      const handle = { engine: o.config.engine, config: () => o.config, open: () => openStore(o.config) };
      const { store, modules, employees: ids } = await scaledMini(handle, { employees, modules: o.modules });
      await store.close();
      await pipeline(completionsCsv({ employees: ids, modules, rows: o.rows }), createWriteStream(o.file));
      return { seconds: 0, maxRss: maxRss() };
    }
    case 'papaparse':
      return timed(() => new Promise((done, fail) => {
        let rows = 0;
        Papa.parse<string[]>(createReadStream(o.file, { encoding: 'utf8' }) as unknown as File, {
          delimiter: ',', header: false, step: () => void rows++, complete: () => done({ rows: rows - 1 }), error: fail,
        });
      }));
    case 'import': {
      const store = await openStore(o.config);
      try {
        return await timed(async () => {
          const r = await importRecords(serviceContext(store), { spreadsheetId: 'mini', kind: 'completions', text: textSource(createReadStream(o.file)), fileName: 'completions.csv', actor: 'bench' });
          if (!r.imported) throw new Error(`the import was refused: ${JSON.stringify(r.findings.slice(0, 3))}`);
          return { rows: r.rows, inserted: r.inserted };
        });
      } finally {
        await store.close();
      }
    }
    case 'refresh': {
      const store = await openStore(o.config);
      try {
        const refresh = async () => {
          const r = await computeReportTabs(serviceContext(store), 'mini');
          return { rows: r.summary.completions + r.summary.assessments, tabs: r.tabs.length };
        };
        // A server keeps its refresh worker: the first refresh starts it, the next ones find it waiting.
        const first = await timed(refresh);
        return { ...(await timed(refresh)), firstSeconds: first.seconds };
      } finally {
        await store.close();
      }
    }
    case 'drop': {
      if (o.config.engine === 'postgres' && o.config.schema) {
        const store = await openStore(o.config);
        await sql.raw(`drop schema if exists ${o.config.schema} cascade`).execute(store.db);
        await store.close();
      }
      return { seconds: 0, maxRss: maxRss() };
    }
    default:
      throw new Error(`unknown step ${step}`);
  }
}

process.stdout.write(JSON.stringify(await run()) + '\n');
