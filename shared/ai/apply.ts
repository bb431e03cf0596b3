import { a1, cellText, headerKey } from '../cells';
import { findSheet } from '../parse/workbook';
import type { SheetSnapshot, WorkbookSnapshot } from '../snapshot';
import type { ApplyConflict, CellItem, CellWrite, ProposalItem, RowItem } from './proposal';

export interface ApplyResult {
  writes: CellWrite[];
  /** Items not written because the workbook changed underneath them: the human edit wins. */
  conflicts: ApplyConflict[];
}

const colOf = (sheet: SheetSnapshot, header: string) => (sheet.values[0] ?? []).findIndex((h) => headerKey(cellText(h)) === headerKey(header));
const text = (sheet: SheetSnapshot, row: number, col: number) => cellText(sheet.values[row]?.[col]);

function lastUsedRow(sheet: SheetSnapshot): number {
  for (let r = sheet.values.length - 1; r >= 0; r--) if (sheet.values[r].some((v) => cellText(v) !== '')) return r;
  return -1;
}

function applyCell(snap: WorkbookSnapshot, item: CellItem, out: ApplyResult): void {
  const base = { itemId: item.id, sheet: item.sheet, proposed: item.value, current: '' };
  const sheet = findSheet(snap, item.sheet);
  if (!sheet) return void out.conflicts.push({ ...base, cell: null, reason: 'missing-sheet' });
  const keyCol = colOf(sheet, item.rowHeader);
  const col = colOf(sheet, item.column);
  if (keyCol < 0 || col < 0) return void out.conflicts.push({ ...base, cell: null, reason: 'missing-column' });
  const row = sheet.values.findIndex((r, i) => i > 0 && cellText(r[keyCol]) === item.rowKey);
  if (row < 0) return void out.conflicts.push({ ...base, cell: null, reason: 'missing-row' });
  const cell = a1(row, col);
  const current = text(sheet, row, col);
  if (current !== '' && current !== item.basedOn.trim()) return void out.conflicts.push({ ...base, cell, current, reason: 'edited' });
  if (current === item.value.trim()) return;
  out.writes.push({ sheet: sheet.name, cell, value: item.value });
}

function applyRow(snap: WorkbookSnapshot, item: RowItem, next: Map<string, number>, out: ApplyResult): void {
  const base = { itemId: item.id, sheet: item.sheet, proposed: Object.values(item.values).join(' | '), current: '' };
  const sheet = findSheet(snap, item.sheet);
  if (!sheet) return void out.conflicts.push({ ...base, cell: null, reason: 'missing-sheet' });
  const matchCols = Object.entries(item.match).map(([h, v]) => [colOf(sheet, h), v] as const);
  if (matchCols.some(([c]) => c < 0)) return void out.conflicts.push({ ...base, cell: null, reason: 'missing-column' });
  const existing = sheet.values.findIndex((r, i) => i > 0 && matchCols.every(([c, v]) => headerKey(cellText(r[c])) === headerKey(v)));
  if (existing >= 0) return void out.conflicts.push({ ...base, cell: a1(existing, matchCols[0][0]), current: cellText(sheet.values[existing][matchCols[0][0]]), reason: 'exists' });
  const row = next.get(sheet.name) ?? lastUsedRow(sheet) + 1;
  next.set(sheet.name, row + 1);
  for (const [header, value] of Object.entries(item.values)) {
    const col = colOf(sheet, header);
    if (col >= 0 && value !== '') out.writes.push({ sheet: sheet.name, cell: a1(row, col), value });
  }
}

/**
 * The cell writes for the accepted items, against the workbook as it is now: a cell is written only while it is
 * still blank or still holds the text the proposal was based on, a row only while no row with its key exists.
 * Everything else comes back as a conflict. Pure: the caller (the add-on) performs the writes.
 */
export function applyProposal(snapshot: WorkbookSnapshot, accepted: readonly ProposalItem[]): ApplyResult {
  const out: ApplyResult = { writes: [], conflicts: [] };
  const nextRow = new Map<string, number>();
  for (const item of accepted) {
    if (item.kind === 'cell') applyCell(snapshot, item, out);
    else applyRow(snapshot, item, nextRow, out);
  }
  return out;
}
