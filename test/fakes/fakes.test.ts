/** The fake Apps Script keeps the real service's traps; tests of the add-on rely on these. */
import { describe, expect, it } from 'vitest';
import { createFakeGas, zonedInstant } from './index';

function setup() {
  const gas = createFakeGas();
  const ss = gas.SpreadsheetApp.create({ id: 'ss-1', timeZone: 'Europe/Paris' });
  const sheet = ss.putSheet('Data', [
    ['Name', 'Count', 'Flag', 'When'],
    ['a', 1, true, new Date(Date.UTC(2026, 0, 5))],
    ['b', null, undefined, ''],
  ]);
  return { gas, ss, sheet };
}

/** The message a thrown Apps Script exception shows: "Exception: ...". */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected a throw');
}

describe('Sheet and Range', () => {
  it('getDataRange().getValues() gives a fresh grid with "" for blank cells, never null or undefined', () => {
    const { sheet } = setup();
    const values = sheet.getDataRange().getValues();
    expect(values).toEqual([
      ['Name', 'Count', 'Flag', 'When'],
      ['a', 1, true, new Date(Date.UTC(2026, 0, 5))],
      ['b', '', '', ''],
    ]);
    for (const row of values) for (const v of row) expect(v === null || v === undefined).toBe(false);
    expect(values[1][3]).toBeInstanceOf(Date);
    // Mutating the result (or a Date in it) changes nothing stored.
    values[1][0] = 'changed';
    (values[1][3] as Date).setUTCFullYear(1999);
    expect(sheet.getDataRange().getValues()[1]).toEqual(['a', 1, true, new Date(Date.UTC(2026, 0, 5))]);
    expect(sheet.getDataRange().getValues()).not.toBe(sheet.getDataRange().getValues());
  });

  it('an empty tab has a 1x1 data range holding ""', () => {
    const { ss } = setup();
    const empty = ss.insertSheet('Empty');
    expect(empty.getDataRange().getA1Notation()).toBe('A1');
    expect(empty.getDataRange().getValues()).toEqual([['']]);
    expect(empty.getLastRow()).toBe(0);
    expect(empty.getLastColumn()).toBe(0);
  });

  it('ranges are 1-based, and beyond the data a range reads blanks', () => {
    const { sheet } = setup();
    expect(sheet.getRange(1, 1).getValue()).toBe('Name');
    expect(sheet.getRange(2, 2, 1, 2).getValues()).toEqual([[1, true]]);
    expect(sheet.getRange(2, 2, 1, 2).getA1Notation()).toBe('B2:C2');
    expect(sheet.getRange('B2:C3').getValues()).toEqual([[1, true], ['', '']]);
    expect(sheet.getRange(10, 10, 2, 2).getValues()).toEqual([['', ''], ['', '']]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:D3');
  });

  it('getRange rejects row or column 0, empty sizes and ranges past the sheet with the real messages', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange(0, 1))).toBe('Exception: The starting row of the range is too small.');
    expect(thrown(() => sheet.getRange(1, 0))).toBe('Exception: The starting column of the range is too small.');
    expect(thrown(() => sheet.getRange(1, 1, 0, 1))).toBe('Exception: The number of rows in the range must be at least 1.');
    expect(thrown(() => sheet.getRange(1, 1, 1, 0))).toBe('Exception: The number of columns in the range must be at least 1.');
    expect(thrown(() => sheet.getRange(1000, 1, 2, 1))).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    expect(thrown(() => sheet.getRange(1, 27))).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    // The classic empty-tab bug: getLastRow() - 1 rows of data.
    expect(thrown(() => sheet.getRange(2, 1, sheet.getParent().insertSheet().getLastRow() - 1, 1))).toMatch(/number of rows in the range must be at least 1/);
  });

  it('setValues with the wrong number of rows throws the real message and writes nothing', () => {
    const { sheet } = setup();
    const before = sheet.peek();
    expect(thrown(() => sheet.getRange(2, 1, 3, 2).setValues([['x', 'y'], ['z', 'w']]))).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(sheet.peek()).toEqual(before);
  });

  it('setValues with a wrong row width throws the columns message and writes nothing, not even the good rows', () => {
    const { sheet } = setup();
    const before = sheet.peek();
    expect(thrown(() => sheet.getRange(2, 1, 2, 2).setValues([['x', 'y'], ['z']]))).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(sheet.peek()).toEqual(before);
  });

  it('setValues writes at 1-based coordinates and parses strings as typed input', () => {
    const { sheet } = setup();
    sheet.getRange(4, 1, 1, 6).setValues([['42', '70%', 'TRUE', '2027-03-31', "'007", '=SUM(B2:B3)']]);
    const [row] = sheet.getRange(4, 1, 1, 6).getValues();
    expect(row.slice(0, 3)).toEqual([42, 0.7, true]);
    // A date typed in a Paris spreadsheet is midnight Paris time.
    expect(row[3]).toEqual(zonedInstant(2027, 3, 31, 'Europe/Paris'));
    expect((row[3] as Date).toISOString()).toBe('2027-03-30T22:00:00.000Z');
    expect(row[4]).toBe('007');
    expect(sheet.getRange(4, 6).getFormulas()).toEqual([['=SUM(B2:B3)']]);
    expect(sheet.getLastRow()).toBe(4);
    expect(sheet.getLastColumn()).toBe(6);
  });

  it('appendRow writes after the last row with content', () => {
    const { sheet } = setup();
    sheet.appendRow(['c', 3]);
    expect(sheet.getRange(4, 1, 1, 2).getValues()).toEqual([['c', 3]]);
  });

  it('tab names are unique ignoring case', () => {
    const { ss } = setup();
    expect(thrown(() => ss.insertSheet('data'))).toBe('Exception: A sheet with the name "data" already exists. Please enter another name.');
    expect(ss.getSheetByName('DATA')?.getName()).toBe('Data');
    expect(ss.getSheetByName('nope')).toBeNull();
  });
});

