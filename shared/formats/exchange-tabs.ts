/** Reads the optional Framework and Groupings tabs of a workbook snapshot (the parser leaves unknown tabs alone). */
import { cellText, headerKey } from '../cells';
import type { Workbook } from '../model';
import { findSheet, parseWorkbook } from '../parse/workbook';
import type { SheetSnapshot, WorkbookSnapshot } from '../snapshot';
import {
  FRAMEWORK_COLUMNS, FRAMEWORK_TAB, GROUPING_ID_HEADER, GROUPING_NAME_HEADER, GROUPINGS_TAB, type FrameworkHeader,
} from './exchange-columns';

/** A row of an optional tab: its cells by header as written in the tab, and where it lives. */
export interface TabRow {
  sheet: string;
  /** 0-based row index in the tab. */
  row: number;
  /** Cell texts, left to right. */
  values: string[];
  /** headerKey -> 0-based column (the first column with that header). */
  cols: ReadonlyMap<string, number>;
}

/** The text of a cell by header, matched the way the contract matches headers. */
export function cell(row: TabRow, header: string): string {
  const col = row.cols.get(headerKey(header));
  return col === undefined ? '' : (row.values[col] ?? '');
}

export function readTabRows(sheet: SheetSnapshot): TabRow[] {
  const headers = (sheet.values[0] ?? []).map(cellText);
  const cols = new Map<string, number>();
  headers.forEach((h, i) => { if (h !== '' && !cols.has(headerKey(h))) cols.set(headerKey(h), i); });
  const rows: TabRow[] = [];
  for (let r = 1; r < sheet.values.length; r++) {
    const values = sheet.values[r].map(cellText);
    if (values.every((v) => v === '')) continue;
    rows.push({ sheet: sheet.name, row: r, values, cols });
  }
  return rows;
}

export type FrameworkInfo = Partial<Record<FrameworkHeader, string>> & { at: TabRow | null };

/** The Framework tab's first row, or null when the workbook has no such tab or it is empty. */
export function readFramework(snapshot: WorkbookSnapshot): FrameworkInfo | null {
  const sheet = findSheet(snapshot, FRAMEWORK_TAB);
  const row = sheet ? readTabRows(sheet)[0] : undefined;
  if (!row) return null;
  const info: FrameworkInfo = { at: row };
  for (const c of FRAMEWORK_COLUMNS) {
    const v = cell(row, c.header);
    if (v !== '') info[c.header] = v;
  }
  return info;
}

export interface Grouping {
  id: string;
  name: string;
  row: TabRow;
}

/** The Groupings tab's rows that have a Grouping ID. */
export function readGroupings(snapshot: WorkbookSnapshot): Grouping[] {
  const sheet = findSheet(snapshot, GROUPINGS_TAB);
  if (!sheet) return [];
  return readTabRows(sheet)
    .map((row) => ({ id: cell(row, GROUPING_ID_HEADER), name: cell(row, GROUPING_NAME_HEADER), row }))
    .filter((g) => g.id !== '');
}

/** What the exchange formats export from a workbook: the parsed contract tabs plus the optional exchange tabs. */
export interface ExchangeSource {
  workbook: Workbook;
  framework: FrameworkInfo | null;
  groupings: Grouping[];
}

export function exchangeSource(snapshot: WorkbookSnapshot): ExchangeSource {
  return { workbook: parseWorkbook(snapshot).workbook, framework: readFramework(snapshot), groupings: readGroupings(snapshot) };
}
