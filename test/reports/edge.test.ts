/** Edge cases: no records, one evaluator, ties, who counts as enrolled, a path with a loop, bad thresholds. */
import { describe, expect, it } from 'vitest';
import { parseWorkbook } from '../../shared/parse/workbook';
import { createReportAccumulator, resolveThresholds, type WorkbookReports } from '../../shared/reports';
import type { AssessmentRecord } from '../../shared/records';
import { AS_OF, completion, datasetSnapshot, datasetWorkbook } from './dataset';

const run = (completions = [] as ReturnType<typeof completion>[], assessments = [] as AssessmentRecord[], wb = datasetWorkbook()): WorkbookReports => {
  const acc = createReportAccumulator(wb, { today: AS_OF });
  acc.addCompletions(completions);
  acc.addAssessments(assessments);
  return acc.finish();
};

const discovery = (employeeId: string, evaluatorId: string, score: number, assessedAt = '2026-03-01'): AssessmentRecord => ({
  employeeId, trackId: 'SAL', competencyId: 'A1', dimension: 'Discovery', evaluatorId, evaluatorRole: 'evaluator', score, assessedAt,
});

describe('reports edge cases', () => {
  it('reports every Active track with empty numbers when there are no records', () => {
    const reports = run();
    expect(reports.tracks).toHaveLength(2);
    for (const t of reports.tracks) {
      expect(t.summary).toMatchObject({ enrolled: 0, completedPath: 0, completionRate: null, passRate: null, agreementRate: null, employeesWithGaps: 0 });
      expect(t.worstModule).toBeNull();
      expect(t.funnel.every((s) => s.reached === 0 && s.dropOff === null && s.shareOfEnrolled === null)).toBe(true);
      expect(t.evaluators).toEqual([]);
    }
    expect(reports.tracks[0].dimensions.map((d) => [d.dimension, d.scores, d.passRate])).toEqual([['Discovery', null, null], ['Closing', null, null]]);
  });

  it('does not calibrate a single evaluator', () => {
    const reports = run([], ['SA01', 'SA02', 'SA03', 'SA04', 'SA05', 'SA06'].map((id) => discovery(id, 'V1', 4)));
    const sal = reports.tracks[0];
    expect(sal.evaluators).toEqual([{ evaluatorId: 'V1', role: 'evaluator', scores: 6, meanScore: 4, sharedCases: 0, meanOffset: null, flag: null }]);
    expect(sal.summary).toMatchObject({ multiRated: 0, agreementRate: null, lenientEvaluators: 0 });
  });

  it('keeps the later score of an evaluator whatever order the records arrive in', () => {
    const records = [discovery('SA01', 'V1', 1, '2026-01-01'), discovery('SA01', 'V1', 4, '2026-05-01'), discovery('SA01', 'V1', 2, '2026-03-01T10:00:00Z')];
    for (const order of [records, [...records].reverse()]) expect(run([], order).tracks[0].dimensions[0].scores).toMatchObject({ n: 1, mean: 4 });
  });

  it('breaks a tie between two drop-offs in favour of the earlier module', () => {
    // 8 enrolled: 4 through S-1 (drop-off 0.5), 4 through SAL-1 (0), 2 through SAL-2 (0.5 again): the earlier step wins.
    const ids = ['SA01', 'SA02', 'SA03', 'SA04', 'SA05', 'SA06', 'SA07', 'SA08'];
    const records = ids.flatMap((id, i) => {
      if (i < 2) return [completion(id, 'S-1', 'completed'), completion(id, 'SAL-1', 'completed'), completion(id, 'SAL-2', 'completed')];
      if (i < 4) return [completion(id, 'S-1', 'completed'), completion(id, 'SAL-1', 'completed'), completion(id, 'SAL-2', 'in_progress')];
      return [completion(id, 'S-1', 'in_progress')];
    });
    const sal = run(records).tracks[0];
    expect(sal.funnel.map((s) => [s.completedThrough, s.dropOff])).toEqual([[4, 0.5], [4, 0], [2, 0.5]]);
    expect(sal.worstModule?.moduleId).toBe('S-1');
  });

  it('does not judge a step that fewer learners than the threshold got to', () => {
    // 3 learners (below funnelMinLearners = 5): nothing is flagged even though 2 of 3 drop out.
    const records = ['SA01', 'SA02', 'SA03'].flatMap((id, i) => [completion(id, 'S-1', i === 0 ? 'completed' : 'in_progress')]);
    expect(run(records).tracks[0].worstModule).toBeNull();
  });

  it('enrols on an own module or a position on the track, whoever the learner is', () => {
    const reports = run([
      completion('X-1', 'SUP-1', 'completed'), // not in the Employees tab, but on a Support module
      completion('SA01', 'SUP-2', 'enrolled'), // a seller who started a Support module
      completion('SA02', 'S-1', 'completed'), // a seller with the shared module only: Sales, not Support
      completion('Y-1', 'S-1', 'completed'), // unknown, shared module only: no track
    ]);
    const [sal, sup] = reports.tracks;
    expect(sup.summary.enrolled).toBe(2);
    expect(sup.funnel.map((s) => s.reached)).toEqual([0, 1, 1, 0]);
    expect(sal.summary.enrolled).toBe(1);
    expect(sal.funnel[0]).toMatchObject({ moduleId: 'S-1', reached: 1, completedThrough: 1 });
  });

  it('follows the Modules tab and says so when the path has a loop', () => {
    const snapshot = datasetSnapshot();
    const modules = snapshot.sheets.find((s) => s.name === 'Modules')!;
    modules.values[2][4] = 'S-1, SAL-2'; // SAL-1 <-> SAL-2
    const reports = run([completion('SA01', 'SAL-1', 'completed')], [], parseWorkbook(snapshot).workbook);
    const sal = reports.tracks[0];
    expect(sal.pathNote).toMatch(/cannot be ordered.*Modules tab/);
    expect(sal.funnel.map((s) => s.moduleId)).toEqual(['S-1', 'SAL-1', 'SAL-2']);
    expect(sal.summary.enrolled).toBe(1);
  });

  it('refuses thresholds that are not numbers from 0 up, a date that is not ISO, and a second finish', () => {
    expect(() => resolveThresholds({ calibrationOffset: -1 })).toThrow(/calibrationOffset/);
    expect(() => resolveThresholds({ agreementSpan: Number.NaN })).toThrow(/agreementSpan/);
    expect(resolveThresholds({ topSkillGaps: 3 })).toMatchObject({ topSkillGaps: 3, calibrationOffset: 0.5 });
    expect(() => createReportAccumulator(datasetWorkbook(), { today: '23/11/2026' })).toThrow(/YYYY-MM-DD/);
    const acc = createReportAccumulator(datasetWorkbook(), { today: AS_OF });
    acc.finish();
    expect(() => acc.finish()).toThrow(/already/);
  });
});
