import { headerKey } from '../cells';
import type { Workbook } from '../model';
import type { WorkbookIndex } from '../workbook-index';
import type { PathIndex } from './path-index';
import { planTrack, resolvePathIndex, type Plan } from './plan';
import type { PathResult } from './schema';
import { renderSteps, totalHours } from './steps';

/**
 * The learning path of a track: the shared foundation first, then the role branch; modules ordered by
 * prerequisites and by the dependencies of the competencies they develop; ties broken by the level that first
 * needs them, then by module id. A loop is refused with the validation finding that reports it.
 */
export function orderTrackPath(wb: Workbook, trackId: string, index?: PathIndex | WorkbookIndex): PathResult {
  const pathIndex = resolvePathIndex(wb, index);
  const planned = planTrack(wb, trackId, pathIndex);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const steps = renderSteps(pathIndex, plan);
  return { ok: true, path: { trackId, trackName: plan.scope.track.name, targetLevel: null, steps, totalHours: totalHours(steps) } };
}

/** Index of a level of the track by code: exact, else ignoring case. -1 when the track has no such level. */
export function findLevelIndex(plan: Plan, levelCode: string): number {
  const { levels } = plan.scope;
  const exact = levels.findIndex((l) => l.code === levelCode);
  return exact >= 0 ? exact : levels.findIndex((l) => headerKey(l.code) === headerKey(levelCode));
}

/** Modules developing a competency required at level `li` or below, plus the prerequisites they need, transitively. */
export function modulesUpToLevel(plan: Plan, li: number): ReadonlySet<string> {
  const cached = plan.upToLevel.get(li);
  if (cached) return cached;
  const { firstLevel } = plan.scope;
  const byId = new Map(plan.ordered.map((p) => [p.module.id, p]));
  const picked = new Set<string>();
  const queue: string[] = [];
  const pick = (id: string) => {
    if (picked.has(id)) return;
    picked.add(id);
    queue.push(id);
  };
  for (const p of plan.ordered) if (p.module.develops.some((c) => (firstLevel.get(c) ?? Infinity) <= li)) pick(p.module.id);
  for (let q = 0; q < queue.length; q++)
    for (const e of byId.get(queue[q])!.waitsFor) if (e.kind === 'prerequisite') pick(e.from);
  plan.upToLevel.set(li, picked);
  return picked;
}

/** Only the part of the track's path that leads to one level, in path order. */
export function pathToLevel(wb: Workbook, trackId: string, levelCode: string, index?: PathIndex | WorkbookIndex): PathResult {
  const pathIndex = resolvePathIndex(wb, index);
  const planned = planTrack(wb, trackId, pathIndex);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const li = findLevelIndex(plan, levelCode);
  if (li < 0) {
    const codes = plan.scope.levels.map((l) => l.code);
    const known = codes.length > 0 ? `its levels are ${codes.join(', ')}` : 'it has no levels in the Levels tab';
    return { ok: false, error: { code: 'unknown-level', trackId, levelCode, message: `Track ${trackId} has no level "${levelCode}" (${known}).` } };
  }
  const level = plan.scope.levels[li];
  const steps = renderSteps(pathIndex, plan, { include: modulesUpToLevel(plan, li) });
  return {
    ok: true,
    path: {
      trackId,
      trackName: plan.scope.track.name,
      targetLevel: { code: level.code, order: level.order ?? li + 1 },
      steps,
      totalHours: totalHours(steps),
    },
  };
}
