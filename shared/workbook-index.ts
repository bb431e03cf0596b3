import { headerKey } from './cells';
import type { Competency, Level, Matrix, Module, Position, Rubric, Track, Workbook } from './model';

/** Lookups over a parsed workbook; the first row wins when an id is duplicated (duplicates are findings). */
export interface WorkbookIndex {
  trackById: Map<string, Track>;
  /** Levels of each track sorted by Order (blank orders last, then by row). */
  levelsByTrack: Map<string, Level[]>;
  competencyById: Map<string, Competency>;
  moduleById: Map<string, Module>;
  positionById: Map<string, Position>;
  matrixByTrack: Map<string, Matrix>;
  rubricByTrack: Map<string, Rubric>;
  /** Competencies a track's matrix requires at one level at least. */
  requiredByTrack: Map<string, Set<string>>;
}

function firstById<T>(items: readonly T[], id: (t: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) {
    const k = id(item);
    if (k !== '' && !out.has(k)) out.set(k, item);
  }
  return out;
}

export function indexWorkbook(wb: Workbook): WorkbookIndex {
  const levelsByTrack = new Map<string, Level[]>();
  for (const level of wb.levels) {
    const list = levelsByTrack.get(level.trackId);
    if (list) list.push(level);
    else levelsByTrack.set(level.trackId, [level]);
  }
  for (const list of levelsByTrack.values())
    list.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.at.row - b.at.row);
  const requiredByTrack = new Map<string, Set<string>>();
  for (const m of wb.matrices) {
    const set = new Set<string>();
    for (const row of m.rows) if (row.expectations.some((e) => e !== '')) set.add(row.competencyId);
    requiredByTrack.set(m.trackId, set);
  }
  return {
    trackById: firstById(wb.tracks, (t) => t.id),
    levelsByTrack,
    competencyById: firstById(wb.competencies, (c) => c.id),
    moduleById: firstById(wb.modules, (m) => m.id),
    positionById: firstById(wb.positions, (p) => p.id),
    matrixByTrack: firstById(wb.matrices, (m) => m.trackId),
    rubricByTrack: firstById(wb.rubrics, (r) => r.trackId),
    requiredByTrack,
  };
}

/** Matrix level columns as the track's levels in order: for each level, its column index in `matrix.levels` (-1 if absent). */
export function levelColumnsInOrder(matrix: Matrix, levels: readonly Level[]): number[] {
  const pos = new Map<string, number>();
  matrix.levels.forEach((l, i) => {
    const k = headerKey(l.code);
    if (!pos.has(k)) pos.set(k, i);
  });
  return levels.map((l) => pos.get(headerKey(l.code)) ?? -1);
}
