import { describe, expect, it } from 'vitest';
import { trackPart } from '../../sync-server/services/track-part';
import { addRow, miniWorkbook, sheetOf, validate } from '../shared/mini-workbook';

/** The ids of a tab's rows, left-out rows (kept blank so every row keeps its number) skipped. */
const ids = (snap: ReturnType<typeof miniWorkbook>, sheet: string) => sheetOf(snap, sheet).values.slice(1).filter((r) => r.length > 0).map((r) => r[0]);

describe('trackPart', () => {
  it("keeps the track's rows, the Shared modules and the competencies it needs, with headers and extra columns", () => {
    const part = trackPart(miniWorkbook(), 'ENG')!;
    expect(part.spreadsheetId).toBe('mini');
    expect(part.sheets.map((s) => s.name)).toEqual(['Tracks', 'Levels', 'Competencies', 'Positions', 'Modules', 'Matrix ENG', 'Rubric ENG']);
    expect(sheetOf(part, 'Tracks').values).toEqual([
      ['Track ID', 'Track Name', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Description', 'Budget code'],
      ['ENG', 'Engineering', 'Individual Contributor', 'ana@acme.test', 'Draft', '2027-06-30', 'Builds the product', 'CC-1'],
    ]);
    expect(ids(part, 'Levels')).toEqual(['ENG', 'ENG', 'ENG']);
    expect(ids(part, 'Competencies')).toEqual(['F1', 'E1', 'E2']);
    expect(ids(part, 'Positions')).toEqual(['POS-1']);
    expect(ids(part, 'Modules')).toEqual(['S-1', 'E-101', 'E-102']);
    expect(sheetOf(part, 'Matrix ENG').values).toEqual(sheetOf(miniWorkbook(), 'Matrix ENG').values);
  });

  it('keeps every row at its row number in the sheet: left-out rows are blank, trailing ones dropped', () => {
    const part = trackPart(miniWorkbook(), 'MGR')!;
    expect(sheetOf(part, 'Levels').values).toEqual([sheetOf(miniWorkbook(), 'Levels').values[0], [], [], [], ['MGR', 'M1', 'Engineering Manager', 1, ''], ['MGR', 'M2', 'Director', 2, '']]);
    expect(sheetOf(part, 'Positions').values.map((r) => r[0])).toEqual(['Position ID', undefined, 'POS-2']);
    expect(sheetOf(trackPart(miniWorkbook(), 'ENG')!, 'Tracks').values).toHaveLength(2);
  });

  it('is a workbook the validator accepts as it is', () => {
    for (const track of ['ENG', 'MGR']) expect(validate(trackPart(miniWorkbook(), track)!).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('follows competency dependencies and module prerequisites across the boundary, so nothing dangles', () => {
    const snap = miniWorkbook();
    addRow(snap, 'Competencies', ['F0', 'Reading', 'Shared', '', '']);
    sheetOf(snap, 'Competencies').values[1][3] = 'F0'; // F1 now depends on F0
    const part = trackPart(snap, 'MGR')!;
    expect(ids(part, 'Competencies')).toEqual(['F1', 'P1', 'P2', 'F0']);
  });

  it('leaves out employees, other tracks and unknown tabs, and copies instead of sharing rows', () => {
    const snap = miniWorkbook();
    snap.sheets.push({ name: 'Scratch', values: [['x']] });
    const part = trackPart(snap, 'MGR')!;
    expect(part.sheets.map((s) => s.name)).not.toContain('Employees');
    expect(part.sheets.map((s) => s.name)).not.toContain('Scratch');
    expect(part.sheets.map((s) => s.name)).not.toContain('Matrix ENG');
    sheetOf(part, 'Matrix MGR').values[1][2] = 'changed';
    expect(sheetOf(snap, 'Matrix MGR').values[1][2]).toBe('Writes team updates');
  });

  it('is undefined for a track the Tracks tab does not have', () => {
    expect(trackPart(miniWorkbook(), 'OPS')).toBeUndefined();
  });
});
