/**
 * Merging an import into an existing workbook (`rungs import --into`, the `into` of POST /v1/import).
 *
 * The rule: an import never blanks or changes a value its format does not carry, and every value it does change,
 * clear or fill in is a finding naming the cell. Rows are never removed.
 * - Keyed tabs (Tracks: Track ID; Levels: Track ID + Level Code; Competencies: Competency ID; Groupings: Grouping ID;
 *   Positions, Modules, Employees: their id; Matrix tabs: Competency ID; Rubric tabs: Dimension): an imported row
 *   updates the row with the same key, cell by cell, where the format carries a value (null = not carried); a row
 *   with a new key is appended, with the contract's default where the format carries nothing. Columns are matched by
 *   header; a column the workbook lacks is added when the import has a value for it.
 * - Any other tab a CSV import brings (the Framework tab included) replaces the tab of that name, and each differing cell is reported.
 */
import { a1, cellText, headerKey, type CellValue } from '../cells';
import { error, warning, type Finding } from '../findings';
import { FIXED_TABS, MATRIX_ID_HEADER, MATRIX_PREFIX, RUBRIC_DIMENSION_HEADER, RUBRIC_PREFIX } from '../contract';
import type { SheetSnapshot, WorkbookSnapshot } from '../snapshot';
import { GROUPING_ID_HEADER, GROUPINGS_TAB } from './exchange-columns';

type Cell = CellValue | null;

/** The codes of findings that report a change the merge makes to the workbook. */
export const CHANGE_CODES: ReadonlySet<string> = new Set([
  'import-value-changed', 'import-value-cleared', 'import-value-filled', 'import-rows-added', 'import-column-added', 'import-tab-added',
]);

export interface IncomingTab {
  name: string;
  /** Headers whose values identify a row; []: the tab is merged whole. */
  keys: readonly string[];
  header: string[];
  /** null where the format carries nothing for that cell. */
  rows: Cell[][];
  /** What a new row holds where the format carries nothing. */
  defaults: Record<string, CellValue>;
}

export interface MergeResult {
  snapshot: WorkbookSnapshot;
  findings: Finding[];
  /** Names of the workbook's tabs the merge changed or added. */
  changedTabs: string[];
}

const SHOWN = 60;
const shown = (v: Cell) => {
  const t = cellText(v).replace(/\s+/g, ' ');
  return `"${t.length > SHOWN ? `${t.slice(0, SHOWN - 1)}…` : t}"`;
};

function change(sheet: string, row: number, col: number, header: string, before: Cell, after: Cell): Finding {
  const cell = a1(row, col);
  if (cellText(after) === '') return warning(sheet, cell, 'import-value-cleared', `The import clears ${header} (was ${shown(before)}).`);
  if (cellText(before) === '') return warning(sheet, cell, 'import-value-filled', `The import fills in ${header}: ${shown(after)}.`);
  return warning(sheet, cell, 'import-value-changed', `The import changes ${header} from ${shown(before)} to ${shown(after)}.`);
}

const rowsAdded = (sheet: string, first: number, count: number) =>
  warning(sheet, a1(first, 0), 'import-rows-added', `The import adds ${count} row${count === 1 ? '' : 's'} (from row ${first + 1}).`);

interface Merged { values: Cell[][]; changed: boolean }

function mergeKeyed(base: SheetSnapshot, inc: IncomingTab, keys: readonly string[], findings: Finding[]): Merged {
  const header: Cell[] = [...(base.values[0] ?? [])];
  const colOf = new Map<string, number>();
  header.forEach((h, i) => { const k = headerKey(cellText(h)); if (k !== '' && !colOf.has(k)) colOf.set(k, i); });
  const width = header.length;
  const carries = inc.header.map((_, c) => inc.rows.some((r) => cellText(r[c]) !== ''));
  const to = inc.header.map((h, c) => {
    const k = headerKey(h);
    if (k === '') return -1;
    if (!colOf.has(k) && (carries[c] || keys.some((key) => headerKey(key) === k))) {
      colOf.set(k, header.length);
      header.push(h);
      findings.push(warning(base.name, a1(0, header.length - 1), 'import-column-added', `The import adds the column "${h}".`));
    }
    return colOf.get(k) ?? -1;
  });
  const keyCols = keys.map((k) => colOf.get(headerKey(k)) ?? -1);
  const keyOf = (row: readonly Cell[]) => keyCols.map((c) => cellText(row[c])).join('\u0000');
  const rows: Cell[][] = base.values.slice(1).map((r) => [...r]);
  const at = new Map<string, number>();
  rows.forEach((r, i) => { const k = keyOf(r); if (!at.has(k)) at.set(k, i); });
  let changed = header.length > width;
  const firstNew = rows.length;
  inc.rows.forEach((src, r) => {
    if (src.every((v) => cellText(v) === '')) return;
    const keyed: Cell[] = Array(header.length).fill('');
    to.forEach((c, from) => { if (c >= 0) keyed[c] = src[from] ?? ''; });
    if (keyCols.some((c) => cellText(keyed[c]) === '')) {
      findings.push(error(inc.name, a1(r + 1, 0), 'import-row-without-id', `Row ${r + 2} has no ${keys.join(' / ')}; it cannot be merged.`));
      return;
    }
    const existing = at.get(keyOf(keyed));
    if (existing === undefined) {
      const row: Cell[] = Array(header.length).fill('');
      to.forEach((c, from) => { if (c >= 0) row[c] = src[from] ?? inc.defaults[inc.header[from]] ?? ''; });
      at.set(keyOf(row), rows.length);
      rows.push(row);
      changed = true;
      return;
    }
    const row = rows[existing];
    to.forEach((c, from) => {
      const v = src[from];
      if (c < 0 || v === null || v === undefined || cellText(v) === cellText(row[c])) return;
      findings.push(change(base.name, existing + 1, c, cellText(header[c]), row[c] ?? '', v));
      row[c] = v;
      changed = true;
    });
  });
  if (rows.length > firstNew) findings.push(rowsAdded(base.name, firstNew + 1, rows.length - firstNew));
  const padded = header.length > width ? rows.map((r) => [...r, ...Array(Math.max(0, header.length - r.length)).fill('')]) : rows;
  return { values: [header, ...padded], changed };
}

