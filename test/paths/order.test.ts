import { describe, expect, it } from 'vitest';
import { orderTrackPath } from '../../shared/paths';
import { validateSnapshot } from '../../shared';
import { snapshotOf, workbookOf } from './builder';
import { idsOf, pathOf, reasonsOf } from './helpers';

describe('orderTrackPath: shapes a person can check', () => {
  it('orders a diamond A→B, A→C, B→D, C→D and breaks the B/C tie by level, not id', () => {
    // B and C both wait only for A. C's competency is needed at T1, B's only at T2, so C goes first
    // although "B" < "C". D waits for both. Expected: A, C, B, D.
    const wb = workbookOf({
      tracks: { T: { levels: ['T1', 'T2'], matrix: { CA: 1, CB: 2, CC: 1, CD: 2 } } },
      modules: {
        A: { track: 'T', develops: 'CA' },
        B: { track: 'T', develops: 'CB', pre: 'A' },
        C: { track: 'T', develops: 'CC', pre: 'A' },
        D: { track: 'T', develops: 'CD', pre: 'B, C' },
      },
    });
    const result = orderTrackPath(wb, 'T');
    expect(idsOf(result)).toEqual(['A', 'C', 'B', 'D']);
    expect(reasonsOf(result, 'D')).toEqual(['after B (prerequisite)', 'after C (prerequisite)', 'first needed at level T2']);
    expect(reasonsOf(result, 'A')).toEqual(['no prerequisite or dependency ties it to an earlier module', 'first needed at level T1']);
    expect(pathOf(result).steps.map((s) => s.position)).toEqual([1, 2, 3, 4]);
  });

  it('with equal levels, breaks ties by module id', () => {
    // Diamond again, everything needed at T1: A, then B before C by id, then D.
    const wb = workbookOf({
      tracks: { T: { levels: ['T1'], matrix: { CA: 1, CB: 1, CC: 1, CD: 1 } } },
      modules: {
        D: { track: 'T', develops: 'CD', pre: 'C, B' },
        C: { track: 'T', develops: 'CC', pre: 'A' },
        B: { track: 'T', develops: 'CB', pre: 'A' },
        A: { track: 'T', develops: 'CA' },
      },
    });
    expect(idsOf(orderTrackPath(wb, 'T'))).toEqual(['A', 'B', 'C', 'D']);
  });

  it('interleaves several roots by the level that first needs them', () => {
    // Roots X (needed at T2) and Y (needed at T1). Y first; Y2 (T1, after Y) becomes ready and still beats X;
    // X2 is needed at T1 but must wait for its prerequisite X. Expected: Y, Y2, X, X2.
    const wb = workbookOf({
      tracks: { T: { levels: ['T1', 'T2'], matrix: { CX: 2, CY: 1, CY2: 1, CX2: 1 } } },
      modules: {
        X: { track: 'T', develops: 'CX' },
        X2: { track: 'T', develops: 'CX2', pre: 'X' },
        Y: { track: 'T', develops: 'CY' },
        Y2: { track: 'T', develops: 'CY2', pre: 'Y' },
      },
    });
    const result = orderTrackPath(wb, 'T');
    expect(idsOf(result)).toEqual(['Y', 'Y2', 'X', 'X2']);
    expect(reasonsOf(result, 'X2')).toEqual(['after X (prerequisite)', 'first needed at level T1']);
  });

  it('orders by competency dependencies of modules that develop several competencies', () => {
    // Consultative selling depends on Product knowledge; Negotiation depends on Pricing.
    // M-104 develops Product knowledge and Pricing, so M-101 (Consultative selling) and M-102 (Negotiation,
    // plus Discovery needed at CS1) wait for it even though their ids are smaller. M-102's first level is CS1
    // (Discovery), M-101's is CS2. Expected: M-104, M-102, M-101.
    const wb = workbookOf({
      tracks: { CS: { levels: ['CS1', 'CS2', 'CS3'], matrix: { PK: 2, PRICE: 3, CONS: 2, NEG: 3, DISC: 1 } } },
      competencies: {
        PK: 'Product knowledge',
        PRICE: 'Pricing',
        CONS: { name: 'Consultative selling', dependsOn: 'PK' },
        NEG: { name: 'Negotiation', dependsOn: 'PRICE' },
        DISC: 'Discovery',
      },
      modules: {
        'M-101': { track: 'CS', develops: 'CONS' },
        'M-102': { track: 'CS', develops: 'NEG, DISC' },
        'M-104': { track: 'CS', develops: 'PK, PRICE' },
      },
    });
    const result = orderTrackPath(wb, 'CS');
    expect(idsOf(result)).toEqual(['M-104', 'M-102', 'M-101']);
    expect(reasonsOf(result, 'M-101')).toEqual([
      'after M-104: it develops Product knowledge, which Consultative selling depends on',
      'first needed at level CS2',
    ]);
    expect(reasonsOf(result, 'M-102')[0]).toBe('after M-104: it develops Pricing, which Negotiation depends on');
    const steps = pathOf(result).steps;
    expect(steps[1].firstRequiredLevel).toEqual({ code: 'CS1', order: 1 });
    expect(steps[1].develops).toEqual(['NEG', 'DISC']);
  });

  it('puts the shared foundation first and shares one shared module between tracks', () => {
    // S-1 develops Org context, which both tracks require; S-0 develops nothing any track requires but is S-1's
    // prerequisite, so it comes along; S-2 develops Tooling, required by ENG only; S-9 develops nothing
    // required, so no track takes it. E-1 develops Coding, which depends on Org context (from S-1).
    const wb = workbookOf({
      tracks: {
        ENG: { levels: ['E1', 'E2'], matrix: { ORG: 1, TOOL: 2, CODE: 1 } },
        SAL: { levels: ['S1', 'S2'], matrix: { ORG: 1, PITCH: 1 } },
      },
      competencies: { ORG: 'Org context', TOOL: 'Tooling', CODE: { name: 'Coding', dependsOn: 'ORG' }, PITCH: 'Pitching', HIST: 'Company history' },
      modules: {
        'S-0': { track: 'Shared', develops: 'HIST' },
        'S-1': { track: 'Shared', develops: 'ORG', pre: 'S-0', gate: 'quiz >= 80%', hours: 2 },
        'S-2': { track: 'Shared', develops: 'TOOL', hours: 1.5 },
        'S-9': { track: 'Shared', develops: 'HIST' },
        'E-1': { track: 'ENG', develops: 'CODE', hours: 6 },
        'P-1': { track: 'SAL', develops: 'PITCH', gate: 'assessment >= 70%' },
      },
    });
    const eng = orderTrackPath(wb, 'ENG');
    const sal = orderTrackPath(wb, 'SAL');
    // ENG: ready at start are S-0 (no level needs it) and S-2 (needed at E2): S-2 wins on level, then S-0,
    // then S-1 (needed at E1 but waiting for S-0), then the role branch. SAL needs neither S-2 nor S-9.
    expect(idsOf(eng)).toEqual(['S-2', 'S-0', 'S-1', 'E-1']);
    expect(idsOf(sal)).toEqual(['S-0', 'S-1', 'P-1']);
    expect(pathOf(eng).steps.map((s) => s.stage)).toEqual(['Foundation', 'Foundation', 'Foundation', 'Role']);
    expect(reasonsOf(eng, 'S-0')[0]).toBe('shared foundation: S-1 needs it first (prerequisite)');
    expect(reasonsOf(eng, 'S-1')[0]).toBe('shared foundation: develops Org context, which this track requires');
    expect(reasonsOf(eng, 'S-0')).toContain('not required by any level of this track');
    expect(reasonsOf(eng, 'E-1')).toContain('after S-1: it develops Org context, which Coding depends on');
    expect(pathOf(eng).totalHours).toBe(9.5);
  });

  it('carries each gate as text, kind and minimum percent', () => {
    const wb = workbookOf({
      tracks: { T: { levels: ['T1'], matrix: { A: 1, B: 1 } } },
      modules: {
        M1: { track: 'T', develops: 'A', gate: 'quiz >= 80%', hours: 2 },
        M2: { track: 'T', develops: 'B', gate: 'assessment >= 70%' },
        M3: { track: 'T', develops: 'B' },
      },
    });
    const steps = pathOf(orderTrackPath(wb, 'T')).steps;
    expect(steps.map((s) => s.gate)).toEqual([
      { text: 'quiz >= 80%', kind: 'quiz', minPercent: 80 },
      { text: 'assessment >= 70%', kind: 'assessment', minPercent: 70 },
      null,
    ]);
    expect(steps[0].durationHours).toBe(2);
    expect(steps[1].durationHours).toBeNull();
  });

  it('sorts modules that develop nothing the track requires after the others of their stage', () => {
    // N develops a competency no level requires: it goes after A (T2) although its id comes first.
    const wb = workbookOf({
      tracks: { T: { levels: ['T1', 'T2'], matrix: { CA: 2 } } },
      modules: { A: { track: 'T', develops: 'CA' }, N: { track: 'T', develops: 'EXTRA' }, B: { track: 'T', develops: 'CA' } },
    });
    const result = orderTrackPath(wb, 'T');
    expect(idsOf(result)).toEqual(['A', 'B', 'N']);
    expect(reasonsOf(result, 'N')).toContain('not required by any level of this track');
    expect(pathOf(result).steps[2].firstRequiredLevel).toBeNull();
  });

  it('keeps a shared module in the foundation when its competency depends on a role one, and says so', () => {
    // S-1 is shared but develops Advanced org context, which depends on Role craft that only R-1 (track T)
    // develops. The foundation does not wait for a role branch (validation flags foundation-depends-on-role),
    // so the path stays S-0, S-1, R-1 and S-1 explains the tie it does not follow.
    const wb = workbookOf({
      tracks: { T: { levels: ['T1'], matrix: { ORG: 1, ADV: 1, CRAFT: 1 } } },
      competencies: { ADV: { name: 'Advanced org context', dependsOn: 'CRAFT' }, CRAFT: 'Role craft' },
      modules: {
        'S-0': { track: 'Shared', develops: 'ORG' },
        'S-1': { track: 'Shared', develops: 'ADV' },
        'R-1': { track: 'T', develops: 'CRAFT' },
      },
    });
    const result = orderTrackPath(wb, 'T');
    expect(idsOf(result)).toEqual(['S-0', 'S-1', 'R-1']);
    expect(reasonsOf(result, 'S-1')[1]).toBe(
      'not after R-1: it develops Advanced org context, which depends on Role craft that only role modules develop, and the shared foundation does not wait for a role branch (validation reports it as foundation-depends-on-role)',
    );
  });

  it('places a shared module after the role module it lists as a prerequisite, and says why', () => {
    // S-1 lists R-1 (track T) as a prerequisite: a prerequisite is never skipped, so S-1 follows R-1.
    const wb = workbookOf({
      tracks: { T: { levels: ['T1'], matrix: { ORG: 1, ADV: 1, CRAFT: 1 } } },
      modules: {
        'S-0': { track: 'Shared', develops: 'ORG' },
        'S-1': { track: 'Shared', develops: 'ADV', pre: 'R-1' },
        'R-1': { track: 'T', develops: 'CRAFT' },
      },
    });
    const result = orderTrackPath(wb, 'T');
    expect(idsOf(result)).toEqual(['S-0', 'R-1', 'S-1']);
    expect(reasonsOf(result, 'S-1')).toEqual([
      'shared foundation: develops ADV, which this track requires',
      'placed after role modules although it is shared: it waits for a role module of this track (validation reports it as foundation-depends-on-role)',
      'after R-1 (prerequisite)',
      'first needed at level T1',
    ]);
  });

  it('names a prerequisite from another track instead of pulling it into the path', () => {
    const wb = workbookOf({
      tracks: { A: { levels: ['A1'], matrix: { X: 1 } }, B: { levels: ['B1'], matrix: { Y: 1 } } },
      modules: { 'A-1': { track: 'A', develops: 'X', pre: 'B-1' }, 'B-1': { track: 'B', develops: 'Y' } },
    });
    const result = orderTrackPath(wb, 'A');
    expect(idsOf(result)).toEqual(['A-1']);
    expect(reasonsOf(result, 'A-1')).toContain('needs B-1 first (prerequisite from B, which is not part of this path)');
  });

  it('ignores dependency ties between two different role tracks', () => {
    // A-1 (track A) develops X, which depends on Y; B-1 of track B develops Y. They never meet in one path.
    const wb = workbookOf({
      tracks: { A: { levels: ['A1'], matrix: { X: 1 } }, B: { levels: ['B1'], matrix: { Y: 1 } } },
      competencies: { X: { dependsOn: 'Y' } },
      modules: { 'A-1': { track: 'A', develops: 'X' }, 'B-1': { track: 'B', develops: 'Y' } },
    });
    expect(reasonsOf(orderTrackPath(wb, 'A'), 'A-1')[0]).toBe('no prerequisite or dependency ties it to an earlier module');
  });
});

