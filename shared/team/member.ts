/**
 * One person as a manager (Team tab) and the People panel see them: their level and what it expects with what is met,
 * the gaps, what the next level adds or raises, the modules still ahead on the path to it, and their last activity.
 * Anything that cannot be a number is said in `notes`, in words. What every holder of one (track, level) shares (the
 * next level's changes, the path to it) is computed once per level; a Team tab needs only each person's summary, so
 * the list of expectations with their status is built only for the one-person and one-team answers.
 */
import { expectationsForEmployee, viewsOf, type InheritanceIndex } from '../inheritance/expectations';
import type { InheritanceRefusal } from '../inheritance/schema';
import type { Employee, Workbook } from '../model';
import { modulesUpToLevel } from '../paths/order';
import type { PathIndex } from '../paths/path-index';
import { planTrack } from '../paths/plan';
import type { TeamRecords } from './records';
import type { ExpectationStatus, MemberExpectation, MemberPath, MemberSummary, NextLevelStep, RemainingModule, TeamMember } from './schema';
import { normalizeEmail } from './tab-title';

const EPS = 1e-9;

/** What every holder of one (track, level) shares. */
interface LevelShared {
  next: NextLevelStep | null;
  /** The modules of the path to the next level, in path order; null at the top level. */
  path: RemainingModule[] | { error: string } | null;
  /** Their indexes for TeamRecords.completed. */
  moduleIndexes: number[];
  /** Competency id -> its place among the level's expectations (matrix order). */
  expectedAt: Map<string, number>;
}

export interface MemberContext {
  wb: Workbook;
  inheritance: InheritanceIndex;
  paths: PathIndex;
  records: TeamRecords;
  /** 'published': the server's framework, where a position of a track not published yet is unknown. */
  framework: 'published' | 'workbook';
  /** "track id, level index" -> what its holders share. */
  levels: Map<string, LevelShared>;
  /** Position id -> the same, for its level. */
  byPosition: Map<string, LevelShared>;
  /** Each track's own published version (the server's framework): a track's path comes from its own version. */
  own?: ReadonlyMap<string, Workbook>;
}

function pathToNext(ctx: MemberContext, trackId: string, levelIndex: number): RemainingModule[] | { error: string } {
  const mine = ctx.own?.get(trackId);
  const planned = mine ? planTrack(mine, trackId) : planTrack(ctx.wb, trackId, ctx.paths);
  if (!planned.ok) return { error: planned.error.message };
  const include = modulesUpToLevel(planned.plan, levelIndex + 1);
  return planned.plan.ordered.filter((p) => include.has(p.module.id)).map((p) => ({ moduleId: p.module.id, title: p.module.title, gate: p.module.gate?.text ?? null }));
}

const NO_RECORDS = 'No learning records yet.';

function lastActivity(ctx: MemberContext, e: Employee): string | null {
  return ctx.records.lastActivity(e.id)?.slice(0, 10) ?? null;
}

function unplaced(ctx: MemberContext, e: Employee, { code, message }: InheritanceRefusal): MemberSummary {
  const position = ctx.inheritance.workbook.positionById.get(e.positionId);
  const trackId = position?.trackId;
  const track = trackId ? ctx.inheritance.workbook.trackById.get(trackId) : undefined;
  const said = code === 'position-unknown' && ctx.framework === 'published'
    ? `Position "${e.positionId}" is not on any published track: publish its track (or correct the Position ID in the Employees tab) to see what it expects.`
    : message;
  const last = lastActivity(ctx, e);
  return {
    employeeId: e.id, name: e.name, email: e.email, managerEmail: normalizeEmail(e.managerEmail),
    position: { id: e.positionId, title: position?.title ?? '' }, status: code === 'employee-unknown' ? 'position-unknown' : code,
    track: track ? { id: track.id, name: track.name } : null, level: null, counts: { expected: 0, met: 0, gaps: 0, notAssessed: 0 },
    gaps: [], next: null, path: null, lastActivity: last, notes: last === null ? [said, NO_RECORDS] : [said],
  };
}

