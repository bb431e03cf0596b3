/** A report tab's values, bold rows and number formats as Sheets API requests. */
import type { sheets_v4 } from 'googleapis';
import type { GridRange, NumberFormatKind, ReportCell, ReportTab } from '../../shared/reports/layout';

type Request = sheets_v4.Schema$Request;

export function gridRange(sheetId: number, r: GridRange): sheets_v4.Schema$GridRange {
  return { sheetId, startRowIndex: r.startRow, endRowIndex: r.endRow, startColumnIndex: r.startColumn, endColumnIndex: r.endColumn };
}

export const NUMBER_FORMATS: Record<NumberFormatKind, sheets_v4.Schema$NumberFormat> = {
  percent: { type: 'PERCENT', pattern: '0.0%' },
  decimal: { type: 'NUMBER', pattern: '0.00' },
  integer: { type: 'NUMBER', pattern: '0' },
  date: { type: 'DATE', pattern: 'yyyy-mm-dd' },
};

const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const DAY_MS = 86_400_000;
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

function dateCells(tab: ReportTab): Set<string> {
  const out = new Set<string>();
  for (const f of tab.numberFormats) {
    if (f.kind !== 'date') continue;
    for (let r = f.range.startRow; r < f.range.endRow; r++) for (let c = f.range.startColumn; c < f.range.endColumn; c++) out.add(`${r}:${c}`);
  }
  return out;
}

/**
 * Fractions rounded to 6 decimals: 1/3 travels as 0.333333 rather than 0.3333333333333333 (the payload is about
 * 45 bytes a cell, so digits matter), far below what a report shows. Non-finite numbers are written blank.
 */
function compactNumber(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6;
}

/** A date cell is written as a date (serial number), so the date format applies and it sorts as a date. */
function cellData(value: ReportCell, isDate: boolean): sheets_v4.Schema$CellData {
  if (value === null || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return {};
  if (typeof value === 'number') return { userEnteredValue: { numberValue: compactNumber(value) } };
  if (typeof value === 'boolean') return { userEnteredValue: { boolValue: value } };
  if (isDate && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) {
    return { userEnteredValue: { numberValue: Math.round((Date.parse(`${value}T00:00:00Z`) - SERIAL_EPOCH_MS) / DAY_MS) } };
  }
  // stringValue is never read as a formula: text starting with "=" stays text.
  return { userEnteredValue: { stringValue: value } };
}

/** Values from A1, trailing blank cells left out (the tab was cleared first). */
export function valueRequest(sheetId: number, tab: ReportTab): Request | null {
  if (tab.rows.length === 0) return null;
  const dates = dateCells(tab);
  const rows = tab.rows.map((row, r) => {
    let end = row.length;
    while (end > 0 && (row[end - 1] === null || row[end - 1] === '')) end--;
    return end === 0 ? {} : { values: row.slice(0, end).map((v, c) => cellData(v, dates.has(`${r}:${c}`))) };
  });
  return { updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows, fields: 'userEnteredValue' } };
}

/** Consecutive bold rows as one range each. */
export function boldRequests(sheetId: number, tab: ReportTab, width: number): Request[] {
  const rows = [...new Set(tab.boldRows)].filter((r) => r >= 0).sort((a, b) => a - b);
  const out: Request[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    out.push({
      repeatCell: {
        range: gridRange(sheetId, { startRow: rows[i], endRow: rows[j] + 1, startColumn: 0, endColumn: width }),
        cell: { userEnteredFormat: { textFormat: { bold: true } } },
        fields: 'userEnteredFormat.textFormat.bold',
      },
    });
    i = j + 1;
  }
  return out;
}

export function numberFormatRequests(sheetId: number, tab: ReportTab): Request[] {
  return tab.numberFormats.map((f) => ({
    repeatCell: {
      range: gridRange(sheetId, f.range),
      cell: { userEnteredFormat: { numberFormat: NUMBER_FORMATS[f.kind] } },
      fields: 'userEnteredFormat.numberFormat',
    },
  }));
}
