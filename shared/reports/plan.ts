/**
 * What the report computation needs to know about the workbook, resolved once before any record arrives: the
 * Active tracks with their path (module order), rubric and pass score; every module and the Active track it
 * belongs to; every employee's placement (track, level) and the competencies their level expects.
 */
import { headerKey } from '../cells';
import { createInheritanceIndex, expectationsForPosition, type InheritanceIndex } from '../inheritance/expectations';
import type { Employee, Module, Rubric, Track, Workbook } from '../model';
import { orderTrackPath } from '../paths/order';
import { createPathIndex, type PathIndex } from '../paths/path-index';
import type { PathStage } from '../paths/schema';
import { trackScope } from '../paths/track-scope';
import { isShared } from '../sequencing';
import { Interner } from './grow';

export interface DimensionPlan {
  /** Index in ReportPlan.dimensions. */
  slot: number;
  trackSlot: number;
  /** Index in its track's `dimensions`. */
  local: number;
  name: string;
  competencyId: string;
  /** The rubric weight; 1 when the cell is not a valid weight (validation reports it). */
  weight: number;
}

export interface PathModule {
  moduleIndex: number;
  moduleId: string;
  title: string;
  stage: PathStage;
}

export interface RubricPlan {
  rubric: Rubric;
  scaleMin: number;
  scaleMax: number;
  passThresholdPercent: number | null;
  /** passThresholdPercent of the top score of the scale, in points; null without a threshold. */
  passScore: number | null;
}

export interface TrackPlan {
  slot: number;
  track: Track;
  path: PathModule[];
  pathNote: string | null;
  /** Null when the track has no usable rubric (no tab, no dimensions or no scale). */
  rubric: RubricPlan | null;
  dimensions: DimensionPlan[];
  /** headerKey(dimension name) -> dimension. */
  dimensionByKey: Map<string, DimensionPlan>;
  /** Competency id -> name, as this track's own version names it. */
  competencyNames: ReadonlyMap<string, string>;
}

export interface Placement {
  trackSlot: number;
  positionId: string;
  levelCode: string;
  /** Competency ids the level expects, in matrix row order. */
  expected: readonly string[];
  expectedSet: ReadonlySet<string>;
}

export interface ReportPlan {
  tracks: TrackPlan[];
  trackSlotById: Map<string, number>;
  /** Tracks in the Tracks tab that are not Active (their records are ignored, counted as track-not-active). */
  inactiveTrackIds: Set<string>;
  modules: Interner;
  /** Per module index: the Active track whose own (role) module it is, or -1 (Shared or another track). */
  moduleRoleTrack: Int32Array;
  dimensions: DimensionPlan[];
  /** Employees of the Employees tab (first row per id) get the first indexes. */
  employees: Interner;
  employeeNames: string[];
  /** Per employee index (Employees tab only): where they sit, or null when not placed on an Active track. */
  placements: (Placement | null)[];
  competencyNames: Map<string, string>;
}

/** Rubric score that passes: the pass threshold is a percent of the top score of the scale (see the Rubric contract). */
export function passScoreOf(scaleMax: number, passThresholdPercent: number | null): number | null {
  return passThresholdPercent === null ? null : (passThresholdPercent / 100) * scaleMax;
}

function rubricPlan(rubric: Rubric | undefined): RubricPlan | null {
  if (!rubric || rubric.dimensions.length === 0 || rubric.scale.length < 2) return null;
  const scores = rubric.scale.map((s) => s.score);
  const scaleMax = Math.max(...scores);
  return { rubric, scaleMin: Math.min(...scores), scaleMax, passThresholdPercent: rubric.passThreshold, passScore: passScoreOf(scaleMax, rubric.passThreshold) };
}

function pathOf(wb: Workbook, trackId: string, pathIndex: ReturnType<typeof createPathIndex>, modules: Interner): { path: PathModule[]; note: string | null } {
  const ordered = orderTrackPath(wb, trackId, pathIndex);
  if (ordered.ok) {
    return { path: ordered.path.steps.map((s) => ({ moduleIndex: modules.id(s.moduleId), moduleId: s.moduleId, title: s.title, stage: s.stage })), note: null };
  }
  const scope = trackScope(pathIndex, trackId);
  const path = (scope?.modules ?? []).map((m): PathModule => ({ moduleIndex: modules.id(m.id), moduleId: m.id, title: m.title, stage: isShared(m) ? 'Foundation' : 'Role' }));
  return { path, note: `The path cannot be ordered (${ordered.error.message}); the funnel follows the Modules tab instead.` };
}

