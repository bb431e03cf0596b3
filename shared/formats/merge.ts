/**
 * Merging imported tabs into an existing workbook snapshot (`rungs import --into`).
 * Fixed tabs merge row by row on their key (Tracks: Track ID; Levels: Track ID + Level Code; Competencies:
 * Competency ID; Positions: Position ID; Modules: Module ID; Employees: Employee ID): an imported row replaces the
 * row with the same key, other imported rows are appended; columns are matched by header and new columns appended.
 * Any other tab (Matrix, Rubric, ...) replaces the tab of the same name whole. A row without its key is a finding.
 */
import { a1, cellText, headerKey, type CellValue } from '../cells';
import { FIXED_TABS } from '../contract';
import { error, type Finding } from '../findings';
import type { SheetSnapshot, WorkbookSnapshot } from '../snapshot';

type Cell = CellValue | null;

const KEYS: Record<string, readonly string[]> = Object.fromEntries(
  FIXED_TABS.map((t) => [headerKey(t.name), t.role === 'levels' ? ['Track ID', 'Level Code'] : [t.columns[0].header]]),
);

export interface MergeResult {
  snapshot: WorkbookSnapshot;
  findings: Finding[];
}

function mergeTab(base: SheetSnapshot, incoming: SheetSnapshot, keyHeaders: readonly string[], findings: Finding[]): SheetSnapshot {
  const header: Cell[] = [...(base.values[0] ?? [])];
  const colOf = new Map(header.map((h, i) => [headerKey(cellText(h)), i]));
  const inHeader = (incoming.values[0] ?? []).map((h) => cellText(h));
  const mapCols = inHeader.map((h) => {
    const k = headerKey(h);
    if (k === '') return -1;
    if (!colOf.has(k)) { colOf.set(k, header.length); header.push(h); }
    return colOf.get(k) ?? -1;
  });
  const keyCols = keyHeaders.map((h) => colOf.get(headerKey(h)) ?? -1);
  const keyOf = (row: readonly Cell[]) => keyCols.map((c) => (c < 0 ? '' : cellText(row[c]))).join('\u0000');
  const rows: Cell[][] = base.values.slice(1).map((r) => [...r]);
  const at = new Map<string, number>();
  rows.forEach((r, i) => at.set(keyOf(r), i));
  incoming.values.slice(1).forEach((src, r) => {
    if (src.every((v) => cellText(v) === '')) return;
    const row: Cell[] = Array(header.length).fill('');
    mapCols.forEach((to, from) => { if (to >= 0) row[to] = src[from] ?? ''; });
    const key = keyOf(row);
    if (keyCols.some((c) => c < 0 || cellText(row[c]) === '')) {
      findings.push(error(incoming.name, a1(r + 1, 0), 'import-row-without-id', `Row ${r + 2} has no ${keyHeaders.join(' / ')}; it cannot be merged.`));
      return;
    }
    const existing = at.get(key);
    if (existing === undefined) { at.set(key, rows.length); rows.push(row); }
    else rows[existing] = row;
  });
  return { name: base.name, values: [header, ...rows.map((r) => [...r, ...Array(Math.max(0, header.length - r.length)).fill('')])] };
}

export function mergeSnapshots(base: WorkbookSnapshot, incoming: readonly SheetSnapshot[]): MergeResult {
  const findings: Finding[] = [];
  const sheets = base.sheets.map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));
  for (const inc of incoming) {
    const i = sheets.findIndex((s) => headerKey(s.name) === headerKey(inc.name));
    const keys = KEYS[headerKey(inc.name)];
    if (i < 0) sheets.push({ name: inc.name, values: inc.values.map((r) => [...r]) });
    else if (!keys) sheets[i] = { name: sheets[i].name, values: inc.values.map((r) => [...r]) };
    else sheets[i] = mergeTab(sheets[i], inc, keys, findings);
  }
  return { snapshot: { spreadsheetId: base.spreadsheetId, sheets }, findings };
}
