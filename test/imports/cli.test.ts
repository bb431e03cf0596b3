import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIO } from '../../sync-server/cli/io';
import { progressBar } from '../../sync-server/cli/progress';
import { runCli } from '../../sync-server/cli/run-cli';
import { rungs, tempDir } from '../cli/run-rungs';
import { describeEachEngine } from '../storage/engines';
import { COMPLETIONS_HEADER, lines, publishedMini } from './helpers';

let files: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  files = await tempDir('records-cli');
  await writeFile(join(files.dir, 'good.csv'), lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,2026-03-01,2026-03-02,90', 'EMP-2,M-201,enrolled,,,'));
  await writeFile(join(files.dir, 'bad.csv'), lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,2026-03-01,,', 'NOBODY,S-1,completed,31/12/2026,,'));
  await writeFile(join(files.dir, 'lms.csv'), lines('Learner;Course;State', 'EMP-3;S-1;passed'));
});
afterAll(() => files.cleanup());

// The CLI opens the store from the environment like `npm start`; the embedded store is the one it can be pointed at here.
describeEachEngine('rungs import --records (F7)', (h) => {
  const env = () => {
    const c = h.config();
    if (c.engine !== 'sqlite') throw new Error('sqlite only');
    return { RUNGS_DATA_DIR: c.dataDir, DATABASE_URL: '' };
  };
  const run = (file: string, ...args: string[]) => rungs(['import', join(files.dir, file), ...args], undefined, env());

  it('imports into the store the server uses: exit 0, a summary line, the same file again changes nothing', async () => {
    const { store } = await publishedMini(h);
    await store.close();
    const first = await run('good.csv', '--records', 'completions', '--workbook', 'mini');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Imported 2 completions rows into mini: 2 inserted, 0 updated, 0 unchanged \(\d+\.\d s, [\d,]+ rows\/s\)\.\n$/);
    const again = await run('good.csv', '--records', 'completions', '--workbook', 'mini', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ kind: 'completions', imported: true, rows: 2, inserted: 0, updated: 0, unchanged: 2, findings: [], totalFindings: 0 });
    expect(again.stderr).toContain('0 inserted, 0 updated, 2 unchanged');
  });

  it('exit 1 with the findings (row and cell) when the file is rejected; exit 2 on unusable input', async () => {
    const { store } = await publishedMini(h);
    await store.close();
    const bad = await run('bad.csv', '--records', 'completions', '--workbook', 'mini', '--json');
    expect(bad.code).toBe(1);
    const body = JSON.parse(bad.stdout);
    expect(body.findings.map((f: { cell: string; code: string }) => `${f.cell} ${f.code}`)).toEqual(['D3 bad-date']);
    const human = await run('bad.csv', '--records', 'completions', '--workbook', 'mini');
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('bad.csv\n  D3  error  bad-date');
    expect(human.stdout).toContain('Nothing imported: 1 finding in 2 rows.');

    const mapped = await run('lms.csv', '--records', 'completions', '--workbook', 'mini', '--map', '{"employee_id":"Learner","status":"State"}');
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toContain('1 inserted');

    const unknown = await run('good.csv', '--records', 'completions', '--workbook', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('rungs import: Workbook nope is not connected to this server. Connect it first.\n');
    // Bad usage is refused before the store is opened: checked in-process, through the same dispatcher as the bin.
    for (const args of [
      ['missing.csv', '--records', 'completions', '--workbook', 'mini'],
      ['good.csv', '--records', 'grades', '--workbook', 'mini'],
      ['good.csv', '--records', 'completions'],
      ['good.csv', '--records', 'completions', '--workbook', 'mini', '--map', '{oops'],
      ['good.csv', '--records', 'completions', '--workbook', 'mini', '--replace'],
    ]) {
      const io = bufferIO();
      const [file, ...rest] = args;
      expect(await runCli(['import', join(files.dir, file), ...rest], io), args.join(' ')).toBe(2);
      expect(io.stderr()).toMatch(/^rungs import: /);
      expect(io.stdout()).toBe('');
    }
  });
}, ['sqlite']);

describe('progress bar', () => {
  it('draws bytes, rows and rate on a terminal, at most every interval, and clears itself', () => {
    const written: string[] = [];
    let t = 0;
    const bar = progressBar({ isTTY: true, columns: 200, write: (s) => written.push(s) }, 10 * 1024 * 1024, { now: () => t, intervalMs: 100 });
    t = 1000;
    bar.update(5 * 1024 * 1024, 50_000);
    t = 1050;
    bar.update(6 * 1024 * 1024, 60_000);
    t = 2000;
    bar.update(10 * 1024 * 1024, 100_000);
    bar.done();
    expect(written).toEqual([
      '\r[############............]  50%  5.0 MB / 10.0 MB  50,000 rows  50,000 rows/s',
      '\r[########################] 100%  10.0 MB / 10.0 MB  100,000 rows  50,000 rows/s',
      '\r\x1b[2K',
    ]);
  });

  it('is silent when stderr is not a terminal', () => {
    const written: string[] = [];
    const bar = progressBar({ isTTY: false, write: (s) => written.push(s) }, 100);
    bar.update(50, 5);
    bar.done();
    expect(written).toEqual([]);
  });
});
