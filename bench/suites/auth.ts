/**
 * Authentication before the body, against the real server process over loopback sockets: how fast an anonymous
 * 20 MB POST is refused (the client sends its body as fast as it can; timed to the status line), and /healthz's
 * median latency under a flood of such POSTs from four clients (another process), against the same server idle.
 * Idle and flooded rounds alternate, so that the machine's own noise falls on both.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../test/server/spawn-server';
import { median, ms, type BenchRow, type BenchSuite } from '../lib';

const MB = 1024 * 1024;
const BODY = Buffer.alloc(20 * MB, 0x20);
const REFUSALS = 20;
const PROBES = 100;
const ROUNDS = 3;
const FLOOD_CLIENTS = 4;
const TARGET_MS = 50;

/** Sends headers and a 20 MB body as fast as the socket takes it; resolves at the answer's status line. */
function anonymousPost(base: URL, path: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = connect({ host: base.hostname, port: Number(base.port) });
    let head = '';
    let offset = 0;
    const pump = () => {
      while (offset < BODY.length) {
        const piece = BODY.subarray(offset, offset + 256 * 1024);
        offset += piece.length;
        if (!socket.write(piece)) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nhost: ${base.host}\r\ncontent-type: application/json\r\ncontent-length: ${BODY.length}\r\n\r\n`);
      pump();
    });
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (!m) return;
      const elapsed = performance.now() - t0;
      socket.destroy();
      resolve({ status: Number(m[1]), ms: elapsed });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    socket.on('close', () => reject(new Error(`the connection closed before an answer (${head.length} bytes read, ${offset} sent)`)));
  });
}

async function healthzLatencies(base: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/healthz`);
    await res.arrayBuffer();
    out.push(performance.now() - t0);
  }
  return out;
}

export const authSuite: BenchSuite = {
  name: 'auth',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const row = (kase: string, metric: string, value: string, target?: string, ok?: boolean) => rows.push({ suite: 'auth', case: kase, metric, value, target, ok });
    const dataDir = mkdtempSync(join(tmpdir(), 'rungs-bench-auth-'));
    const server = await startServer({ RUNGS_DATA_DIR: dataDir, DATABASE_URL: '', RUNGS_REPORT_REFRESH_MINUTES: '0' });
    const base = new URL(server.base);
    try {
      const refusals: number[] = [];
      for (let i = 0; i < REFUSALS; i++) {
        const r = await anonymousPost(base, '/v1/workbooks/acme/tracks/ENG/drafts');
        if (r.status !== 401) throw new Error(`expected 401, got ${r.status}`);
        refusals.push(r.ms);
      }
      const refused = median(refusals);
      const kase = `anonymous 20 MB POST to a draft route, ${REFUSALS} runs`;
      row(kase, 'median time to the 401', ms(refused), `< ${TARGET_MS} ms`, refused < TARGET_MS);
      row(kase, 'ratio to the limit', `${(refused / TARGET_MS).toFixed(2)}x`, '< 1x', refused < TARGET_MS);

      const idle: number[] = [];
      const flooded: number[] = [];
      let counts = { answered: 0, closed: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        idle.push(...(await healthzLatencies(server.base, PROBES)));
        const flood = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'auth-flood.ts'), server.base, String(FLOOD_CLIENTS)], { stdio: ['pipe', 'pipe', 'inherit'] });
        let out = '';
        flood.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        await new Promise((done) => setTimeout(done, 1500));
        flooded.push(...(await healthzLatencies(server.base, PROBES)));
        flood.stdin!.end();
        await new Promise((done) => flood.once('exit', done));
        const c = JSON.parse(out) as typeof counts;
        counts = { answered: counts.answered + c.answered, closed: counts.closed + c.closed };
      }
      const [p50Idle, p50Flood] = [median(idle), median(flooded)];
      const fkase = `/healthz, ${ROUNDS}x${PROBES} sequential GETs, idle vs ${FLOOD_CLIENTS} clients posting 20 MB without a token`;
      row(fkase, 'p50 idle / under flood', `${ms(p50Idle)} / ${ms(p50Flood)}`);
      row(fkase, 'ratio flood to idle', `${(p50Flood / p50Idle).toFixed(2)}x`, '<= 2x', p50Flood <= 2 * p50Idle);
      row(fkase, 'flood requests answered / cut', `${counts.answered} / ${counts.closed}`);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};
