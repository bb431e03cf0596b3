import { describe, expect, it } from 'vitest';
import { detectDelimiter, readRecordDate, recordShapeFindings, resolveLayout, rowParser, type ImportLayout } from '../../shared/imports';
import { CompletionRecordSchema, type RecordKind } from '../../shared/records';

const layoutOf = (kind: RecordKind, header: string[], mapping?: Record<string, string>) => {
  const { layout, findings } = resolveLayout(kind, header, `${kind}.csv`, mapping);
  return { layout: layout as ImportLayout, findings };
};

describe('record CSV headers', () => {
  it('reads the canonical names, LMS aliases in any case and punctuation, and a BOM', () => {
    const { layout, findings } = layoutOf('completions', ['\uFEFFUser ID', 'Course Code', 'Completion Status', 'Start Date', 'COMPLETION_DATE', 'Score (%)']);
    expect(findings).toEqual([]);
    expect(layout.columns).toEqual({ employee_id: 0, module_id: 1, status: 2, started_at: 3, completed_at: 4, score: 5 });
    expect(layout.headers[0]).toBe('User ID');
  });

  it('an explicit mapping wins over aliases; a column nothing reads is a warning', () => {
    const { layout, findings } = layoutOf('completions', ['Person', 'Course', 'State', 'Notes'], { employee_id: 'Person', status: 'state' });
    expect(layout.columns).toMatchObject({ employee_id: 0, module_id: 1, status: 2, started_at: -1, score: -1 });
    expect(findings).toEqual([{ sheet: 'completions.csv', cell: 'D1', severity: 'warning', code: 'column-ignored', message: expect.stringContaining('"Notes"') }]);
  });

  it('refuses missing required columns, ambiguous headers and mappings to nothing, naming the cells', () => {
    const missing = layoutOf('completions', ['employee_id', 'module_id']);
    expect(missing.layout).toBeNull();
    expect(missing.findings).toEqual([expect.objectContaining({ cell: 'C1', code: 'missing-header', message: expect.stringContaining('status') })]);
    const twice = layoutOf('completions', ['Employee ID', 'User ID', 'module_id', 'status']);
    expect(twice.findings).toEqual([expect.objectContaining({ cell: 'B1', code: 'duplicate-header', message: expect.stringContaining('"Employee ID" (A1) and "User ID" (B1)') })]);
    const mapped = layoutOf('completions', ['a', 'module_id', 'status'], { employee_id: 'Learner Number', grade: 'x' });
    expect(mapped.findings.map((f) => [f.cell, f.code])).toEqual([['A1', 'bad-mapping'], ['D1', 'missing-header'], ['A1', 'column-ignored']]);
  });

  it('HRIS exports map onto the Employees tab columns', () => {
    const { layout, findings } = layoutOf('employees', ['Employee Number', 'Full Name', 'Work Email', 'Job Code', 'Supervisor Email']);
    expect(findings).toEqual([]);
    expect(layout.columns).toEqual({ employee_id: 0, employee_name: 1, email: 2, position_id: 3, manager_email: 4 });
  });

  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('employee_id;module_id;status')).toBe(';');
    expect(detectDelimiter('employee_id\tmodule_id\tstatus')).toBe('\t');
    expect(detectDelimiter('"a;b";c,d,e')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });
});

describe('record dates', () => {
  it('keeps days, turns dates with a time into ISO UTC, reads a zone-less LMS time as UTC', () => {
    expect(readRecordDate('2026-03-01')).toEqual({ ok: true, value: '2026-03-01' });
    expect(readRecordDate('2026-03-01T14:05:00Z')).toEqual({ ok: true, value: '2026-03-01T14:05:00.000Z' });
    expect(readRecordDate('2026-03-01 14:05:00')).toEqual({ ok: true, value: '2026-03-01T14:05:00.000Z' });
    expect(readRecordDate('2026-03-01T14:05')).toEqual({ ok: true, value: '2026-03-01T14:05:00.000Z' });
    expect(readRecordDate('2026-03-01T01:30:00+02:00')).toEqual({ ok: true, value: '2026-02-28T23:30:00.000Z' });
    expect(readRecordDate('2026-03-01T14:05:00.123456-0500')).toEqual({ ok: true, value: '2026-03-01T19:05:00.123Z' });
  });

  it('refuses day/month forms as ambiguous and impossible dates as bad', () => {
    expect(readRecordDate('03/04/2026')).toMatchObject({ ok: false, code: 'ambiguous-date' });
    expect(readRecordDate('13/04/2026')).toMatchObject({ ok: false, code: 'bad-date' });
    expect(readRecordDate('2026-02-29')).toMatchObject({ ok: false, code: 'bad-date' });
    expect(readRecordDate('2028-02-29')).toEqual({ ok: true, value: '2028-02-29' });
    expect(readRecordDate('2026-03-01T24:00:00Z')).toMatchObject({ ok: false, code: 'bad-date' });
    expect(readRecordDate('yesterday')).toMatchObject({ ok: false, code: 'bad-date' });
  });
});

