/**
 * Any two levels of a track side by side (F11): per competency, what is added, raised (the expectation text of each
 * side), unchanged or dropped, in matrix order. The classification is the one "the next level" uses
 * (changesBetween), applied to any pair of levels. One function for the HTTP route, the CLI and the People panel.
 */
import { headerKey } from '../cells';
import { changesBetween, createInheritanceIndex, viewsOf, type InheritanceIndex } from '../inheritance/expectations';
import type { Level, Workbook } from '../model';
import type { CompareResult, LevelComparisonRow } from './schema';

function findLevel(levels: readonly Level[], code: string): number {
  const exact = levels.findIndex((l) => l.code === code);
  return exact >= 0 ? exact : levels.findIndex((l) => headerKey(l.code) === headerKey(code));
}

function list(codes: readonly string[], none: string): string {
  return codes.length > 0 ? codes.join(', ') : none;
}

export function compareLevels(wb: Workbook, trackId: string, fromCode: string, toCode: string, index: InheritanceIndex = createInheritanceIndex(wb)): CompareResult {
  const tracks = index.workbook.trackById;
  const track = tracks.get(trackId);
  if (!track) {
    const valid = [...tracks.keys()];
    return { ok: false, error: { code: 'unknown-track', valid, message: `There is no track "${trackId}". Tracks: ${list(valid, 'none yet')}.` } };
  }
  const levels = index.workbook.levelsByTrack.get(trackId) ?? [];
  const valid = levels.map((l) => l.code);
  const unknown = [fromCode, toCode].filter((code) => findLevel(levels, code) < 0);
  if (unknown.length > 0) {
    const which = unknown.map((c) => `"${c}"`).join(' and ');
    return {
      ok: false,
      error: { code: 'unknown-level', valid, message: `Track ${trackId} has no level ${which}. Its levels are: ${list(valid, 'none (add them to the Levels tab)')}.` },
    };
  }
  const views = viewsOf(index, trackId);
  const from = views[findLevel(levels, fromCode)];
  const to = views[findLevel(levels, toCode)];
  const changes = changesBetween(from.expectations, to.expectations, to.level);
  const order = new Map<string, number>();
  for (const row of index.workbook.matrixByTrack.get(trackId)?.rows ?? []) if (!order.has(row.competencyId)) order.set(row.competencyId, order.size);
  const fromText = new Map(from.expectations.map((e) => [e.competencyId, e.expectation]));
  const rows: LevelComparisonRow[] = [
    ...changes.added.map((e): LevelComparisonRow => ({ competencyId: e.competencyId, competencyName: e.competencyName, change: 'added', from: null, to: e.expectation })),
    ...changes.changed.map((e): LevelComparisonRow => ({ competencyId: e.competencyId, competencyName: e.competencyName, change: 'raised', from: e.from, to: e.to })),
    ...changes.unchanged.map((e): LevelComparisonRow => ({ competencyId: e.competencyId, competencyName: e.competencyName, change: 'unchanged', from: fromText.get(e.competencyId)!, to: e.expectation })),
    ...changes.dropped.map((e): LevelComparisonRow => ({ competencyId: e.competencyId, competencyName: e.competencyName, change: 'dropped', from: e.expectation, to: null })),
  ].sort((a, b) => order.get(a.competencyId)! - order.get(b.competencyId)!);
  return {
    ok: true,
    comparison: {
      track: { id: track.id, name: track.name },
      from: from.level,
      to: to.level,
      counts: { added: changes.added.length, raised: changes.changed.length, unchanged: changes.unchanged.length, dropped: changes.dropped.length },
      rows,
    },
  };
}
