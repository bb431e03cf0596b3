/** Menu "Set up workbook", run from the built bundle against the fakes. */
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_TABS } from '../../shared/contract';
import { createFakeGas, type FakeSheet, type FakeSpreadsheet } from '../fakes/index';
import { buildBundleSource, runBundle, type Bundle } from './load';

let source: string;
beforeAll(async () => {
  source = await buildBundleSource();
}, 60_000);

function fresh(): { bundle: Bundle; ss: FakeSpreadsheet } {
  const gas = createFakeGas();
  const ss = gas.SpreadsheetApp.create({ id: 'ss-setup' });
  ss.putSheet('Sheet1');
  return { bundle: runBundle(source, gas), ss };
}

/** Everything Set up workbook may touch, as plain data, to compare two states of a spreadsheet. */
function state(ss: FakeSpreadsheet) {
  return ss.sheets.map((s) => ({
    name: s.name,
    grid: s.peek(),
    frozen: s.frozenRows,
    notes: s.peek()[0].map((_, c) => s.notes.get(1, c + 1)),
    rules: s.peek()[0].map((_, c) => s.validationAt(2, c + 1)),
    metadata: ss.metadataOf(s),
  }));
}

const headerRow = (s: FakeSheet) => s.peek()[0];

describe('Set up workbook', () => {
  it('on an empty spreadsheet creates every fixed tab with headers, frozen bold row 1, notes, validation and metadata', () => {
    const { bundle, ss } = fresh();
    bundle.call('setUpWorkbook');

    expect(ss.sheets.map((s) => s.name)).toEqual(['Sheet1', ...FIXED_TABS.map((t) => t.name)]);
    for (const spec of FIXED_TABS) {
      const sheet = ss.sheet(spec.name);
      expect(headerRow(sheet)).toEqual(spec.columns.map((c) => c.header));
      expect(sheet.frozenRows).toBe(1);
      spec.columns.forEach((c, i) => {
        expect(sheet.notes.get(1, i + 1), `${spec.name} ${c.header} note`).toBe(c.note);
        expect(sheet.fontWeights.get(1, i + 1)).toBe('bold');
        expect(sheet.columnWidths.get(i + 1)).toBeGreaterThan(0);
      });
      expect(ss.metadataOf(sheet)).toEqual([{ key: 'rungs.tab', value: spec.role }]);
      expect(sheet.peek()).toHaveLength(1);
    }

    const tracks = ss.sheet('Tracks');
    expect(tracks.validationAt(2, 3)).toMatchObject({ criteria: 'VALUE_IN_LIST', values: [['Individual Contributor', 'Manager'], true], allowInvalid: false });
    expect(tracks.validationAt(1000, 3)?.criteria).toBe('VALUE_IN_LIST');
    expect(tracks.validationAt(1, 3)).toBeNull();
    expect(tracks.validationAt(2, 4)?.criteria).toBe('TEXT_IS_VALID_EMAIL');
    expect(tracks.validationAt(2, 5)).toMatchObject({ criteria: 'VALUE_IN_LIST', values: [['Draft', 'Active'], true] });
    expect(tracks.validationAt(2, 6)?.criteria).toBe('DATE_IS_VALID_DATE');
    expect(tracks.validationAt(2, 1)).toBeNull();
    expect(ss.sheet('Competencies').validationAt(2, 3)).toMatchObject({ criteria: 'VALUE_IN_LIST', values: [['Shared', 'Role'], true] });
    for (const [tab, col] of [['Levels', 1], ['Positions', 3], ['Modules', 3]] as const) {
      expect(ss.sheet(tab).validationAt(2, col), tab).toMatchObject({ criteria: 'VALUE_IN_RANGE', values: ['Tracks!A2:A1000', true], allowInvalid: true });
      expect(ss.sheet(tab).validationAt(2, col)?.helpText).not.toBe('');
    }
    expect(ss.sheet('Modules').validationAt(2, 3)?.helpText).toContain('Shared');
    expect(ss.sheet('Positions').validationAt(2, 4)).toMatchObject({ criteria: 'VALUE_IN_RANGE', values: ['Levels!B2:B1000', true] });
    expect(ss.sheet('Employees').validationAt(2, 3)?.criteria).toBe('TEXT_IS_VALID_EMAIL');
    expect(ss.sheet('Employees').validationAt(2, 5)?.criteria).toBe('TEXT_IS_VALID_EMAIL');

    const alert = bundle.gas.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toContain('Created tabs: Tracks, Levels, Competencies, Positions, Modules, Employees.');
    // Writes happened under the document lock, which was released.
    expect(bundle.gas.LockService.documentLock.acquisitions).toBe(1);
    expect(bundle.gas.LockService.documentLock.held).toBe(false);
  });

  it('on a spreadsheet with data keeps every existing cell identical and appends the missing headers', () => {
    const { bundle, ss } = fresh();
    const review = new Date(Date.UTC(2027, 2, 31));
    ss.putSheet('Tracks', [
      ['Track Name', 'Track ID', 'Cost Center', 'Track Type', 'Owner Email', 'Status'],
      ['Engineering', 'ENG', 'CC-1', 'Individual Contributor', 'not-an-email', 'Draft'],
      ['Management', 'MGR', 42, 'Manager', 'm@example.com', ''],
    ]);
    ss.putSheet('levels ', [
      ['Track ID', 'Level Code', 'Level Name', 'Order', 'Description'],
      ['ENG', 'IC1', 'Engineer', 1, review],
    ]);
    const before = new Map(ss.sheets.map((s) => [s.name, s.peek()]));

    bundle.call('setUpWorkbook');

    for (const [name, grid] of before) {
      const after = ss.sheet(name).peek();
      grid.forEach((row, r) => row.forEach((cell, c) => expect(after[r][c], `${name} ${r + 1},${c + 1}`).toEqual(cell)));
      expect(after.length).toBe(grid.length);
    }
    expect(headerRow(ss.sheet('Tracks'))).toEqual(['Track Name', 'Track ID', 'Cost Center', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Description']);
    expect(headerRow(ss.sheet('levels '))).toEqual(['Track ID', 'Level Code', 'Level Name', 'Order', 'Description']);
    // Found by name (ignoring case and spaces), not duplicated; bound to its role from now on.
    expect(ss.sheets.filter((s) => s.name.trim().toLowerCase() === 'levels')).toHaveLength(1);
    expect(ss.metadataOf(ss.sheet('levels '))).toEqual([{ key: 'rungs.tab', value: 'levels' }]);
    // Notes and validation follow the headers where they are.
    const tracks = ss.sheet('Tracks');
    expect(tracks.notes.get(1, 2)).toBe(FIXED_TABS[0].columns[0].note);
    expect(tracks.notes.get(1, 3)).toBe('');
    expect(tracks.validationAt(2, 4)?.criteria).toBe('VALUE_IN_LIST');
    expect(tracks.validationAt(2, 7)?.criteria).toBe('DATE_IS_VALID_DATE');
    expect(ss.sheet('levels ').validationAt(2, 1)).toMatchObject({ values: ['Tracks!B2:B1000', true] });
    // Existing tabs keep their column widths.
    expect(tracks.columnWidths.size).toBe(0);

    const alert = bundle.gas.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toContain('Created tabs: Competencies, Positions, Modules, Employees.');
    expect(alert).toContain('Added to Tracks: Review By, Description.');
    expect(alert).toContain('Existing data was not changed.');
  });

  it('finds a renamed tab by its metadata instead of creating a new one', () => {
    const { bundle, ss } = fresh();
    bundle.call('setUpWorkbook');
    ss.sheet('Tracks').name = 'Career Tracks';
    ss.sheet('Levels').name = 'Tracks';
    const count = ss.sheets.length;

    bundle.call('setUpWorkbook');

    expect(ss.sheets.length).toBe(count);
    expect(ss.metadataOf(ss.sheet('Career Tracks'))).toEqual([{ key: 'rungs.tab', value: 'tracks' }]);
    expect(ss.metadataOf(ss.sheet('Tracks'))).toEqual([{ key: 'rungs.tab', value: 'levels' }]);
    expect(headerRow(ss.sheet('Tracks'))[1]).toBe('Level Code');
    expect(bundle.gas.ui.alerts.at(-1)?.prompt).toMatch(/already set up/);
  });

  it('is idempotent: a second run changes nothing and says so', () => {
    const { bundle, ss } = fresh();
    ss.putSheet('Competencies', [['Competency ID', 'Competency Name'], ['COMM', 'Communication']]);
    bundle.call('setUpWorkbook');
    const first = state(ss);
    bundle.gas.log.reset();

    bundle.call('setUpWorkbook');

    expect(state(ss)).toEqual(first);
    expect(bundle.gas.log.count('Range.setValues')).toBe(0);
    expect(bundle.gas.log.count('Spreadsheet.insertSheet')).toBe(0);
    expect(bundle.gas.log.count('Sheet.addDeveloperMetadata')).toBe(0);
    expect(bundle.gas.ui.alerts.at(-1)?.prompt).toBe('Rungs: the workbook is already set up. Nothing was changed.');
  });

  it('works on a one-row tab and without a document lock (getDocumentLock() is null outside a document)', () => {
    const { bundle, ss } = fresh();
    bundle.gas.LockService.inDocument = false;
    const tracks = ss.putSheet('Tracks', [['Track ID']]);
    tracks.maxRows = 1;
    bundle.call('setUpWorkbook');
    expect(tracks.getMaxRows()).toBe(2);
    expect(tracks.validationAt(2, 3)?.criteria).toBe('VALUE_IN_LIST');
    expect(bundle.gas.LockService.documentLock.acquisitions).toBe(0);
  });

  it('refuses to run while another Rungs action holds the document lock, and writes nothing', () => {
    const { bundle, ss } = fresh();
    bundle.gas.LockService.documentLock.busy = true;
    expect(() => bundle.call('setUpWorkbook')).toThrow(/another Rungs action/);
    expect(ss.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });
});
