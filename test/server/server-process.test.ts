import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { ROOT } from '../cli/run-rungs';

const LogLineSchema = z.object({ time: z.string(), level: z.enum(['info', 'error']), msg: z.string() }).catchall(z.unknown());
type LogLine = z.infer<typeof LogLineSchema>;

test('npm start’s server opens its embedded store, listens on PORT=0, answers /healthz, logs JSON lines and stops cleanly on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rungs-server-'));
  const env = { ...process.env, PORT: '0', RUNGS_DATA_DIR: dataDir, DATABASE_URL: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sync-server/main.ts')], { cwd: ROOT, env });
  const lines: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; done: (l: LogLine) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = LogLineSchema.parse(JSON.parse(text));
    lines.push(line);
    for (const w of waiters.filter((w) => w.match(line))) w.done(line);
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const logged = (msg: string) =>
    new Promise<LogLine>((done) => {
      const seen = lines.find((l) => l.msg === msg);
      if (seen) done(seen);
      else waiters.push({ match: (l) => l.msg === msg, done });
    });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

  try {
    const listening = await Promise.race([logged('listening'), exited.then(() => { throw new Error(`server exited early: ${stderr}`); })]);
    const port = z.number().int().positive().parse(listening.port);

    expect(lines.find((l) => l.msg === 'storage ready')).toBeDefined();
    expect(existsSync(join(dataDir, 'rungs.db'))).toBe(true);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(await logged('request')).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });
    // Storage-backed routes are mounted: without a token they answer 401, not 404.
    const unauthorized = await fetch(`http://127.0.0.1:${port}/v1/workbooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spreadsheetId: 'sheet-1', name: 'Acme' }) });
    expect(unauthorized.status).toBe(401);


    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping', 'stopped']));
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
