/**
 * Defects planted in one track's own cells of a valid workbook (e.g. a generated one), and which cells of the
 * workbook belong to a track by its own rows: what a finding on that track's draft must be about.
 */
import { a1, headerKey } from '../../shared/cells';
import { LEVELS_TAB, MODULES_TAB, POSITIONS_TAB, TRACKS_TAB, matrixTabName, rubricTabName } from '../../shared/contract';
import type { Finding } from '../../shared/findings';
import type { SheetSnapshot, WorkbookSnapshot } from '../../shared/snapshot';

export const TRACK_DEFECTS = [
  'owner-email', 'review-date', 'level-order', 'level-name', 'position-level', 'matrix-competency', 'rubric-outside', 'module-gate', 'module-prerequisite',
] as const;
export type TrackDefect = (typeof TRACK_DEFECTS)[number];

type Cell = SheetSnapshot['values'][number][number];

export function tab(s: WorkbookSnapshot, name: string): SheetSnapshot {
  const found = s.sheets.find((t) => headerKey(t.name) === headerKey(name));
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

function col(sheet: SheetSnapshot, header: string): number {
  const c = sheet.values[0].findIndex((h) => typeof h === 'string' && headerKey(h) === headerKey(header));
  if (c < 0) throw new Error(`${sheet.name} has no column ${header}`);
  return c;
}

const text = (v: Cell | undefined) => (v === null || v === undefined ? '' : String(v).trim());

/** Data rows (0-based indexes) of a tab whose `header` column holds `value`. */
export function rowsWhere(sheet: SheetSnapshot, header: string, value: string): number[] {
  const c = col(sheet, header);
  return sheet.values.map((r, i) => (i > 0 && text(r[c]) === value ? i : -1)).filter((i) => i > 0);
}

function put(sheet: SheetSnapshot, row: number, header: string, value: Cell): string {
  const c = col(sheet, header);
  while (sheet.values[row].length <= c) sheet.values[row].push('');
  sheet.values[row][c] = value;
  return a1(row, c);
}

/**
 * Plants `defect` in track `trackId`'s own rows (`pick` chooses which one) and answers the cell that changed, or
 * null when the track has no row to plant it in. Changes `s` in place.
 */
export function plantTrackDefect(s: WorkbookSnapshot, trackId: string, defect: TrackDefect, pick: number): { sheet: string; cell: string } | null {
  const at = (sheet: SheetSnapshot, rows: number[], header: string, value: (old: string) => Cell) => {
    if (rows.length === 0) return null;
    const row = rows[pick % rows.length];
    return { sheet: sheet.name, cell: put(sheet, row, header, value(text(sheet.values[row][col(sheet, header)]))) };
  };
  const tracks = tab(s, TRACKS_TAB.name);
  const levels = tab(s, LEVELS_TAB.name);
  const positions = tab(s, POSITIONS_TAB.name);
  const modules = tab(s, MODULES_TAB.name);
  switch (defect) {
    case 'owner-email': return at(tracks, rowsWhere(tracks, 'Track ID', trackId), 'Owner Email', () => 'owner at acme');
    case 'review-date': return at(tracks, rowsWhere(tracks, 'Track ID', trackId), 'Review By', () => '31/12/2027');
    case 'level-order': return at(levels, rowsWhere(levels, 'Track ID', trackId), 'Order', () => 'first');
    case 'level-name': return at(levels, rowsWhere(levels, 'Track ID', trackId), 'Level Name', () => '');
    case 'position-level': return at(positions, rowsWhere(positions, 'Track ID', trackId), 'Level Code', () => 'NO-SUCH-LEVEL');
    case 'matrix-competency': {
      const matrix = tab(s, matrixTabName(trackId));
      return at(matrix, matrix.values.map((_, i) => i).slice(1), 'Competency ID', () => `NOPE-${trackId}`);
    }
    case 'rubric-outside': {
      const matrix = tab(s, matrixTabName(trackId));
      const listed = new Set(matrix.values.slice(1).map((r) => text(r[col(matrix, 'Competency ID')])));
      const comps = tab(s, 'Competencies');
      const outside = comps.values.slice(1).map((r) => text(r[col(comps, 'Competency ID')])).find((id) => id !== '' && !listed.has(id));
      const rubric = tab(s, rubricTabName(trackId));
      const dimensions = rubric.values.map((r, i) => (i > 0 && text(r[col(rubric, 'Competency ID')]) !== '' ? i : -1)).filter((i) => i > 0);
      return outside === undefined ? null : at(rubric, dimensions, 'Competency ID', () => outside);
    }
    case 'module-gate': return at(modules, rowsWhere(modules, 'Track ID', trackId), 'Gate', () => 'when ready');
    case 'module-prerequisite': return at(modules, rowsWhere(modules, 'Track ID', trackId), 'Prerequisites', (old) => [old, 'NO-SUCH-MODULE'].filter((x) => x !== '').join(', '));
  }
}

/**
 * Whether a finding is about a cell of the track's own rows: its Tracks row, its Levels and Positions rows, its
 * modules and the Shared ones, its Matrix and Rubric tabs, and the header rows of the fixed tabs. (Its part also
 * holds the competencies it needs; those are left out here, so the check is one way for them.)
 */
export function ownCell(s: WorkbookSnapshot, trackId: string, f: Pick<Finding, 'sheet' | 'cell'>): boolean {
  if (f.sheet === matrixTabName(trackId) || f.sheet === rubricTabName(trackId)) return true;
  const row = Number(/\d+$/.exec(f.cell)?.[0]) - 1;
  const byTrack: Record<string, readonly string[]> = {
    [TRACKS_TAB.name]: [trackId], [LEVELS_TAB.name]: [trackId], [POSITIONS_TAB.name]: [trackId], [MODULES_TAB.name]: [trackId, 'Shared'],
  };
  const owners = byTrack[f.sheet];
  if (!owners) return false;
  if (row === 0) return true;
  const sheet = tab(s, f.sheet);
  const value = text(sheet.values[row]?.[col(sheet, 'Track ID')]);
  return owners.includes(value);
}

export const cellKey = (f: Pick<Finding, 'sheet' | 'cell' | 'code'>) => `${f.sheet}!${f.cell} ${f.code}`;

/** The track ids of the Tracks tab, in row order, each once. */
export function trackIdsOf(s: WorkbookSnapshot): string[] {
  const tracks = tab(s, TRACKS_TAB.name);
  const c = col(tracks, 'Track ID');
  return [...new Set(tracks.values.slice(1).map((r) => text(r[c])).filter((id) => id !== ''))];
}
