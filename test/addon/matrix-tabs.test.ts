/** Menus "Build matrix tabs" and "Add track", run from the built bundle against the fakes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createFakeGas, type FakeSpreadsheet } from '../fakes/index';
import { buildBundleSource, runBundle, type Bundle } from './load';

let source: string;
beforeAll(async () => {
  source = await buildBundleSource();
}, 60_000);

const TRACKS_HEADER = ['Track ID', 'Track Name', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Description'];
const LEVELS_HEADER = ['Track ID', 'Level Code', 'Level Name', 'Order', 'Description'];
const COMPETENCIES_HEADER = ['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description'];

function small(): { bundle: Bundle; ss: FakeSpreadsheet } {
  const gas = createFakeGas();
  const ss = gas.SpreadsheetApp.create({ id: 'ss-matrix' });
  ss.putSheet('Tracks', [TRACKS_HEADER, ['ENG', 'Engineering', 'Individual Contributor', 'e@example.com', 'Draft', '', ''], ['MGR', 'Management', 'Manager', 'm@example.com', 'Draft', '', '']]);
  // Orders out of row order: the matrix follows Order.
  ss.putSheet('Levels', [LEVELS_HEADER, ['ENG', 'IC2', 'Senior', 2, ''], ['ENG', 'IC1', 'Engineer', 1, ''], ['MGR', 'M1', 'Manager', 1, ''], ['MGR', 'M2', 'Senior Manager', 2, '']]);
  ss.putSheet('Competencies', [COMPETENCIES_HEADER, ['COMM', 'Communication', 'Shared', '', ''], ['CODE', 'Coding', 'Role', 'COMM', ''], ['LEAD', 'Leading people', 'Role', 'COMM', '']]);
  // An existing matrix with its level columns out of order, a Notes column and a competency the catalogue lacks.
  ss.putSheet('Matrix ENG', [
    ['Competency ID', 'IC2', 'Notes', 'IC1'],
    ['CODE', 'Owns a service', 'ask Ana', 'Ships small changes'],
    ['COMM', 'Writes design docs', '', 'Writes clear updates'],
    ['GONE', 'old text', '', ''],
  ]);
  ss.putSheet('Rubric ENG', [['Dimension', 'Competency ID', 'Weight', '1 Low', '2 High'], ['Code review', 'CODE', 1, 'Reads', 'Leads']]);
  return { bundle: runBundle(source, gas), ss };
}

const alertText = (b: Bundle) => b.gas.ui.alerts.at(-1)?.prompt ?? '';

describe('Build matrix tabs', () => {
  it('creates missing matrices and rubrics and rearranges an existing matrix without losing a cell', () => {
    const { bundle, ss } = small();
    const rubricBefore = ss.sheet('Rubric ENG').peek();

    bundle.call('buildMatrixTabs');

    expect(ss.sheet('Matrix MGR').peek()).toEqual([
      ['Competency ID', 'Competency Name', 'M1', 'M2'],
      ['COMM', 'Communication', '', ''],
      ['CODE', 'Coding', '', ''],
      ['LEAD', 'Leading people', '', ''],
    ]);
    expect(ss.sheet('Matrix ENG').peek()).toEqual([
      ['Competency ID', 'Competency Name', 'IC1', 'IC2', 'Notes'],
      ['CODE', 'Coding', 'Ships small changes', 'Owns a service', 'ask Ana'],
      ['COMM', 'Communication', 'Writes clear updates', 'Writes design docs', ''],
      ['GONE', '', '', 'old text', ''],
      ['LEAD', 'Leading people', '', '', ''],
    ]);
    expect(ss.sheet('Rubric MGR').peek()).toEqual([
      ['Dimension', 'Competency ID', 'Weight', '1 Beginning', '2 Developing', '3 Proficient', '4 Exemplary'],
      ['Pass Threshold', '', 0.7, '', '', '', ''],
    ]);
    expect(ss.sheet('Rubric ENG').peek()).toEqual(rubricBefore);
    expect(ss.sheet('Matrix MGR').frozenRows).toBe(1);
    expect(ss.sheet('Matrix MGR').fontWeights.get(1, 3)).toBe('bold');

    // One setValues per tab written, none on a tab left alone.
    for (const name of ['Matrix ENG', 'Matrix MGR', 'Rubric MGR']) expect(ss.sheet(name).setValuesCalls, name).toBe(1);
    for (const name of ['Tracks', 'Levels', 'Competencies', 'Rubric ENG']) expect(ss.sheet(name).setValuesCalls, name).toBe(0);

    const alert = alertText(bundle);
    expect(alert).toContain('Created: Matrix MGR, Rubric MGR.');
    expect(alert).toContain('Updated Matrix ENG: new competency rows LEAD.');
    expect(alert).toContain('competencies no longer in Competencies, rows kept');
    expect(alert).toContain('GONE');
    expect(bundle.gas.LockService.documentLock.acquisitions).toBe(1);
    expect(bundle.gas.LockService.documentLock.held).toBe(false);
  });

  it('a second run keeps every expectation, adds the new level and competency, and keeps a removed level', () => {
    const { bundle, ss } = small();
    bundle.call('buildMatrixTabs');
    ss.sheet('Matrix MGR').getRange(2, 3, 1, 2).setValues([['Runs meetings', 'Sets strategy']]);
    const levels = ss.sheet('Levels');
    levels.appendRow(['ENG', 'IC3', 'Staff', 3, '']);
    ss.sheet('Competencies').appendRow(['TEST', 'Testing', 'Role', '', '']);
    // M1 leaves the Levels tab.
    levels.getRange(4, 1, 1, 5).setValues([['', '', '', '', '']]);
    bundle.gas.log.reset();
    for (const s of ss.sheets) s.setValuesCalls = 0;

    bundle.call('buildMatrixTabs');

    expect(ss.sheet('Matrix ENG').peek()).toEqual([
      ['Competency ID', 'Competency Name', 'IC1', 'IC2', 'IC3', 'Notes'],
      ['CODE', 'Coding', 'Ships small changes', 'Owns a service', '', 'ask Ana'],
      ['COMM', 'Communication', 'Writes clear updates', 'Writes design docs', '', ''],
      ['GONE', '', '', 'old text', '', ''],
      ['LEAD', 'Leading people', '', '', '', ''],
      ['TEST', 'Testing', '', '', '', ''],
    ]);
    expect(ss.sheet('Matrix MGR').peek()).toEqual([
      ['Competency ID', 'Competency Name', 'M2', 'M1'],
      ['COMM', 'Communication', 'Sets strategy', 'Runs meetings'],
      ['CODE', 'Coding', '', ''],
      ['LEAD', 'Leading people', '', ''],
      ['TEST', 'Testing', '', ''],
    ]);
    const alert = alertText(bundle);
    expect(alert).toContain('Updated Matrix ENG: new level columns IC3; new competency rows TEST.');
    expect(alert).toContain('Matrix MGR: levels no longer in Levels, kept at the right end');
    expect(alert).toMatch(/kept at the right end.*: M1\./);
    for (const name of ['Matrix ENG', 'Matrix MGR']) expect(ss.sheet(name).setValuesCalls, name).toBe(1);
    expect(bundle.gas.log.count('Spreadsheet.insertSheet')).toBe(0);

    // A third run with nothing new writes nothing.
    bundle.gas.log.reset();
    bundle.call('buildMatrixTabs');
    expect(bundle.gas.log.count('Range.setValues')).toBe(0);
    expect(alertText(bundle)).toContain('Already up to date: Matrix ENG, Matrix MGR.');
  });

  it('leaves alone a tab named like a matrix that has no Competency ID column', () => {
    const { bundle, ss } = small();
    ss.putSheet('Matrix MGR', [['Something else'], ['keep me']]);
    bundle.call('buildMatrixTabs');
    expect(ss.sheet('Matrix MGR').peek()).toEqual([['Something else'], ['keep me']]);
    expect(alertText(bundle)).toContain('Matrix MGR was left alone');
  });

  it('reads Levels and Competencies through their metadata when the tabs were renamed', () => {
    const { bundle, ss } = small();
    bundle.call('setUpWorkbook');
    ss.sheet('Levels').name = 'Job levels';
    ss.sheet('Competencies').name = 'Skills';
    ss.deleteSheet(ss.sheet('Matrix ENG'));
    bundle.call('buildMatrixTabs');
    expect(ss.sheet('Matrix ENG').peek()[0]).toEqual(['Competency ID', 'Competency Name', 'IC1', 'IC2']);
  });

  it('says to run Set up workbook when Levels is missing', () => {
    const gas = createFakeGas();
    const ss = gas.SpreadsheetApp.create();
    ss.putSheet('Tracks', [TRACKS_HEADER]);
    expect(() => runBundle(source, gas).call('buildMatrixTabs')).toThrow(/no Levels tab.*Set up workbook/);
  });

  it('makes O(tabs) reads and writes on 10 tracks x 8 levels x 200 competencies', () => {
    const gas = createFakeGas();
    const ss = gas.SpreadsheetApp.create();
    const tracks = Array.from({ length: 10 }, (_, t) => `T${t}`);
    ss.putSheet('Tracks', [TRACKS_HEADER, ...tracks.map((id) => [id, `Track ${id}`, 'Individual Contributor', 'o@example.com', 'Draft', '', ''])]);
    ss.putSheet('Levels', [LEVELS_HEADER, ...tracks.flatMap((id) => Array.from({ length: 8 }, (_, l) => [id, `${id}-L${l + 1}`, `Level ${l + 1}`, l + 1, '']))]);
    ss.putSheet('Competencies', [COMPETENCIES_HEADER, ...Array.from({ length: 200 }, (_, c) => [`C${c}`, `Competency ${c}`, 'Role', '', ''])]);
    // Half the matrices exist already, with text in every cell.
    for (const id of tracks.slice(0, 5)) {
      const header = ['Competency ID', 'Competency Name', ...Array.from({ length: 8 }, (_, l) => `${id}-L${l + 1}`)];
      ss.putSheet(`Matrix ${id}`, [header, ...Array.from({ length: 200 }, (_, c) => [`C${c}`, `Competency ${c}`, ...header.slice(2).map((code) => `${code} C${c}`)])]);
    }
    const bundle = runBundle(source, gas);
    const tabsBefore = ss.sheets.length;

    bundle.call('buildMatrixTabs');

    const written = ss.sheets.filter((s) => s.setValuesCalls > 0);
    // 5 new matrices and 10 new rubrics; the 5 complete matrices need no write.
    expect(written).toHaveLength(15);
    for (const s of written) expect(s.setValuesCalls, s.name).toBe(1);
    expect(gas.log.count('Range.getValues')).toBeLessThanOrEqual(tabsBefore);
    expect(gas.log.count('Range.setValues')).toBeLessThanOrEqual(written.length);
    expect(gas.log.total('Range.')).toBeLessThan(200);
    expect(ss.sheet('Matrix T9').peek()).toHaveLength(201);
    expect(ss.sheet('Matrix T0').peek()[200][9]).toBe('T0-L8 C199');
  });
});

describe('Add track', () => {
  it('appends the track from three prompts and builds its tabs', () => {
    const { bundle, ss } = small();
    bundle.gas.ui.promptAnswers.push({ text: ' DATA ' }, { text: 'Data Science' }, { text: 'individual contributor' });
    bundle.call('addTrack');
    expect(ss.sheet('Tracks').peek()[3]).toEqual(['DATA', 'Data Science', 'Individual Contributor', 'editor@example.com', 'Draft', '', '']);
    expect(ss.sheet('Matrix DATA').peek()[0]).toEqual(['Competency ID', 'Competency Name']);
    expect(ss.sheet('Matrix DATA').peek()).toHaveLength(4);
    expect(ss.sheet('Rubric DATA').peek()[0][0]).toBe('Dimension');
    // Only the new track's tabs were built.
    expect(ss.sheets.some((s) => s.name === 'Matrix MGR')).toBe(false);
    expect(alertText(bundle)).toContain('track DATA added');
    expect(alertText(bundle)).toContain('Tracks without levels in Levels: DATA.');
  });

  it('does nothing when a prompt is cancelled', () => {
    const { bundle, ss } = small();
    bundle.gas.ui.promptAnswers.push({ text: 'X' }, { text: '', button: bundle.gas.ui.Button.CANCEL });
    const before = ss.sheet('Tracks').peek();
    bundle.call('addTrack');
    expect(ss.sheet('Tracks').peek()).toEqual(before);
    expect(bundle.gas.ui.alerts).toHaveLength(0);
  });

  it('refuses an id that already exists', () => {
    const { bundle } = small();
    bundle.gas.ui.promptAnswers.push({ text: 'ENG' }, { text: 'Again' }, { text: 'Manager' });
    expect(() => bundle.call('addTrack')).toThrow(/already exists/);
  });
});
