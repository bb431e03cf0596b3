import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../sync-server/cli/io';
import { runCli } from '../../sync-server/cli/run-cli';
import { startServer, type Server } from '../server/spawn-server';
import { ROOT } from './run-rungs';

const ACME = path.join(ROOT, 'examples', 'acme');
const PROBLEMS = path.join(ROOT, 'examples', 'acme-with-problems');
const RECORDS = path.join(ROOT, 'examples', 'acme-records');

async function cli(...args: string[]) {
  const io = bufferIO();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** The commands that act on a server, against a real server process: what they do when things go wrong. */
describe('rungs connect / draft / publish / import --records / reports against a running server', () => {
  let dir: string;
  let server: Server;
  const tokens: Record<'admin' | 'owner' | 'integrator', string> = { admin: '', owner: '', integrator: '' };
  const saved = { ...process.env };
  let as: (who: keyof typeof tokens) => string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rungs-remote-'));
    Object.assign(process.env, { RUNGS_DATA_DIR: path.join(dir, 'store'), DATABASE_URL: '' });
    delete process.env.RUNGS_SERVER;
    delete process.env.RUNGS_TOKEN;
    for (const [who, extra] of [['admin', []], ['owner', ['--tracks', 'CS', '--workbook', 'acme']], ['integrator', ['--workbook', 'acme']]] as const) {
      const made = await cli('token', 'create', '--role', who, '--label', who, ...extra);
      expect(made.code, made.stderr).toBe(0);
      tokens[who] = made.stdout.trim();
    }
    server = await startServer({ RUNGS_DATA_DIR: path.join(dir, 'store'), DATABASE_URL: '', RUNGS_REPORT_REFRESH_MINUTES: '0' });
    as = (who) => ['--server', server.base, '--token', tokens[who]];
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('a server that does not answer: exit 2, naming the URL and how to start one', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await cli('connect', ACME, '--server', url, '--token', tokens.admin);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Cannot reach the server at ${url}`);
    expect(r.stderr).toContain('npm start');
  });

  it('a token the server does not know, or a role that may not: exit 2 with the server\'s reason', async () => {
    const unknown = await cli('connect', ACME, '--server', server.base, '--token', 'rungs_not-a-token');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown or revoked.*Check the token/);
    const owner = await cli('connect', ACME, ...as('owner'));
    expect(owner.code).toBe(2);
    expect(owner.stderr).not.toBe('');
  });

  it('connects with the server and token from the environment, and says so in JSON too', async () => {
    Object.assign(process.env, { RUNGS_SERVER: server.base, RUNGS_TOKEN: tokens.admin });
    try {
      const r = await cli('connect', ACME, '--name', 'Acme Cloud');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Connected workbook acme ("Acme Cloud")');
      expect(r.stdout).toContain('ENG-IC (not on the server yet)');
      const json = JSON.parse((await cli('connect', ACME, '--json')).stdout);
      expect(json.workbook).toMatchObject({ spreadsheetId: 'acme', name: 'acme' });
    } finally {
      delete process.env.RUNGS_SERVER;
      delete process.env.RUNGS_TOKEN;
    }
  });

  it('a draft with errors: the findings on stdout, exit 1, nothing published', async () => {
    expect((await cli('connect', PROBLEMS, ...as('admin'))).code).toBe(0);
    const r = await cli('publish', PROBLEMS, '--track', 'ENG-IC,CS', ...as('admin'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CS Customer Success: draft \d+ saved \(\d+ errors?/);
    expect(r.stdout).toContain('track-no-owner');
    expect(r.stderr).toContain('nothing published: ENG-IC, CS have errors');
    const after = await cli('connect', PROBLEMS, ...as('admin'));
    expect(after.stdout).toContain('ENG-IC (Draft)');
    expect(after.stdout).toContain('CS (Draft)');
  });

  it('publishes, then finds nothing to publish when nothing changed; an owner publishes only their track', async () => {
    const first = await cli('publish', ACME, '--track', 'ENG-IC', '--track', 'CS', '--note', 'first', ...as('admin'));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('ENG-IC: published as version 1');
    expect(first.stdout).toContain('CS: published as version 1');
    const again = await cli('publish', ACME, '--track', 'CS', ...as('owner'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes against active version 1');
    expect(again.stdout).toContain('CS: nothing to publish');
    const other = await cli('publish', ACME, '--track', 'ENG-MGR', ...as('owner'));
    expect(other.code).toBe(2);
    expect(other.stderr).not.toBe('');
    const json = JSON.parse((await cli('draft', ACME, '--track', 'ENG-IC', '--json', ...as('admin'))).stdout);
    expect(json[0]).toMatchObject({ trackId: 'ENG-IC', diff: { activeVersion: 1, stale: false } });
  });

  it('import --records --server: a refused file exits 1 with row-precise findings; a good one is streamed in', async () => {
    expect((await cli('publish', ACME, '--track', 'ENG-MGR', ...as('admin'))).code).toBe(0);
    const employees = await cli('import', path.join(RECORDS, 'employees.csv'), '--records', 'employees', '--workbook', 'acme', ...as('integrator'));
    expect(employees.code, employees.stderr).toBe(0);
    expect(employees.stdout).toContain('Imported 25 employees rows into acme');

    const bad = path.join(dir, 'completions-bad.csv');
    await writeFile(bad, 'employee_id,module_id,status\nE1006,MOD-SH-01,completed\nE9999,MOD-SH-01,completed\nE1007,MOD-SH-01,done-ish\n');
    const refused = await cli('import', bad, '--records', 'completions', '--workbook', 'acme', ...as('integrator'));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/A3\s+error\s+unknown-employee/);
    expect(refused.stdout).toMatch(/C4\s+error\s+bad-enum/);
    expect(refused.stderr).toContain('Nothing was imported');

    const good = await cli('import', path.join(RECORDS, 'completions.csv'), '--records', 'completions', '--workbook', 'acme', '--json', ...as('integrator'));
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ kind: 'completions', rows: 316, inserted: 316, totalFindings: 0 });
    expect(good.stderr).toMatch(/Imported \d+ completions rows into acme on http/);
    const owner = await cli('import', path.join(RECORDS, 'completions.csv'), '--records', 'completions', '--workbook', 'acme', ...as('owner'));
    expect(owner.code).toBe(2);
  });

  it('reports: nothing before a refresh, then the refresh waited for, the tabs printed, an unknown track refused', async () => {
    const before = await cli('reports', 'show', '--workbook', 'acme-with-problems', ...as('admin'));
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('no reports yet');
    const refreshed = await cli('reports', 'refresh', '--workbook', 'acme', '--json', ...as('admin'));
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(JSON.parse(refreshed.stdout)).toMatchObject({ lastOutcome: 'computed', running: false });
    const overview = await cli('reports', 'show', '--workbook', 'acme', ...as('admin'));
    expect(overview.code).toBe(0);
    expect(overview.stdout).toContain('All Active tracks side by side');
    const mine = await cli('reports', 'show', '--workbook', 'acme', '--track', 'CS', ...as('owner'));
    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stdout).toMatch(/^Report CS\n=+/);
    expect(mine.stdout).toContain('Module funnel (path order)');
    const notMine = await cli('reports', 'show', '--workbook', 'acme', '--track', 'ENG-IC', ...as('owner'));
    expect(notMine.code).toBe(1);
    const unknown = await cli('reports', 'show', '--workbook', 'acme', '--track', 'SALES', ...as('admin'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no report for track SALES.*Reports cover Active \(published\) tracks: (CS|ENG-IC|ENG-MGR)/);
    const noWorkbook = await cli('reports', 'show', '--workbook', 'nope', ...as('admin'));
    expect(noWorkbook.code).toBe(2);
    expect(noWorkbook.stderr).toContain('not connected');
  });
});
