/**
 * Per learner within one track: whether they pass the rubric, and (for employees placed on the track) which
 * competencies their level expects that the rubric scored below the pass score. A learner's score on a dimension is
 * the mean of each evaluator's latest score (self-assessments aside); on a competency, the mean over its dimensions.
 */
import type { ReportPlan, TrackPlan } from './plan';
import type { EmployeeGap } from './types';

const EPS = 1e-9;

export class LearnerTally {
  private learner = -1;
  private covered = 0;
  private weighted = 0;
  private readonly byCompetency = new Map<string, { sum: number; n: number }>();
  private readonly fullWeight: number;
  /** A level's expected competencies -> their matrix order (levels share one list). */
  private readonly matrixOrder = new Map<readonly string[], Map<string, number>>();
  learnersAssessed = 0;
  learnersPassed = 0;
  readonly gaps: EmployeeGap[] = [];

  constructor(private readonly plan: ReportPlan, private readonly track: TrackPlan) {
    this.fullWeight = track.dimensions.reduce((s, d) => s + d.weight, 0) * (track.rubric?.scaleMax ?? 0);
  }

  /** The learner's score on one dimension; a learner's dimensions arrive together. */
  dimensionScore(learner: number, dimension: TrackPlan['dimensions'][number], mean: number): void {
    if (learner !== this.learner) this.flush(learner);
    this.covered++;
    this.weighted += dimension.weight * mean;
    const c = this.byCompetency.get(dimension.competencyId);
    if (c) {
      c.sum += mean;
      c.n++;
    } else this.byCompetency.set(dimension.competencyId, { sum: mean, n: 1 });
  }

  /** Closes the current learner (and starts `next`). */
  flush(next = -1): void {
    const learner = this.learner;
    this.learner = next;
    if (learner < 0) return;
    const rubric = this.track.rubric!;
    if (this.covered === this.track.dimensions.length) {
      this.learnersAssessed++;
      if (rubric.passThresholdPercent !== null && (100 * this.weighted) / this.fullWeight >= rubric.passThresholdPercent - EPS) this.learnersPassed++;
    }
    const placement = learner < this.plan.placements.length ? this.plan.placements[learner] : null;
    if (placement && placement.trackSlot === this.track.slot && rubric.passScore !== null) {
      let assessed = 0;
      const gaps: string[] = [];
      for (const [competencyId, c] of this.byCompetency) {
        if (!placement.expectedSet.has(competencyId)) continue;
        assessed++;
        if (c.sum / c.n < rubric.passScore - EPS) gaps.push(competencyId);
      }
      if (gaps.length > 0) {
        let order = this.matrixOrder.get(placement.expected);
        if (!order) this.matrixOrder.set(placement.expected, (order = new Map(placement.expected.map((id, i) => [id, i]))));
        const at = order;
        gaps.sort((a, b) => at.get(a)! - at.get(b)!);
        this.gaps.push({
          employeeId: this.plan.employees.values[learner], employeeName: this.plan.employeeNames[learner] ?? '',
          positionId: placement.positionId, levelCode: placement.levelCode, expected: placement.expected.length, assessed, gaps,
        });
      }
    }
    this.covered = 0;
    this.weighted = 0;
    this.byCompetency.clear();
  }
}