describe('call counting', () => {
  it('counts every call by "Class.method" in one shared map', () => {
    const { gas, ss, sheet } = setup();
    gas.log.reset();
    ss.getSheets();
    sheet.getDataRange().getValues();
    sheet.getRange(1, 1).getValues();
    expect(gas.calls.get('Spreadsheet.getSheets')).toBe(1);
    expect(gas.calls.get('Sheet.getDataRange')).toBe(1);
    expect(gas.calls.get('Sheet.getRange')).toBe(1);
    expect(gas.calls.get('Range.getValues')).toBe(2);
    expect(gas.log.total('Range.')).toBe(2);
    // Test helpers (putSheet, peek, cell) are not Apps Script calls and are not counted.
    sheet.peek();
    expect(gas.log.total()).toBe(5);
  });
});

describe('Ui, Session, Utilities, Logger', () => {
  it('records menus as built and alerts as shown', () => {
    const { gas } = setup();
    const ui = gas.SpreadsheetApp.getUi();
    ui.createAddonMenu().addItem('Do it', 'doIt').addSeparator().addItem('Again', 'again').addToUi();
    ui.createMenu('Custom').addItem('X', 'x').addToUi();
    expect(gas.ui.menus.map((m) => [m.caption, m.isAddonMenu])).toEqual([['Rungs', true], ['Custom', false]]);
    expect(gas.ui.addonMenu()?.items()).toEqual([['Do it', 'doIt'], '---', ['Again', 'again']]);
    expect(gas.calls.get('Menu.addItem')).toBe(3);

    gas.ui.responses.push(ui.Button.NO);
    expect(ui.alert('Sure?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Title', 'Body', ui.ButtonSet.OK)).toBe(ui.Button.OK);
    expect(ui.alert('Plain')).toBe(ui.Button.OK);
    expect(gas.ui.alerts).toEqual([{ prompt: 'Sure?', buttons: ui.ButtonSet.YES_NO }, { title: 'Title', prompt: 'Body', buttons: ui.ButtonSet.OK }, { prompt: 'Plain' }]);
  });

  it('Session gives the active and effective users', () => {
    const gas = createFakeGas({ session: { activeUserEmail: 'ann@example.com', effectiveUserEmail: 'owner@example.com' } });
    expect(gas.Session.getActiveUser().getEmail()).toBe('ann@example.com');
    expect(gas.Session.getEffectiveUser().getEmail()).toBe('owner@example.com');
    expect(gas.calls.get('Session.getActiveUser')).toBe(1);
    expect(gas.calls.get('User.getEmail')).toBe(2);
  });

  it('Utilities.formatDate formats in the given time zone', () => {
    const { gas } = setup();
    const instant = new Date('2026-01-04T23:30:00Z');
    expect(gas.Utilities.formatDate(instant, 'Etc/UTC', 'yyyy-MM-dd')).toBe('2026-01-04');
    expect(gas.Utilities.formatDate(instant, 'Asia/Tokyo', 'yyyy-MM-dd')).toBe('2026-01-05');
    expect(gas.Utilities.formatDate(instant, 'Asia/Tokyo', "yyyy-MM-dd'T'HH:mm:ss")).toBe('2026-01-05T08:30:00');
    expect(() => gas.Utilities.formatDate(instant, 'Etc/UTC', 'EEE')).toThrow(/does not support/);
  });

  it('Logger keeps what was logged', () => {
    const { gas } = setup();
    gas.Logger.log('a %s c', 'b');
    gas.Logger.log({ x: 1 });
    expect(gas.Logger.getLog()).toBe('a b c\n{"x":1}');
  });

  it('install puts the globals on a target and restores it', () => {
    const { gas } = setup();
    const target: Record<string, unknown> = { Logger: 'before' };
    const restore = gas.install(target);
    expect(target.SpreadsheetApp).toBe(gas.SpreadsheetApp);
    expect(target.Logger).toBe(gas.Logger);
    restore();
    expect(target).toEqual({ Logger: 'before' });
  });
});
