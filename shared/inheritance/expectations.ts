import type { Level, Matrix, Workbook } from '../model';
import { indexWorkbook, levelColumnsInOrder, type WorkbookIndex } from '../workbook-index';
import { createPlacementIndex, employeeRefusal, placePosition, unknownEmployee, type PlacementIndex } from './placement';
import type { Expectation, Inheritance, InheritanceResult, InheritedLevel, NextLevelChanges } from './schema';

/** What every holder of one (track, level) inherits; computed once and shared by all their results (treat as read-only). */
export type LevelView = Omit<Inheritance, 'employee' | 'position'>;

export interface InheritanceIndex extends PlacementIndex {
  /** Track id -> one view per level (in Order), filled on first use. */
  viewsByTrack: Map<string, LevelView[]>;
  /** Position id -> what its holders inherit, filled on first use. */
  byPositionView: Map<string, InheritanceResult>;
}

export function createInheritanceIndex(wb: Workbook, workbook: WorkbookIndex = indexWorkbook(wb)): InheritanceIndex {
  return { ...createPlacementIndex(wb, workbook), viewsByTrack: new Map(), byPositionView: new Map() };
}

function inheritedLevel(level: Level, li: number): InheritedLevel {
  return { code: level.code, name: level.name, order: level.order ?? li + 1 };
}

/** Per level, the non-blank expectations in matrix row order (first row wins for a repeated competency). */
function expectationsPerLevel(index: WorkbookIndex, matrix: Matrix | undefined, levels: Level[]): Expectation[][] {
  const perLevel: Expectation[][] = levels.map(() => []);
  if (!matrix) return perLevel;
  const cols = levelColumnsInOrder(matrix, levels);
  const seen = new Set<string>();
  for (const row of matrix.rows) {
    if (seen.has(row.competencyId)) continue;
    seen.add(row.competencyId);
    const competencyName = index.competencyById.get(row.competencyId)?.name || row.name || row.competencyId;
    cols.forEach((col, li) => {
      const expectation = col >= 0 ? row.expectations[col] : '';
      if (expectation !== '') perLevel[li].push({ competencyId: row.competencyId, competencyName, expectation });
    });
  }
  return perLevel;
}

/** What changes from one level's expectations to another's: the one rule for "the next level" and for comparing any two levels. */
export function changesBetween(now: Expectation[], next: Expectation[], level: InheritedLevel): NextLevelChanges {
  const nowById = new Map(now.map((e) => [e.competencyId, e]));
  const changes: NextLevelChanges = { level, added: [], changed: [], unchanged: [], dropped: [] };
  const kept = new Set<string>();
  for (const e of next) {
    const before = nowById.get(e.competencyId);
    kept.add(e.competencyId);
    if (!before) changes.added.push(e);
    else if (before.expectation === e.expectation) changes.unchanged.push(e);
    else changes.changed.push({ competencyId: e.competencyId, competencyName: e.competencyName, from: before.expectation, to: e.expectation });
  }
  for (const e of now) if (!kept.has(e.competencyId)) changes.dropped.push(e);
  return changes;
}

/** One view per level of a track in the index (levels in Order), computed once; the track must be in the index. */
export function viewsOf(index: InheritanceIndex, trackId: string): LevelView[] {
  const cached = index.viewsByTrack.get(trackId);
  if (cached) return cached;
  const track = index.workbook.trackById.get(trackId)!;
  const levels = index.workbook.levelsByTrack.get(trackId) ?? [];
  const perLevel = expectationsPerLevel(index.workbook, index.workbook.matrixByTrack.get(trackId), levels);
  const refs = levels.map(inheritedLevel);
  const views = levels.map((_, li): LevelView => ({
    track: { id: track.id, name: track.name },
    level: refs[li],
    expectations: perLevel[li],
    next: li + 1 < levels.length ? changesBetween(perLevel[li], perLevel[li + 1], refs[li + 1]) : null,
  }));
  index.viewsByTrack.set(trackId, views);
  return views;
}

/** What every holder of a position inherits, computed once per position (employee: null). */
function forPosition(index: InheritanceIndex, positionId: string): InheritanceResult {
  let result = index.byPositionView.get(positionId);
  if (result) return result;
  const placed = placePosition(index, positionId);
  if (placed.ok) {
    const { position, track, levelIndex } = placed.placement;
    const view = viewsOf(index, track.id)[levelIndex];
    result = { ok: true, inheritance: { employee: null, position: { id: position.id, title: position.title }, ...view } };
  } else {
    result = placed;
  }
  index.byPositionView.set(positionId, result);
  return result;
}

/** What an employee needs at their level, and what changes at the next one (only through an Active, linked position). */
export function expectationsForEmployee(wb: Workbook, employeeId: string, index: InheritanceIndex = createInheritanceIndex(wb)): InheritanceResult {
  const employee = index.employeeById.get(employeeId);
  if (!employee) return { ok: false, reason: unknownEmployee(employeeId) };
  const shared = forPosition(index, employee.positionId);
  if (!shared.ok) return { ok: false, reason: employeeRefusal(employee, shared.reason) };
  const { position, track, level, expectations, next } = shared.inheritance;
  return { ok: true, inheritance: { employee: { id: employee.id, name: employee.name }, position, track, level, expectations, next } };
}

/** What every holder of a position needs at its level, and what changes at the next one. */
export function expectationsForPosition(wb: Workbook, positionId: string, index: InheritanceIndex = createInheritanceIndex(wb)): InheritanceResult {
  return forPosition(index, positionId);
}
