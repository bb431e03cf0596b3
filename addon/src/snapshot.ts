import { headerKey } from '../../shared/cells';
import { FIXED_TABS } from '../../shared/contract';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { resolveFixedTabs } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type CellValue = string | number | boolean;

/**
 * A Date cell as an ISO date (YYYY-MM-DD). Sheets gives a date cell as a Date at midnight in the spreadsheet's
 * time zone, so it is formatted in that zone; without Utilities (outside Apps Script) the UTC date is used.
 */
export function isoDateOf(date: Date, timeZone: string | undefined): string {
  if (timeZone && typeof Utilities !== 'undefined') return Utilities.formatDate(date, timeZone, 'yyyy-MM-dd');
  return date.toISOString().slice(0, 10);
}

/** Dates are recognised by their tag, not instanceof: a Date made in another realm (a test's fake) still counts. */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** One cell as the snapshot carries it: strings, numbers and booleans as given, Dates as ISO dates, anything else ''. */
export function snapshotCell(value: unknown, timeZone: string | undefined): CellValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : '';
    default:
      if (isDate(value)) return Number.isNaN(value.getTime()) ? '' : isoDateOf(value, timeZone);
      return '';
  }
}

export interface ReadWorkbook {
  snapshot: WorkbookSnapshot;
  /** Snapshot sheet name -> the tab it was read from (a renamed fixed tab is named by its role in the snapshot). */
  tabs: Map<string, Sheet>;
  /** Every tab, in tab order. */
  sheets: Sheet[];
}

/**
 * Reads the whole workbook with one getDataRange().getValues() per tab, in tab order, row 1 = header row.
 * Fixed tabs are found as Set up workbook binds them (developer metadata first, then by name), so a renamed
 * "Tracks" tab still arrives as "Tracks". The arrays getValues() returns are fresh, so cells are converted in
 * place. Date cells are formatted in `timeZone` (the spreadsheet's, read when not given).
 */
export function readWorkbook(spreadsheet: Spreadsheet, timeZone: string = spreadsheet.getSpreadsheetTimeZone()): ReadWorkbook {
  const { names, tabs, sheets } = snapshotTabs(spreadsheet);
  const out = sheets.map((sheet, i) => {
    const values: CellValue[][] = sheet.getDataRange().getValues();
    for (const row of values) for (let c = 0; c < row.length; c++) row[c] = snapshotCell(row[c], timeZone);
    return { name: names[i], values };
  });
  return { snapshot: { spreadsheetId: spreadsheet.getId(), sheets: out }, tabs, sheets };
}

/** How a snapshot names each tab (without reading any cell): `names[i]` is the name of `sheets[i]`. */
export function snapshotTabs(spreadsheet: Spreadsheet): Omit<ReadWorkbook, 'snapshot'> & { names: string[] } {
  const sheets = spreadsheet.getSheets();
  const roleName = new Map<number, string>();
  const { byRole } = resolveFixedTabs(spreadsheet, sheets);
  for (const spec of FIXED_TABS) {
    const sheet = byRole.get(spec.role);
    if (sheet) roleName.set(sheet.getSheetId(), spec.name);
  }
  const taken = new Set([...roleName.values()].map(headerKey));
  const tabs = new Map<string, Sheet>();
  const names = sheets.map((sheet) => {
    const own = sheet.getName();
    // A new tab named like a renamed bound one ("Tracks" beside the bound "Career tracks") is not that role.
    const name = roleName.get(sheet.getSheetId()) ?? (taken.has(headerKey(own)) ? `${own} (not bound)` : own);
    if (!tabs.has(name)) tabs.set(name, sheet);
    return name;
  });
  return { names, tabs, sheets };
}

export function readSnapshot(spreadsheet: Spreadsheet, timeZone: string = spreadsheet.getSpreadsheetTimeZone()): WorkbookSnapshot {
  return readWorkbook(spreadsheet, timeZone).snapshot;
}

/** Today's date in the spreadsheet's time zone: the clock review-by dates are checked against. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  return isoDateOf(now, timeZone);
}
