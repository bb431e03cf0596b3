/**
 * Report numbers against hand-computed expectations on test/reports/dataset.ts. The arithmetic is written out in
 * the comments so a reader can check every expected value without running the code.
 */
import { describe, expect, it } from 'vitest';
import { createReportAccumulator, type TrackReport, type WorkbookReports } from '../../shared/reports';
import { AS_OF, datasetAssessments, datasetCompletions, datasetWorkbook } from './dataset';

function compute(overrides = {}): WorkbookReports {
  const acc = createReportAccumulator(datasetWorkbook(), { today: AS_OF, thresholds: overrides });
  const completions = datasetCompletions();
  // Batches of 7, as the server would stream them.
  for (let i = 0; i < completions.length; i += 7) acc.addCompletions(completions.slice(i, i + 7));
  acc.addAssessments(datasetAssessments());
  return acc.finish();
}

const track = (reports: WorkbookReports, id: string): TrackReport => {
  const t = reports.tracks.find((r) => r.trackId === id);
  if (!t) throw new Error(`no report for ${id}`);
  return t;
};

describe('per-track completion and funnel', () => {
  const reports = compute();

  it('reports Active tracks only, in Tracks-tab order', () => {
    expect(reports.tracks.map((t) => t.trackId)).toEqual(['SAL', 'SUP']);
  });

  it('puts a track at 95% beside one at 55%', () => {
    const sal = track(reports, 'SAL').summary;
    const sup = track(reports, 'SUP').summary;
    // SAL: 19 of 20 sellers complete S-1, SAL-1, SAL-2. SUP: SU10..SU20 = 11 of 20 agents complete all four.
    expect([sal.enrolled, sal.completedPath, sal.completionRate]).toEqual([20, 19, 0.95]);
    expect([sup.enrolled, sup.completedPath, sup.completionRate]).toEqual([20, 11, 0.55]);
  });

  it('does not enrol sellers in Support because they did the shared foundation module', () => {
    // 20 sellers completed S-1, which is on SUP's path too; SUP still counts only its 20 agents.
    expect(track(reports, 'SUP').summary.enrolled).toBe(20);
  });

  it('follows the path order and flags the module where completion drops', () => {
    const sup = track(reports, 'SUP');
    expect(sup.funnel.map((s) => [s.moduleId, s.stage, s.reached, s.completed, s.failed, s.completedThrough])).toEqual([
      ['S-1', 'Foundation', 20, 19, 0, 19], // SU01 only in progress
      ['SUP-1', 'Role', 19, 18, 1, 18], // SU02 failed it
      ['SUP-2', 'Role', 18, 11, 0, 11], // SU03..SU09 (7) stall here
      ['SUP-3', 'Role', 11, 11, 0, 11],
    ]);
    const drop = sup.funnel.map((s) => s.dropOff);
    expect(drop[0]).toBeCloseTo(1 - 19 / 20, 12); // 0.05
    expect(drop[1]).toBeCloseTo(1 - 18 / 19, 12); // 0.0526
    expect(drop[2]).toBeCloseTo(1 - 11 / 18, 12); // 0.3889: the worst
    expect(drop[3]).toBe(0);
    expect(sup.funnel.map((s) => s.shareOfEnrolled)).toEqual([0.95, 0.9, 0.55, 0.55]);
    expect(sup.worstModule?.moduleId).toBe('SUP-2');
    expect(sup.funnel.filter((s) => s.worst).map((s) => s.moduleId)).toEqual(['SUP-2']);
    const sal = track(reports, 'SAL');
    expect(sal.funnel.map((s) => s.completedThrough)).toEqual([20, 20, 19]);
    expect(sal.worstModule?.moduleId).toBe('SAL-2');
  });

  it('counts records no Active track can use, by reason, without throwing', () => {
    expect(reports.ignored).toEqual({
      'unknown-module': 1, 'unknown-track': 1, 'track-not-active': 1, 'no-rubric': 1, 'unknown-dimension': 1, 'dimension-competency': 1, 'score-off-scale': 1,
    });
    expect(reports.completionsRead).toBe(datasetCompletions().length);
    expect(reports.assessmentsRead).toBe(datasetAssessments().length);
  });
});

