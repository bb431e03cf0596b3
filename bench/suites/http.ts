/**
 * POST /v1/validate under load against its yardstick: a bare Hono + @hono/node-server app that reads and parses the
 * same body (bench/servers/bare-hono.ts), loaded back to back by the same client (bench/load/http-load.ts), 32
 * connections, each request a different body (one cell changes: no answer can be cached by body). Both servers are
 * their own processes; their CPU per request is read from /proc, a figure the shared machine disturbs less than
 * requests per second. With the example workbook (52 KB) and the product-scale one (~10 MB, whose server memory
 * is sampled after every answer to show it stays flat).
 */
import { join } from 'node:path';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { generateWorkbook } from '../../test/support/generate-workbook';
import { count, mb, ms, pct, quantile, rowsOf, type BenchOptions, type BenchRow, type BenchSuite } from '../lib';
import { runLoad, type LoadResult } from '../load/http-load';
import { processCpuMs, processRssBytes } from '../load/process-cpu';
import { BARE_HONO, startProcess, SYNC_SERVER } from '../servers/start';
import { ROOT } from '../tasks/child';

const CONNECTIONS = 32;
const RATIO_GOAL = 0.5;
const P99_GOAL_MS = 50;
const MEMORY_GROWTH_GOAL = 0.1;

/** Bodies that differ in one cell: the snapshot's JSON cut around a marker, the request number put in its place. */
function variedBodies(snapshot: WorkbookSnapshot): (i: number) => string {
  const marker = '\u0000VARY\u0000';
  const copy = structuredClone(snapshot);
  const competencies = copy.sheets.find((s) => s.name === 'Competencies')!;
  const row = competencies.values[1];
  row[row.length - 1] = `${String(row[row.length - 1])} ${marker}`;
  const [prefix, suffix] = JSON.stringify(copy).split(JSON.stringify(marker).slice(1, -1));
  return (i) => `${prefix}request ${i}${suffix}`;
}

interface Measured {
  load: LoadResult;
  rps: number;
  cpuPerRequest: number;
  rss: number[];
}

async function measure(script: string, body: (i: number) => string, shape: { warm: { seconds?: number; requests?: number }; seconds?: number; requests?: number }): Promise<Measured> {
  const server = await startProcess(script);
  try {
    const url = `http://127.0.0.1:${server.port}/v1/validate`;
    await runLoad({ url, connections: CONNECTIONS, ...shape.warm, body: (i) => body(-1 - i) });
    const rss: number[] = [];
    const cpu0 = processCpuMs(server.pid);
    const load = await runLoad({ url, connections: CONNECTIONS, seconds: shape.seconds, requests: shape.requests, body, onAnswer: () => rss.push(processRssBytes(server.pid)) });
    const cpu = processCpuMs(server.pid) - cpu0;
    return { load, rps: load.latencies.length / load.seconds, cpuPerRequest: cpu / Math.max(1, load.latencies.length + load.failures), rss };
  } finally {
    await server.stop();
  }
}

function compare(row: ReturnType<typeof rowsOf>['row'], kase: string, bare: Measured, rungs: Measured, p99Goal: boolean): void {
  const ratio = rungs.rps / bare.rps;
  row(kase, 'bare Hono: requests/s, p99, CPU per request', `${count(bare.rps)} req/s, ${ms(quantile(bare.load.latencies, 0.99))}, ${ms(bare.cpuPerRequest)}`);
  row(kase, 'Rungs: requests/s, p99, CPU per request', `${count(rungs.rps)} req/s, ${ms(quantile(rungs.load.latencies, 0.99))}, ${ms(rungs.cpuPerRequest)}`);
  row(kase, 'Rungs / bare Hono (requests/s)', pct(ratio), `>= ${pct(RATIO_GOAL)}`, ratio >= RATIO_GOAL);
  row(kase, 'bare Hono / Rungs (CPU per request)', pct(bare.cpuPerRequest / rungs.cpuPerRequest));
  if (p99Goal) {
    const p99 = quantile(rungs.load.latencies, 0.99);
    row(kase, 'Rungs p99 latency', ms(p99), `< ${P99_GOAL_MS} ms`, p99 < P99_GOAL_MS);
  }
  const failures = rungs.load.failures + bare.load.failures;
  row(kase, 'non-200 answers (both)', String(failures), '0', failures === 0);
}

export const httpSuite: BenchSuite = {
  name: 'http',
  async run({ full }: BenchOptions): Promise<BenchRow[]> {
    const { rows, row } = rowsOf('http');
    const acme = variedBodies(await loadWorkbook(join(ROOT, 'examples/acme')));
    const seconds = full ? 15 : 5;
    const acmeShape = { warm: { seconds: 2 }, seconds };
    const acmeCase = `POST /v1/validate, example workbook (52 KB), ${CONNECTIONS} connections, ${seconds} s`;
    compare(row, acmeCase, await measure(BARE_HONO, acme, acmeShape), await measure(SYNC_SERVER, acme, acmeShape), true);

    const big = variedBodies(generateWorkbook());
    const requests = full ? 1000 : 60;
    const bigShape = { warm: { requests: 10 }, requests };
    const bigCase = `POST /v1/validate, product-scale workbook (${mb(Buffer.byteLength(big(0)))}), ${CONNECTIONS} connections, ${requests} requests`;
    const bare = await measure(BARE_HONO, big, bigShape);
    const rungs = await measure(SYNC_SERVER, big, bigShape);
    compare(row, bigCase, bare, rungs, false);
    const quarter = Math.max(1, Math.floor(rungs.rss.length / 4));
    const first = Math.max(...rungs.rss.slice(0, quarter));
    const last = Math.max(...rungs.rss.slice(-quarter));
    const growth = (last - first) / first;
    row(bigCase, 'Rungs server RSS: peak of the first / last quarter of requests', `${mb(first)} / ${mb(last)} (${growth >= 0 ? '+' : ''}${pct(growth)})`, `flat (< +${pct(MEMORY_GROWTH_GOAL)})`, growth < MEMORY_GROWTH_GOAL);
    row(bigCase, 'bare Hono server RSS peak (32 bodies at once)', mb(Math.max(...bare.rss)));
    return rows;
  },
};
