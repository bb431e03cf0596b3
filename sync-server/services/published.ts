import type { Employee, Workbook } from '../../shared';
import { parseWorkbook } from '../../shared/parse/workbook';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { fromJson } from '../storage/json';
import type { ServiceContext } from './context';
import { storedEmployees } from './employees';
import { getWorkbook } from './workbooks';

/**
 * What employees live under. Every published version is self-contained: a track serves exactly what its own
 * active version holds (its Shared items as they were when it was published), whatever other tracks publish later.
 */
export interface PublishedFramework {
  spreadsheetId: string;
  /** Each track's own active version, parsed, its track row Active, with the workbook's stored employees; by track id. */
  tracks: ReadonlyMap<string, Workbook>;
  employees: Employee[];
  /**
   * Every active version's rows in one model, for what exists (ids; which track a position is linked to), never for
   * what a track serves: two versions may hold the same Shared item differently. Where they disagree, the most
   * recently published version comes first.
   */
  union: Workbook;
}

/** A workbook's published framework. Tracks never published are absent: nothing is inherited from a draft. */
export async function publishedFramework(ctx: ServiceContext, spreadsheetId: string): Promise<PublishedFramework> {
  await getWorkbook(ctx, spreadsheetId);
  const rows = await ctx.store.db
    .selectFrom('tracks')
    .innerJoin('versions', (j) =>
      j.onRef('versions.workbook_id', '=', 'tracks.workbook_id').onRef('versions.track_id', '=', 'tracks.track_id').onRef('versions.version', '=', 'tracks.active_version'))
    .select(['tracks.track_id as trackId', 'versions.snapshot as snapshot', 'versions.published_at as publishedAt'])
    .where('tracks.workbook_id', '=', spreadsheetId)
    .execute();
  const employees = await storedEmployees(ctx, spreadsheetId);
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const parsed = rows
    .map((r) => ({ ...r, wb: ownWorkbook(parseWorkbook(fromJson<WorkbookSnapshot>(r.snapshot)).workbook, r.trackId, employees) }))
    .sort((a, b) => byId(a.trackId, b.trackId));

  const union: Workbook = {
    spreadsheetId, sheetNames: [], tabs: {},
    tracks: [], levels: [], competencies: [], positions: [], modules: [], employees, matrices: [], rubrics: [],
  };
  for (const { wb } of parsed) {
    union.tracks.push(...wb.tracks);
    union.levels.push(...wb.levels);
    union.matrices.push(...wb.matrices);
    union.rubrics.push(...wb.rubrics);
  }
  for (const { wb } of [...parsed].sort((a, b) => byId(b.publishedAt, a.publishedAt) || byId(a.trackId, b.trackId))) {
    union.positions.push(...wb.positions);
    union.competencies.push(...wb.competencies);
    union.modules.push(...wb.modules);
  }
  return { spreadsheetId, tracks: new Map(parsed.map((p) => [p.trackId, p.wb])), employees, union };
}

/** A version's part as the track serves it: its own rows only, the track Active, the stored employees. */
function ownWorkbook(part: Workbook, trackId: string, employees: Employee[]): Workbook {
  return {
    ...part,
    employees,
    tracks: part.tracks.filter((t) => t.id === trackId).map((t) => ({ ...t, status: 'Active' as const })),
    levels: part.levels.filter((l) => l.trackId === trackId),
    positions: part.positions.filter((p) => p.trackId === trackId),
    matrices: part.matrices.filter((m) => m.trackId === trackId),
    rubrics: part.rubrics.filter((r) => r.trackId === trackId),
  };
}

/**
 * The model a question about one position is answered from: the own version of the track the position is linked
 * to, or the union when no published track links it (the answer is then a refusal saying so).
 */
export function workbookForPosition(fw: PublishedFramework, positionId: string): Workbook {
  const position = fw.union.positions.find((p) => p.id === positionId);
  return (position && fw.tracks.get(position.trackId)) ?? fw.union;
}

/** The union of a workbook's published versions: which tracks, modules, rubrics and positions exist (see `union`). */
export async function publishedWorkbook(ctx: ServiceContext, spreadsheetId: string): Promise<Workbook> {
  return (await publishedFramework(ctx, spreadsheetId)).union;
}
