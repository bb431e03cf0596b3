/** The fakes added for Set up workbook and Build matrix tabs keep the real services' traps. */
import { describe, expect, it } from 'vitest';
import { createFakeGas, PROPERTY_VALUE_LIMIT } from './index';

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected a throw');
}

function setup() {
  const gas = createFakeGas();
  const ss = gas.SpreadsheetApp.create();
  const sheet = ss.putSheet('Data', [['a', 'b'], [1, 2]]);
  return { gas, ss, sheet };
}

describe('developer metadata', () => {
  it('binds to the spreadsheet, a sheet, a whole row or a whole column, and is found by key', () => {
    const { gas, ss, sheet } = setup();
    ss.addDeveloperMetadata('doc', 'v');
    sheet.addDeveloperMetadata('rungs.tab', 'tracks');
    sheet.getRange('2:2').addDeveloperMetadata('row');
    sheet.getRange('B:B').addDeveloperMetadata('col', gas.SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    sheet.getRange(3, 1, 1, sheet.getMaxColumns()).addDeveloperMetadata('row3');

    const [found] = ss.createDeveloperMetadataFinder().withKey('rungs.tab').find();
    expect(found.getValue()).toBe('tracks');
    expect(found.getLocation().getLocationType()).toBe('SHEET');
    expect(found.getLocation().getSheet()).toBe(sheet);
    expect(ss.createDeveloperMetadataFinder().find()).toHaveLength(5);
    expect(sheet.createDeveloperMetadataFinder().find()).toHaveLength(4);
    expect(sheet.getDeveloperMetadata().map((m) => m.getKey())).toEqual(['rungs.tab']);
    expect(ss.getDeveloperMetadata().map((m) => m.getKey())).toEqual(['doc']);
    const col = ss.createDeveloperMetadataFinder().withKey('col').find()[0];
    expect(col.getValue()).toBeNull();
    expect(col.getVisibility()).toBe('PROJECT');
    expect(col.getLocation().getColumn()?.getA1Notation()).toBe('B1:B1000');
    expect(gas.log.count('DeveloperMetadataFinder.find')).toBe(4);
  });

  it('throws on a partial range, like the real service', () => {
    const { sheet, ss } = setup();
    expect(thrown(() => sheet.getRange('A1:B2').addDeveloperMetadata('x'))).toMatch(/^Exception: Adding developer metadata to arbitrary ranges is not currently supported/);
    expect(thrown(() => sheet.getRange(1, 1, 1, 5).addDeveloperMetadata('x'))).toMatch(/arbitrary ranges/);
    expect(ss.metadata).toHaveLength(0);
  });

  it('goes away with its sheet', () => {
    const { ss, sheet } = setup();
    ss.putSheet('Other');
    sheet.addDeveloperMetadata('k', 'v');
    ss.deleteSheet(sheet);
    expect(ss.createDeveloperMetadataFinder().withKey('k').find()).toEqual([]);
  });
});

describe('data validation, notes and formats', () => {
  it('builds rules and puts them on ranges', () => {
    const { gas, sheet } = setup();
    const source = sheet.getRange('A2:A10');
    const rule = gas.SpreadsheetApp.newDataValidation().requireValueInRange(source).setAllowInvalid(true).setHelpText('from A').build();
    sheet.getRange('B2:B5').setDataValidation(rule);
    expect(sheet.getRange('B3').getDataValidation()?.getCriteriaType()).toBe('VALUE_IN_RANGE');
    expect(sheet.getRange('B3').getDataValidation()?.getCriteriaValues()[0]).toBe(source);
    expect(sheet.getRange('B6').getDataValidation()).toBeNull();
    expect(sheet.validationAt(5, 2)).toEqual({ criteria: 'VALUE_IN_RANGE', values: ['Data!A2:A10', true], allowInvalid: true, helpText: 'from A' });
    sheet.getRange('B3').setDataValidation(null);
    expect(sheet.validationAt(3, 2)).toBeNull();
    expect(sheet.validationAt(4, 2)?.criteria).toBe('VALUE_IN_RANGE');
    const list = gas.SpreadsheetApp.newDataValidation().requireValueInList(['x', 'y'], false).build();
    expect(list.getCriteriaValues()).toEqual([['x', 'y'], false]);
    expect(list.getAllowInvalid()).toBe(true);
    expect(gas.SpreadsheetApp.newDataValidation().requireTextIsEmail().build().getCriteriaType()).toBe('TEXT_IS_VALID_EMAIL');
    expect(gas.SpreadsheetApp.newDataValidation().requireDate().build().getCriteriaType()).toBe('DATE_IS_VALID_DATE');
    expect(thrown(() => gas.SpreadsheetApp.newDataValidation().build())).toMatch(/criteria/);
  });

  it('keeps notes, font weight, background, frozen rows and widths; none of them changes a value', () => {
    const { sheet } = setup();
    const grid = sheet.peek();
    sheet.getRange('A1').setNote('id');
    sheet.getRange('A1:B1').setFontWeight('bold').setBackground('#FFEE00');
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(2, 240);
    expect(sheet.getRange('A1').getNote()).toBe('id');
    expect(sheet.getRange('B1').getNote()).toBe('');
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['id', '']]);
    expect(sheet.getRange('B1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('A2').getFontWeight()).toBe('normal');
    expect(sheet.getRange('B1').getBackground()).toBe('#ffee00');
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getColumnWidth(2)).toBe(240);
    expect(sheet.getColumnWidth(1)).toBe(100);
    expect(sheet.peek()).toEqual(grid);
    expect(thrown(() => sheet.getRange('A1:B1').setNotes([['x']]))).toMatch(/The data has 1 but the range has 2/);
  });

  it('inserting columns moves cells and what is on them', () => {
    const { sheet } = setup();
    sheet.getRange('B1').setNote('b');
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.peek()).toEqual([['a', '', '', 'b'], [1, '', '', 2]]);
    expect(sheet.getRange('D1').getNote()).toBe('b');
    expect(sheet.getMaxColumns()).toBe(28);
  });
});

