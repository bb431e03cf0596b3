import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { FindingSchema } from '../../shared';
import { writeWorkbookFolder } from '../../sync-server/io/load-workbook';
import { FIXTURE_TODAY, snapshotWithBadOrder, snapshotWithout, validSnapshot } from '../server/fixtures';
import { ROOT, rungs, runProcess, tempDir } from './run-rungs';

let dir = '';
let cleanup = async () => {};
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('cli'));
  await writeFile(at('valid.json'), JSON.stringify(validSnapshot()));
  await writeFile(at('no-modules.json'), JSON.stringify(snapshotWithout('Modules')));
  await writeFile(at('not-json.json'), 'Track ID,Track Name\nENG,Engineering\n');
  await writeFile(at('not-a-snapshot.json'), JSON.stringify({ spreadsheetId: 'x', sheets: [{ name: 'Tracks', values: 'oops' }] }));
  await writeWorkbookFolder(validSnapshot(), at('valid-folder'));
  await writeWorkbookFolder(snapshotWithBadOrder(), at('bad-order-folder'));
  await mkdir(at('empty-folder'));
  await writeWorkbookFolder(validSnapshot(), at('unclosed-quote'));
  await writeFile(at('unclosed-quote/Tracks.csv'), 'Track ID,Track Name\nENG,"Software Engineering\n');
});
afterAll(() => cleanup());

const today = ['--today', FIXTURE_TODAY];

describe.concurrent('rungs validate', () => {
  test('a valid snapshot file exits 0 and says so', async () => {
    const r = await rungs(['validate', at('valid.json'), ...today]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No problems found in 8 tabs.\n');
  });

  test('a valid folder of tab CSVs exits 0', async () => {
    const r = await rungs(['validate', at('valid-folder'), ...today]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No problems found in 8 tabs.');
  });

  test('a missing tab exits 1 and names sheet, cell, severity and code', async () => {
    const r = await rungs(['validate', at('no-modules.json'), ...today]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Modules\n {2}A1 +error +missing-tab +The workbook has no "Modules" tab/m);
    expect(r.stdout).toMatch(/\n\d+ errors?, \d+ warnings? in 7 tabs\.\n$/);
  });

  test('an error in a CSV cell is reported at that cell', async () => {
    const r = await rungs(['validate', at('bad-order-folder'), ...today]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Levels\n {2}D3 +error +bad-number +Order "second"/m);
  });

  test('--json prints exactly the findings as a JSON array', async () => {
    const r = await rungs(['validate', at('no-modules.json'), '--json', ...today]);
    expect(r.code).toBe(1);
    const findings = z.array(FindingSchema.strict()).parse(JSON.parse(r.stdout));
    expect(findings).toContainEqual(expect.objectContaining({ sheet: 'Modules', cell: 'A1', severity: 'error', code: 'missing-tab' }));
  });

  test('--json on a valid workbook prints an empty array', async () => {
    const r = await rungs(['validate', at('valid-folder'), '--json', ...today]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  test.each([
    ['a file that is not JSON', 'not-json.json', /is not JSON/],
    ['JSON that is not a snapshot', 'not-a-snapshot.json', /not a workbook snapshot.*sheets\[0\]\.values/],
    ['a folder without CSV files', 'empty-folder', /holds no CSV files/],
    ['a CSV with an unclosed quote', 'unclosed-quote', /"Tracks\.csv" cannot be read as CSV/],
    ['a path that does not exist', 'nowhere.json', /does not exist/],
  ])('%s exits 2 with a message on stderr', async (_, name, message) => {
    const r = await rungs(['validate', at(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe.concurrent('entry points', () => {
  test('bin/rungs.js runs from another directory with paths to files', async () => {
    const r = await runProcess(process.execPath, [join(ROOT, 'bin/rungs.js'), 'validate', at('valid.json'), ...today], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No problems found');
  });

  // --no and --offline: if npx ever failed to find the project's own bin it must fail here, never fetch a package.
  test('npx rungs finds the project bin', async () => {
    const r = await runProcess('npx', ['--no', '--offline', 'rungs', 'validate', at('valid-folder'), ...today]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No problems found');
  });
});
