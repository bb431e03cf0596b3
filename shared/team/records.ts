/**
 * What the Team tabs need from learner records, fed in batches as the server streams them: per employee of the
 * Employees tab, the modules they completed, the date of their last learning activity, and their score per
 * competency on their own track's rubric. Scores come from the reports' assessment store (each evaluator's latest
 * score per learner and dimension), so a gap here is the gap the track's report tab lists.
 */
import type { Workbook } from '../model';
import type { AssessmentRecord, CompletionRecord } from '../records';
import { AssessmentStore, SELF_ROLE, type ScoredGroup } from '../reports/assessments';
import { planReports, type ReportPlan } from '../reports/plan';

export interface MemberRecords {
  completed: Set<string>;
  /** ISO date or time of the latest record; compared as text. */
  lastActivity: string | null;
  /** Competency id -> mean over its dimensions of the dimension scores (non-self evaluators' latest, averaged). */
  scores: Map<string, number>;
}

export interface TeamRecords {
  plan: ReportPlan;
  of(employeeId: string): MemberRecords | undefined;
}

export interface TeamRecordsAccumulator {
  addCompletions(batch: readonly CompletionRecord[]): void;
  addAssessments(batch: readonly AssessmentRecord[]): void;
  /** Call once, after the last batch. */
  finish(): TeamRecords;
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || b <= a ? a : b);

/**
 * `plan` may be shared with the caller; `members` limits the employees kept (default: everyone in the Employees tab).
 */
export function createTeamRecords(wb: Workbook, options: { plan?: ReportPlan; members?: ReadonlySet<string> } = {}): TeamRecordsAccumulator {
  const plan = options.plan ?? planReports(wb);
  const byEmployee = new Map<string, MemberRecords>();
  for (const id of plan.employees.values) {
    if (!options.members || options.members.has(id)) byEmployee.set(id, { completed: new Set(), lastActivity: null, scores: new Map() });
  }
  const store = new AssessmentStore(plan);
  return {
    addCompletions(batch) {
      for (const r of batch) {
        const m = byEmployee.get(r.employeeId);
        if (!m) continue;
        if (r.status === 'completed') m.completed.add(r.moduleId);
        m.lastActivity = later(later(m.lastActivity, r.startedAt), r.completedAt);
      }
    },
    addAssessments(batch) {
      for (const r of batch) {
        const m = byEmployee.get(r.employeeId);
        if (m) m.lastActivity = later(m.lastActivity, r.assessedAt);
      }
      store.add(batch, () => undefined);
    },
    finish() {
      const sums = new Map<number, Map<string, { sum: number; n: number }>>();
      store.visit({
        group(g: ScoredGroup) {
          const placement = g.learner < plan.placements.length ? plan.placements[g.learner] : null;
          if (!placement || placement.trackSlot !== g.dimension.trackSlot) return;
          let sum = 0;
          let n = 0;
          for (let i = 0; i < g.count; i++) {
            if (g.roles[i] === SELF_ROLE) continue;
            sum += g.scores[i];
            n++;
          }
          if (n === 0) return;
          let perCompetency = sums.get(g.learner);
          if (!perCompetency) sums.set(g.learner, (perCompetency = new Map()));
          const c = perCompetency.get(g.dimension.competencyId);
          if (c) {
            c.sum += sum / n;
            c.n++;
          } else perCompetency.set(g.dimension.competencyId, { sum: sum / n, n: 1 });
        },
        endTrack() {},
      });
      for (const [learner, perCompetency] of sums) {
        const m = byEmployee.get(plan.employees.values[learner]);
        if (m) for (const [competencyId, c] of perCompetency) m.scores.set(competencyId, c.sum / c.n);
      }
      return { plan, of: (employeeId) => byEmployee.get(employeeId) };
    },
  };
}
