/** Properties over random records on the dataset workbook: funnel shape, ordered quartiles, batch/order independence. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReportAccumulator, type WorkbookReports } from '../../shared/reports';
import { COMPLETION_STATUSES, EVALUATOR_ROLES, type AssessmentRecord, type CompletionRecord } from '../../shared/records';
import { topRows } from '../../shared/reports/top-rows';
import { AS_OF, completion, datasetWorkbook } from './dataset';

const EMPLOYEES = ['SA01', 'SA02', 'SA11', 'SA12', 'SU01', 'SU02', 'SU03', 'X-1', 'X-2'];
const MODULES = ['S-1', 'SAL-1', 'SAL-2', 'SUP-1', 'SUP-2', 'SUP-3', 'OPS-1', 'GONE'];
const DIMENSIONS = [['Discovery', 'A1'], ['Closing', 'A2']] as const;

const completionArb = fc
  .tuple(fc.constantFrom(...EMPLOYEES), fc.constantFrom(...MODULES), fc.constantFrom(...COMPLETION_STATUSES))
  .map(([e, m, s]): CompletionRecord => completion(e, m, s));

/** Each record gets its own date (from its index), so "latest" never depends on the order records arrive in. */
const assessmentsArb = fc
  .array(fc.tuple(fc.constantFrom(...EMPLOYEES), fc.constantFrom(...DIMENSIONS), fc.constantFrom('E1', 'E2', 'E3', 'SA01'), fc.constantFrom(...EVALUATOR_ROLES), fc.integer({ min: 1, max: 4 })), { maxLength: 120 })
  .map((rows) => rows.map(([employeeId, [dimension, competencyId], evaluatorId, evaluatorRole, score], i): AssessmentRecord => ({
    employeeId, trackId: 'SAL', competencyId, dimension, evaluatorId, evaluatorRole, score, assessedAt: `2026-01-01T00:00:${String(i).padStart(3, '0')}`,
  })));

function compute(completions: CompletionRecord[], assessments: AssessmentRecord[], batch: number): WorkbookReports {
  const acc = createReportAccumulator(datasetWorkbook(), { today: AS_OF });
  for (let i = 0; i < completions.length; i += batch) acc.addCompletions(completions.slice(i, i + batch));
  for (let i = 0; i < assessments.length; i += batch) acc.addAssessments(assessments.slice(i, i + batch));
  return acc.finish();
}

/** Numbers rounded so that sums taken in another order compare equal. */
const rounded = (r: WorkbookReports) => JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v)));

describe('report properties', () => {
  it('the funnel never increases along the path and never exceeds who reached a step', () => {
    fc.assert(fc.property(fc.array(completionArb, { maxLength: 200 }), (completions) => {
      for (const t of compute(completions, [], 50).tracks) {
        let before = t.summary.enrolled;
        for (const s of t.funnel) {
          expect(s.completedThrough).toBeLessThanOrEqual(before);
          expect(s.completedThrough).toBeLessThanOrEqual(s.completed);
          expect(s.completed + s.failed).toBeLessThanOrEqual(s.reached);
          expect(s.reached).toBeLessThanOrEqual(t.summary.enrolled);
          if (s.dropOff !== null) expect(s.dropOff).toBeGreaterThanOrEqual(0);
          before = s.completedThrough;
        }
        expect(t.summary.completedPath).toBe(before); // the dataset's paths are not empty: the last step of the funnel
      }
    }), { numRuns: 150 });
  });

  it('quartiles are ordered and rates stay between 0 and 1', () => {
    fc.assert(fc.property(assessmentsArb, (assessments) => {
      const sal = compute([], assessments, 50).tracks[0];
      for (const d of sal.dimensions) {
        if (!d.scores) continue;
        const { min, q1, median, q3, max, mean } = d.scores;
        expect([min, q1, median, q3, max]).toEqual([min, q1, median, q3, max].sort((a, b) => a - b));
        expect(mean).toBeGreaterThanOrEqual(min);
        expect(mean).toBeLessThanOrEqual(max);
        expect(d.passRate).toBeGreaterThanOrEqual(0);
        expect(d.passRate).toBeLessThanOrEqual(1);
      }
      const { agreeing, multiRated, learnersPassed, learnersAssessed } = sal.summary;
      expect(agreeing).toBeLessThanOrEqual(multiRated);
      expect(learnersPassed).toBeLessThanOrEqual(learnersAssessed);
    }), { numRuns: 150 });
  });

  it('gives the same reports whatever the batch size and the order records arrive in', () => {
    fc.assert(fc.property(
      fc.array(completionArb, { maxLength: 120 }), assessmentsArb, fc.integer({ min: 1, max: 40 }), fc.integer(),
      (completions, assessments, batch, seed) => {
        const shuffle = <T>(xs: T[]) => fc.sample(fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }), { seed, numRuns: 1 })[0];
        expect(rounded(compute(shuffle(completions), shuffle(assessments), batch))).toEqual(rounded(compute(completions, assessments, 1000)));
      },
    ), { numRuns: 100 });
  });

  it('picks the same first rows as sorting everything', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }))), fc.integer({ min: 0, max: 12 }), (items, k) => {
      // Ordered by the first number descending (the key), then by the second, then by index.
      const compare = (a: number, b: number) => items[b][0] - items[a][0] || items[a][1] - items[b][1] || a - b;
      const all = items.map((_, i) => i).sort(compare);
      expect(topRows(items.length, k, (i) => items[i][0], compare)).toEqual(all.slice(0, k));
    }), { numRuns: 300 });
  });
});