/** Indexes of the workbook a caller made already (the Team tabs share theirs); made here when absent. */
export interface PlanIndexes {
  paths: PathIndex;
  inheritance: InheritanceIndex;
}

/**
 * `own`: each track's own published version, when tracks may hold Shared items differently (the server's published
 * framework): a track's path and competency names come from its own version; `wb` is then the union of them all.
 */
export function planReports(wb: Workbook, own?: ReadonlyMap<string, Workbook>, indexes?: PlanIndexes): ReportPlan {
  const pathIndex = indexes?.paths ?? createPathIndex(wb);
  const index = pathIndex.workbook;
  const modules = new Interner();
  for (const m of index.moduleById.values()) modules.id(m.id);
  const tracks: TrackPlan[] = [];
  const trackSlotById = new Map<string, number>();
  const inactiveTrackIds = new Set<string>();
  const dimensions: DimensionPlan[] = [];
  const globalNames = new Map([...index.competencyById].map(([id, c]) => [id, c.name]));
  for (const track of index.trackById.values()) {
    if (track.status !== 'Active') {
      inactiveTrackIds.add(track.id);
      continue;
    }
    const slot = tracks.length;
    trackSlotById.set(track.id, slot);
    const mine = own?.get(track.id);
    const { path, note } = mine ? pathOf(mine, track.id, createPathIndex(mine), modules) : pathOf(wb, track.id, pathIndex, modules);
    const rubric = rubricPlan(index.rubricByTrack.get(track.id));
    const names = mine ? new Map(mine.competencies.map((c) => [c.id, c.name])) : null;
    const plan: TrackPlan = { slot, track, path, pathNote: note, rubric, dimensions: [], dimensionByKey: new Map(), competencyNames: names ?? globalNames };
    for (const d of rubric?.rubric.dimensions ?? []) {
      const key = headerKey(d.name);
      if (key === '' || plan.dimensionByKey.has(key)) continue;
      const dim: DimensionPlan = { slot: dimensions.length, trackSlot: slot, local: plan.dimensions.length, name: d.name, competencyId: d.competencyId, weight: d.weight ?? 1 };
      dimensions.push(dim);
      plan.dimensions.push(dim);
      plan.dimensionByKey.set(key, dim);
    }
    tracks.push(plan);
  }
  const moduleRoleTrack = new Int32Array(modules.size).fill(-1);
  modules.values.forEach((id, i) => {
    const m: Module | undefined = index.moduleById.get(id);
    if (m && !isShared(m)) moduleRoleTrack[i] = trackSlotById.get(m.trackId) ?? -1;
  });
  const { employees, employeeNames, placements } = placeEmployees(wb, trackSlotById, indexes?.inheritance ?? createInheritanceIndex(wb));
  return { tracks, trackSlotById, inactiveTrackIds, modules, moduleRoleTrack, dimensions, employees, employeeNames, placements, competencyNames: globalNames };
}

function placeEmployees(wb: Workbook, trackSlotById: Map<string, number>, inheritance: InheritanceIndex) {
  const employees = new Interner();
  const employeeNames: string[] = [];
  const placements: (Placement | null)[] = [];
  /** One list and Set per (track, level): positions of a level share their expectations array. */
  const expectedOf = new Map<readonly unknown[], Pick<Placement, 'expected' | 'expectedSet'>>();
  const seen = new Set<string>();
  for (const e of wb.employees as Employee[]) {
    if (e.id === '' || seen.has(e.id)) continue;
    seen.add(e.id);
    employees.id(e.id);
    employeeNames.push(e.name);
    const result = expectationsForPosition(wb, e.positionId, inheritance);
    if (!result.ok) {
      placements.push(null);
      continue;
    }
    const { expectations, track, level } = result.inheritance;
    let expected = expectedOf.get(expectations);
    if (!expected) {
      const ids = expectations.map((x) => x.competencyId);
      expectedOf.set(expectations, (expected = { expected: ids, expectedSet: new Set(ids) }));
    }
    placements.push({ trackSlot: trackSlotById.get(track.id)!, positionId: e.positionId, levelCode: level.code, ...expected });
  }
  return { employees, employeeNames, placements };
}
