import { describe, expect, it } from 'vitest';
import { diffMaps, diffTrack } from '../../sync-server/services/diff';
import { trackPart } from '../../sync-server/services/track-part';
import { addRow, miniWorkbook, setCell, sheetOf } from '../shared/mini-workbook';

const part = (snap = miniWorkbook(), track = 'ENG') => trackPart(snap, track)!;

describe('diffTrack', () => {
  it('finds nothing between equal parts, whatever the Status column says', () => {
    const d = diffTrack(part(), part(setCell(miniWorkbook(), 'Tracks', 'E2', 'Active')), 'ENG');
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('lists everything as added against no active version', () => {
    const d = diffTrack(null, part(), 'ENG');
    expect(d.counts.removed + d.counts.changed).toBe(0);
    expect(d.track).toEqual([{ id: 'ENG', change: 'added', before: null, after: expect.objectContaining({ 'Track Name': 'Engineering', 'Budget code': 'CC-1' }), fields: expect.any(Array) }]);
    expect(d.competencies.map((c) => c.id)).toEqual(['E1', 'E2', 'F1']);
    expect(d.rubricRows.map((c) => c.id)).toEqual(['Design judgement', 'Pass Threshold', 'Technical accuracy']);
  });

  it('reports each kind of change with ids and before/after values', () => {
    const snap = miniWorkbook();
    setCell(snap, 'Tracks', 'D2', 'zoe@acme.test'); // owner
    setCell(snap, 'Competencies', 'B3', 'Programming'); // E1 renamed
    setCell(snap, 'Modules', 'F3', 'quiz >= 90%'); // E-101 gate
    setCell(snap, 'Positions', 'D2', 'L2'); // POS-1 moved
    addRow(snap, 'Positions', ['POS-9', 'Platform Engineer', 'ENG', 'L3']);
    setCell(snap, 'Rubric ENG', 'C2', 70); // weights
    setCell(snap, 'Rubric ENG', 'C3', 30);
    setCell(snap, 'Rubric ENG', 'G3', 'Designs for change');
    setCell(snap, 'Matrix ENG', 'C4', 'Reads designs'); // E2 @ L1 added
    const d = diffTrack(part(), part(snap), 'ENG');

    expect(d.track).toEqual([{ id: 'ENG', change: 'changed', fields: ['Owner Email'], before: expect.objectContaining({ 'Owner Email': 'ana@acme.test' }), after: expect.objectContaining({ 'Owner Email': 'zoe@acme.test' }) }]);
    expect(d.competencies).toMatchObject([{ id: 'E1', change: 'changed', fields: ['Competency Name'] }]);
    expect(d.modules).toMatchObject([{ id: 'E-101', change: 'changed', fields: ['Gate'], before: { Gate: 'quiz >= 80%' }, after: { Gate: 'quiz >= 90%' } }]);
    expect(d.positions).toMatchObject([
      { id: 'POS-1', change: 'changed', fields: ['Level Code'], before: { 'Level Code': 'L1' }, after: { 'Level Code': 'L2' } },
      { id: 'POS-9', change: 'added', before: null, after: { 'Position Title': 'Platform Engineer', 'Track ID': 'ENG', 'Level Code': 'L3' } },
    ]);
    expect(d.rubricRows).toMatchObject([
      { id: 'Design judgement', change: 'changed', fields: ['Weight', '4 Exemplary'], before: { Weight: 40, '4 Exemplary': 'Anticipates change' }, after: { Weight: 30, '4 Exemplary': 'Designs for change' } },
      { id: 'Technical accuracy', change: 'changed', fields: ['Weight'] },
    ]);
    expect(d.cells).toEqual([{ id: 'E2 @ L1', change: 'added', before: null, after: { 'Competency ID': 'E2', Level: 'L1', Expectation: 'Reads designs' }, fields: ['Competency ID', 'Level', 'Expectation'] }]);
    expect(d.counts).toEqual({ added: 2, removed: 0, changed: 6 });
  });

  it('reports removed rows and levels, and a changed pass threshold', () => {
    const snap = miniWorkbook();
    sheetOf(snap, 'Levels').values.splice(3, 1); // L3 gone
    sheetOf(snap, 'Modules').values.splice(3, 1); // E-102 gone
    setCell(snap, 'Rubric ENG', 'C4', '80%');
    const d = diffTrack(part(), part(snap), 'ENG');
    expect(d.levels).toMatchObject([{ id: 'L3', change: 'removed', after: null, before: { 'Level Name': 'Senior Engineer', Order: 3 } }]);
    expect(d.modules).toMatchObject([{ id: 'E-102', change: 'removed' }]);
    expect(d.rubricRows).toMatchObject([{ id: 'Pass Threshold', change: 'changed', before: { Weight: 70 }, after: { Weight: 80 } }]);
  });

  it('is deterministic: the same input gives the same output, in code-unit order', () => {
    const a = diffTrack(null, part(), 'ENG');
    const b = diffTrack(null, part(), 'ENG');
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('diffMaps', () => {
  it('treats blank, missing and null as the same value', () => {
    const before = new Map([['x', { a: '', b: null }]]);
    const after = new Map([['x', { a: null, c: '' }]]);
    expect(diffMaps(before, after)).toEqual([]);
  });

  it('sorts ids by code unit, not by locale', () => {
    const after = new Map([['b', {}], ['B', {}], ['a', {}]]);
    expect(diffMaps(new Map(), after).map((c) => c.id)).toEqual(['B', 'a', 'b']);
  });
});
