import type { TrackFunnelCounts } from './completions';
import type { TrackPlan } from './plan';
import type { FunnelStep } from './types';

/**
 * The module funnel in path order. The funnel counts learners who completed a step and every step before it, so it
 * never increases; a step's drop-off is the share of those who got through the step before and not through this one.
 */
export function buildFunnel(track: TrackPlan, counts: TrackFunnelCounts, minLearners: number): { steps: FunnelStep[]; worst: FunnelStep | null } {
  let before = counts.enrolled;
  let worst: FunnelStep | null = null;
  const steps = track.path.map((p, i): FunnelStep => {
    const through = counts.completedThrough[i];
    const step: FunnelStep = {
      position: i + 1, moduleId: p.moduleId, title: p.title, stage: p.stage,
      reached: counts.reached[i], completed: counts.completed[i], failed: counts.failed[i], completedThrough: through,
      shareOfEnrolled: counts.enrolled > 0 ? through / counts.enrolled : null,
      dropOff: before > 0 ? (before - through) / before : null,
      worst: false,
    };
    if (step.dropOff !== null && before >= minLearners && step.dropOff > 0 && (worst === null || step.dropOff > worst.dropOff!)) worst = step;
    before = through;
    return step;
  });
  if (worst) (worst as FunnelStep).worst = true;
  return { steps, worst };
}
