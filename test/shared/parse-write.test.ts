import { describe, expect, it } from 'vitest';
import { cellOf, parseWorkbook, workbookToSnapshot, type Workbook } from '../../shared';
import { miniWorkbook, setCell } from './mini-workbook';

/** The model without positions, to compare two parses of the same content laid out differently. */
function content(wb: Workbook) {
  const strip = <T extends { at?: unknown }>(xs: T[]) => xs.map(({ at: _at, ...rest }) => rest);
  return {
    tracks: strip(wb.tracks), levels: strip(wb.levels), competencies: strip(wb.competencies), positions: strip(wb.positions),
    modules: strip(wb.modules), employees: strip(wb.employees),
    matrices: wb.matrices.map((m) => ({ trackId: m.trackId, levels: m.levels.map((l) => l.code), rows: m.rows.map(({ row: _r, ...r }) => r) })),
    rubrics: wb.rubrics.map((r) => ({ trackId: r.trackId, scale: r.scale.map(({ col: _c, ...s }) => s), dimensions: r.dimensions.map(({ row: _r, ...d }) => d), passThreshold: r.passThreshold })),
  };
}

describe('parser', () => {
  it('gives typed values that remember their sheet and cell', () => {
    const { workbook, findings } = parseWorkbook(miniWorkbook());
    expect(findings).toEqual([]);
    const eng = workbook.tracks[0];
    expect(eng).toMatchObject({ id: 'ENG', type: 'Individual Contributor', status: 'Draft', reviewBy: '2027-06-30', ownerEmail: 'ana@acme.test' });
    expect(eng.at.sheet).toBe('Tracks');
    expect(cellOf(eng.at, 'reviewBy')).toBe('F2');
    expect(eng.extra).toEqual({ 'Budget code': 'CC-1' });
    const m = workbook.modules.find((x) => x.id === 'M-202')!;
    expect(m.gate).toEqual({ kind: 'assessment', minPercent: 70, text: 'assessment >= 70%' });
    expect(m.prerequisites).toEqual(['M-201']);
    expect(cellOf(m.at, 'gate')).toBe('F6');
    expect(workbook.levels[0].order).toBe(1);
    const rubric = workbook.rubrics.find((r) => r.trackId === 'MGR')!;
    expect(rubric.passThreshold).toBe(70);
    expect(rubric.scale.map((s) => [s.score, s.label])).toEqual([[1, 'Beginning'], [2, 'Developing'], [3, 'Proficient'], [4, 'Exemplary']]);
    const matrix = workbook.matrices.find((x) => x.trackId === 'ENG')!;
    expect(matrix.levels.map((l) => l.code)).toEqual(['L1', 'L2', 'L3']);
    expect(matrix.rows[2]).toMatchObject({ competencyId: 'E2', row: 3, expectations: ['', 'Designs a component', 'Designs a system'] });
  });

  it('writes the model back to rows that parse to the same model, extra columns kept', () => {
    const first = parseWorkbook(miniWorkbook()).workbook;
    const written = workbookToSnapshot(first);
    const second = parseWorkbook(written);
    expect(second.findings).toEqual([]);
    expect(content(second.workbook)).toEqual(content(first));
    expect(written.sheets[0].values[0]).toContain('Budget code');
  });

  it('keeps a row whose cells do not parse, so other rules still see it', () => {
    const snap = setCell(miniWorkbook(), 'Tracks', 'C2', 'Engineer');
    const { workbook, findings } = parseWorkbook(snap);
    expect(workbook.tracks[0]).toMatchObject({ id: 'ENG', type: null });
    expect(findings).toEqual([expect.objectContaining({ sheet: 'Tracks', cell: 'C2', code: 'bad-enum' })]);
  });
});