/** A tab merged whole: the imported grid replaces it; each cell that differs is reported. */
function mergeWhole(base: SheetSnapshot, inc: IncomingTab, findings: Finding[]): Merged {
  const next: Cell[][] = [inc.header, ...inc.rows.map((r) => r.map((v) => v ?? ''))];
  let changed = false;
  const rows = Math.max(base.values.length, next.length);
  for (let r = 0; r < rows; r++) {
    const a = base.values[r] ?? [];
    const b = next[r] ?? [];
    if (r >= base.values.length) {
      findings.push(rowsAdded(base.name, r, next.length - base.values.length));
      changed = true;
      break;
    }
    for (let c = 0; c < Math.max(a.length, b.length); c++) {
      if (cellText(a[c]) === cellText(b[c])) continue;
      findings.push(change(base.name, r, c, cellText(next[0]?.[c] ?? base.values[0]?.[c]) || `column ${a1(0, c).replace(/\d+$/, '')}`, a[c] ?? '', b[c] ?? ''));
      changed = true;
    }
  }
  return { values: changed ? next : base.values.map((r) => [...r]), changed };
}

function newTab(inc: IncomingTab): SheetSnapshot {
  return { name: inc.name, values: [inc.header, ...inc.rows.map((r) => r.map((v, i) => v ?? inc.defaults[inc.header[i]] ?? ''))] };
}

const FIXED_KEYS = new Map<string, readonly string[]>(
  FIXED_TABS.map((t) => [headerKey(t.name), t.role === 'levels' ? ['Track ID', 'Level Code'] : [t.columns[0].header]]),
);

/** How a tab of a CSV import merges: by these key headers; [] = whole (the Framework tab, any unknown tab). */
export function tabKeys(name: string): readonly string[] {
  const k = headerKey(name);
  if (k === headerKey(GROUPINGS_TAB)) return [GROUPING_ID_HEADER];
  if (k.startsWith(headerKey(MATRIX_PREFIX) + ' ')) return [MATRIX_ID_HEADER];
  if (k.startsWith(headerKey(RUBRIC_PREFIX) + ' ')) return [RUBRIC_DIMENSION_HEADER];
  return FIXED_KEYS.get(k) ?? [];
}

/** A tab as a CSV import carries it: every cell, the header row naming the columns. */
export function csvIncomingTab(sheet: SheetSnapshot): IncomingTab {
  return { name: sheet.name, keys: tabKeys(sheet.name), header: (sheet.values[0] ?? []).map(cellText), rows: sheet.values.slice(1), defaults: {} };
}

export function mergeSnapshots(base: WorkbookSnapshot, incoming: readonly IncomingTab[]): MergeResult {
  const findings: Finding[] = [];
  const sheets: SheetSnapshot[] = base.sheets.map((s) => ({ name: s.name, values: s.values }));
  const changedTabs: string[] = [];
  for (const inc of incoming) {
    const i = sheets.findIndex((s) => headerKey(s.name) === headerKey(inc.name));
    if (i < 0) {
      if (inc.rows.every((r) => r.every((v) => cellText(v) === ''))) continue;
      sheets.push(newTab(inc));
      changedTabs.push(inc.name);
      findings.push(warning(inc.name, 'A1', 'import-tab-added', `The import adds the tab "${inc.name}" with ${inc.rows.length} row${inc.rows.length === 1 ? '' : 's'}.`));
      continue;
    }
    const base = sheets[i];
    const merged = inc.keys.length === 0 ? mergeWhole(base, inc, findings) : mergeKeyed(base, inc, inc.keys, findings);
    if (merged.changed) {
      sheets[i] = { name: base.name, values: merged.values };
      changedTabs.push(base.name);
    }
  }
  return { snapshot: { spreadsheetId: base.spreadsheetId, sheets }, findings, changedTabs };
}