describe('orderTrackPath: refusals', () => {
  it('refuses an unknown track and lists the known ones', () => {
    const wb = workbookOf({ tracks: { T: { levels: ['T1'] } } });
    const result = orderTrackPath(wb, 'NOPE');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unknown-track');
    expect(result.error.message).toContain('Tracks in this workbook: T');
  });

  it('refuses a prerequisite loop and points at prerequisite-cycle', () => {
    // A needs C, C needs B, B needs A: no order exists. Z is fine but the path as a whole is refused.
    const wb = workbookOf({
      tracks: { T: { levels: ['T1'], matrix: { X: 1 } } },
      modules: { A: { track: 'T', develops: 'X', pre: 'C' }, B: { track: 'T', pre: 'A' }, C: { track: 'T', pre: 'B' }, Z: { track: 'T' } },
    });
    const result = orderTrackPath(wb, 'T');
    expect(result.ok).toBe(false);
    if (result.ok || result.error.code !== 'path-cycle') throw new Error('expected a cycle');
    expect(result.error.findingCode).toBe('prerequisite-cycle');
    expect(result.error.cycle).toEqual(['A', 'B', 'C', 'A']);
    expect(result.error.message).toContain('A → B → C → A');
    expect(result.error.message).toContain('B lists A as a prerequisite');
  });

  it('refuses a module that lists itself as a prerequisite', () => {
    const wb = workbookOf({ tracks: { T: { levels: ['T1'] } }, modules: { A: { track: 'T', pre: 'A' } } });
    const result = orderTrackPath(wb, 'T');
    expect(!result.ok && result.error.code === 'path-cycle' && result.error.cycle).toEqual(['A', 'A']);
  });

  it('refuses a loop through competencies that depend on each other and points at dependency-cycle', () => {
    // Listening depends on Empathy and Empathy on Listening; M-1 and M-2 develop one each.
    const wb = workbookOf({
      tracks: { T: { levels: ['T1'], matrix: { LIS: 1, EMP: 1 } } },
      competencies: { LIS: { name: 'Listening', dependsOn: 'EMP' }, EMP: { name: 'Empathy', dependsOn: 'LIS' } },
      modules: { 'M-1': { track: 'T', develops: 'LIS' }, 'M-2': { track: 'T', develops: 'EMP' } },
    });
    const result = orderTrackPath(wb, 'T');
    if (result.ok || result.error.code !== 'path-cycle') throw new Error('expected a cycle');
    expect(result.error.findingCode).toBe('dependency-cycle');
    expect(result.error.cycle).toEqual(['EMP', 'LIS', 'EMP']);
    expect(result.error.modules).toEqual(['M-1', 'M-2', 'M-1']);
    expect(result.error.message).toContain('Empathy (EMP) → Listening (LIS) → Empathy (EMP)');
  });

  it('refuses prerequisites that contradict dependencies and points at module-sequence-conflict', () => {
    // M-1 develops Closing, which depends on Discovery; M-2 develops Discovery but lists M-1 as a prerequisite.
    const wb = workbookOf({
      tracks: { T: { levels: ['T1'], matrix: { CLOSE: 1, DISC: 1 } } },
      competencies: { CLOSE: { name: 'Closing', dependsOn: 'DISC' }, DISC: 'Discovery' },
      modules: { 'M-1': { track: 'T', develops: 'CLOSE' }, 'M-2': { track: 'T', develops: 'DISC', pre: 'M-1' } },
    });
    const result = orderTrackPath(wb, 'T');
    if (result.ok || result.error.code !== 'path-cycle') throw new Error('expected a cycle');
    expect(result.error.findingCode).toBe('module-sequence-conflict');
    expect(result.error.cycle).toEqual(['M-1', 'M-2', 'M-1']);
    expect(result.error.message).toContain('M-2 lists M-1 as a prerequisite');
    expect(result.error.message).toContain('M-1 develops Closing (CLOSE), which depends on Discovery (DISC) that M-2 develops');
  });

  it('points at prerequisite-cycle when the loop in the path is part of a prerequisite loop through another track', () => {
    // In the workbook: S-1 needs S-3, S-3 needs R-2 (track T1), R-2 needs S-1: a prerequisite loop validation
    // reports as prerequisite-cycle. Track T0's path holds S-1 and S-3 only, where S-3 (Advanced, which depends on
    // Basics) must also follow S-1 (Basics): a loop of two that validation folds into the prerequisite loop.
    const spec = {
      tracks: { T0: { levels: ['L1'], matrix: { BASICS: 1 } }, T1: { levels: ['L1'] } },
      competencies: { BASICS: 'Basics', ADV: { name: 'Advanced', dependsOn: 'BASICS' } },
      modules: {
        'S-1': { track: 'Shared', develops: 'BASICS', pre: 'S-3' },
        'R-2': { track: 'T1', pre: 'S-1' },
        'S-3': { track: 'Shared', develops: 'ADV', pre: 'R-2' },
      },
    };
    const codes = validateSnapshot(snapshotOf(spec), { today: '2026-01-01' }).map((f) => f.code);
    expect(codes).toContain('prerequisite-cycle');
    expect(codes).not.toContain('module-sequence-conflict');
    const result = orderTrackPath(workbookOf(spec), 'T0');
    if (result.ok || result.error.code !== 'path-cycle') throw new Error('expected a cycle');
    expect(result.error.findingCode).toBe('prerequisite-cycle');
    expect(result.error.cycle).toEqual(['R-2', 'S-3', 'S-1', 'R-2']);
    expect(result.error.modules).toEqual(['S-1', 'S-3', 'S-1']);
  });

  it('a loop in one track does not stop another track', () => {
    const wb = workbookOf({
      tracks: { A: { levels: ['A1'], matrix: { X: 1 } }, B: { levels: ['B1'], matrix: { Y: 1 } } },
      modules: { 'A-1': { track: 'A', develops: 'X', pre: 'A-2' }, 'A-2': { track: 'A', pre: 'A-1' }, 'B-1': { track: 'B', develops: 'Y' } },
    });
    expect(orderTrackPath(wb, 'A').ok).toBe(false);
    expect(idsOf(orderTrackPath(wb, 'B'))).toEqual(['B-1']);
  });
});
