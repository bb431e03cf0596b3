import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tabNamesFromFiles } from '../../sync-server/io/csv-folder';
import { loadWorkbook, WorkbookLoadError, writeWorkbookFolder } from '../../sync-server/io/load-workbook';
import { validSnapshot } from '../server/fixtures';
import { tempDir } from './run-rungs';

let dir = '';
let cleanup = async () => {};
beforeAll(async () => ({ dir, cleanup } = await tempDir('load')));
afterAll(() => cleanup());

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(path, file), text, 'utf8');
  return path;
}

async function loadError(path: string): Promise<WorkbookLoadError> {
  const e: unknown = await loadWorkbook(path).then(() => undefined, (err: unknown) => err);
  if (!(e instanceof WorkbookLoadError)) throw new Error(`expected a WorkbookLoadError, got ${String(e)}`);
  return e;
}

describe('loadWorkbook', () => {
  test('a folder written by writeWorkbookFolder reads back as the same workbook, all values as strings', async () => {
    const path = join(dir, 'acme-roundtrip');
    await writeWorkbookFolder(validSnapshot(), path);
    const loaded = await loadWorkbook(path);
    const expected = validSnapshot().sheets.map((s) => ({ name: s.name, values: s.values.map((row) => row.map(String)) }));
    expect(loaded).toEqual({ spreadsheetId: 'acme-roundtrip', sheets: expected });
  });

  test('tabs come in contract order, then Matrix, then Rubric, then the rest alphabetically', async () => {
    const names = ['Notes', 'Rubric B', 'Matrix B', 'Employees', 'Matrix A', 'Archive', 'Tracks', 'Modules', 'Positions', 'Competencies', 'Levels', 'Report A'];
    const path = await folder('order', Object.fromEntries(names.map((n) => [`${n}.csv`, 'x'])));
    const loaded = await loadWorkbook(path);
    expect(loaded.sheets.map((s) => s.name)).toEqual([
      'Tracks', 'Levels', 'Competencies', 'Positions', 'Modules', 'Employees', 'Matrix A', 'Matrix B', 'Rubric B', 'Archive', 'Notes', 'Report A',
    ]);
  });

  test('BOM stripped, quoted commas and line breaks kept, blank rows kept in place, trailing newline ignored', async () => {
    const path = await folder('csv-details', { 'Tracks.csv': '\uFEFFTrack ID,Description\r\n,\r\nENG,"Builds, ships\nand runs"\r\n' });
    const [tracks] = (await loadWorkbook(path)).sheets;
    expect(tracks.values).toEqual([['Track ID', 'Description'], ['', ''], ['ENG', 'Builds, ships\nand runs']]);
  });

  test('tabs saved again by a spreadsheet in a European locale (semicolons, BOM, CRLF) read as the same cells', async () => {
    const path = await folder('semicolons', { 'Tracks.csv': '\uFEFFTrack ID;Track Name;Description\r\nENG;Engineering;"Builds; ships, runs"\r\n' });
    expect((await loadWorkbook(path)).sheets[0].values).toEqual([['Track ID', 'Track Name', 'Description'], ['ENG', 'Engineering', 'Builds; ships, runs']]);
  });

  test('an empty CSV is a blank tab, not an error', async () => {
    const path = await folder('blank-tab', { 'Tracks.csv': '', 'Levels.csv': 'Track ID' });
    expect((await loadWorkbook(path)).sheets).toEqual([{ name: 'Tracks', values: [] }, { name: 'Levels', values: [['Track ID']] }]);
  });

  test('"<title> - <tab>.csv" names from Sheets downloads become the tab names', () => {
    expect(tabNamesFromFiles(['Acme - Framework - Tracks.csv', 'Acme - Framework - Matrix ENG.csv'])).toEqual(['Tracks', 'Matrix ENG']);
    expect(tabNamesFromFiles(['Tracks.csv', 'Matrix ENG - old.csv'])).toEqual(['Tracks', 'Matrix ENG - old']);
  });

  test.each([
    ['not-found', () => join(dir, 'missing')],
    ['no-tabs', () => folder('only-notes', { 'README.txt': 'hello' })],
    ['bad-csv', () => folder('bad-quote', { 'Tracks.csv': 'a,"b\nc' })],
    ['not-json', async () => (await folder('files', { 'x.json': '{ nope' }), join(dir, 'files/x.json'))],
    ['not-json', async () => (await folder('single', { 'Tracks.csv': 'a,b' }), join(dir, 'single/Tracks.csv'))],
    ['not-a-snapshot', async () => (await folder('wrong', { 'x.json': '{"sheets":[]}' }), join(dir, 'wrong/x.json'))],
    // "Müller" saved by a spreadsheet as Windows-1252: read as UTF-8 it would become "M�ller" without a word.
    ['bad-encoding', async () => { const p = await folder('latin1', {}); await writeFile(join(p, 'Employees.csv'), Buffer.from('Employee ID,Employee Name\nE1,M\xfcller\n', 'latin1')); return p; }],
  ])('unusable input throws WorkbookLoadError %s', async (code, makePath) => {
    const e = await loadError(await makePath());
    expect(e.code).toBe(code);
    expect(e.message.length).toBeGreaterThan(20);
  });

  test('a snapshot that is not one names the JSON path of the problem', async () => {
    const path = join(await folder('path-named', { 'x.json': JSON.stringify({ spreadsheetId: 'x', sheets: [{ name: 'A', values: [[1, {}]] }] }) }), 'x.json');
    expect((await loadError(path)).message).toContain('sheets[0].values[0][1]');
  });
});