/** The summary of one person; `keep` receives each expectation with its status, when given. */
function assess(ctx: MemberContext, e: Employee, keep: MemberExpectation[] | null): MemberSummary {
  const inherited = expectationsForEmployee(ctx.wb, e.id, ctx.inheritance);
  if (!inherited.ok) return unplaced(ctx, e, inherited.reason);
  const { track, level, position, next, expectations } = inherited.inheritance;
  let shared = ctx.byPosition.get(position.id);
  if (!shared) {
    const levelIndex = viewsOf(ctx.inheritance, track.id).findIndex((v) => v.level.code === level.code);
    const key = `${track.id}\u0000${levelIndex}`;
    shared = ctx.levels.get(key);
    if (!shared) {
      const path = next && pathToNext(ctx, track.id, levelIndex);
      const moduleIndexes = Array.isArray(path) ? path.map((m) => ctx.records.moduleIndex(m.moduleId)) : [];
      const expectedAt = new Map(expectations.map((x, i) => [x.competencyId, i]));
      shared = { next: next && { level: next.level, added: next.added, raised: next.changed }, path, moduleIndexes, expectedAt };
      ctx.levels.set(key, shared);
    }
    ctx.byPosition.set(position.id, shared);
  }

  const notes: string[] = [];
  const slot = ctx.records.plan.trackSlotById.get(track.id);
  const rubric = slot === undefined ? null : ctx.records.plan.tracks[slot].rubric;
  const passScore = rubric?.passScore ?? null;
  if (!rubric) notes.push(`Track ${track.id} has no usable rubric: its competencies cannot be assessed.`);
  else if (passScore === null) notes.push(`Track ${track.id}'s rubric has no pass threshold: scores cannot be judged met or not.`);
  const scores = ctx.records.scores(e.id);
  const judge = (score: number | null): ExpectationStatus => (score === null || passScore === null ? 'not-assessed' : score < passScore - EPS ? 'gap' : 'met');
  const counts = { expected: expectations.length, met: 0, gaps: 0, notAssessed: 0 };
  // The few scored competencies are judged, in matrix order; the others are not assessed.
  const gapAt: number[] = [];
  if (scores && passScore !== null) {
    for (const [competencyId, score] of scores) {
      const at = shared.expectedAt.get(competencyId);
      if (at === undefined) continue;
      if (judge(score) === 'gap') gapAt.push(at);
      else counts.met++;
    }
  }
  gapAt.sort((a, b) => a - b);
  const gaps = gapAt.map((at) => ({ competencyId: expectations[at].competencyId, competencyName: expectations[at].competencyName }));
  counts.gaps = gaps.length;
  counts.notAssessed = counts.expected - counts.met - counts.gaps;
  if (keep) {
    for (const x of expectations) {
      const score = scores?.get(x.competencyId) ?? null;
      keep.push({ competencyId: x.competencyId, competencyName: x.competencyName, expectation: x.expectation, status: judge(score), score });
    }
  }

  let path: MemberPath | null = null;
  if (shared.next === null) notes.push(`${level.code} is the top level of track ${track.id}: there is no next level.`);
  else if (shared.path !== null && 'error' in shared.path) notes.push(`The path to ${shared.next.level.code} cannot be shown: ${shared.path.error}`);
  else if (shared.path !== null) {
    const modules = shared.path;
    const done = ctx.records.completed(e.id);
    const { moduleIndexes } = shared;
    const remaining: RemainingModule[] = [];
    for (let i = 0; i < modules.length; i++) if (!done(moduleIndexes[i])) remaining.push(modules[i]);
    const completed = modules.length - remaining.length;
    path = { remaining, completed, total: modules.length, completedShare: modules.length > 0 ? completed / modules.length : null };
    if (modules.length === 0) notes.push(`No module leads to ${shared.next.level.code} yet.`);
  }
  const last = lastActivity(ctx, e);
  if (last === null) notes.push(NO_RECORDS);
  return {
    employeeId: e.id, name: e.name, email: e.email, managerEmail: normalizeEmail(e.managerEmail), position, status: 'placed',
    track, level, counts, gaps, next: shared.next, path, lastActivity: last, notes,
  };
}

/** What a Team tab shows of one person. */
export function memberSummary(ctx: MemberContext, e: Employee): MemberSummary {
  return assess(ctx, e, null);
}

/** One person with the list of what their level expects, each with its status (the team and one-person answers). */
export function teamMember(ctx: MemberContext, e: Employee): TeamMember {
  const expectations: MemberExpectation[] = [];
  return { ...assess(ctx, e, expectations), expectations };
}
