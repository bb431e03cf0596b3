/** A manager's team from the Employees tab and planted learner records, computed by the shared code the server runs. */
import { describe, expect, it } from 'vitest';
import type { Workbook } from '../../shared';
import { pathToLevel } from '../../shared/paths';
import type { AssessmentRecord, CompletionRecord } from '../../shared/records';
import { createReportAccumulator } from '../../shared/reports';
import { createTeamIndex, createTeamRecords, type TeamIndex, type TeamOptions } from '../../shared/team';
import { acmeActive, AISHA, AS_OF, HANNAH, hannahRecords } from './fixtures';

function teams(wb: Workbook, records: { completions?: CompletionRecord[]; assessments?: AssessmentRecord[] } = {}, options: Partial<TeamOptions> = {}): TeamIndex {
  const acc = createTeamRecords(wb);
  acc.addCompletions(records.completions ?? []);
  acc.addAssessments(records.assessments ?? []);
  return createTeamIndex(wb, acc.finish(), { asOf: AS_OF, ...options });
}

describe('a manager and their direct reports', () => {
  it('gives a manager exactly the employees whose Manager Email is theirs, by name, whatever the case of the email', async () => {
    const index = teams(await acmeActive());
    const team = index.teamOf('  Aisha.Karimi@AcmeCloud.com ');
    expect(team.manager).toEqual({ email: AISHA, name: 'Aisha Karimi', employeeId: 'E1004' });
    expect(team.reports.map((r) => [r.employeeId, r.name])).toEqual([
      ['E1010', 'Chloé Dubois'], ['E1015', 'Hannah Schultz'], ['E1008', 'Julia Nowak'], ['E1009', 'Rohan Mehta'],
    ]);
    expect(team.reports.every((r) => r.managerEmail === AISHA)).toBe(true);
    expect(team.tabTitle).toBe('Team Aisha Karimi');
    expect(team.note).toBeNull();
    // Eight people name a manager in the example; the others (Ines Castillo, Sofia Martins) are not in the Employees tab.
    expect(index.managers).toEqual([
      AISHA, 'ben.lindqvist@acmecloud.com', 'helen.park@acmecloud.com', 'ines.castillo@acmecloud.com', 'marcus.oyelaran@acmecloud.com',
      'oliver.grant@acmecloud.com', 'sofia.martins@acmecloud.com', 'tomas.alvarez@acmecloud.com',
    ]);
    expect(index.tabTitle('sofia.martins@acmecloud.com')).toBe('Team sofia.martins@acmecloud.com');
  });

  it('lists the modules still ahead on the path to the next level, in path order, with the completed share', async () => {
    const wb = await acmeActive();
    const hannah = teams(wb, hannahRecords()).member(HANNAH)!;
    expect(hannah.level).toEqual({ code: 'IC1', name: 'Junior Engineer', order: 1 });
    expect(hannah.next?.level.code).toBe('IC2');
    const remaining = hannah.path!.remaining.map((m) => m.moduleId);
    // In progress and failed modules are still ahead; completed ones are not.
    expect(remaining).toEqual([
      'MOD-SH-03', 'MOD-SH-04', 'MOD-SH-05', 'MOD-SH-06', 'MOD-ENG-01', 'MOD-ENG-02', 'MOD-ENG-03', 'MOD-ENG-04', 'MOD-ENG-05', 'MOD-ENG-06', 'MOD-ENG-07', 'MOD-ENG-08',
    ]);
    // The same order as the track's path to IC2, done modules left out.
    const toIc2 = pathToLevel(wb, 'ENG-IC', 'IC2');
    if (!toIc2.ok) throw new Error(toIc2.error.message);
    expect(remaining).toEqual(toIc2.path.steps.map((s) => s.moduleId).filter((id) => id !== 'MOD-SH-01' && id !== 'MOD-SH-02'));
    expect(hannah.path).toMatchObject({ completed: 2, total: 14, completedShare: 2 / 14 });
    expect(hannah.path!.remaining[0]).toEqual({ moduleId: 'MOD-SH-03', title: 'Security and compliance essentials: SOC 2, GDPR and data handling', gate: 'quiz >= 90%' });
  });

  it("marks expected competencies met, gaps or not assessed by the track's rubric, the gaps being the report's", async () => {
    const wb = await acmeActive();
    const records = hannahRecords();
    const hannah = teams(wb, records).member(HANNAH)!;
    const status = Object.fromEntries(hannah.expectations.map((e) => [e.competencyId, e.status]));
    expect(status['ENG-CODE']).toBe('gap');
    expect(status['ENG-DOC']).toBe('gap'); // the evaluator's later score (1) counts, not the earlier 3
    expect(status['ENG-REV']).toBe('met');
    expect(status['ENG-SEC']).toBe('not-assessed'); // self-assessments are not counted
    expect(status['ENG-DES']).toBeUndefined(); // not expected at IC1: its score does not make a gap
    expect(hannah.gaps).toEqual([{ competencyId: 'ENG-CODE', competencyName: 'Code quality & testing' }, { competencyId: 'ENG-DOC', competencyName: 'Technical documentation' }]);
    expect(hannah.counts).toEqual({ expected: 15, met: 1, gaps: 2, notAssessed: 12 });
    expect(hannah.expectations.find((e) => e.competencyId === 'ENG-REV')?.score).toBe(3.5);

    const acc = createReportAccumulator(wb, { today: AS_OF });
    acc.addCompletions(records.completions);
    acc.addAssessments(records.assessments);
    const report = acc.finish().tracks.find((t) => t.trackId === 'ENG-IC')!;
    expect(report.employeeGaps.find((g) => g.employeeId === HANNAH)?.gaps).toEqual(hannah.gaps.map((g) => g.competencyId));
  });

  it('says what the next level adds and raises, and dates the last learning activity', async () => {
    const hannah = teams(await acmeActive(), hannahRecords()).member(HANNAH)!;
    expect(hannah.next!.added.map((a) => a.competencyId)).toEqual(['ENG-OPS', 'ENG-DES']);
    expect(hannah.next!.raised).toHaveLength(15);
    expect(hannah.next!.raised[0]).toMatchObject({ competencyId: 'FND-CTX', from: expect.any(String), to: expect.any(String) });
    expect(hannah.lastActivity).toBe('2026-03-05');
    expect(hannah.notes).toEqual([]);
  });
});

