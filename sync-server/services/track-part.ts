import { isShared } from '../../shared/sequencing';
import type { Competency, Module, Workbook } from '../../shared/model';
import { parseWorkbook } from '../../shared/parse/workbook';
import type { SheetSnapshot, WorkbookSnapshot } from '../../shared/snapshot';

/**
 * A track's part of a workbook: what a draft and a published version of that track hold. It is itself a workbook
 * snapshot (same tabs, header rows and raw cell values, extra columns kept), so the shared validator checks it
 * as it is and a version can be written back to the sheet.
 *
 * It holds:
 * - `Tracks`: the track's row(s) (a duplicated id stays duplicated, so the validator still reports it);
 * - `Levels`, `Positions`: the rows of the track;
 * - `Modules`: the track's rows, every Shared module (the foundation every track builds on: a change to it is a
 *   change to each track's next version), and the modules these list as prerequisites, transitively, so a
 *   prerequisite never dangles;
 * - `Competencies`: the competencies the matrix lists, the rubric dimensions name and the held modules develop,
 *   with everything they depend on, transitively, so references and cycles are checked as in the whole workbook;
 * - the whole `Matrix <track>` and `Rubric <track>` tabs.
 * Employees (people data, imported separately), reports, other tracks' tabs and unknown tabs are left out.
 * Rules that compare tracks (identical rubrics, over-segmentation) only warn, and do not see other tracks here.
 *
 * Returns undefined when the Tracks tab has no row for the track.
 */
export function trackPart(snapshot: WorkbookSnapshot, trackId: string): WorkbookSnapshot | undefined {
  const { workbook: wb } = parseWorkbook(snapshot);
  const tracks = wb.tracks.filter((t) => t.id === trackId);
  if (tracks.length === 0) return undefined;

  const modules = heldModules(wb, trackId);
  const matrix = wb.matrices.find((m) => m.trackId === trackId);
  const rubric = wb.rubrics.find((r) => r.trackId === trackId);
  const seeds = [
    ...(matrix?.rows.map((r) => r.competencyId) ?? []),
    ...(rubric?.dimensions.map((d) => d.competencyId) ?? []),
    ...modules.flatMap((m) => m.develops),
  ];
  const competencies = competencyClosure(wb.competencies, seeds);

  const keep = new Map<string, Set<number>>();
  const mark = (rows: readonly { at: { sheet: string; row: number } }[]) => {
    for (const { at } of rows) {
      const set = keep.get(at.sheet) ?? new Set<number>();
      set.add(at.row);
      keep.set(at.sheet, set);
    }
  };
  mark(tracks);
  mark(wb.levels.filter((l) => l.trackId === trackId));
  mark(wb.positions.filter((p) => p.trackId === trackId));
  mark(modules);
  mark(competencies);

  const fixed = new Set(['tracks', 'levels', 'competencies', 'positions', 'modules'].map((role) => wb.tabs[role]?.name));
  const whole = new Set([matrix?.sheet, rubric?.sheet]);
  const sheets: SheetSnapshot[] = [];
  for (const sheet of snapshot.sheets) {
    if (whole.has(sheet.name)) sheets.push({ name: sheet.name, values: sheet.values.map((r) => r.slice()) });
    else if (fixed.has(sheet.name)) {
      const rows = keep.get(sheet.name) ?? new Set<number>();
      sheets.push({ name: sheet.name, values: sheet.values.filter((_, i) => i === 0 || rows.has(i)).map((r) => r.slice()) });
    }
  }
  return { spreadsheetId: snapshot.spreadsheetId, sheets };
}

function heldModules(wb: Workbook, trackId: string): Module[] {
  const byId = new Map<string, Module[]>();
  for (const m of wb.modules) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
  const held = new Set<Module>();
  const queue = wb.modules.filter((m) => m.trackId === trackId || isShared(m));
  while (queue.length > 0) {
    const m = queue.pop()!;
    if (held.has(m)) continue;
    held.add(m);
    for (const p of m.prerequisites) queue.push(...(byId.get(p) ?? []));
  }
  return wb.modules.filter((m) => held.has(m));
}

function competencyClosure(all: readonly Competency[], seeds: readonly string[]): Competency[] {
  const byId = new Map<string, Competency[]>();
  for (const c of all) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  const ids = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (ids.has(id)) continue;
    ids.add(id);
    for (const c of byId.get(id) ?? []) queue.push(...c.dependsOn);
  }
  return all.filter((c) => ids.has(c.id));
}
