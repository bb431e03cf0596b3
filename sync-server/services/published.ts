import { parseWorkbook, type Workbook } from '../../shared';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { fromJson } from '../storage/json';
import type { ServiceContext } from './context';
import { storedEmployees } from './employees';
import { getWorkbook } from './workbooks';

/**
 * The framework employees live under: every track's active version merged into one model, those tracks Active,
 * plus the workbook's stored employees. Tracks never published are absent: nothing is inherited from a draft.
 */
export async function publishedWorkbook(ctx: ServiceContext, spreadsheetId: string): Promise<Workbook> {
  await getWorkbook(ctx, spreadsheetId);
  const rows = await ctx.store.db
    .selectFrom('tracks')
    .innerJoin('versions', (j) =>
      j.onRef('versions.workbook_id', '=', 'tracks.workbook_id').onRef('versions.track_id', '=', 'tracks.track_id').onRef('versions.version', '=', 'tracks.active_version'))
    .select(['tracks.track_id as trackId', 'versions.snapshot as snapshot'])
    .where('tracks.workbook_id', '=', spreadsheetId)
    .execute();
  rows.sort((a, b) => (a.trackId < b.trackId ? -1 : a.trackId > b.trackId ? 1 : 0));
  const merged: Workbook = {
    spreadsheetId, sheetNames: [], tabs: {},
    tracks: [], levels: [], competencies: [], positions: [], modules: [], employees: await storedEmployees(ctx, spreadsheetId), matrices: [], rubrics: [],
  };
  const seenCompetencies = new Set<string>();
  const seenModules = new Set<string>();
  for (const { trackId, snapshot } of rows) {
    const part = parseWorkbook(fromJson<WorkbookSnapshot>(snapshot)).workbook;
    merged.tracks.push(...part.tracks.filter((t) => t.id === trackId).map((t) => ({ ...t, status: 'Active' as const })));
    merged.levels.push(...part.levels.filter((l) => l.trackId === trackId));
    merged.positions.push(...part.positions.filter((p) => p.trackId === trackId));
    merged.matrices.push(...part.matrices.filter((m) => m.trackId === trackId));
    merged.rubrics.push(...part.rubrics.filter((r) => r.trackId === trackId));
    for (const c of part.competencies) if (!seenCompetencies.has(c.id)) (seenCompetencies.add(c.id), merged.competencies.push(c));
    for (const m of part.modules) if (!seenModules.has(m.id)) (seenModules.add(m.id), merged.modules.push(m));
  }
  return merged;
}
