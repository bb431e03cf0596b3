import type { Level, Module, Track } from '../model';
import { levelColumnsInOrder } from '../workbook-index';
import { isShared } from '../sequencing';
import type { PathIndex } from './path-index';

/** One track as path ordering sees it: its levels, when each competency is first required, the modules it needs. */
export interface TrackScope {
  track: Track;
  /** The track's levels sorted by Order. */
  levels: Level[];
  /** Competencies the track's matrix requires at one level at least. */
  required: ReadonlySet<string>;
  /** Competency id -> index in `levels` of the first level whose matrix cell is not blank. */
  firstLevel: ReadonlyMap<string, number>;
  /** Shared modules the track needs, then the track's own modules, one per id. */
  modules: Module[];
}

function firstRequiredLevels(index: PathIndex, trackId: string, levels: Level[]): Map<string, number> {
  const out = new Map<string, number>();
  const matrix = index.workbook.matrixByTrack.get(trackId);
  if (!matrix) return out;
  const cols = levelColumnsInOrder(matrix, levels);
  for (const row of matrix.rows) {
    for (let li = 0; li < cols.length; li++) {
      const col = cols[li];
      if (col < 0 || row.expectations[col] === '') continue;
      const known = out.get(row.competencyId);
      if (known === undefined || li < known) out.set(row.competencyId, li);
      break;
    }
  }
  return out;
}

/**
 * The modules a track's path holds: its own modules, the Shared modules that develop a competency the track
 * requires, and the Shared prerequisites of any of those, transitively.
 */
function neededModules(index: PathIndex, trackId: string, required: ReadonlySet<string>): Module[] {
  const own = index.modulesByTrack.get(trackId) ?? [];
  const shared = index.sharedModules;
  const picked = new Set<string>();
  const queue: Module[] = [];
  const pick = (m: Module) => {
    if (picked.has(m.id)) return;
    picked.add(m.id);
    queue.push(m);
  };
  for (const m of own) pick(m);
  for (const m of shared) if (m.develops.some((c) => required.has(c))) pick(m);
  for (let q = 0; q < queue.length; q++) {
    for (const p of queue[q].prerequisites) {
      const pre = index.workbook.moduleById.get(p);
      if (pre && isShared(pre)) pick(pre);
    }
  }
  return [...shared.filter((m) => picked.has(m.id)), ...own];
}

export function trackScope(index: PathIndex, trackId: string): TrackScope | undefined {
  const track = index.workbook.trackById.get(trackId);
  if (!track) return undefined;
  const levels = index.workbook.levelsByTrack.get(trackId) ?? [];
  const required = index.workbook.requiredByTrack.get(trackId) ?? new Set<string>();
  return {
    track,
    levels,
    required,
    firstLevel: firstRequiredLevels(index, trackId, levels),
    modules: neededModules(index, trackId, required),
  };
}
