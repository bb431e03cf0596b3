import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseA1, validateSnapshot, type WorkbookSnapshot } from '../../shared';
import { headerKey } from '../../shared/cells';
import { parseWorkbook } from '../../shared/parse/workbook';
import { miniWorkbook, sheetOf, TODAY } from './mini-workbook';

const headerWords = ['Track ID', 'Track Name', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Level Code', 'Level Name', 'Order',
  'Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Position ID', 'Position Title', 'Module ID', 'Module Title', 'Develops',
  'Prerequisites', 'Gate', 'Duration Hours', 'Employee ID', 'Employee Name', 'Email', 'Dimension', 'Weight', '1 Beginning', '2 Good', 'L1', 'L2', 'Notes'];
const cellWords = ['ENG', 'MGR', 'Shared', 'Role', 'Manager', 'Individual Contributor', 'Active', 'Draft', 'L1', 'L2', 'E1', 'E2, E1', 'F1',
  'a@b.co', 'not an email', '2027-01-31', '2020-02-30', 'assessment >= 70%', 'quiz >= 120%', 'Pass Threshold', '70%', 'x,y', '=SUM(A1)', ''];
const sheetNames = ['Tracks', 'Levels', 'Competencies', 'Positions', 'Modules', 'Employees', 'Matrix ENG', 'Matrix MGR', 'Rubric ENG', 'Rubric X', 'Report ENG', 'Other', 'matrix '];

const cell = fc.oneof(
  fc.constantFrom(...cellWords, ...headerWords),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 200 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);
const grid = fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 });
const randomSnapshot = fc.record({
  spreadsheetId: fc.string(),
  sheets: fc.uniqueArray(fc.record({ name: fc.oneof(fc.constantFrom(...sheetNames), fc.string({ minLength: 1, maxLength: 8 })), values: grid }), { selector: (s) => s.name, maxLength: 9 }),
});

/** Cells of the mini workbook overwritten at random: close to valid, so the deeper rules run. */
const mutatedMini = fc.array(fc.tuple(fc.nat(9), fc.nat(8), fc.nat(8), cell), { maxLength: 12 }).map((edits) => {
  const snap = miniWorkbook();
  for (const [s, r, c, v] of edits) {
    const sheet = snap.sheets[s];
    while (sheet.values.length <= r) sheet.values.push([]);
    while (sheet.values[r].length <= c) sheet.values[r].push('');
    sheet.values[r][c] = v;
  }
  return snap;
});

/** A finding points at a cell of a sheet that exists (or, for a missing tab, at A1 of the tab to add), at most just past the data. */
function pointsAtARealCell(snap: WorkbookSnapshot) {
  return (f: { sheet: string; cell: string; code: string }) => {
    const at = parseA1(f.cell);
    if (!at) return false;
    if (f.code === 'missing-tab') return f.cell === 'A1' && !snap.sheets.some((s) => s.name.trim().toLowerCase() === f.sheet.toLowerCase());
    const sheet = snap.sheets.find((s) => s.name === f.sheet);
    if (!sheet) return false;
    const width = Math.max(0, ...sheet.values.map((r) => r.length));
    return at.row <= sheet.values.length && at.col <= width + 10;
  };
}

describe('parser and validator on arbitrary grids', () => {
  it('never throw, and every finding points at a cell that exists', () => {
    fc.assert(
      fc.property(fc.oneof(randomSnapshot, mutatedMini), (snap) => {
        const findings = validateSnapshot(snap as WorkbookSnapshot, { today: '2026-11-23' });
        const ok = pointsAtARealCell(snap as WorkbookSnapshot);
        for (const f of findings) {
          expect(ok(f), JSON.stringify(f)).toBe(true);
          expect(['error', 'warning']).toContain(f.severity);
          expect(f.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same workbook gives the same findings', () => {
    fc.assert(
      fc.property(mutatedMini, (snap) => {
        expect(validateSnapshot(snap, { today: '2026-11-23' })).toEqual(validateSnapshot(structuredClone(snap), { today: '2026-11-23' }));
      }),
      { numRuns: 100 },
    );
  });
});

describe('identical rubrics', () => {
  const texts = ['Tells', 'tells', ' TELLS ', 'Asks', 'Asks  sometimes', 'asks sometimes', '', 'a\u0001b', 'a', 'b', 'a\u0002b', 'Coaching depth', 'coaching  DEPTH'];
  const dimension = fc.tuple(fc.constantFrom(...texts), fc.array(fc.constantFrom(...texts), { minLength: 4, maxLength: 4 }));
  const dimensions = fc.array(dimension, { minLength: 1, maxLength: 3 });
  /** The rule as first written: one signature of every dimension's name and descriptors, the same keys in any order. */
  const signature = (dims: { name: string; descriptors: string[] }[]) =>
    dims.map((d) => [headerKey(d.name), ...d.descriptors.map(headerKey)].join('\u0001')).sort().join('\u0002');

  it('are the rubrics with one signature over every dimension and descriptor, whatever their texts hold', () => {
    fc.assert(
      fc.property(dimensions, dimensions, fc.boolean(), (eng, other, copy) => {
        const snap = miniWorkbook();
        const rows = (dims: [string, string[]][], ids: string[]) => dims.map(([name, descs], i) => [name, ids[i % ids.length], 10, ...descs]);
        const header = sheetOf(snap, 'Rubric ENG').values[0];
        sheetOf(snap, 'Rubric ENG').values = [header, ...rows(eng, ['E1', 'E2']), ['Pass Threshold', '', '70%']];
        const mgr = copy ? [...eng].reverse().map(([n, d]): [string, string[]] => [` ${n.toUpperCase()}`, d.map((t) => t.toLowerCase())]) : other;
        sheetOf(snap, 'Rubric MGR').values = [header, ...rows(mgr, ['P1', 'P2']), ['Pass Threshold', '', '70%']];
        const rubrics = parseWorkbook(snap).workbook.rubrics;
        const [a, b] = ['ENG', 'MGR'].map((t) => rubrics.find((r) => r.trackId === t)!);
        const expected = a.dimensions.length > 0 && b.dimensions.length > 0 && signature(a.dimensions) === signature(b.dimensions);
        const found = validateSnapshot(snap, { today: TODAY }).some((f) => f.code === 'rubric-identical' && f.sheet === 'Rubric MGR');
        expect(found).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });
});
