import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../shared';
import { run as runExport } from '../../sync-server/cli/commands/export';
import { run as runImport } from '../../sync-server/cli/commands/import';
import { bufferIO } from '../../sync-server/cli/io';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { MOODLE_FIXTURE, ROOT, tempFolders } from './helpers';
import { stateStandard } from './state-standard';

const ACME = join(ROOT, 'examples/acme');
const temp = tempFolders('formats-cli');

describe('rungs export', () => {
  it('writes each format', async () => {
    const dir = await temp();
    for (const [format, out] of [['csv', join(dir, 'csv')], ['moodle', join(dir, 'acme-moodle.csv')], ['case', join(dir, 'acme-case.json')]]) {
      const io = bufferIO();
      expect(await runExport([ACME, '--format', format, '--out', out], io), io.stderr()).toBe(0);
      expect(io.stdout()).toContain(`to ${out}.`);
    }
    expect((await loadWorkbook(join(dir, 'csv'))).sheets.map((s) => s.name)).toEqual((await loadWorkbook(ACME)).sheets.map((s) => s.name));
    expect((await readFile(join(dir, 'acme-moodle.csv'), 'utf8')).split('\n')[0]).toMatch(/^Parent id number,Id number,Shortname,/);
    expect(JSON.parse(await readFile(join(dir, 'acme-case.json'), 'utf8'))).toHaveProperty('CFDocument.identifier');
  });

  it('rejects bad usage with exit 2', async () => {
    const io = bufferIO();
    expect(await runExport([ACME, '--format', 'xml', '--out', 'x'], io)).toBe(2);
    expect(io.stderr()).toContain('--format must be csv, moodle or case');
  });
});

describe('rungs import', () => {
  it('imports the Moodle fixture into a copy of the example workbook', async () => {
    const dir = await temp();
    const target = join(dir, 'wb');
    await runExport([ACME, '--format', 'csv', '--out', target], bufferIO());
    const io = bufferIO();
    expect(await runImport([MOODLE_FIXTURE, '--format', 'moodle', '--into', target], io), io.stderr()).toBe(0);
    expect(io.stdout()).toContain('Imported 58 competencies, 1 grouping, 5 levels, 1 track into');
    const wb = await loadWorkbook(target);
    const comps = wb.sheets.find((s) => s.name === 'Competencies')!;
    expect(comps.values.some((r) => r[0] === 'DR-AT1')).toBe(true);
  });

  it('round trips CASE through export and import', async () => {
    const dir = await temp();
    await runExport([ACME, '--format', 'case', '--out', join(dir, 'case.json')], bufferIO());
    const io = bufferIO();
    expect(await runImport([join(dir, 'case.json'), '--format', 'case', '--out', join(dir, 'back'), '--json'], io), io.stderr()).toBe(0);
    const findings = JSON.parse(io.stdout()) as { code: string }[];
    expect(findings.map((f) => f.code)).toEqual(['case-track-incomplete']);
  });

  it('exits 1 and writes nothing for a Latin-1 file', async () => {
    const dir = await temp();
    const file = join(dir, 'latin1.csv');
    const text = (await readFile(MOODLE_FIXTURE, 'utf8')).replace('Analytical Thinking', 'Analytical Thinking é');
    await writeFile(file, Buffer.from(text, 'latin1'));
    const io = bufferIO();
    expect(await runImport([file, '--format', 'moodle', '--out', join(dir, 'out'), '--json'], io)).toBe(1);
    const findings = JSON.parse(io.stdout()) as { code: string; cell: string }[];
    expect(findings[0].code).toBe('bad-encoding');
    await expect(loadWorkbook(join(dir, 'out'))).rejects.toThrow();
  });

  it('imports a CSV folder, and refuses one with errors without writing', async () => {
    const dir = await temp();
    const src = join(dir, 'src');
    await runExport([ACME, '--format', 'csv', '--out', src], bufferIO());
    const ok = bufferIO();
    expect(await runImport([src, '--format', 'csv', '--out', join(dir, 'copy')], ok), ok.stdout()).toBe(0);
    expect((await loadWorkbook(join(dir, 'copy'))).sheets).toEqual((await loadWorkbook(src)).sheets);
    await writeFile(join(src, 'Tracks.csv'), 'Track ID,Track Name\nENG-IC,Software Engineering\n');
    const bad = bufferIO();
    expect(await runImport([src, '--format', 'csv', '--out', join(dir, 'never')], bad)).toBe(1);
    expect(bad.stdout()).toContain('missing-header');
    expect(bad.stdout()).toContain('Nothing imported');
    await expect(loadWorkbook(join(dir, 'never'))).rejects.toThrow();
  });

  it('imports a state standard and says how many items of each type went where', async () => {
    const dir = await temp();
    const file = join(dir, 'state.json');
    await writeFile(file, JSON.stringify(stateStandard().pkg));
    const io = bufferIO();
    expect(await runImport([file, '--format', 'case', '--out', join(dir, 'wb')], io), io.stdout()).toBe(0);
    const out = io.stdout();
    expect(out).toContain("Where the file's items go:\n  Grade Level: 9 → Groupings\n  Domain: 45 → Groupings\n  Cluster: 135 → Groupings\n  Standard: 405 → Competencies");
    expect(out).toContain(`Imported 810 competencies, 189 groupings, 0 levels, 0 tracks into ${join(dir, 'wb')}.`);
    expect(out).toContain('0 errors');
    const wb = await loadWorkbook(join(dir, 'wb'));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Tracks', 'Levels', 'Competencies', 'Positions', 'Modules', 'Framework', 'Groupings']);
  });

  it('merges into a snapshot file, and leaves it untouched when nothing changes', async () => {
    const dir = await temp();
    const file = join(dir, 'acme.json');
    await writeFile(file, JSON.stringify({ ...(await loadWorkbook(ACME)), spreadsheetId: '1AcmeSpreadsheetIdFromTheAddOn000000000000' }));
    const moodle = join(dir, 'acme.csv');
    expect(await runExport([file, '--format', 'moodle', '--out', moodle], bufferIO())).toBe(0);
    const before = await readFile(file, 'utf8');
    const { mtimeMs } = await stat(file);
    const io = bufferIO();
    expect(await runImport([moodle, '--format', 'moodle', '--into', file], io)).toBe(0);
    expect(io.stdout()).toContain('nothing in it changed');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await stat(file)).mtimeMs).toBe(mtimeMs);
    await writeFile(moodle, (await readFile(moodle, 'utf8')).replace(',Customer empathy,', ',Empathy for customers,'));
    expect(await runImport([moodle, '--format', 'moodle', '--into', file], bufferIO())).toBe(0);
    const comps = (JSON.parse(await readFile(file, 'utf8')) as WorkbookSnapshot).sheets.find((s) => s.name === 'Competencies')!;
    expect(comps.values.find((r) => r[0] === 'FND-CUS')?.slice(0, 4)).toEqual(['FND-CUS', 'Empathy for customers', 'Shared', 'FND-CTX']);
  });

  it('exits 2 on a missing file', async () => {
    const io = bufferIO();
    expect(await runImport(['/nonexistent/x.json', '--format', 'case'], io)).toBe(2);
  });
});
