import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { todayIso, validateSnapshot, type WorkbookSnapshot } from '../../shared';
import { importMoodle } from '../../shared/formats/moodle';
import { importedTabs } from '../../shared/formats/imported';
import { mergeSnapshots } from '../../shared/formats/merge';
import { csvTabsToWorkbook, workbookToCsvTabs } from '../../shared/formats/workbook-csv';
import { loadWorkbook, writeWorkbookFolder } from '../../sync-server/io/load-workbook';
import { tempDir } from '../cli/run-rungs';
import { moodleFixtureText, ROOT } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => { for (const c of cleanups) await c(); });

async function throughFolder(snapshot: WorkbookSnapshot): Promise<{ dir: string; back: ReturnType<typeof csvTabsToWorkbook> }> {
  const { dir, cleanup } = await tempDir('formats-csv');
  cleanups.push(cleanup);
  const out = workbookToCsvTabs(snapshot);
  expect(out.findings).toEqual([]);
  await writeWorkbookFolder(out.snapshot, dir);
  return { dir, back: csvTabsToWorkbook(await loadWorkbook(dir)) };
}

describe('CSV folder export/import of every tab', () => {
  it('round trips the example workbook cell for cell', async () => {
    const acme = await loadWorkbook(join(ROOT, 'examples/acme'));
    const { back } = await throughFolder(acme);
    expect(back.findings).toEqual([]);
    expect(back.snapshot.sheets).toEqual(acme.sheets);
    expect(validateSnapshot(back.snapshot, { today: todayIso() })).toEqual(validateSnapshot(acme, { today: todayIso() }));
  });

  it('neutralizes formula cells in the files and restores them on import', async () => {
    const acme = await loadWorkbook(join(ROOT, 'examples/acme'));
    const comps = acme.sheets.find((s) => s.name === 'Competencies')!;
    comps.values[1][4] = '=HYPERLINK("http://evil.example","click")';
    comps.values[2][4] = '@SUM(1+1)';
    comps.values[3][4] = '-5 is not a number here';
    const { dir, back } = await throughFolder(acme);
    const file = await readFile(join(dir, 'Competencies.csv'), 'utf8');
    expect(file).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(file).toContain("'@SUM(1+1)");
    expect(file).toContain("'-5 is not a number here");
    expect(file.split('\n').some((line) => /(^|,)[=+\-@]/.test(line))).toBe(false);
    expect(back.snapshot.sheets.find((s) => s.name === 'Competencies')!.values).toEqual(comps.values);
  });

  it('writes numeric cells as numbers, not neutralized', () => {
    const out = workbookToCsvTabs({ spreadsheetId: 'x', sheets: [{ name: 'T', values: [['A', 'B'], [-5, '-5']] }] });
    expect(out.snapshot.sheets[0].values[1]).toEqual([-5, "'-5"]);
  });

  it('reports a value in a column without a header', () => {
    const r = csvTabsToWorkbook({ spreadsheetId: 'x', sheets: [{ name: 'Competencies', values: [['Competency ID'], ['C1', 'stray']] }] });
    expect(r.findings).toMatchObject([{ sheet: 'Competencies', cell: 'B2', severity: 'error', code: 'csv-cell-without-header' }]);
  });
});

describe('merging imported tabs into a workbook', () => {
  it('adds the Moodle framework to the example workbook: new rows appended, nothing it holds changed', async () => {
    const acme = await loadWorkbook(join(ROOT, 'examples/acme'));
    const moodle = importMoodle(moodleFixtureText());
    const merged = mergeSnapshots(acme, importedTabs(moodle));
    expect(merged.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(merged.findings.filter((f) => ['import-value-changed', 'import-value-cleared'].includes(f.code))).toEqual([]);
    const comps = merged.snapshot.sheets.find((s) => s.name === 'Competencies')!;
    const before = acme.sheets.find((s) => s.name === 'Competencies')!;
    // 64 Moodle rows: the levels branch (1 root + 5 levels) goes to Groupings and Levels, the other 58 are competencies.
    expect(comps.values.length - 1).toBe(before.values.length - 1 + 58);
    expect(comps.values.slice(0, before.values.length).map((r) => r.slice(0, 5))).toEqual(before.values);
    expect(comps.values[0]).toEqual(['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description', 'Parent ID', 'Related']);
    expect(merged.findings.find((f) => f.sheet === 'Competencies' && f.code === 'import-rows-added')?.cell).toBe(`A${before.values.length + 1}`);
    const levels = merged.snapshot.sheets.find((s) => s.name === 'Levels')!;
    expect(levels.values.filter((r) => r[0] === 'OECD-CORE')).toHaveLength(5);
    const again = mergeSnapshots(merged.snapshot, importedTabs(moodle));
    expect(again.snapshot).toEqual(merged.snapshot);
    expect(again.changedTabs).toEqual([]);
    expect(again.findings).toEqual([]);
  });

  it('reports imported rows without their id', () => {
    const base: WorkbookSnapshot = { spreadsheetId: 'x', sheets: [{ name: 'Competencies', values: [['Competency ID', 'Competency Name']] }] };
    const r = mergeSnapshots(base, [{ name: 'Competencies', keys: ['Competency ID'], header: ['Competency ID', 'Competency Name'], rows: [['', 'No id']], defaults: {} }]);
    expect(r.findings).toMatchObject([{ sheet: 'Competencies', cell: 'A2', code: 'import-row-without-id' }]);
  });
});
