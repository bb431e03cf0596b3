/**
 * Good rows skip zod (shared/imports/rows.ts fast readers). Whatever the cells, the fast parser must answer exactly
 * what zod alone answers: the same record, or the same findings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveLayout, rowParser, type ImportLayout } from '../../shared/imports';
import type { RecordKind } from '../../shared/records';

const CELLS = {
  employee_id: ['E1', ' E2 ', '', 'a,b', 'x;y', 'EMP-3'],
  module_id: ['M1', '', 'M,2', 'S-100'],
  status: ['completed', 'Passed', 'in progress', 'IN_PROGRESS', 'not-started', 'done', '', 'constructor', 'toString'],
  started_at: ['2026-03-01', '', '2026-02-30', '03/04/2026', '13/04/2026', '2026-03-01 09:00', 'x'],
  completed_at: ['2026-03-02T10:30:00Z', '2026-02-01', '', '2026-03-01T14:05:00+02:00', '2026-03-01T24:00:00Z', '2028-02-29'],
  score: ['85', '85.5 %', '', '101', '-1', '85,5', 'abc', '1e2', '.5'],
  track_id: ['ENG', '', 'A,B'],
  competency_id: ['E1', '', 'c;d'],
  dimension: ['Design judgement', '', '  x  '],
  evaluator_id: ['M9', '', 'm,9'],
  evaluator_role: ['Supervisor', 'self', 'mentor', '', 'co-worker', 'hasOwnProperty'],
  assessed_at: ['2026-05-01', '', '2026-05-01T08:00:00Z', '5/1/2026'],
  rubric_score: ['3', '2.5', '', 'x', '2,5', '-1'],
} as const;

function parsersOf(kind: RecordKind, headers: string[]) {
  const layout = resolveLayout(kind, headers, `${kind}.csv`).layout as ImportLayout & { kind: typeof kind };
  return { fast: rowParser(layout), zodOnly: rowParser(layout, { fastPath: false }) };
}

const cellOf = (choices: readonly string[]) => fc.constantFrom(...choices);

describe('the fast path of row parsing', () => {
  it('completions: the same answer as zod for any row', () => {
    const headers = ['employee_id', 'module_id', 'status', 'started_at', 'completed_at', 'score'];
    const { fast, zodOnly } = parsersOf('completions', headers);
    const row = fc.tuple(...headers.map((h) => cellOf(CELLS[h as keyof typeof CELLS])));
    fc.assert(fc.property(row, fc.integer({ min: 2, max: 1_000_000 }), (cells, n) => {
      expect(fast.parse(cells, n)).toEqual(zodOnly.parse(cells, n));
    }), { numRuns: 2000 });
  });

  it('assessments: the same answer as zod for any row', () => {
    const headers = ['employee_id', 'track_id', 'competency_id', 'dimension', 'evaluator_id', 'evaluator_role', 'score', 'assessed_at'];
    const { fast, zodOnly } = parsersOf('assessments', headers);
    const row = fc.tuple(...headers.map((h) => cellOf(CELLS[(h === 'score' ? 'rubric_score' : h) as keyof typeof CELLS])));
    fc.assert(fc.property(row, fc.integer({ min: 2, max: 1_000_000 }), (cells, n) => {
      expect(fast.parse(cells, n)).toEqual(zodOnly.parse(cells, n));
    }), { numRuns: 2000 });
  });

  it('takes most good rows without zod, and still rejects what zod rejects', () => {
    const { fast } = parsersOf('completions', ['employee_id', 'module_id', 'status', 'started_at', 'completed_at', 'score']);
    expect(fast.parse(['E1', 'M1', 'Passed', '2026-03-01', '2026-03-02 09:00', '85.5%'], 2)).toEqual({
      ok: true, record: { employeeId: 'E1', moduleId: 'M1', status: 'completed', startedAt: '2026-03-01', completedAt: '2026-03-02T09:00:00.000Z', score: 85.5 },
    });
    expect(fast.parse(['E1', 'M1', 'constructor', '', '', ''], 5)).toMatchObject({ ok: false, findings: [{ cell: 'C5', code: 'bad-enum' }] });
  });
});
