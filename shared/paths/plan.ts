import type { Module, Workbook } from '../model';
import type { SequenceEdge } from '../sequencing';
import type { WorkbookIndex } from '../workbook-index';
import { explainCycle } from './cycle';
import { createPathIndex, isPathIndex, type PathIndex } from './path-index';
import { MinHeap } from './priority-queue';
import type { PathError, PathStage, PathStep } from './schema';
import { trackScope, type TrackScope } from './track-scope';

/** A module placed in a track's path, with what placed it there (rendered into words by ./steps). */
export interface PlannedModule {
  module: Module;
  stage: PathStage;
  /** Index in `scope.levels` of the first level requiring a competency the module develops; null if none does. */
  firstLevel: number | null;
  /** What must come before it, limited to modules of this path. */
  waitsFor: SequenceEdge[];
  /** Prerequisites that are another track's modules: never part of this path. */
  outsidePrerequisites: Module[];
}

export interface Plan {
  scope: TrackScope;
  ordered: PlannedModule[];
  /** Ids of `ordered`. */
  ids: ReadonlySet<string>;
  /** Level index -> the modules the path to that level holds, filled on first use. */
  upToLevel: Map<number, ReadonlySet<string>>;
  /** Steps rendered with nothing completed, by the set of modules shown (null: all), filled on use (./steps). */
  rendered: Map<ReadonlySet<string> | null, { steps: readonly PathStep[]; totalHours: number }>;
  /** Per module id, what its kept steps share (./steps): the parts that depend only on the module, its last step. */
  kept: Map<string, { parts: Pick<PathStep, 'gate' | 'develops' | 'firstRequiredLevel'>; last: PathStep | null }>;
  /** Reasons' texts that depend only on the plan, made once: every rendering (one per level) repeats them. */
  texts: PlanTexts;
}

/** Texts of steps' reasons by what they say: a tie to an earlier module, a prerequisite outside the path, a level. */
export interface PlanTexts {
  waits: Map<SequenceEdge, string>;
  outside: Map<Module, string>;
  levels: Map<number | null, string>;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; error: PathError };

export function resolvePathIndex(wb: Workbook, index?: PathIndex | WorkbookIndex): PathIndex {
  if (!index) return createPathIndex(wb);
  return isPathIndex(index) ? index : createPathIndex(wb, index);
}

function plannedModule(index: PathIndex, scope: TrackScope, module: Module, inPath: ReadonlySet<string>): PlannedModule {
  let firstLevel: number | null = null;
  for (const c of module.develops) {
    const li = scope.firstLevel.get(c);
    if (li !== undefined && (firstLevel === null || li < firstLevel)) firstLevel = li;
  }
  const waitsFor: SequenceEdge[] = [];
  const outsidePrerequisites: Module[] = [];
  for (const e of index.sequence.before.get(module.id) ?? []) {
    if (inPath.has(e.from)) waitsFor.push(e);
    else if (e.kind === 'prerequisite') outsidePrerequisites.push(index.workbook.moduleById.get(e.from)!);
  }
  return { module, stage: index.sharedIds.has(module.id) ? 'Foundation' : 'Role', firstLevel, waitsFor, outsidePrerequisites };
}

/** Foundation before Role, then the lowest level needing it (never needed = last), then module id. */
function compareRank(a: PlannedModule, b: PlannedModule): number {
  if (a.stage !== b.stage) return a.stage === 'Foundation' ? -1 : 1;
  const la = a.firstLevel ?? Infinity;
  const lb = b.firstLevel ?? Infinity;
  if (la !== lb) return la - lb;
  return a.module.id < b.module.id ? -1 : a.module.id > b.module.id ? 1 : 0;
}

/** The plan of a track, computed once per index: paths to levels and employees' next steps reuse it. */
export function planTrack(wb: Workbook, trackId: string, index?: PathIndex | WorkbookIndex): PlanResult {
  const pathIndex = resolvePathIndex(wb, index);
  let planned = pathIndex.plans.get(trackId);
  if (!planned) {
    planned = plan(pathIndex, trackId);
    pathIndex.plans.set(trackId, planned);
  }
  return planned;
}

/**
 * Kahn's algorithm where the ready module with the best rank goes next. Ranks are positions in the sorted
 * list, so the queue holds plain numbers. A loop is reported, never broken.
 */
function plan(pathIndex: PathIndex, trackId: string): PlanResult {
  const scope = trackScope(pathIndex, trackId);
  if (!scope) {
    const known = [...pathIndex.workbook.trackById.keys()];
    const hint = known.length > 0 ? ` Tracks in this workbook: ${known.join(', ')}.` : ' The workbook has no tracks.';
    return { ok: false, error: { code: 'unknown-track', trackId, message: `There is no track "${trackId}" in the Tracks tab.${hint}` } };
  }
  const inPath = new Set(scope.modules.map((m) => m.id));
  const ranked = scope.modules.map((m) => plannedModule(pathIndex, scope, m, inPath)).sort(compareRank);
  const rankOf = new Map(ranked.map((p, i) => [p.module.id, i]));
  const after: number[][] = ranked.map(() => []);
  const waitingOn = new Array<number>(ranked.length).fill(0);
  // moduleSequence keeps one tie per pair of modules, so each tie counts once.
  ranked.forEach((p, i) => {
    waitingOn[i] = p.waitsFor.length;
    for (const e of p.waitsFor) after[rankOf.get(e.from)!].push(i);
  });
  const ready = new MinHeap();
  waitingOn.forEach((n, i) => n === 0 && ready.push(i));
  const ordered: PlannedModule[] = [];
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    ordered.push(ranked[i]);
    for (const next of after[i]) if (--waitingOn[next] === 0) ready.push(next);
  }
  if (ordered.length < ranked.length) {
    const stuck = ranked.filter((_, i) => waitingOn[i] > 0);
    return { ok: false, error: explainCycle(pathIndex, scope.track.id, stuck) };
  }
  const texts: PlanTexts = { waits: new Map(), outside: new Map(), levels: new Map() };
  return { ok: true, plan: { scope, ordered, ids: inPath, upToLevel: new Map(), rendered: new Map(), kept: new Map(), texts } };
}
