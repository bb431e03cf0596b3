/** Any two levels of a track side by side, in matrix order; unknown codes named with the valid ones. */
import { describe, expect, it } from 'vitest';
import { expectationsForPosition } from '../../shared/inheritance';
import { compareLevels } from '../../shared/team';
import { acmeActive } from './fixtures';

describe('compareLevels', () => {
  it('classifies every competency expected at either level, in matrix order, with the text of each side', async () => {
    const wb = await acmeActive();
    const r = compareLevels(wb, 'ENG-IC', 'IC1', 'IC3');
    if (!r.ok) throw new Error(r.error.message);
    const c = r.comparison;
    expect(c.track).toEqual({ id: 'ENG-IC', name: 'Software Engineering' });
    expect([c.from.code, c.to.code]).toEqual(['IC1', 'IC3']);
    expect(c.counts).toEqual({ added: 3, raised: 15, unchanged: 0, dropped: 0 });
    expect(c.rows.map((row) => row.competencyId)).toEqual([
      'FND-CTX', 'FND-WRT', 'FND-FBK', 'FND-SEC', 'FND-CUS', 'FND-DAT', 'FND-COL', 'FND-INC',
      'ENG-CODE', 'ENG-DBG', 'ENG-SEC', 'ENG-REV', 'ENG-DOC', 'ENG-EST', 'ENG-DATA', 'ENG-OPS', 'ENG-DES', 'ENG-MENT',
    ]);
    const mentorship = c.rows.find((row) => row.competencyId === 'ENG-MENT')!;
    expect(mentorship).toMatchObject({ change: 'added', from: null, competencyName: 'Technical mentorship' });
    expect(mentorship.to).not.toBe('');
    const code = c.rows.find((row) => row.competencyId === 'ENG-CODE')!;
    expect(code.change).toBe('raised');
    expect(code.from).toMatch(/^Writes readable code with unit tests/);
    expect(code.to).not.toBe(code.from);
  });

  it("agrees with what inheritance says the next level adds and changes", async () => {
    const wb = await acmeActive();
    const inherited = expectationsForPosition(wb, 'POS-ENG-01');
    const r = compareLevels(wb, 'ENG-IC', 'IC1', 'IC2');
    if (!inherited.ok || !r.ok) throw new Error('unexpected refusal');
    const next = inherited.inheritance.next!;
    expect(r.comparison.rows.filter((x) => x.change === 'added').map((x) => x.competencyId)).toEqual(next.added.map((x) => x.competencyId));
    expect(r.comparison.rows.filter((x) => x.change === 'raised').map((x) => [x.competencyId, x.from, x.to])).toEqual(next.changed.map((x) => [x.competencyId, x.from, x.to]));
  });

  it('works downwards (what a lower level drops) and on one level (all unchanged); codes ignore case', async () => {
    const wb = await acmeActive();
    const down = compareLevels(wb, 'ENG-IC', 'ic4', 'IC1');
    if (!down.ok) throw new Error(down.error.message);
    expect(down.comparison.rows.filter((x) => x.change === 'dropped').map((x) => [x.competencyId, x.to])).toEqual([
      ['ENG-OPS', null], ['ENG-DES', null], ['ENG-MENT', null], ['ENG-ARCH', null],
    ]);
    const same = compareLevels(wb, 'ENG-IC', 'IC2', 'IC2');
    if (!same.ok) throw new Error(same.error.message);
    expect(same.comparison.counts).toEqual({ added: 0, raised: 0, unchanged: 17, dropped: 0 });
  });

  it('names the valid codes when the track or a level is unknown', async () => {
    const wb = await acmeActive();
    expect(compareLevels(wb, 'NOPE', 'IC1', 'IC2')).toEqual({
      ok: false, error: { code: 'unknown-track', valid: ['ENG-IC', 'ENG-MGR', 'CS'], message: 'There is no track "NOPE". Tracks: ENG-IC, ENG-MGR, CS.' },
    });
    expect(compareLevels(wb, 'CS', 'CS1', 'CS9')).toEqual({
      ok: false, error: { code: 'unknown-level', valid: ['CS1', 'CS2', 'CS3', 'CS4', 'CS5'], message: 'Track CS has no level "CS9". Its levels are: CS1, CS2, CS3, CS4, CS5.' },
    });
  });
});
