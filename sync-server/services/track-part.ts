import { parseA1 } from '../../shared/cells';
import { EMPLOYEES_TAB, FIXED_TABS, REQUIRED_TABS } from '../../shared/contract';
import type { Competency, Module, Workbook } from '../../shared/model';
import { isBlankRow } from '../../shared/parse/table';
import { parseWorkbook } from '../../shared/parse/workbook';
import { isShared } from '../../shared/sequencing';
import type { SheetSnapshot, WorkbookSnapshot } from '../../shared/snapshot';

/**
 * A track's part of a workbook: what a draft and a published version of that track hold. It is itself a workbook
 * snapshot (same tabs, header rows and raw cell values, extra columns kept), so the shared validator checks it
 * as it is and a version can be written back to the sheet. Every kept row stays at its own row number (the rows
 * left out are blank), so a cell of the part is the same cell in the user's sheet.
 *
 * It holds:
 * - `Tracks`: the track's row(s) (a duplicated id stays duplicated, so the validator still reports it);
 * - `Levels`, `Positions`: the rows of the track;
 * - `Modules`: the track's rows, every Shared module (the foundation every track builds on), and the modules these
 *   list as prerequisites, transitively, so a prerequisite never dangles;
 * - `Competencies`: the competencies the matrix lists, the rubric dimensions name and the held modules develop,
 *   with everything they depend on, transitively, so references and cycles are checked as in the whole workbook;
 * - the whole `Matrix <track>` and `Rubric <track>` tabs.
 * Employees (people data, imported separately), reports, other tracks' tabs and unknown tabs are left out.
 *
 * Returns undefined when the Tracks tab has no row for the track.
 */
export function trackPart(snapshot: WorkbookSnapshot, trackId: string): WorkbookSnapshot | undefined {
  return trackPartOf(snapshot, parseWorkbook(snapshot).workbook, trackId)?.part;
}

export interface TrackPart {
  part: WorkbookSnapshot;
  /** Whether a cell of the whole workbook is one of the part's cells (header rows and missing fixed tabs included). */
  holds(sheet: string, cell: string): boolean;
}

/** The part and which cells it covers; `wb` is `snapshot` parsed. */
export function trackPartOf(snapshot: WorkbookSnapshot, wb: Workbook, trackId: string): TrackPart | undefined {
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
      const set = keep.get(at.sheet) ?? new Set<number>([0]);
      set.add(at.row);
      keep.set(at.sheet, set);
    }
  };
  mark(tracks);
  mark(wb.levels.filter((l) => l.trackId === trackId));
  mark(wb.positions.filter((p) => p.trackId === trackId));
  mark(modules);
  mark(competencies);

  const fixed = new Set(FIXED_ROLES.map((role) => wb.tabs[role]?.name).filter((n): n is string => n !== undefined));
  const whole = new Set([matrix?.sheet, rubric?.sheet].filter((n): n is string => n !== undefined));
  const sheets: SheetSnapshot[] = [];
  for (const sheet of snapshot.sheets) {
    if (whole.has(sheet.name)) sheets.push({ name: sheet.name, values: sheet.values.map((r) => r.slice()) });
    else if (fixed.has(sheet.name)) {
      const rows = keep.get(sheet.name) ?? new Set<number>([0]);
      const last = Math.max(...rows);
      sheets.push({ name: sheet.name, values: sheet.values.slice(0, last + 1).map((r, i) => (rows.has(i) ? r.slice() : [])) });
    }
  }
  const absent = new Set(REQUIRED_TABS.filter((t) => wb.tabs[t.role] === undefined).map((t) => t.name));
  const holds = (sheet: string, cell: string) => {
    if (whole.has(sheet) || absent.has(sheet)) return true;
    if (!fixed.has(sheet)) return false;
    const at = parseA1(cell);
    return at !== undefined && (at.row === 0 || (keep.get(sheet)?.has(at.row) ?? false));
  };
  return { part: { spreadsheetId: snapshot.spreadsheetId, sheets }, holds };
}

const FIXED_ROLES = FIXED_TABS.filter((t) => t.role !== EMPLOYEES_TAB.role).map((t) => t.role);

/** The part without the blank rows that keep its rows at their sheet row numbers: what a person reads or exports. */
export function compactPart(part: WorkbookSnapshot): WorkbookSnapshot {
  return { spreadsheetId: part.spreadsheetId, sheets: part.sheets.map((s) => ({ name: s.name, values: s.values.filter((r, i) => i === 0 || !isBlankRow(r)) })) };
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
