/**
 * The storable-text rule in learner-record rows: whatever the cells, the fast reading of a row answers what zod
 * alone answers, and a cell holding a NUL, half of a surrogate pair or more than 50,000 characters is a bad-text
 * finding at that cell (its other problems not reported twice), never a record.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveLayout, rowParser, type ImportLayout } from '../../shared/imports';
import type { RecordKind } from '../../shared/records';
import { textProblem } from '../../shared/storable-text';

const BAD = ['E\u00001', '\uD83D', 'x\uDE00y', 'z'.repeat(50_001)];
const GOOD = ['E1', 'EMP-3', 'Design judgement', 'a 😀 b', 'z'.repeat(50_000)];
const CELLS: Record<string, readonly string[]> = {
  employee_id: [...GOOD, ...BAD, '', 'a,b'],
  module_id: ['M1', 'S-100', ...BAD, ''],
  status: ['completed', 'in progress', 'done', ...BAD],
  started_at: ['2026-03-01', '', '03/04/2026', ...BAD],
  completed_at: ['2026-03-02T10:30:00Z', '', ...BAD],
  score: ['85', '', '101', ...BAD],
  track_id: ['ENG', '', ...BAD],
  competency_id: ['E1', ...BAD],
  dimension: ['Design judgement', 'a 😀 b', '', ...BAD],
  evaluator_id: ['M9', ...BAD],
  evaluator_role: ['Supervisor', 'self', 'mentor', ...BAD],
  rubric_score: ['3', 'x', ...BAD],
  assessed_at: ['2026-05-01', '', ...BAD],
};

function parsersOf(kind: RecordKind, headers: string[]) {
  const layout = resolveLayout(kind, headers, `${kind}.csv`).layout as ImportLayout & { kind: typeof kind };
  return { fast: rowParser(layout), zodOnly: rowParser(layout, { fastPath: false }) };
}

const KINDS: [RecordKind, string[]][] = [
  ['completions', ['employee_id', 'module_id', 'status', 'started_at', 'completed_at', 'score']],
  ['assessments', ['employee_id', 'track_id', 'competency_id', 'dimension', 'evaluator_id', 'evaluator_role', 'score', 'assessed_at']],
];

describe('text that cannot be stored, in record rows', () => {
  for (const [kind, headers] of KINDS) {
    it(`${kind}: the fast reading answers what zod answers, and every unstorable cell is bad-text at its cell`, () => {
      const { fast, zodOnly } = parsersOf(kind, headers);
      const row = fc.tuple(...headers.map((h) => fc.constantFrom(...CELLS[kind === 'assessments' && h === 'score' ? 'rubric_score' : h])));
      fc.assert(fc.property(row, fc.integer({ min: 2, max: 100_000 }), (cells, n) => {
        const answer = fast.parse(cells, n);
        expect(answer).toEqual(zodOnly.parse(cells, n));
        const bad = cells.map((c, i) => (textProblem(c.trim()) ? i : -1)).filter((i) => i >= 0);
        if (bad.length === 0) return;
        expect(answer.ok).toBe(false);
        const findings = answer.ok ? [] : answer.findings;
        const badCells = findings.filter((f) => f.code === 'bad-text').map((f) => f.cell);
        expect(badCells).toEqual(bad.map((i) => `${String.fromCharCode(65 + i)}${n}`));
        // A cell with bad text has no other finding.
        for (const cell of badCells) expect(findings.filter((f) => f.cell === cell)).toHaveLength(1);
      }), { numRuns: 1500 });
    });
  }

  it('HRIS employees: a name with a NUL is bad-text; an emoji in a name is fine', () => {
    const { zodOnly } = parsersOf('employees', ['employee_id', 'employee_name', 'email', 'position_id', 'manager_email']);
    expect(zodOnly.parse(['E1', 'Dana\u0000 Li', '', 'POS-1', ''], 4)).toEqual({
      ok: false, findings: [expect.objectContaining({ cell: 'B4', code: 'bad-text', message: expect.stringContaining('employee_name holds a NUL character') })],
    });
    expect(zodOnly.parse(['E1', 'Dana 😀', '', 'POS-1', ''], 4)).toMatchObject({ ok: true, record: { name: 'Dana 😀' } });
  });
});