describe('record rows', () => {
  const parser = rowParser(layoutOf('completions', ['employee_id', 'module_id', 'status', 'started_at', 'completed_at', 'score']).layout as ImportLayout & { kind: 'completions' });

  it('gives the CompletionRecord shape, status synonyms mapped, scores as percents', () => {
    const r = parser.parse([' E1 ', 'M1', 'Passed', '2026-03-01', '2026-03-02 09:00', '85.5%'], 2);
    expect(r).toEqual({ ok: true, record: { employeeId: 'E1', moduleId: 'M1', status: 'completed', startedAt: '2026-03-01', completedAt: '2026-03-02T09:00:00.000Z', score: 85.5 } });
    expect(CompletionRecordSchema.parse((r as { record: unknown }).record)).toBeTruthy();
    expect(parser.parse(['E1', 'M1', 'In Progress', '', '', ''], 3)).toMatchObject({ ok: true, record: { status: 'in_progress', startedAt: null, score: null } });
    expect(parser.parse(['E1', 'M1', 'not_started', '', '', ''], 3)).toMatchObject({ ok: true, record: { status: 'enrolled' } });
  });

  it('names the cell and the reason of every bad value', () => {
    const r = parser.parse(['', 'M1', 'done-ish', '03/04/2026', '2026-02-01', '85,5'], 7);
    expect(r.ok).toBe(false);
    expect((r as { findings: { cell: string; code: string }[] }).findings.map((f) => [f.cell, f.code])).toEqual([
      ['A7', 'missing-value'], ['C7', 'bad-enum'], ['D7', 'ambiguous-date'], ['F7', 'bad-number'],
    ]);
    expect(parser.parse(['E1', 'M1', 'completed', '2026-03-05', '2026-03-01', '101'], 4)).toMatchObject({ ok: false, findings: [{ cell: 'F4', code: 'bad-score' }] });
    expect(parser.parse(['E1', 'M1', 'completed', '2026-03-05', '2026-03-01T10:00:00Z', ''], 4)).toMatchObject({ ok: false, findings: [{ cell: 'E4', code: 'date-order' }] });
  });

  it('assessment roles take common synonyms', () => {
    const layout = layoutOf('assessments', ['Learner ID', 'Track', 'Competency', 'Criterion', 'Rater ID', 'Rater Type', 'Rating', 'Review Date']).layout as ImportLayout & { kind: 'assessments' };
    const p = rowParser(layout);
    expect(p.parse(['E1', 'ENG', 'E1', 'Design judgement', 'M9', 'Supervisor', '3', '2026-05-01'], 2)).toEqual({
      ok: true, record: { employeeId: 'E1', trackId: 'ENG', competencyId: 'E1', dimension: 'Design judgement', evaluatorId: 'M9', evaluatorRole: 'manager', score: 3, assessedAt: '2026-05-01' },
    });
    expect(p.parse(['E1', 'ENG', 'E1', 'x', 'M9', 'mentor', '3', ''], 2)).toMatchObject({ ok: false, findings: [{ cell: 'F2', code: 'bad-enum' }, { cell: 'H2', code: 'missing-value' }] });
  });

  it('row shapes: an unclosed quote, too few cells, extra non-blank cells', () => {
    expect(recordShapeFindings('f.csv', 9, ['a'], 3, [{ code: 'MissingQuotes', message: 'Quoted field unterminated' }])).toMatchObject([{ cell: 'A9', code: 'unclosed-quote' }]);
    expect(recordShapeFindings('f.csv', 9, ['a', 'b'], 3, [])).toMatchObject([{ cell: 'B9', code: 'too-few-cells' }]);
    expect(recordShapeFindings('f.csv', 9, ['a', 'b', 'c', ''], 3, [])).toEqual([]);
    expect(recordShapeFindings('f.csv', 9, ['a', 'b', 'c', 'd'], 3, [])).toMatchObject([{ cell: 'D9', code: 'too-many-cells' }]);
  });
});