describe('score distribution and pass rate', () => {
  const sal = track(compute(), 'SAL');

  it('summarises each dimension with quartiles computed by hand', () => {
    const [discovery, closing] = sal.dimensions;
    // Discovery, 23 scores (V1's older 1 for SA01 and the self 4 left out):
    //   2 x8 (V2 x5, SA06 M1 and V2, P1 on SA17), 3 x9 (M1 x5, V1 on SA06, P1 x3), 4 x6 (V1 x5, P1 on SA16).
    //   Sorted ranks 0-7 = 2, 8-16 = 3, 17-22 = 4. Q1: h = 22 x 0.25 = 5.5 -> 2; median: h = 11 -> 3;
    //   Q3: h = 16.5 -> 3 + 0.5 x (4 - 3) = 3.5. Mean = (16 + 27 + 24) / 23 = 67 / 23.
    expect(discovery.dimension).toBe('Discovery');
    expect(discovery.scores).toMatchObject({ n: 23, min: 2, q1: 2, median: 3, q3: 3.5, max: 4 });
    expect(discovery.scores!.mean).toBeCloseTo(67 / 23, 12);
    // Pass score = 70% x 4 = 2.8: the 3s and 4s pass, 15 of 23.
    expect(discovery.passRate).toBeCloseTo(15 / 23, 12);
    // Closing, 14 scores: 1 x1, 2 x8, 3 x4, 4 x1. Ranks 0 = 1, 1-8 = 2, 9-12 = 3, 13 = 4.
    //   Q1: h = 3.25 -> 2; median: h = 6.5 -> 2; Q3: h = 9.75 -> 3. Mean = (1 + 16 + 12 + 4) / 14 = 33 / 14.
    expect(closing.scores).toMatchObject({ n: 14, min: 1, q1: 2, median: 2, q3: 3, max: 4 });
    expect(closing.scores!.mean).toBeCloseTo(33 / 14, 12);
    expect(closing.passRate).toBeCloseTo(5 / 14, 12);
    expect(sal.rubric).toMatchObject({ scaleMin: 1, scaleMax: 4, passThresholdPercent: 70 });
    expect(sal.rubric!.passScore).toBeCloseTo(2.8, 12);
  });

  it('passes learners on the weighted rubric score', () => {
    // Fully assessed (both dimensions): SA01-SA04. SA01-SA03: Discovery (3+4+2)/3 = 3, Closing (3+2)/2 = 2.5,
    //   (60 x 3 + 40 x 2.5) / (100 x 4) = 70% -> pass. SA04: Closing (2+2)/2 = 2 -> (180 + 80) / 400 = 65% -> fail.
    expect(sal.summary).toMatchObject({ learnersAssessed: 4, learnersPassed: 3, passRate: 0.75, scores: 37, selfAssessments: 1 });
  });

  it('has no scores and no pass rate for a track without a rubric', () => {
    const sup = track(compute(), 'SUP');
    expect(sup.rubric).toBeNull();
    expect(sup.dimensions).toEqual([]);
    expect(sup.summary).toMatchObject({ passRate: null, learnersAssessed: 0, scores: 0, agreementRate: null, employeesWithGaps: 0 });
  });
});

