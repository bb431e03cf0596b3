import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as analyze } from '../../sync-server/cli/commands/analyze';
import { run as path } from '../../sync-server/cli/commands/path';
import { bufferIO } from '../../sync-server/cli/io';
import { writeWorkbookFolder } from '../../sync-server/io/load-workbook';
import { snapshotOf } from './builder';
import { SALES_SPEC } from './fixtures';

let dir: string;
let snapshotFile: string;
let csvFolder: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rungs-paths-'));
  snapshotFile = join(dir, 'sales.json');
  csvFolder = join(dir, 'sales-csv');
  await writeFile(snapshotFile, JSON.stringify(snapshotOf(SALES_SPEC)));
  await writeWorkbookFolder(snapshotOf(SALES_SPEC), csvFolder);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function call(run: typeof path, args: string[]) {
  const io = bufferIO();
  const code = await run(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('rungs path (in process)', () => {
  it('prints a numbered list with stage headings, reasons and gates', async () => {
    const { code, stdout, stderr } = await call(path, [snapshotFile, '--track', 'CS']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Learning path of track CS (Customer Success): 3 modules, 9 h',
        '',
        'Foundation (shared modules)',
        '1. S-1  Company context  [2 h, gate: quiz >= 80%]',
        '   - shared foundation: develops Org context, which this track requires',
        '   - no prerequisite or dependency ties it to an earlier module',
        '   - first needed at level CS1',
        '',
        'Role branch (CS)',
        '2. M-1  Product tour  [3 h]',
        '   - no prerequisite or dependency ties it to an earlier module',
        '   - first needed at level CS1',
        '3. M-2  Discovery calls  [4 h, gate: assessment >= 70%]',
        '   - after M-1: it develops Product knowledge, which Consultative selling depends on',
        '   - first needed at level CS2',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --json, and only what a level needs with --level', async () => {
    const { code, stdout } = await call(path, [csvFolder, '--track', 'CS', '--level', 'CS1', '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.targetLevel).toEqual({ code: 'CS1', order: 1 });
    expect(parsed.steps.map((s: { moduleId: string }) => s.moduleId)).toEqual(['S-1', 'M-1']);
  });

  it('exits 1 on an unknown track or level, and on a loop, naming the finding', async () => {
    const unknown = await call(path, [snapshotFile, '--track', 'NOPE']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no track "NOPE" in the Tracks tab. Tracks in this workbook: CS, SAL, LOOP.');
    expect((await call(path, [snapshotFile, '--track', 'CS', '--level', 'CS9'])).code).toBe(1);
    const loop = await call(path, [snapshotFile, '--track', 'LOOP', '--json']);
    expect(loop.code).toBe(1);
    expect(JSON.parse(loop.stdout).error).toMatchObject({ code: 'path-cycle', findingCode: 'prerequisite-cycle', cycle: ['L-1', 'L-2', 'L-1'] });
    expect(loop.stderr).toContain('prerequisite-cycle');
  });

  it('exits 2 on bad usage or a workbook that cannot be read', async () => {
    expect((await call(path, [snapshotFile])).stderr).toContain('Which track? Pass --track <id>.');
    expect((await call(path, [snapshotFile])).code).toBe(2);
    expect((await call(path, ['--track', 'CS'])).code).toBe(2);
    expect((await call(path, [snapshotFile, '--track', 'CS', '--bogus'])).code).toBe(2);
    const missing = await call(path, [join(dir, 'nope.json'), '--track', 'CS']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});

describe('rungs analyze (in process)', () => {
  it('prints the aligned overlap table, foundation candidates and over-segmentation', async () => {
    const { code, stdout } = await call(analyze, [snapshotFile]);
    expect(code).toBe(0);
    // CS = {ORG, PK, CONS}, SAL = {ORG, PITCH}, LOOP = {X}: CS/SAL share 1 of 4.
    expect(stdout).toContain(
      [
        '             CS       SAL     LOOP',
        '  CS          -   25% (1)   0% (0)',
        '  SAL   25% (1)         -   0% (0)',
        '  LOOP   0% (0)    0% (0)        -',
      ].join('\n'),
    );
    expect(stdout).toContain('Shared foundation candidates: competencies required by at least 50% of the 3 tracks (1)');
    expect(stdout).toContain('  ORG  Org context  2 of 3 tracks  Scope Role: consider Shared  CS, SAL');
    expect(stdout).toContain('Over-segmentation: tracks sharing more than 75% of their competencies (0)\n  None.');
  });

  it('prints the analysis as JSON with --json and exits 2 without a workbook', async () => {
    const { code, stdout } = await call(analyze, [snapshotFile, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).overlaps).toHaveLength(3);
    expect((await call(analyze, [])).code).toBe(2);
  });
});

const exec = promisify(execFile);
describe('rungs path / analyze (spawned through the CLI)', () => {
  const cli = (args: string[]) =>
    exec(process.execPath, ['--import', 'tsx', 'sync-server/cli/main.ts', ...args], { cwd: process.cwd() }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('runs path and analyze with the documented exit codes', async () => {
    const ok = await cli(['path', snapshotFile, '--track', 'CS']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('3. M-2  Discovery calls');
    expect((await cli(['path', snapshotFile, '--track', 'LOOP'])).code).toBe(1);
    expect((await cli(['path', snapshotFile])).code).toBe(2);
    expect((await cli(['analyze', snapshotFile])).stdout).toContain('Shared foundation candidates');
  }, 30_000);
});