describe("a Team tab's summary of each person", () => {
  it("is the one-person view without its list of expectations, whose statuses it counts", async () => {
    const wb = await acmeActive((snap) => {
      snap.sheets.find((s) => s.name === 'Employees')!.values.push(['E9001', 'New Hire', 'new.hire@acmecloud.com', 'POS-NOPE', AISHA]);
    });
    wb.tracks.find((t) => t.id === 'CS')!.status = 'Draft';
    const index = teams(wb, hannahRecords());
    const summaries = index.teams().flatMap((t) => t.reports);
    expect(summaries.length).toBeGreaterThan(20);
    for (const summary of summaries) {
      const { expectations, ...rest } = index.member(summary.employeeId)!;
      expect(summary).toEqual(rest);
      const count = (status: string) => expectations.filter((x) => x.status === status).length;
      expect(summary.counts).toEqual({ expected: expectations.length, met: count('met'), gaps: count('gap'), notAssessed: count('not-assessed') });
      expect(summary.gaps.map((g) => g.competencyId)).toEqual(expectations.filter((x) => x.status === 'gap').map((x) => x.competencyId));
    }
    expect(summaries.find((m) => m.employeeId === HANNAH)!.counts).toEqual({ expected: 15, met: 1, gaps: 2, notAssessed: 12 });
  });
});

describe('edge cases in words', () => {
  it('an employee without records, one at the top level, a manager without reports', async () => {
    const index = teams(await acmeActive());
    const chloe = index.member('E1010')!;
    expect(chloe.lastActivity).toBeNull();
    expect(chloe.notes).toContain('No learning records yet.');
    expect(chloe.counts).toEqual({ expected: 18, met: 0, gaps: 0, notAssessed: 18 });
    expect(chloe.path).toMatchObject({ completed: 0, completedShare: 0 });

    const priya = index.member('E1006')!; // Principal Engineer, IC6
    expect(priya.next).toBeNull();
    expect(priya.path).toBeNull();
    expect(priya.notes).toContain('IC6 is the top level of track ENG-IC: there is no next level.');

    const nobody = index.teamOf('nobody@acmecloud.com');
    expect(nobody.reports).toEqual([]);
    expect(nobody.tabTitle).toBeNull();
    expect(nobody.note).toMatch(/No one in the Employees tab names nobody@acmecloud.com as their manager/);
  });

  it('an employee whose position is unknown, and one on a track that is not Active', async () => {
    const wb = await acmeActive((snap) => {
      snap.sheets.find((s) => s.name === 'Employees')!.values.push(['E9001', 'New Hire', 'new.hire@acmecloud.com', 'POS-NOPE', AISHA]);
    });
    wb.tracks.find((t) => t.id === 'CS')!.status = 'Draft';
    const index = teams(wb);
    const newHire = index.member('E9001')!;
    expect(newHire.status).toBe('position-unknown');
    expect(newHire.level).toBeNull();
    expect(newHire.notes[0]).toMatch(/position "POS-NOPE", but that position is not in the Positions tab/);
    expect(index.teamOf(AISHA).reports.map((r) => r.employeeId)).toContain('E9001');
    // On the server only published tracks are known: the same person is explained in those terms.
    const published = teams(wb, {}, { framework: 'published' }).member('E9001')!;
    expect(published.notes[0]).toMatch(/Position "POS-NOPE" is not on any published track/);

    const dana = index.member('E2001')!; // Customer Success, now Draft
    expect(dana.status).toBe('track-draft');
    expect(dana.track).toEqual({ id: 'CS', name: 'Customer Success' });
    expect(dana.notes[0]).toMatch(/Track CS \(Customer Success\) is still a Draft/);
  });
});

describe('finding people', () => {
  it('by part of a name or id, ignoring case, an exact id first', async () => {
    const index = teams(await acmeActive());
    expect(index.find('park', 10).map((p) => p.employeeId)).toEqual(['E1002']);
    expect(index.find('e101', 3).map((p) => p.name)).toEqual(['Chloé Dubois', 'Diego Romero', 'Hannah Schultz']);
    expect(index.find('E1001', 5)[0]).toEqual({ employeeId: 'E1001', name: 'Marcus Oyelaran', positionId: 'POS-MGR-04', trackId: 'ENG-MGR', managerEmail: 'ines.castillo@acmecloud.com' });
    expect(index.find('e', 50, (m) => m.trackId === 'CS').every((m) => m.trackId === 'CS')).toBe(true);
    expect(index.find('  ', 5)).toEqual([]);
  });
});
