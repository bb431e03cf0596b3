/**
 * The sync server under load and at scale: POST /v1/validate on the example workbook from a second process (this
 * one) against the real server process on loopback, bounded in time; and the publish of one product-scale track.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { serviceContext } from '../../sync-server/services/context';
import { saveDraft } from '../../sync-server/services/drafts';
import { publishTrack } from '../../sync-server/services/publish';
import { connectWorkbook } from '../../sync-server/services/workbooks';
import { openStore } from '../../sync-server/storage/store';
import { generateWorkbook } from '../../test/support/generate-workbook';
import { median, ms, type BenchRow, type BenchSuite } from '../lib';

const ROOT = resolve(import.meta.dirname, '../..');
const LOAD_SECONDS = 10;
const CONCURRENCY = 32;

async function startServer(dataDir: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sync-server/main.ts')], {
    cwd: ROOT,
    // A load test from one address: the per-address rate limit (docs/security.md) would answer most of it 429.
    env: { ...process.env, PORT: '0', RUNGS_DATA_DIR: dataDir, DATABASE_URL: '', RUNGS_RATE_LIMIT_PER_ADDRESS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    child.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { msg?: string; port?: number };
      if (msg.msg === 'listening' && msg.port) done(msg.port);
    });
  });
  return { port, stop: () => new Promise((done) => { child.once('exit', () => done()); child.kill('SIGTERM'); }) };
}

/** CONCURRENCY loops posting the same body until the deadline; latencies of every request. */
async function load(url: string, body: string): Promise<{ latencies: number[]; failures: number; seconds: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  const deadline = start + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        if (res.status === 200) latencies.push(performance.now() - t0);
        else failures++;
      }
    }),
  );
  return { latencies, failures, seconds: (performance.now() - start) / 1000 };
}

export const serverSuite: BenchSuite = {
  name: 'server',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const row = (kase: string, metric: string, value: string, target?: string, ok?: boolean) => rows.push({ suite: 'server', case: kase, metric, value, target, ok });
    const dataDir = mkdtempSync(join(tmpdir(), 'rungs-bench-'));
    try {
      const server = await startServer(join(dataDir, 'server'));
      try {
        const body = JSON.stringify(await loadWorkbook(join(ROOT, 'examples/acme')));
        const { latencies, failures, seconds } = await load(`http://127.0.0.1:${server.port}/v1/validate`, body);
        latencies.sort((a, b) => a - b);
        const kase = `POST /v1/validate, example workbook, ${CONCURRENCY} connections, ${LOAD_SECONDS} s`;
        row(kase, 'requests/s', (latencies.length / seconds).toFixed(0));
        row(kase, 'p50 / p99 latency', `${ms(median(latencies))} / ${ms(latencies[Math.floor(latencies.length * 0.99)] ?? NaN)}`);
        row(kase, 'non-200 answers', String(failures), '0', failures === 0);
      } finally {
        await server.stop();
      }

      const store = await openStore({ engine: 'sqlite', dataDir: join(dataDir, 'publish') });
      try {
        const ctx = serviceContext(store);
        const snapshot = generateWorkbook();
        const trackId = String(snapshot.sheets.find((s) => s.name === 'Tracks')!.values[1][0]);
        await connectWorkbook(ctx, { spreadsheetId: snapshot.spreadsheetId, name: 'bench', actor: 'bench' });
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          await saveDraft(ctx, { spreadsheetId: snapshot.spreadsheetId, trackId, snapshot, actor: 'bench' });
          const saved = performance.now() - t0;
          const t1 = performance.now();
          await publishTrack(ctx, { spreadsheetId: snapshot.spreadsheetId, trackId, actor: 'bench', idempotencyKey: `bench-${i}` });
          times.push(performance.now() - t1);
          if (i === 0) row('product-scale track (300 x 10 matrix, from the 50-track workbook)', 'save draft (first)', ms(saved));
        }
        row('product-scale track (300 x 10 matrix, from the 50-track workbook)', 'publish median (validate + version + audit, SQLite)', ms(median(times)));
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
