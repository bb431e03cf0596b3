import { describe, expect, it } from 'vitest';
import { createInheritanceIndex, expectationsForEmployee, expectationsForPosition, type InheritanceResult } from '../../shared/inheritance';
import { workbookOf } from './builder';

// Track CS (Active): Org context stays the same from CS1 to CS2 then grows; Product knowledge grows at CS2 and
// is blank at CS3 (dropped); Consultative selling starts at CS2. Track DR is a Draft.
const wb = workbookOf({
  tracks: {
    CS: {
      name: 'Customer Success',
      levels: ['CS1', 'CS2', 'CS3'],
      matrix: {
        ORG: ['Knows the org', 'Knows the org', 'Shapes the org'],
        PK: ['Knows the basics', 'Knows the catalogue', ''],
        CONS: ['', 'Runs discovery calls', 'Coaches others'],
      },
    },
    DR: { status: 'Draft', levels: ['D1'], matrix: { ORG: 1 } },
  },
  competencies: { ORG: 'Org context', PK: 'Product knowledge', CONS: 'Consultative selling' },
  positions: {
    'P-1': ['CS', 'CS1', 'Associate CSM'], 'P-1b': ['CS', 'CS1', 'Support Specialist'], 'P-2': ['CS', 'CS2', 'CSM'], 'P-3': ['CS', 'CS3', 'Senior CSM'],
    'P-D': ['DR', 'D1'], 'P-X': ['GONE', 'G1'], 'P-L': ['CS', 'CS9'],
  },
  employees: { 'E-1': ['Ana Diaz', 'P-1'], 'E-2': ['Bo Chen', 'P-1b'], 'E-D': ['Cy Roe', 'P-D'], 'E-N': ['Di Park', 'NOPE'] },
});

function ok(result: InheritanceResult) {
  if (!result.ok) throw new Error(`expected inheritance, got ${result.reason.code}: ${result.reason.message}`);
  return result.inheritance;
}

const exp = (competencyId: string, competencyName: string, expectation: string) => ({ competencyId, competencyName, expectation });

describe('expectationsForEmployee / expectationsForPosition', () => {
  it('gives an employee the expectations of their level and what changes at the next one', () => {
    const got = ok(expectationsForEmployee(wb, 'E-1'));
    expect(got.employee).toEqual({ id: 'E-1', name: 'Ana Diaz' });
    expect(got.position).toEqual({ id: 'P-1', title: 'Associate CSM' });
    expect(got.track).toEqual({ id: 'CS', name: 'Customer Success' });
    expect(got.level).toEqual({ code: 'CS1', name: 'Level CS1', order: 1 });
    expect(got.expectations).toEqual([exp('ORG', 'Org context', 'Knows the org'), exp('PK', 'Product knowledge', 'Knows the basics')]);
    expect(got.next).toEqual({
      level: { code: 'CS2', name: 'Level CS2', order: 2 },
      added: [exp('CONS', 'Consultative selling', 'Runs discovery calls')],
      changed: [{ competencyId: 'PK', competencyName: 'Product knowledge', from: 'Knows the basics', to: 'Knows the catalogue' }],
      unchanged: [exp('ORG', 'Org context', 'Knows the org')],
      dropped: [],
    });
  });

  it('lets several positions link to one level', () => {
    const a = ok(expectationsForEmployee(wb, 'E-1'));
    const b = ok(expectationsForEmployee(wb, 'E-2'));
    expect(b.position.title).toBe('Support Specialist');
    expect(b.expectations).toEqual(a.expectations);
  });

  it('reports what disappears at the next level', () => {
    const got = ok(expectationsForPosition(wb, 'P-2'));
    expect(got.employee).toBeNull();
    expect(got.next?.added).toEqual([]);
    expect(got.next?.changed.map((c) => c.competencyId)).toEqual(['ORG', 'CONS']);
    expect(got.next?.dropped).toEqual([exp('PK', 'Product knowledge', 'Knows the catalogue')]);
  });

  it('has no next level at the top', () => {
    const got = ok(expectationsForPosition(wb, 'P-3'));
    expect(got.expectations.map((e) => e.competencyId)).toEqual(['ORG', 'CONS']);
    expect(got.next).toBeNull();
  });

  it('refuses in plain words: draft track, unlinked position, unknown position, level or employee', () => {
    const reason = (r: InheritanceResult) => (r.ok ? null : r.reason);
    expect(reason(expectationsForEmployee(wb, 'E-D'))).toEqual({
      code: 'track-draft',
      message: 'Track DR (Track DR) is still a Draft. Employees inherit its expectations only once it is published (Active).',
    });
    expect(reason(expectationsForPosition(wb, 'P-X'))).toEqual({
      code: 'position-not-linked',
      message: 'Position P-X (Position P-X) is not linked to a track: it names track "GONE", which is not in the Tracks tab.',
    });
    expect(reason(expectationsForPosition(wb, 'P-L'))?.code).toBe('level-unknown');
    expect(reason(expectationsForPosition(wb, 'P-L'))?.message).toContain('its levels are CS1, CS2, CS3');
    expect(reason(expectationsForEmployee(wb, 'E-N'))).toEqual({
      code: 'position-unknown',
      message: 'Employee E-N (Di Park) holds position "NOPE", but that position is not in the Positions tab, so no expectations can be inherited.',
    });
    expect(reason(expectationsForPosition(wb, 'NOPE'))?.message).toBe('Position "NOPE" is not in the Positions tab, so no expectations can be inherited.');
    expect(reason(expectationsForEmployee(wb, 'E-404'))).toEqual({ code: 'employee-unknown', message: 'There is no employee "E-404" in the Employees tab.' });
  });

  it('computes each (track, level) once and shares it between employees', () => {
    const index = createInheritanceIndex(wb);
    const a = ok(expectationsForEmployee(wb, 'E-1', index));
    const b = ok(expectationsForEmployee(wb, 'E-2', index));
    expect(a.expectations).toBe(b.expectations);
    expect(index.viewsByTrack.size).toBe(1);
  });
});
