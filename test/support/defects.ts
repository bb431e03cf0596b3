/**
 * Plants one defect in a copy of a valid workbook (e.g. a generated one) and says which finding it must produce.
 * Works on any workbook that follows the contract and has at least two tracks with matrices and rubrics.
 */
import { a1, headerKey } from '../../shared/cells';
import { COMPETENCIES_TAB, LEVELS_TAB, MODULES_TAB, POSITIONS_TAB, TRACKS_TAB, matrixTabName, rubricTabName } from '../../shared/contract';
import type { Severity } from '../../shared/findings';
import type { SheetSnapshot, WorkbookSnapshot } from '../../shared/snapshot';

export const DEFECT_KINDS = [
  'duplicate-id', 'unknown-track', 'unknown-level', 'unknown-competency', 'unknown-module', 'bad-email', 'bad-date',
  'bad-enum', 'missing-header', 'missing-tab', 'track-no-owner', 'review-overdue', 'dependency-cycle',
  'prerequisite-cycle', 'expectation-dropped', 'matrix-level-order', 'rubric-competency-outside-track',
  'track-overlap', 'rubric-identical',
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

export interface ExpectedFinding {
  sheet: string;
  /** A1 notation, row 1 = the header row. */
  cell: string;
  code: DefectKind;
  severity: Severity;
}

export interface InjectedDefect {
  snapshot: WorkbookSnapshot;
  expect: ExpectedFinding;
}

/** A date before the tests' today (2026-11-23). */
export const PAST_REVIEW_DATE = '2026-06-30';

type Cell = SheetSnapshot['values'][number][number];
type Where = Omit<ExpectedFinding, 'code'>;
const error = (sheet: string, cell: string): Where => ({ sheet, cell, severity: 'error' });
const warning = (sheet: string, cell: string): Where => ({ sheet, cell, severity: 'warning' });

/** Returns a modified deep copy; the input is never touched. */
export function injectDefect(snapshot: WorkbookSnapshot, kind: DefectKind): InjectedDefect {
  const copy = structuredClone(snapshot);
  const where = PLANTERS[kind](copy);
  return { snapshot: copy, expect: { ...where, code: kind } };
}

// ---------------------------------------------------------------------------------------------------------------
// Grid helpers

function tab(s: WorkbookSnapshot, name: string): SheetSnapshot {
  const found = s.sheets.find((t) => headerKey(t.name) === headerKey(name));
  if (!found) throw new Error(`The workbook has no "${name}" tab to plant a defect in.`);
  return found;
}

function col(sheet: SheetSnapshot, header: string): number {
  const c = (sheet.values[0] ?? []).findIndex((h) => typeof h === 'string' && headerKey(h) === headerKey(header));
  if (c < 0) throw new Error(`The "${sheet.name}" tab has no "${header}" column.`);
  return c;
}

const text = (v: Cell | undefined) => (v === null || v === undefined ? '' : String(v).trim());
const get = (sheet: SheetSnapshot, row: number, header: string) => text(sheet.values[row][col(sheet, header)]);

/** Sets a cell by header and returns its A1 reference. */
function put(sheet: SheetSnapshot, row: number, header: string, value: Cell): string {
  const c = col(sheet, header);
  const r = sheet.values[row];
  while (r.length <= c) r.push('');
  r[c] = value;
  return a1(row, c);
}

/** Appends a row given by header -> value (other cells blank) and returns its 0-based index. */
function append(sheet: SheetSnapshot, cells: Record<string, Cell>): number {
  const row: Cell[] = (sheet.values[0] ?? []).map(() => '');
  for (const [header, value] of Object.entries(cells)) row[col(sheet, header)] = value;
  sheet.values.push(row);
  return sheet.values.length - 1;
}

/** The id of the track in data row `n` (1-based) of the Tracks tab. */
const trackId = (s: WorkbookSnapshot, n: number) => get(tab(s, TRACKS_TAB.name), n, 'Track ID');

/** The track's level codes, by Order. */
function levelCodes(s: WorkbookSnapshot, track: string): string[] {
  const levels = tab(s, LEVELS_TAB.name);
  const [trackCol, codeCol, orderCol] = ['Track ID', 'Level Code', 'Order'].map((h) => col(levels, h));
  return levels.values
    .slice(1)
    .filter((row) => text(row[trackCol]) === track)
    .map((row) => ({ code: text(row[codeCol]), order: Number(text(row[orderCol])) }))
    .sort((x, y) => x.order - y.order)
    .map((l) => l.code);
}

/** Column index of each of the track's levels in its matrix tab, in level order. */
function levelColumns(s: WorkbookSnapshot, track: string): number[] {
  const matrix = tab(s, matrixTabName(track));
  return levelCodes(s, track).map((code) => col(matrix, code));
}

/**
 * Rows 1 and 2 list only each other in `listHeader`, so the cycle is exactly those two. The rows are ordered larger id
 * first; the finding belongs at the list cell of the smallest id.
 */
function plantCycle(sheet: SheetSnapshot, idHeader: string, listHeader: string): Where {
  if (get(sheet, 1, idHeader) < get(sheet, 2, idHeader)) [sheet.values[1], sheet.values[2]] = [sheet.values[2], sheet.values[1]];
  const [larger, smaller] = [get(sheet, 1, idHeader), get(sheet, 2, idHeader)];
  put(sheet, 1, listHeader, smaller);
  return error(sheet.name, put(sheet, 2, listHeader, larger));
}

// ---------------------------------------------------------------------------------------------------------------
// One planter per kind: change the copy, say where the finding must be

const PLANTERS: Record<DefectKind, (s: WorkbookSnapshot) => Where> = {
  'duplicate-id': (s) => {
    const comps = tab(s, COMPETENCIES_TAB.name);
    const row = append(comps, { 'Competency ID': get(comps, 1, 'Competency ID'), 'Competency Name': 'A second competency with the same id', Scope: 'Role' });
    return error(comps.name, a1(row, col(comps, 'Competency ID')));
  },

  'unknown-track': (s) => {
    const levels = tab(s, LEVELS_TAB.name);
    const row = append(levels, { 'Track ID': 'NO-SUCH-TRACK', 'Level Code': 'X1', 'Level Name': 'Ghost level', Order: 1 });
    return error(levels.name, a1(row, col(levels, 'Track ID')));
  },

  'unknown-level': (s) => {
    const positions = tab(s, POSITIONS_TAB.name);
    return error(positions.name, put(positions, 1, 'Level Code', 'NO-SUCH-LEVEL'));
  },

  'unknown-competency': (s) => {
    const modules = tab(s, MODULES_TAB.name);
    return error(modules.name, put(modules, 1, 'Develops', `${get(modules, 1, 'Develops')}, NO-SUCH-COMPETENCY`));
  },

  'unknown-module': (s) => {
    const modules = tab(s, MODULES_TAB.name);
    const last = modules.values.length - 1;
    const prerequisites = [get(modules, last, 'Prerequisites'), 'NO-SUCH-MODULE'].filter((p) => p !== '').join(', ');
    return error(modules.name, put(modules, last, 'Prerequisites', prerequisites));
  },

  'bad-email': (s) => error(TRACKS_TAB.name, put(tab(s, TRACKS_TAB.name), 1, 'Owner Email', 'owner at acme')),
  'bad-date': (s) => error(TRACKS_TAB.name, put(tab(s, TRACKS_TAB.name), 1, 'Review By', '31/12/2027')),
  'bad-enum': (s) => error(TRACKS_TAB.name, put(tab(s, TRACKS_TAB.name), 1, 'Track Type', 'Engineer')),
  'track-no-owner': (s) => error(TRACKS_TAB.name, put(tab(s, TRACKS_TAB.name), 1, 'Owner Email', '')),
  'review-overdue': (s) => warning(TRACKS_TAB.name, put(tab(s, TRACKS_TAB.name), 1, 'Review By', PAST_REVIEW_DATE)),

  // The whole column goes; a missing header is reported just right of the header row's last cell.
  'missing-header': (s) => {
    const comps = tab(s, COMPETENCIES_TAB.name);
    const c = col(comps, 'Scope');
    for (const row of comps.values) row.splice(c, 1);
    return error(comps.name, a1(0, comps.values[0].length));
  },

  'missing-tab': (s) => {
    s.sheets = s.sheets.filter((t) => headerKey(t.name) !== headerKey(MODULES_TAB.name));
    return error(MODULES_TAB.name, 'A1');
  },

  // Two competencies that depend only on each other, the larger id placed first so that tab order and id order differ.
  'dependency-cycle': (s) => plantCycle(tab(s, COMPETENCIES_TAB.name), 'Competency ID', 'Depends On'),
  'prerequisite-cycle': (s) => plantCycle(tab(s, MODULES_TAB.name), 'Module ID', 'Prerequisites'),

  // Blank level i of a row whose levels i-1 and i+1 are both filled.
  'expectation-dropped': (s) => {
    const track = trackId(s, 1);
    const matrix = tab(s, matrixTabName(track));
    const cols = levelColumns(s, track);
    for (let r = 1; r < matrix.values.length; r++) {
      const row = matrix.values[r];
      for (let i = 1; i + 1 < cols.length; i++) {
        if ([cols[i - 1], cols[i], cols[i + 1]].every((c) => text(row[c]) !== '')) {
          row[cols[i]] = '';
          return warning(matrix.name, a1(r, cols[i]));
        }
      }
    }
    throw new Error(`No row of ${matrix.name} has three levels in a row filled.`);
  },

  // Swap two neighbouring level columns, header and data: the first of the two is where the order breaks.
  'matrix-level-order': (s) => {
    const track = trackId(s, 1);
    const matrix = tab(s, matrixTabName(track));
    const cols = levelColumns(s, track);
    if (cols.length < 2) throw new Error(`Track ${track} needs two levels to swap.`);
    const i = cols.length >= 3 ? 1 : 0;
    const [x, y] = [cols[i], cols[i + 1]];
    for (const row of matrix.values) [row[x], row[y]] = [row[y] ?? '', row[x] ?? ''];
    return error(matrix.name, a1(0, Math.min(x, y)));
  },

  'rubric-competency-outside-track': (s) => {
    const track = trackId(s, 1);
    const matrix = tab(s, matrixTabName(track));
    const listed = new Set(matrix.values.slice(1).map((row) => text(row[col(matrix, 'Competency ID')])));
    const comps = tab(s, COMPETENCIES_TAB.name);
    const outside = comps.values.slice(1).map((row) => text(row[col(comps, 'Competency ID')])).find((id) => id !== '' && !listed.has(id));
    if (outside === undefined) throw new Error(`Every competency is in ${matrix.name}.`);
    const rubric = tab(s, rubricTabName(track));
    return error(rubric.name, put(rubric, 1, 'Competency ID', outside));
  },

  // The second track's matrix gets the first track's rows (its own header row stays).
  'track-overlap': (s) => {
    const [first, second] = [trackId(s, 1), trackId(s, 2)];
    const [from, to] = [tab(s, matrixTabName(first)), tab(s, matrixTabName(second))];
    const [fromCols, toCols] = [levelColumns(s, first), levelColumns(s, second)];
    if (fromCols.length !== toCols.length) throw new Error(`Tracks ${first} and ${second} need the same number of levels.`);
    const [fromId, toId] = [col(from, 'Competency ID'), col(to, 'Competency ID')];
    to.values = [to.values[0], ...from.values.slice(1).map((src) => {
      const row: Cell[] = to.values[0].map(() => '');
      row[toId] = src[fromId];
      toCols.forEach((c, l) => (row[c] = src[fromCols[l]] ?? ''));
      return row;
    })];
    const tracks = tab(s, TRACKS_TAB.name);
    return warning(tracks.name, a1(2, col(tracks, 'Track ID')));
  },

  // The second track's rubric gets the first one's dimension names and descriptors, keeping its competency ids.
  'rubric-identical': (s) => {
    const [from, to] = [tab(s, rubricTabName(trackId(s, 1))), tab(s, rubricTabName(trackId(s, 2)))];
    if (from.values.length !== to.values.length) throw new Error(`${from.name} and ${to.name} need as many rows.`);
    const keep = new Set([col(to, 'Competency ID'), col(to, 'Weight')]);
    to.values = to.values.map((row, r) => (r === 0 ? row : from.values[r].map((v, c) => (keep.has(c) ? row[c] : v))));
    const later = s.sheets.indexOf(from) > s.sheets.indexOf(to) ? from : to;
    return warning(later.name, 'A1');
  },
};
