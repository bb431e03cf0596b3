import type { WorkbookSnapshot } from '../../shared/snapshot';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
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

/**
 * Reads the whole workbook with one getDataRange().getValues() per tab, in tab order, row 1 = header row.
 * The arrays getValues() returns are fresh, so cells are converted in place. Date cells are formatted in `timeZone`
 * (the spreadsheet's, read when not given).
 */
export function readSnapshot(spreadsheet: Spreadsheet, timeZone: string = spreadsheet.getSpreadsheetTimeZone()): WorkbookSnapshot {
  const sheets = spreadsheet.getSheets().map((sheet) => {
    const values: CellValue[][] = sheet.getDataRange().getValues();
    for (const row of values) for (let c = 0; c < row.length; c++) row[c] = snapshotCell(row[c], timeZone);
    return { name: sheet.getName(), values };
  });
  return { spreadsheetId: spreadsheet.getId(), sheets };
}

/** Today's date in the spreadsheet's time zone: the clock review-by dates are checked against. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  return isoDateOf(now, timeZone);
}