describe('protection', () => {
  it('protects a sheet once and a range each time, with editors and a description', () => {
    const { gas, ss, sheet } = setup();
    const p = sheet.protect().setDescription('Track ENG').addEditors(['a@example.com', 'b@example.com']);
    expect(sheet.protect()).toBe(p);
    p.removeEditors(['b@example.com', 'owner@example.com']);
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['a@example.com', 'owner@example.com']);
    sheet.getRange('A1:B1').protect().setWarningOnly(true);
    expect(ss.getProtections(gas.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(sheet.getProtections(gas.SpreadsheetApp.ProtectionType.RANGE)[0].isWarningOnly()).toBe(true);
    expect(p.getDescription()).toBe('Track ENG');
    p.remove();
    expect(ss.getProtections(gas.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(0);
  });
});

describe('PropertiesService and LockService', () => {
  it('stores strings with the 9 KB per value limit', () => {
    const { gas } = setup();
    const props = gas.PropertiesService.getUserProperties();
    props.setProperty('url', 'https://example.com');
    expect(props.getProperty('url')).toBe('https://example.com');
    expect(props.getProperty('none')).toBeNull();
    expect(thrown(() => props.setProperty('big', 'x'.repeat(PROPERTY_VALUE_LIMIT + 1)))).toBe('Exception: Argument too large: value');
    expect(props.getKeys()).toEqual(['url']);
    props.setProperties({ a: '1' }, true);
    expect(props.getProperties()).toEqual({ a: '1' });
    expect(gas.PropertiesService.getDocumentProperties()).not.toBe(gas.PropertiesService.getUserProperties());
    gas.PropertiesService.inDocument = false;
    expect(gas.PropertiesService.getDocumentProperties()).toBeNull();
  });

  it('the document lock is null outside a document and times out when busy', () => {
    const { gas } = setup();
    const lock = gas.LockService.getDocumentLock();
    expect(lock.tryLock(10)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    gas.LockService.documentLock.busy = true;
    expect(lock.tryLock(10)).toBe(false);
    expect(thrown(() => lock.waitLock(10))).toMatch(/^Exception: Lock timeout/);
    gas.LockService.inDocument = false;
    expect(gas.LockService.getDocumentLock()).toBeNull();
    expect(gas.log.count('LockService.getDocumentLock')).toBe(2);
  });
});

describe('Ui.prompt', () => {
  it('answers the scripted responses in order, then CLOSE', () => {
    const { gas } = setup();
    gas.ui.promptAnswers.push({ text: 'ENG' });
    const first = gas.ui.prompt('Add track', 'Track ID', gas.ui.ButtonSet.OK_CANCEL);
    expect([first.getResponseText(), first.getSelectedButton()]).toEqual(['ENG', 'OK']);
    expect(gas.ui.prompt('Again').getSelectedButton()).toBe('CLOSE');
    expect(gas.ui.prompts.map((p) => p.prompt)).toEqual(['Track ID', 'Again']);
  });
});
