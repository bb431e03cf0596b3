/**
 * Per-track reports (F8) computed from learner records streamed in batches: the server reads records from storage a
 * batch at a time and never holds them all as objects. Records no Active track can use are counted, never thrown.
 *
 *   const acc = createReportAccumulator(workbook, { today: '2026-11-23' });
 *   for await (const batch of completions) acc.addCompletions(batch);
 *   for await (const batch of assessments) acc.addAssessments(batch);
 *   const reports = acc.finish();
 */
import type { Workbook } from '../model';
import type { AssessmentRecord, CompletionFacts } from '../records';
import { AssessmentStore } from './assessments';
import { CompletionStore } from './completions';
import { buildFunnel } from './funnel';
import { planReports } from './plan';
import { resolveThresholds, type ReportThresholds } from './thresholds';
import { scoreTracks } from './track-scores';
import { IGNORED_REASONS, type IgnoredReason, type TrackReport, type WorkbookReports } from './types';

export interface ReportOptions {
  /** The as-of date printed on the tabs (YYYY-MM-DD). */
  today: string;
  thresholds?: Partial<ReportThresholds>;
  /** Each track's own published version when `workbook` is the union of several (see planReports). */
  ownWorkbooks?: ReadonlyMap<string, Workbook>;
}

export interface ReportAccumulator {
  addCompletions(batch: readonly CompletionFacts[]): void;
  addAssessments(batch: readonly AssessmentRecord[]): void;
  /** The reports of every Active track, in Tracks-tab order. Call once. */
  finish(): WorkbookReports;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function createReportAccumulator(workbook: Workbook, options: ReportOptions): ReportAccumulator {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new RangeError(`The report date must be YYYY-MM-DD, not "${options.today}".`);
  const thresholds = resolveThresholds(options.thresholds);
  const plan = planReports(workbook, options.ownWorkbooks);
  const completions = new CompletionStore(plan);
  const assessments = new AssessmentStore(plan);
  const ignored = Object.fromEntries(IGNORED_REASONS.map((r) => [r, 0])) as Record<IgnoredReason, number>;
  const ignore = (reason: IgnoredReason) => void ignored[reason]++;
  let finished = false;
  return {
    addCompletions: (batch) => completions.add(batch, ignore),
    addAssessments: (batch) => assessments.add(batch, ignore),
    finish() {
      if (finished) throw new Error('finish() was already called on this report accumulator.');
      finished = true;
      const funnels = completions.funnels();
      const scores = scoreTracks(plan, assessments, thresholds);
      const tracks = plan.tracks.map((t, i): TrackReport => {
        const counts = funnels[i];
        const s = scores[i];
        const { steps, worst } = buildFunnel(t, counts, thresholds.funnelMinLearners);
        const r = t.rubric;
        return {
          trackId: t.track.id,
          trackName: t.track.name,
          ownerEmail: t.track.ownerEmail,
          asOf: options.today,
          thresholds,
          pathNote: t.pathNote,
          rubric: r && { scaleMin: r.scaleMin, scaleMax: r.scaleMax, passThresholdPercent: r.passThresholdPercent, passScore: r.passScore },
          summary: {
            enrolled: counts.enrolled,
            completedPath: counts.completedPath,
            completionRate: rate(counts.completedPath, counts.enrolled),
            learnersAssessed: s.learnersAssessed,
            learnersPassed: s.learnersPassed,
            passRate: r?.passThresholdPercent == null ? null : rate(s.learnersPassed, s.learnersAssessed),
            scores: s.scores,
            selfAssessments: s.selfAssessments,
            multiRated: s.multiRated,
            agreeing: s.agreeing,
            agreementRate: rate(s.agreeing, s.multiRated),
            lenientEvaluators: s.lenient,
            harshEvaluators: s.harsh,
            employeesWithGaps: s.employeeGaps.length,
          },
          funnel: steps,
          worstModule: worst,
          dimensions: s.dimensions,
          evaluators: s.evaluators,
          moreEvaluators: s.moreEvaluators,
          skillGaps: s.skillGaps.slice(0, thresholds.topSkillGaps),
          employeeGaps: s.employeeGaps.slice(0, thresholds.maxEmployeeRows),
          moreEmployeeGaps: Math.max(0, s.employeeGaps.length - thresholds.maxEmployeeRows),
        };
      });
      return { asOf: options.today, thresholds, tracks, completionsRead: completions.read, assessmentsRead: assessments.read, ignored };
    },
  };
}
