import { describe, expect, it } from 'vitest';
import { createPathIndex, orderTrackPath, pathToLevel, remainingPathForEmployee } from '../../shared/paths';
import { workbookOf } from './builder';
import { idsOf, nextOf, pathOf, reasonsOf } from './helpers';

// Track CS with three levels. Org context and Product knowledge are needed at CS1, Consultative selling
// (which depends on Product knowledge) at CS2, Negotiation and Advanced org at CS3.
// M-9 develops Negotiation (a CS3 competency) but M-1 lists it as a prerequisite, so the way to CS1 needs it.
// Full path: S-1 (CS1), S-2 (CS3) | M-9 (the only role module ready), M-1 (CS1), M-2 (CS2), M-3 (CS3).
const wb = workbookOf({
  tracks: {
    CS: { levels: ['CS1', 'CS2', 'CS3'], matrix: { ORG: 1, PK: 1, CONS: 2, NEG: 3, ADV: 3 } },
    DRAFT: { status: 'Draft', levels: ['D1', 'D2'], matrix: { ORG: 1 } },
  },
  competencies: {
    ORG: 'Org context', PK: 'Product knowledge', CONS: { name: 'Consultative selling', dependsOn: 'PK' }, NEG: 'Negotiation', ADV: 'Advanced org',
  },
  modules: {
    'S-1': { track: 'Shared', develops: 'ORG', hours: 1 },
    'S-2': { track: 'Shared', develops: 'ADV', hours: 1 },
    'M-9': { track: 'CS', develops: 'NEG', hours: 2 },
    'M-1': { track: 'CS', develops: 'PK', pre: 'M-9', hours: 3, gate: 'quiz >= 80%' },
    'M-2': { track: 'CS', develops: 'CONS', pre: 'M-1', hours: 4, gate: 'assessment >= 70%' },
    'M-3': { track: 'CS', develops: 'NEG', pre: 'M-9', hours: 5 },
    'D-1': { track: 'DRAFT', develops: 'ORG' },
  },
  positions: { 'P-1': ['CS', 'CS1'], 'P-3': ['CS', 'CS3'], 'P-D': ['DRAFT', 'D1'], 'P-X': ['GONE', 'G1'], 'P-L': ['CS', 'CS9'] },
  employees: {
    'E-1': ['Ana Diaz', 'P-1'], 'E-3': ['Bo Chen', 'P-3'], 'E-D': ['Cy Roe', 'P-D'], 'E-X': ['Di Park', 'P-X'], 'E-L': ['Ed Yu', 'P-L'], 'E-N': ['Flo Ng', 'NOPE'],
  },
});

describe('pathToLevel', () => {
  it('the whole path, for reference', () => {
    expect(idsOf(orderTrackPath(wb, 'CS'))).toEqual(['S-1', 'S-2', 'M-9', 'M-1', 'M-2', 'M-3']);
  });

  it('keeps only what a level needs, plus the prerequisites of that, in path order', () => {
    const cs1 = pathToLevel(wb, 'CS', 'CS1');
    expect(idsOf(cs1)).toEqual(['S-1', 'M-9', 'M-1']);
    expect(pathOf(cs1).targetLevel).toEqual({ code: 'CS1', order: 1 });
    expect(pathOf(cs1).steps.map((s) => s.position)).toEqual([1, 2, 3]);
    expect(pathOf(cs1).totalHours).toBe(6);
    expect(idsOf(pathToLevel(wb, 'CS', 'CS2'))).toEqual(['S-1', 'M-9', 'M-1', 'M-2']);
    expect(idsOf(pathToLevel(wb, 'CS', 'CS3'))).toEqual(idsOf(orderTrackPath(wb, 'CS')));
  });

  it('names a module it waits for once, even when it is both a prerequisite and a dependency', () => {
    expect(reasonsOf(pathToLevel(wb, 'CS', 'CS2'), 'M-2')).toEqual(['after M-1 (prerequisite)', 'first needed at level CS2']);
  });

  it('accepts a level code typed in another case, and refuses an unknown level', () => {
    expect(idsOf(pathToLevel(wb, 'CS', 'cs1'))).toEqual(['S-1', 'M-9', 'M-1']);
    const result = pathToLevel(wb, 'CS', 'CS7');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'unknown-level', trackId: 'CS', levelCode: 'CS7' });
    expect(result.error.message).toContain('its levels are CS1, CS2, CS3');
  });

  it('refuses an unknown track', () => {
    expect(pathToLevel(wb, 'XX', 'CS1')).toMatchObject({ ok: false, error: { code: 'unknown-track' } });
  });
});

describe('remainingPathForEmployee', () => {
  it('gives the modules an employee still needs for their next level, with gates', () => {
    // Ana is at CS1; the way to CS2 is S-1, M-9, M-1, M-2; she did S-1 and M-9.
    const next = nextOf(remainingPathForEmployee(wb, 'E-1', ['S-1', 'M-9', 'UNRELATED']));
    expect(next.currentLevel).toEqual({ code: 'CS1', order: 1 });
    expect(next.nextLevel).toEqual({ code: 'CS2', order: 2 });
    expect(next.steps.map((s) => s.moduleId)).toEqual(['M-1', 'M-2']);
    expect(next.steps.map((s) => s.position)).toEqual([1, 2]);
    expect(next.steps.map((s) => s.gate?.text)).toEqual(['quiz >= 80%', 'assessment >= 70%']);
    expect(next.steps[0].reasons[0]).toBe('after M-9 (prerequisite, already completed)');
    expect(next.completed).toEqual(['S-1', 'M-9']);
    expect(next.totalHours).toBe(7);
    expect(next.message).toBe('2 modules (7 h) remain for Ana Diaz (E-1) to reach level CS2 of track CS.');
  });

  it('says so when everything is done', () => {
    const next = nextOf(remainingPathForEmployee(wb, 'E-1', ['S-1', 'M-9', 'M-1', 'M-2']));
    expect(next.steps).toEqual([]);
    expect(next.message).toContain('has completed every module on the path to level CS2');
  });

  it('says so at the top level', () => {
    const next = nextOf(remainingPathForEmployee(wb, 'E-3', []));
    expect(next.nextLevel).toBeNull();
    expect(next.steps).toEqual([]);
    expect(next.message).toBe('Bo Chen (E-3) is at the top level of track CS (CS3, Level CS3): there is no next level.');
  });

  it('refuses with the inheritance reason when the employee cannot be placed', () => {
    const code = (id: string) => {
      const r = remainingPathForEmployee(wb, id, []);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('E-D')).toBe('track-draft');
    expect(code('E-X')).toBe('position-not-linked');
    expect(code('E-L')).toBe('level-unknown');
    expect(code('E-N')).toBe('position-unknown');
    expect(code('E-404')).toBe('employee-unknown');
  });

  it('reuses a prepared index and gives the same answer', () => {
    const index = createPathIndex(wb);
    expect(remainingPathForEmployee(wb, 'E-1', ['S-1'], { path: index })).toEqual(remainingPathForEmployee(wb, 'E-1', ['S-1']));
  });
});
