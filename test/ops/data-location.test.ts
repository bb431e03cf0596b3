/**
 * One store wherever you stand: the CLI and the server default to `<project>/.data` whatever the current
 * directory, `rungs where` and the server's start line say where it is, and RUNGS_DATA_DIR / --data-dir move it.
 * The default is exercised on a built copy of the project in a temp directory, so the real `.data` is untouched.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildServer } from '../../sync-server/build';
import { ROOT, rungs, runProcess } from '../cli/run-rungs';

const UNSET = { RUNGS_DATA_DIR: '', DATABASE_URL: '' };
let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'rungs-project-'));
  await copyFile(join(ROOT, 'package.json'), join(project, 'package.json'));
  await symlink(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  await buildServer(join(project, 'dist/server'));
  await mkdir(join(project, 'examples/acme'), { recursive: true });
}, 60_000);
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runProcess(process.execPath, [join(project, 'dist/server/rungs.js'), ...args], cwd, { ...UNSET, ...env });

test('a token made from examples/ lands in the project store, which the server started elsewhere uses: one store wherever you stand', async () => {
  const store = join(project, '.data', 'rungs.db');
  const made = await cli(['token', 'create', '--role', 'admin', '--label', 'From examples'], join(project, 'examples/acme'));
  expect(made.code, made.stderr).toBe(0);
  for (const cwd of [project, join(project, 'examples/acme'), tmpdir()]) {
    const where = await cli(['where'], cwd);
    expect(where.stdout).toContain(`embedded SQLite at ${store}`);
    expect(where.stdout).toContain('Chosen by the default');
  }

  const server = spawn(process.execPath, [join(project, 'dist/server/main.js')], { cwd: tmpdir(), env: { ...process.env, ...UNSET, PORT: '0' } });
  try {
    const listening = await new Promise<{ port: number; storage: string }>((done, fail) => {
      server.on('exit', () => fail(new Error('server exited')));
      createInterface({ input: server.stdout }).on('line', (text) => {
        const line = JSON.parse(text) as { msg: string; port: number; storage: string };
        if (line.msg === 'listening') done(line);
      });
    });
    expect(listening.storage).toBe(`embedded SQLite at ${store}`);
    const res = await fetch(`http://127.0.0.1:${listening.port}/v1/workbooks`, {
      method: 'POST', headers: { authorization: `Bearer ${made.stdout.trim()}`, 'content-type': 'application/json' }, body: JSON.stringify({ spreadsheetId: 's1', name: 'Acme' }),
    });
    expect(res.status).toBe(200);
  } finally {
    const exited = new Promise((done) => server.on('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
}, 60_000);

describe('moving the store', () => {
  test('--data-dir on any command that opens the store, before or after the command; relative to where you are; it beats RUNGS_DATA_DIR', async () => {
    const elsewhere = join(project, 'elsewhere');
    const made = await cli(['--data-dir', 'elsewhere', 'token', 'create', '--role', 'admin', '--label', 'Moved'], project, { RUNGS_DATA_DIR: join(project, 'ignored') });
    expect(made.code, made.stderr).toBe(0);
    const listed = await cli(['token', 'list', '--json', `--data-dir=${elsewhere}`], tmpdir());
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).map((t: { label: string }) => t.label)).toEqual(['Moved']);
    const where = await cli(['where', '--json', '--data-dir', 'elsewhere'], project);
    expect(JSON.parse(where.stdout)).toMatchObject({ engine: 'sqlite', location: join(elsewhere, 'rungs.db'), exists: true, chosenBy: '--data-dir' });
    const missing = await cli(['token', 'list', '--data-dir'], project);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--data-dir needs a directory/);
  }, 60_000);

  test('RUNGS_DATA_DIR moves it for the CLI; DATABASE_URL selects PostgreSQL (no password shown)', async () => {
    const env = await cli(['where', '--json'], project, { RUNGS_DATA_DIR: join(project, 'env-store') });
    expect(JSON.parse(env.stdout)).toMatchObject({ location: join(project, 'env-store', 'rungs.db'), chosenBy: 'RUNGS_DATA_DIR' });
    const pg = await cli(['where'], project, { DATABASE_URL: 'postgres://rungs:s3cret@db.internal:5433/rungs' });
    expect(pg.stdout).toContain('PostgreSQL at db.internal:5433/rungs');
    expect(pg.stdout).not.toContain('s3cret');
  });

  test('the development CLI (npx rungs) names the project store from any directory of the clone', async () => {
    const fromExamples = await rungs(['where', '--json'], join(ROOT, 'examples'), UNSET);
    const fromRoot = await rungs(['where', '--json'], ROOT, UNSET);
    expect(JSON.parse(fromExamples.stdout).location).toBe(join(ROOT, '.data', 'rungs.db'));
    expect(JSON.parse(fromExamples.stdout)).toEqual(JSON.parse(fromRoot.stdout));
  });
});
