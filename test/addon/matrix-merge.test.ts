/** addon/src/matrix-merge.ts in Node: the plan for one matrix tab (the bundle tests run it inside the vm). */
import { describe, expect, it } from 'vitest';
import { planMatrix } from '../../addon/src/matrix-merge';

const catalogue = [
  { id: 'A', name: 'Alpha' },
  { id: 'B', name: 'Beta' },
];

describe('planMatrix', () => {
  it('builds a new matrix from an empty or missing tab', () => {
    for (const existing of [null, [['']], [['', ''], ['', '']]]) {
      const plan = planMatrix(existing, 'T', ['L1', 'L2'], catalogue);
      expect(plan.values).toEqual([['Competency ID', 'Competency Name', 'L1', 'L2'], ['A', 'Alpha', '', ''], ['B', 'Beta', '', '']]);
      expect(plan.changed).toBe(true);
      expect(plan.addedLevels).toEqual([]);
    }
  });

  it('leaves alone a tab with content but no Competency ID header', () => {
    const plan = planMatrix([['', ''], ['A', 'text']], 'T', ['L1'], catalogue);
    expect(plan.values).toBeNull();
    expect(plan.changed).toBe(false);
  });

  it('keeps non-text cells as they are and sees that nothing changed', () => {
    const when = new Date(Date.UTC(2026, 0, 1));
    const existing = [['Competency ID', 'Competency Name', 'L1'], ['A', 'Alpha', when], ['B', 'Beta', 3]];
    const plan = planMatrix(existing.map((r) => r.map((v) => (v instanceof Date ? new Date(v.getTime()) : v))), 'T', ['L1'], catalogue);
    expect(plan.changed).toBe(false);
    expect(plan.values?.[1][2]).toEqual(when);
    expect(plan.values?.[2][2]).toBe(3);
  });

  it('matches level headers ignoring case and spaces, and fills a blank name from the catalogue', () => {
    const plan = planMatrix([['competency id', ' l2 ', 'l1'], ['B', 'b2', 'b1'], ['A', '', '']], 'T', ['L1', 'L2'], catalogue);
    expect(plan.values).toEqual([['competency id', 'Competency Name', 'l1', ' l2 '], ['B', 'Beta', 'b1', 'b2'], ['A', 'Alpha', '', '']]);
    expect(plan.removedLevels).toEqual([]);
  });

  it('never plans fewer rows or columns than the tab has', () => {
    const existing = [['Competency ID', 'Old', '', 'X'], ['A', 'a', 'loose', ''], ['', '', '', ''], ['Z', '', '', 'z']];
    const plan = planMatrix(existing, 'T', [], catalogue);
    expect(plan.values).toEqual([
      ['Competency ID', 'Competency Name', 'Old', '', 'X'],
      ['A', 'Alpha', 'a', 'loose', ''],
      ['', '', '', '', ''],
      ['Z', '', '', '', 'z'],
      ['B', 'Beta', '', '', ''],
    ]);
    expect(plan.removedLevels).toEqual(['Old', 'X']);
    expect(plan.removedCompetencies).toEqual(['Z']);
  });
});
