/**
 * Starting and stopping the server process as an operator does: through `npm start` (SIGTERM to npm, Ctrl-C to
 * the terminal's process group), with a request and a job in flight, and starts that cannot work (one line on
 * stderr naming the cause, no stack, a non-zero exit).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { miniWorkbook } from '../shared/mini-workbook';
import { ROOT } from '../cli/run-rungs';
import type { LogLine } from '../server/spawn-server';
import { spawnBuilt, startBuilt } from './built';
import { adminToken, clientOf, sleep } from './server-client';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rungs-ops-stop-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const processGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

/** `npm start` as the README says, in its own process group (as a terminal runs it). */
function npmStart(env: NodeJS.ProcessEnv) {
  const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: '0', RUNGS_DATA_DIR: dataDir, DATABASE_URL: '', ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  let listening: (l: LogLine) => void = () => {};
  const listened = new Promise<LogLine>((done) => (listening = done));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    if (!text.startsWith('{')) return; // npm's own "> rungs@... start" header
    const line = JSON.parse(text) as LogLine;
    lines.push(line);
    if (line.msg === 'listening') listening(line);
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, lines, listened, exited, stderr: () => stderr };
}

describe('npm start', () => {
  for (const how of ['SIGTERM to npm', 'Ctrl-C (SIGINT to the process group)'] as const) {
    test(`${how} stops the server gracefully: npm and the server exit 0 within 10 s`, async () => {
      const npm = npmStart({});
      try {
        const listening = await Promise.race([npm.listened, npm.exited.then(() => { throw new Error(`npm start exited: ${npm.stderr()}`); })]);
        expect(listening.address).toBe('127.0.0.1'); // HOST defaults to loopback
        const serverPid = listening.pid as number;
        expect((await fetch(`http://127.0.0.1:${listening.port as number}/readyz`)).status).toBe(200);
        const asked = Date.now();
        if (how === 'SIGTERM to npm') npm.child.kill('SIGTERM');
        else process.kill(-npm.child.pid!, 'SIGINT');
        expect(await npm.exited).toBe(0);
        const stopMs = Date.now() - asked;
        await sleep(100);
        expect(processGone(serverPid)).toBe(true);
        expect(stopMs).toBeLessThan(10_000);
        expect(npm.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping', 'stopped']));
        expect(npm.lines.filter((l) => l.msg === 'forced stop')).toEqual([]);
        console.info(`npm start, ${how}: stopped in ${stopMs} ms`);
      } finally {
        if (npm.child.exitCode === null) process.kill(-npm.child.pid!, 'SIGKILL');
      }
    }, 60_000);
  }
});

test('SIGTERM with a publish in flight: new connections are refused, the publish finishes, the process exits 0', async () => {
  const env = { RUNGS_DATA_DIR: join(dataDir, 'inflight'), DATABASE_URL: '', RUNGS_TEST_PUBLISH_STALL_MS: '2500', RUNGS_REPORT_REFRESH_MINUTES: '0' };
  const token = await adminToken(env);
  const server = await startBuilt(env, 'test');
  try {
    const api = clientOf(server, token);
    expect((await api.call('POST', '/v1/workbooks', { spreadsheetId: 'mini', name: 'Mini Co' })).status).toBe(200);
    expect((await api.call('POST', '/v1/workbooks/mini/tracks/ENG/drafts', miniWorkbook())).status).toBe(201);
    const publishing = api.call('POST', '/v1/workbooks/mini/tracks/ENG/publish', {});
    await server.logged('test hook: publish stalled');
    const asked = Date.now();
    server.child.kill('SIGTERM');
    await server.logged('stopping');
    await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();
    const published = await publishing;
    expect(published.status).toBe(200);
    expect((await published.json()).version).toBe(1);
    expect(await server.exited).toBe(0);
    expect(Date.now() - asked).toBeLessThan(10_000);
    expect(server.lines.find((l) => l.msg === 'stopped')).toMatchObject({ clean: true });
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}, 60_000);

test('SIGTERM while a report refresh runs: the job goes back to the queue and the process exits 0 within 10 s', async () => {
  const env = { RUNGS_DATA_DIR: join(dataDir, 'job'), DATABASE_URL: '', RUNGS_TEST_REFRESH_STALL_MS: '600000', RUNGS_REPORT_REFRESH_MINUTES: '0' };
  const token = await adminToken(env);
  const server = await startBuilt(env, 'test');
  try {
    const api = clientOf(server, token);
    expect((await api.call('POST', '/v1/workbooks', { spreadsheetId: 'mini', name: 'Mini Co' })).status).toBe(200);
    expect((await api.call('POST', '/v1/workbooks/mini/reports/refresh')).status).toBe(202);
    await server.logged('test hook: refresh stalled');
    const asked = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const stopMs = Date.now() - asked;
    expect(stopMs).toBeLessThan(10_000);
    expect(server.lines.find((l) => l.msg === 'job still running at stop: handed back to the queue')).toMatchObject({ released: true });
    console.info(`stop with a job running: ${stopMs} ms`);
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}, 60_000);

describe('a start that cannot work says why in one line and exits non-zero', () => {
  const failedStart = async (env: NodeJS.ProcessEnv) => {
    const s = await spawnBuilt({ RUNGS_DATA_DIR: join(dataDir, 'failed'), DATABASE_URL: '', ...env });
    const code = await s.exited;
    const lines = s.stderr().trim().split('\n');
    return { code, lines, stderr: s.stderr(), log: s.lines };
  };
  const oneLine = (r: { lines: string[]; stderr: string }) => {
    expect(r.lines).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.lines[0]).toMatch(/^rungs: the server cannot start: /);
  };

  test('port in use', async () => {
    const taken = net.createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const r = await failedStart({ PORT: String(port) });
      expect(r.code).toBe(1);
      oneLine(r);
      expect(r.lines[0]).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      taken.close();
    }
  }, 30_000);

  test('a bad variable', async () => {
    const r = await failedStart({ PORT: 'eighty' });
    expect(r.code).toBe(2);
    oneLine(r);
    expect(r.lines[0]).toMatch(/PORT/);
  }, 30_000);

  test('PostgreSQL unreachable: retried for RUNGS_DATABASE_WAIT_SECONDS, then one line naming host and port', async () => {
    const closed = net.createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((done) => closed.close(() => done()));
    const started = Date.now();
    const r = await failedStart({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/rungs`, RUNGS_DATABASE_WAIT_SECONDS: '3' });
    const ms = Date.now() - started;
    expect(r.code).toBe(1);
    oneLine(r);
    expect(r.lines[0]).toContain(`PostgreSQL at 127.0.0.1:${port} cannot be reached`);
    expect(r.log.filter((l) => l.msg === 'waiting for the database').length).toBeGreaterThan(1);
    expect(ms).toBeGreaterThan(3000);
    expect(ms).toBeLessThan(20_000);
  }, 30_000);
});
