import { createPlacementIndex, placeEmployee, type PlacementIndex } from '../inheritance/placement';
import type { Level, Workbook } from '../model';
import { modulesUpToLevel } from './order';
import type { PathIndex } from './path-index';
import { planTrack, resolvePathIndex } from './plan';
import type { EmployeePathResult, PathLevel } from './schema';
import { renderPath } from './steps';

export interface EmployeePathIndexes {
  path?: PathIndex;
  placement?: PlacementIndex;
}

const levelRef = (level: Level, li: number): PathLevel => ({ code: level.code, order: level.order ?? li + 1 });

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * An employee's next step: employee -> position -> (Active track, level); the modules they have not completed
 * on the path to the level with the next Order, each with its gate.
 */
export function remainingPathForEmployee(
  wb: Workbook,
  employeeId: string,
  completedModuleIds: Iterable<string>,
  indexes: EmployeePathIndexes = {},
): EmployeePathResult {
  const pathIndex = indexes.path ?? resolvePathIndex(wb);
  const placed = placeEmployee(indexes.placement ?? createPlacementIndex(wb, pathIndex.workbook), employeeId);
  if (!placed.ok) return { ok: false, error: placed.reason };
  const { position, track, levels, levelIndex } = placed.placement;
  const employee = placed.placement.employee!; // placeEmployee always names the employee
  const who = employee.name ? `${employee.name} (${employee.id})` : employee.id;
  const base = {
    employee: { id: employee.id, name: employee.name },
    positionId: position.id,
    trackId: track.id,
    currentLevel: levelRef(levels[levelIndex], levelIndex),
  };
  if (levelIndex + 1 >= levels.length) {
    const level = levels[levelIndex];
    return {
      ok: true,
      next: {
        ...base, nextLevel: null, steps: [], completed: [], totalHours: 0,
        message: `${who} is at the top level of track ${track.id} (${level.code}${level.name ? `, ${level.name}` : ''}): there is no next level.`,
      },
    };
  }
  const planned = planTrack(wb, track.id, pathIndex);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const include = modulesUpToLevel(plan, levelIndex + 1);
  const done = new Set(completedModuleIds);
  const { steps, totalHours: hours } = renderPath(pathIndex, plan, { include, completed: done });
  const completed = done.size === 0 ? [] : plan.ordered.map((p) => p.module.id).filter((id) => include.has(id) && done.has(id));
  const nextLevel = levelRef(levels[levelIndex + 1], levelIndex + 1);
  const message = steps.length === 0
    ? `${who} has completed every module on the path to level ${nextLevel.code} of track ${track.id}.`
    : `${plural(steps.length, 'module')}${hours > 0 ? ` (${hours} h)` : ''} remain for ${who} to reach level ${nextLevel.code} of track ${track.id}.`;
  return { ok: true, next: { ...base, nextLevel, steps, completed, totalHours: hours, message } };
}