describe('evaluator calibration', () => {
  const sal = track(compute(), 'SAL');
  const byId = new Map(sal.evaluators.map((e) => [e.evaluatorId, e]));

  it('flags the lenient and the harsh evaluator with the offsets computed by hand', () => {
    // V1 on SA01-SA05: 4 - mean(3, 2) = +1.5; on SA06: 3 - mean(2, 2) = +1. Mean (5 x 1.5 + 1) / 6 = 8.5 / 6 = 1.4167.
    expect(byId.get('V1')!.meanOffset).toBeCloseTo(8.5 / 6, 12);
    expect(byId.get('V1')).toMatchObject({ flag: 'lenient', sharedCases: 6, scores: 6, role: 'evaluator' });
    // V2 on SA01-SA05: 2 - mean(3, 4) = -1.5; on SA06: 2 - mean(2, 3) = -0.5. Mean -8 / 6 = -1.3333.
    expect(byId.get('V2')!.meanOffset).toBeCloseTo(-8 / 6, 12);
    expect(byId.get('V2')).toMatchObject({ flag: 'harsh', sharedCases: 6 });
    // M1: Discovery SA01-05 3 - 3 = 0, SA06 2 - 2.5 = -0.5; Closing SA01-03 3 - 2 = +1, SA04 0. (3 - 0.5) / 10 = 0.25.
    expect(byId.get('M1')!.meanOffset).toBeCloseTo(0.25, 12);
    expect(byId.get('M1')).toMatchObject({ flag: null, sharedCases: 10, scores: 10, role: 'manager' });
    expect(byId.get('M1')!.meanScore).toBeCloseTo(28 / 10, 12);
    // P1 is 0.75 below M1 on average, but over 4 shared cases only (fewer than 5): not flagged.
    expect(byId.get('P1')!.meanOffset).toBeCloseTo(-0.75, 12);
    expect(byId.get('P1')).toMatchObject({ flag: null, sharedCases: 4, scores: 15, role: 'peer' });
    expect(sal.summary).toMatchObject({ lenientEvaluators: 1, harshEvaluators: 1 });
  });

  it('lists flagged evaluators first, largest offset first', () => {
    expect(sal.evaluators.map((e) => e.evaluatorId)).toEqual(['V1', 'V2', 'P1', 'M1']);
  });

  it('keeps the first rows of that order when the rows are capped', () => {
    for (const [cap, shown] of [[1, ['V1']], [3, ['V1', 'V2', 'P1']], [4, ['V1', 'V2', 'P1', 'M1']]] as const) {
      const capped = track(compute({ maxEvaluatorRows: cap }), 'SAL');
      expect(capped.evaluators.map((e) => e.evaluatorId)).toEqual(shown);
      expect(capped.moreEvaluators).toBe(4 - cap);
      expect(capped.summary).toMatchObject({ lenientEvaluators: 1, harshEvaluators: 1 });
    }
  });

  it('measures agreement where several evaluators scored the same learner', () => {
    // 10 multi-rated cases: Discovery SA01-SA05 span 4 - 2 = 2 (disagree), SA06 span 1 (agree);
    // Closing SA01-SA03 span 1, SA04 span 0 (agree). 5 of 10.
    expect(sal.summary).toMatchObject({ multiRated: 10, agreeing: 5, agreementRate: 0.5 });
  });

  it('honours overridden thresholds', () => {
    const strict = track(compute({ calibrationMinCases: 7 }), 'SAL');
    expect(strict.evaluators.filter((e) => e.flag !== null)).toEqual([]);
    const loose = track(compute({ calibrationOffset: 0.2 }), 'SAL');
    expect(loose.evaluators.map((e) => [e.evaluatorId, e.flag])).toEqual([['V1', 'lenient'], ['V2', 'harsh'], ['M1', 'lenient'], ['P1', null]]);
  });
});

describe('skill gaps', () => {
  const sal = track(compute(), 'SAL');

  it('ranks the competencies peers flag most', () => {
    // Peer P1 on Closing (A2): 2, 2, 2, 2 (SA01-04) and 2, 2, 3, 1, 4, 2 -> 8 of 10 below 2.8.
    // On Discovery (A1): 3, 3, 3, 4, 2 -> 1 of 5.
    expect(sal.skillGaps).toEqual([
      { competencyId: 'A2', competencyName: 'Closing', peerScores: 10, belowPass: 8, shareBelowPass: 0.8 },
      { competencyId: 'A1', competencyName: 'Discovery calls', peerScores: 5, belowPass: 1, shareBelowPass: 0.2 },
    ]);
  });

  it('lists employees below the pass score on what their level expects', () => {
    // Level S2 (SA01-SA10) expects F1, A1, A2; level S1 (SA11-SA20) expects F1, A1 only, so SA12's Closing 2 is no gap.
    expect(sal.employeeGaps.map((e) => [e.employeeId, e.levelCode, e.expected, e.assessed, e.gaps])).toEqual([
      ['SA01', 'S2', 3, 2, ['A2']], // Closing 2.5
      ['SA02', 'S2', 3, 2, ['A2']],
      ['SA03', 'S2', 3, 2, ['A2']],
      ['SA04', 'S2', 3, 2, ['A2']], // Closing 2
      ['SA06', 'S2', 3, 1, ['A1']], // Discovery (2 + 3 + 2) / 3 = 2.33
      ['SA07', 'S2', 3, 1, ['A2']],
      ['SA08', 'S2', 3, 1, ['A2']],
      ['SA10', 'S2', 3, 1, ['A2']], // Closing 1
      ['SA17', 'S1', 2, 1, ['A1']], // Discovery 2
    ]);
    expect(sal.summary.employeesWithGaps).toBe(9);
    expect(sal.employeeGaps[0].employeeName).toBe('Seller SA01');
  });

  it('caps the employee rows and counts the rest', () => {
    const capped = track(compute({ maxEmployeeRows: 5 }), 'SAL');
    expect(capped.employeeGaps.map((e) => e.employeeId)).toEqual(['SA01', 'SA02', 'SA03', 'SA04', 'SA06']);
    expect(capped.moreEmployeeGaps).toBe(4);
    expect(capped.summary.employeesWithGaps).toBe(9);
  });
});
