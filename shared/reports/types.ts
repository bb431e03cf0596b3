/** What the report computation produces (F8): one TrackReport per Active track and the numbers the overview compares. */
import type { PathStage } from '../paths/schema';
import type { EvaluatorRole } from '../records';
import type { ReportThresholds } from './thresholds';

/** One module of the track's path, in path order. Counts are of the track's enrolled learners. */
export interface FunnelStep {
  /** 1-based place in the path. */
  position: number;
  moduleId: string;
  title: string;
  stage: PathStage;
  /** Learners with any record on this module. */
  reached: number;
  /** Learners who completed this module. */
  completed: number;
  /** Learners whose record on this module says failed and who never completed it. */
  failed: number;
  /** Learners who completed this module and every module before it: the funnel (never increases along the path). */
  completedThrough: number;
  /** completedThrough / enrolled; null without learners. */
  shareOfEnrolled: number | null;
  /** 1 - completedThrough / completedThrough of the step before (enrolled before the first step); null when nobody got that far. */
  dropOff: number | null;
  /** The step with the largest drop-off (among steps at least funnelMinLearners reached); ties go to the earlier step. */
  worst: boolean;
}

export interface ScoreSummary {
  n: number;
  mean: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export interface DimensionReport {
  dimension: string;
  competencyId: string;
  weight: number;
  /** Scores given by peers, managers and evaluators (each evaluator's latest per learner); null when none. */
  scores: ScoreSummary | null;
  /** Share of those scores at or above the pass score; null when none or without a pass threshold. */
  passRate: number | null;
}

export interface EvaluatorReport {
  evaluatorId: string;
  /** The role they scored this track's learners in most often. */
  role: EvaluatorRole;
  /** Scores they gave in this track (latest per learner and dimension). */
  scores: number;
  meanScore: number;
  /** (learner, dimension) cases where at least one other evaluator scored too. */
  sharedCases: number;
  /** Mean of (their score - mean of the other evaluators' scores) over the shared cases; null without any. */
  meanOffset: number | null;
  flag: 'lenient' | 'harsh' | null;
}

export interface PeerSkillGap {
  competencyId: string;
  competencyName: string;
  peerScores: number;
  belowPass: number;
  shareBelowPass: number;
}

export interface EmployeeGap {
  employeeId: string;
  employeeName: string;
  positionId: string;
  levelCode: string;
  /** Competencies their level expects. */
  expected: number;
  /** Of those, how many this track's rubric scored for them. */
  assessed: number;
  /** Competency ids whose score is below the pass threshold, in matrix order. */
  gaps: string[];
}

export interface TrackSummary {
  enrolled: number;
  completedPath: number;
  /** completedPath / enrolled; null without learners. */
  completionRate: number | null;
  /** Learners scored on every rubric dimension (self-assessments aside). */
  learnersAssessed: number;
  learnersPassed: number;
  /** learnersPassed / learnersAssessed; null when nobody was fully assessed or the rubric has no pass threshold. */
  passRate: number | null;
  /** Scores counted (peers, managers, evaluators; each evaluator's latest per learner and dimension). */
  scores: number;
  selfAssessments: number;
  /** (learner, dimension) cases scored by two evaluators or more. */
  multiRated: number;
  agreeing: number;
  agreementRate: number | null;
  lenientEvaluators: number;
  harshEvaluators: number;
  /** Placed employees (Active track, linked position) with at least one gap. */
  employeesWithGaps: number;
}

export interface TrackReport {
  trackId: string;
  trackName: string;
  ownerEmail: string;
  asOf: string;
  thresholds: ReportThresholds;
  /** Why the funnel is not in path order (the path has a loop), or null. */
  pathNote: string | null;
  rubric: { scaleMin: number; scaleMax: number; passThresholdPercent: number | null; passScore: number | null } | null;
  summary: TrackSummary;
  funnel: FunnelStep[];
  worstModule: FunnelStep | null;
  dimensions: DimensionReport[];
  evaluators: EvaluatorReport[];
  /** Evaluators left out of `evaluators` by the row cap. */
  moreEvaluators: number;
  skillGaps: PeerSkillGap[];
  employeeGaps: EmployeeGap[];
  /** Employees with gaps left out of `employeeGaps` by the row cap. */
  moreEmployeeGaps: number;
}

export const IGNORED_REASONS = [
  'unknown-module', 'unknown-track', 'track-not-active', 'no-rubric', 'unknown-dimension', 'dimension-competency', 'score-off-scale',
] as const;
export type IgnoredReason = (typeof IGNORED_REASONS)[number];

export interface WorkbookReports {
  asOf: string;
  thresholds: ReportThresholds;
  tracks: TrackReport[];
  completionsRead: number;
  assessmentsRead: number;
  /** Records no Active track could use, by reason (never thrown). */
  ignored: Record<IgnoredReason, number>;
}
