/**
 * One person as a manager (Team tab) and the People panel see them: their level and what it expects with what is met,
 * the gaps, what the next level adds or raises, the modules still ahead on the path to it, and their last activity.
 * Anything that cannot be a number is said in `notes`, in words.
 */
import { expectationsForEmployee, type InheritanceIndex } from '../inheritance/expectations';
import { placeEmployee } from '../inheritance/placement';
import type { InheritanceRefusal } from '../inheritance/schema';
import type { Employee, Workbook } from '../model';
import { modulesUpToLevel } from '../paths/order';
import type { PathIndex } from '../paths/path-index';
import { planTrack } from '../paths/plan';
import type { TeamRecords } from './records';
import type { MemberExpectation, MemberPath, RemainingModule, TeamMember } from './schema';
import { normalizeEmail } from './tab-title';

const EPS = 1e-9;

export interface MemberContext {
  wb: Workbook;
  inheritance: InheritanceIndex;
  paths: PathIndex;
  records: TeamRecords;
  /** 'published': the server's framework, where a position of a track not published yet is unknown. */
  framework: 'published' | 'workbook';
  /** (track id, level index) -> the modules of the path to the level after it, in path order. */
  pathCache: Map<string, RemainingModule[] | { error: string }>;
}

function pathToNext(ctx: MemberContext, trackId: string, levelIndex: number): RemainingModule[] | { error: string } {
  const key = `${trackId}\u0000${levelIndex}`;
  let cached = ctx.pathCache.get(key);
  if (cached) return cached;
  const planned = planTrack(ctx.wb, trackId, ctx.paths);
  if (!planned.ok) cached = { error: planned.error.message };
  else {
    const include = modulesUpToLevel(planned.plan, levelIndex + 1);
    cached = planned.plan.ordered.filter((p) => include.has(p.module.id)).map((p) => ({ moduleId: p.module.id, title: p.module.title, gate: p.module.gate?.text ?? null }));
  }
  ctx.pathCache.set(key, cached);
  return cached;
}

function unplaced(ctx: MemberContext, e: Employee, { code, message }: InheritanceRefusal): TeamMember {
  const position = ctx.inheritance.workbook.positionById.get(e.positionId);
  const trackId = position?.trackId;
  const track = trackId ? ctx.inheritance.workbook.trackById.get(trackId) : undefined;
  const said = code === 'position-unknown' && ctx.framework === 'published'
    ? `Position "${e.positionId}" is not on any published track: publish its track (or correct the Position ID in the Employees tab) to see what it expects.`
    : message;
  return {
    ...identity(e), position: { id: e.positionId, title: position?.title ?? '' }, status: code === 'employee-unknown' ? 'position-unknown' : code,
    track: track ? { id: track.id, name: track.name } : null, level: null, expectations: [], counts: { expected: 0, met: 0, gaps: 0, notAssessed: 0 },
    gaps: [], next: null, path: null, lastActivity: lastActivity(ctx, e), notes: [said, ...recordNotes(ctx, e)],
  };
}

function identity(e: Employee) {
  return { employeeId: e.id, name: e.name, email: e.email, managerEmail: normalizeEmail(e.managerEmail) };
}

function lastActivity(ctx: MemberContext, e: Employee): string | null {
  return ctx.records.of(e.id)?.lastActivity?.slice(0, 10) ?? null;
}

function recordNotes(ctx: MemberContext, e: Employee): string[] {
  return ctx.records.of(e.id)?.lastActivity ? [] : ['No learning records yet.'];
}

export function teamMember(ctx: MemberContext, e: Employee): TeamMember {
  const placed = placeEmployee(ctx.inheritance, e.id);
  if (!placed.ok) return unplaced(ctx, e, placed.reason);
  const inherited = expectationsForEmployee(ctx.wb, e.id, ctx.inheritance);
  if (!inherited.ok) return unplaced(ctx, e, inherited.reason);
  const { track, level, position, next } = inherited.inheritance;
  const notes: string[] = [];
  const slot = ctx.records.plan.trackSlotById.get(track.id);
  const rubric = slot === undefined ? null : ctx.records.plan.tracks[slot].rubric;
  const passScore = rubric?.passScore ?? null;
  if (!rubric) notes.push(`Track ${track.id} has no usable rubric: its competencies cannot be assessed.`);
  else if (passScore === null) notes.push(`Track ${track.id}'s rubric has no pass threshold: scores cannot be judged met or not.`);
  const scores = ctx.records.of(e.id)?.scores;
  const expectations = inherited.inheritance.expectations.map((x): MemberExpectation => {
    const score = scores?.get(x.competencyId) ?? null;
    const status = score === null || passScore === null ? 'not-assessed' : score < passScore - EPS ? 'gap' : 'met';
    return { ...x, status, score };
  });
  const count = (s: MemberExpectation['status']) => expectations.filter((x) => x.status === s).length;
  const gaps = expectations.filter((x) => x.status === 'gap').map(({ competencyId, competencyName }) => ({ competencyId, competencyName }));

  let path: MemberPath | null = null;
  if (next === null) notes.push(`${level.code} is the top level of track ${track.id}: there is no next level.`);
  else {
    const modules = pathToNext(ctx, track.id, placed.placement.levelIndex);
    if ('error' in modules) notes.push(`The path to ${next.level.code} cannot be shown: ${modules.error}`);
    else {
      const done = ctx.records.of(e.id)?.completed;
      const remaining = done ? modules.filter((m) => !done.has(m.moduleId)) : modules;
      const completed = modules.length - remaining.length;
      path = { remaining, completed, total: modules.length, completedShare: modules.length > 0 ? completed / modules.length : null };
      if (modules.length === 0) notes.push(`No module leads to ${next.level.code} yet.`);
    }
  }
  notes.push(...recordNotes(ctx, e));
  return {
    ...identity(e), position: { id: position.id, title: position.title }, status: 'placed',
    track, level, expectations,
    counts: { expected: expectations.length, met: count('met'), gaps: gaps.length, notAssessed: count('not-assessed') },
    gaps,
    next: next && {
      level: next.level,
      added: next.added.map(({ competencyId, competencyName, expectation }) => ({ competencyId, competencyName, expectation })),
      raised: next.changed,
    },
    path,
    lastActivity: lastActivity(ctx, e),
    notes,
  };
}
