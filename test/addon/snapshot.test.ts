/** addon/src/snapshot.ts in Node against the fakes (the bundle test runs the same code inside the vm). */
import { afterEach, describe, expect, it } from 'vitest';
import { setUpWorkbookIn } from '../../addon/src/setup';
import { isoDateOf, readSnapshot, readWorkbook, snapshotCell, todayIn } from '../../addon/src/snapshot';
import { createFakeGas, zonedInstant, type FakeSpreadsheet } from '../fakes/index';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
const asReal = (ss: FakeSpreadsheet) => ss as unknown as Spreadsheet;

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe('readSnapshot', () => {
  it('reads every tab once, in tab order, with Date cells as ISO dates in the spreadsheet zone', () => {
    const gas = createFakeGas();
    restore = gas.install();
    const ss = gas.SpreadsheetApp.create({ id: 'abc', timeZone: 'Pacific/Auckland' });
    // Midnight in Auckland is the previous day in UTC.
    ss.putSheet('Tracks', [['Track ID', 'Review By'], ['ENG', zonedInstant(2027, 3, 31, 'Pacific/Auckland')], ['MGR', null]]);
    ss.putSheet('Empty', []);
    const snapshot = readSnapshot(asReal(ss));
    expect(snapshot).toEqual({
      spreadsheetId: 'abc',
      sheets: [
        { name: 'Tracks', values: [['Track ID', 'Review By'], ['ENG', '2027-03-31'], ['MGR', '']] },
        { name: 'Empty', values: [['']] },
      ],
    });
    expect(gas.log.count('Range.getValues')).toBe(2);
    expect(gas.log.count('Spreadsheet.getSheets')).toBe(1);
  });
});

describe('readWorkbook', () => {
  it('names a renamed fixed tab by its role, as Set up workbook bound it, still with one read per tab', () => {
    const gas = createFakeGas();
    restore = gas.install();
    const ss = gas.SpreadsheetApp.create({ id: 'renamed' });
    setUpWorkbookIn(asReal(ss));
    ss.sheet('Tracks').setName('Career tracks');
    // A new tab named like the renamed one is not the Tracks tab: the bound one is.
    ss.putSheet('tracks', [['x']]);
    gas.log.reset();
    const { snapshot, tabs } = readWorkbook(asReal(ss));
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['Tracks', 'Levels', 'Competencies', 'Positions', 'Modules', 'Employees', 'tracks (not bound)']);
    expect(snapshot.sheets[0].values[0]).toContain('Track ID');
    expect((tabs.get('Tracks') as unknown as { name: string }).name).toBe('Career tracks');
    expect((tabs.get('tracks (not bound)') as unknown as { name: string }).name).toBe('tracks');
    expect(gas.log.count('Range.getValues')).toBe(7);
    expect(gas.log.count('Spreadsheet.getSheets')).toBe(1);
  });
});

describe('cells', () => {
  it('keeps strings, numbers and booleans; blanks what a snapshot cannot carry', () => {
    expect(snapshotCell('x', 'Etc/UTC')).toBe('x');
    expect(snapshotCell(0, 'Etc/UTC')).toBe(0);
    expect(snapshotCell(false, 'Etc/UTC')).toBe(false);
    expect(snapshotCell(null, 'Etc/UTC')).toBe('');
    expect(snapshotCell(undefined, 'Etc/UTC')).toBe('');
    expect(snapshotCell(Number.NaN, 'Etc/UTC')).toBe('');
    expect(snapshotCell(new Date(Number.NaN), 'Etc/UTC')).toBe('');
  });

  it('without Utilities (outside Apps Script) a Date gives its UTC date', () => {
    expect(typeof (globalThis as Record<string, unknown>).Utilities).toBe('undefined');
    expect(isoDateOf(new Date('2026-05-01T23:00:00Z'), 'Asia/Tokyo')).toBe('2026-05-01');
    expect(todayIn(undefined, new Date('2026-05-01T23:00:00Z'))).toBe('2026-05-01');
  });

  it('with Utilities a Date gives its date in the zone', () => {
    restore = createFakeGas().install();
    expect(isoDateOf(new Date('2026-05-01T23:00:00Z'), 'Asia/Tokyo')).toBe('2026-05-02');
    expect(todayIn('Asia/Tokyo', new Date('2026-05-01T23:00:00Z'))).toBe('2026-05-02');
  });
});
