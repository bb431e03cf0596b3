/**
 * Everything the reports say about assessments, per Active track, from one pass over the (learner, dimension)
 * groups: score distribution and pass rate per dimension, calibration and agreement, peer-flagged gaps, learners
 * passing the rubric and employees' competency gaps.
 */
import { AssessmentStore, PEER_ROLE, SELF_ROLE, type ScoredGroup } from './assessments';
import { EvaluatorTally, type CalibrationResult } from './evaluator-tally';
import { LearnerTally } from './learner-tally';
import type { ReportPlan, TrackPlan } from './plan';
import { ScoreCounts } from './score-counts';
import type { ReportThresholds } from './thresholds';
import type { DimensionReport, EmployeeGap, EvaluatorReport, PeerSkillGap } from './types';

const EPS = 1e-9;

export interface TrackScores {
  dimensions: DimensionReport[];
  scores: number;
  selfAssessments: number;
  multiRated: number;
  agreeing: number;
  learnersAssessed: number;
  learnersPassed: number;
  /** Evaluators, flagged first, up to the row cap. */
  evaluators: EvaluatorReport[];
  moreEvaluators: number;
  lenient: number;
  harsh: number;
  /** Competencies with enough peer scores, most flagged first. */
  skillGaps: PeerSkillGap[];
  /** Every placed employee with a gap, most gaps first. */
  employeeGaps: EmployeeGap[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function scoreTracks(plan: ReportPlan, store: AssessmentStore, thresholds: ReportThresholds): TrackScores[] {
  const out: TrackScores[] = [];
  const evaluators = new EvaluatorTally(store.evaluators.size, thresholds);
  let current: TrackTally | null = null;
  const picked: number[] = [];
  store.visit({
    group(g: ScoredGroup) {
      const track = plan.tracks[g.dimension.trackSlot];
      if (current?.track !== track) current = new TrackTally(plan, track);
      picked.length = 0;
      let sum = 0;
      for (let i = 0; i < g.count; i++) {
        if (g.roles[i] === SELF_ROLE) {
          current.selfAssessments++;
          continue;
        }
        picked.push(i);
        sum += g.scores[i];
        current.score(g.dimension.local, g.roles[i], g.scores[i]);
        evaluators.score(g.evaluators[i], g.roles[i], g.scores[i]);
      }
      evaluators.group(g.evaluators, g.scores, picked);
      if (picked.length > 0) current.learners.dimensionScore(g.learner, g.dimension, sum / picked.length);
    },
    endTrack(t: number) {
      const tally: TrackTally = current?.track === plan.tracks[t] ? current : new TrackTally(plan, plan.tracks[t]);
      out.push(tally.finish(evaluators.finish(store.evaluators.values, thresholds.maxEvaluatorRows), thresholds));
      current = null;
    },
  });
  return out;
}

class TrackTally {
  readonly counts: ScoreCounts[];
  readonly learners: LearnerTally;
  private readonly peer = new Map<string, { n: number; below: number }>();
  selfAssessments = 0;

  constructor(private readonly plan: ReportPlan, readonly track: TrackPlan) {
    this.counts = track.dimensions.map(() => new ScoreCounts());
    this.learners = new LearnerTally(plan, track);
  }

  score(local: number, role: number, score: number): void {
    this.counts[local].add(score);
    const passScore = this.track.rubric?.passScore ?? null;
    if (role !== PEER_ROLE || passScore === null) return;
    const competency = this.track.dimensions[local].competencyId;
    let p = this.peer.get(competency);
    if (!p) this.peer.set(competency, (p = { n: 0, below: 0 }));
    p.n++;
    if (score < passScore - EPS) p.below++;
  }

  finish(calibration: CalibrationResult, thresholds: ReportThresholds): TrackScores {
    this.learners.flush();
    const passScore = this.track.rubric?.passScore ?? null;
    const dimensions = this.track.dimensions.map((d, i): DimensionReport => {
      const c = this.counts[i];
      return { dimension: d.name, competencyId: d.competencyId, weight: d.weight, scores: c.summary(), passRate: c.n > 0 && passScore !== null ? c.atLeast(passScore) / c.n : null };
    });
    const skillGaps = [...this.peer]
      .filter(([, p]) => p.n >= thresholds.peerMinScores)
      .map(([competencyId, p]): PeerSkillGap => ({
        competencyId, competencyName: this.track.competencyNames.get(competencyId) ?? competencyId, peerScores: p.n, belowPass: p.below, shareBelowPass: p.below / p.n,
      }))
      .sort((a, b) => b.shareBelowPass - a.shareBelowPass || b.peerScores - a.peerScores || byText(a.competencyId, b.competencyId));
    const employeeGaps = this.learners.gaps.sort((a, b) => b.gaps.length - a.gaps.length || byText(a.employeeId, b.employeeId));
    return {
      dimensions,
      scores: this.counts.reduce((s, c) => s + c.n, 0),
      selfAssessments: this.selfAssessments,
      multiRated: calibration.multiRated,
      agreeing: calibration.agreeing,
      learnersAssessed: this.learners.learnersAssessed,
      learnersPassed: this.learners.learnersPassed,
      evaluators: calibration.evaluators,
      moreEvaluators: calibration.more,
      lenient: calibration.lenient,
      harsh: calibration.harsh,
      skillGaps,
      employeeGaps,
    };
  }
}
