/**
 * What the Team tabs need from learner records, fed in batches as the server streams them: per employee of the
 * Employees tab, the modules they completed, the date of their last learning activity, and their score per
 * competency on their own track's rubric. Scores come from the reports' assessment store (each evaluator's latest
 * score per learner and dimension), so a gap here is the gap the track's report tab lists. Completed modules are one
 * bitset per employee: memory grows with employees x modules, never with the number of records.
 */
import type { Workbook } from '../model';
import type { AssessmentRecord, CompletionRecord } from '../records';
import { AssessmentStore, SELF_ROLE, type ScoredGroup } from '../reports/assessments';
import { createInheritanceIndex } from '../inheritance/expectations';
import { createPathIndex } from '../paths/path-index';
import { planReports, type PlanIndexes, type ReportPlan } from '../reports/plan';

export interface TeamRecords {
  plan: ReportPlan;
  /** The workbook's indexes the plan was made with: the team index reuses them (tracks' level views and paths computed once). */
  indexes: PlanIndexes;
  /** A module's index for `completed` (-1: a module no record can name). */
  moduleIndex(moduleId: string): number;
  /** Whether the employee has a completed record for a module, by module index: one lookup of the employee for many modules. */
  completed(employeeId: string): (moduleIndex: number) => boolean;
  /** ISO date or time of the employee's latest record, or null without records. */
  lastActivity(employeeId: string): string | null;
  /** Competency id -> mean over its dimensions of the dimension scores (non-self evaluators' latest, averaged). */
  scores(employeeId: string): ReadonlyMap<string, number> | undefined;
}

export interface TeamRecordsAccumulator {
  addCompletions(batch: readonly CompletionRecord[]): void;
  addAssessments(batch: readonly AssessmentRecord[]): void;
  /** Call once, after the last batch. */
  finish(): TeamRecords;
}

/** Mean over dimensions, per learner and competency, of the non-self evaluators' mean latest score. */
function competencyScores(plan: ReportPlan, store: AssessmentStore): Map<number, Map<string, number>> {
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
  const out = new Map<number, Map<string, number>>();
  for (const [learner, perCompetency] of sums) out.set(learner, new Map([...perCompetency].map(([id, c]) => [id, c.sum / c.n])));
  return out;
}

/** `members` limits the employees kept (default: everyone in the Employees tab). */
/** `own`: each track's own published version, as for planReports. */
export function createTeamRecords(wb: Workbook, options: { members?: ReadonlySet<string>; own?: ReadonlyMap<string, Workbook> } = {}): TeamRecordsAccumulator {
  const inheritance = createInheritanceIndex(wb);
  const indexes: PlanIndexes = { inheritance, paths: createPathIndex(wb, inheritance.workbook) };
  const plan = planReports(wb, options.own, indexes);
  const people = plan.placements.length;
  const kept = new Uint8Array(people);
  plan.employees.values.slice(0, people).forEach((id, e) => (kept[e] = !options.members || options.members.has(id) ? 1 : 0));
  const words = Math.max(1, Math.ceil(plan.modules.size / 32));
  const done = new Uint32Array(people * words);
  const last: (string | null)[] = new Array<string | null>(people).fill(null);
  /** The Employees-tab index of a kept employee, else -1. */
  const slot = (employeeId: string) => {
    const e = plan.employees.find(employeeId);
    return e !== undefined && e < people && kept[e] === 1 ? e : -1;
  };
  const touch = (e: number, at: string | null) => {
    if (at !== null && (last[e] === null || at > last[e]!)) last[e] = at;
  };
  const store = new AssessmentStore(plan);
  return {
    addCompletions(batch) {
      for (const r of batch) {
        const e = slot(r.employeeId);
        if (e < 0) continue;
        const m = r.status === 'completed' ? plan.modules.find(r.moduleId) : undefined;
        if (m !== undefined) done[e * words + (m >>> 5)] |= 1 << (m & 31);
        touch(e, r.startedAt);
        touch(e, r.completedAt);
      }
    },
    addAssessments(batch) {
      for (const r of batch) {
        const e = slot(r.employeeId);
        if (e >= 0) touch(e, r.assessedAt);
      }
      store.add(batch, () => undefined);
    },
    finish() {
      const scores = competencyScores(plan, store);
      return {
        plan,
        indexes,
        moduleIndex: (moduleId) => plan.modules.find(moduleId) ?? -1,
        completed(employeeId) {
          const base = slot(employeeId) * words;
          return base < 0 ? () => false : (m) => m >= 0 && (done[base + (m >>> 5)] & (1 << (m & 31))) !== 0;
        },
        lastActivity: (employeeId) => {
          const e = slot(employeeId);
          return e < 0 ? null : last[e];
        },
        scores: (employeeId) => {
          const e = slot(employeeId);
          return e < 0 ? undefined : scores.get(e);
        },
      };
    },
  };
}
