/** The stand-in's spreadsheets as the API answers them (spreadsheets.get, values.batchGet). */
import type { sheets_v4 } from 'googleapis';
import { formatA1, type A1Range } from './a1';
import { effectiveValue, formattedValue, rawValue, serialToIsoDate, type CellData, type StandInSheet, type StandInSpreadsheet } from './model';

const ZERO_OMITTED = new Set(['sheetId', 'index', 'startRowIndex', 'startColumnIndex', 'rowIndex', 'columnIndex', 'frozenRowCount', 'frozenColumnCount', 'offsetXPixels', 'offsetYPixels']);

/**
 * proto3 JSON leaves out fields holding their default: the first tab's `sheetId: 0`, `index: 0`, a GridRange's
 * `startRowIndex: 0` never appear in Google's answers. Clients that read `sheet.properties.sheetId` must default it.
 */
export function omitDefaults<T>(value: T): T {
  if (Array.isArray(value)) return value.map(omitDefaults) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || (v === 0 && ZERO_OMITTED.has(k)) || (k === 'warningOnly' && v === false)) continue;
    out[k] = omitDefaults(v);
  }
  return out as T;
}

function renderCell(cell: CellData | undefined): sheets_v4.Schema$CellData {
  if (!cell) return {};
  const out: sheets_v4.Schema$CellData = { ...cell };
  const ev = effectiveValue(cell);
  if (ev) out.effectiveValue = ev;
  const fv = formattedValue(cell);
  if (fv !== undefined) out.formattedValue = fv;
  if (cell.userEnteredFormat) out.effectiveFormat = cell.userEnteredFormat;
  return out;
}

/** The last row and column (exclusive) holding a value: what getDataRange() covers. */
export function dataExtent(sheet: StandInSheet): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  sheet.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (rawValue(cell) !== undefined) { rows = Math.max(rows, r + 1); columns = Math.max(columns, c + 1); }
    });
  });
  return { rows, columns };
}

function gridData(sheet: StandInSheet): sheets_v4.Schema$GridData {
  const { rows } = dataExtent(sheet);
  const rowData: sheets_v4.Schema$RowData[] = [];
  for (let r = 0; r < rows; r++) {
    const row = sheet.cells[r] ?? [];
    let last = row.length;
    while (last > 0 && !row[last - 1]) last--;
    rowData.push(last === 0 ? {} : { values: row.slice(0, last).map(renderCell) });
  }
  return { startRow: 0, startColumn: 0, rowData };
}

export function renderSpreadsheet(ss: StandInSpreadsheet, options: { includeGridData: boolean; sheetTitles?: Set<string> }): sheets_v4.Schema$Spreadsheet {
  const sheets = ss.sheets
    .filter((s) => !options.sheetTitles || options.sheetTitles.has(s.properties.title))
    .map((s): sheets_v4.Schema$Sheet => {
      const out: sheets_v4.Schema$Sheet = { properties: s.properties };
      if (s.charts.length > 0) out.charts = s.charts;
      if (s.protectedRanges.length > 0) out.protectedRanges = s.protectedRanges;
      if (s.conditionalFormats.length > 0) out.conditionalFormats = s.conditionalFormats;
      if (s.developerMetadata.length > 0) out.developerMetadata = s.developerMetadata;
      if (options.includeGridData) out.data = [gridData(s)];
      return out;
    });
  return omitDefaults({
    spreadsheetId: ss.spreadsheetId,
    properties: ss.properties,
    sheets,
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.spreadsheetId}/edit`,
  });
}

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';

function renderValue(cell: CellData | undefined, render: ValueRenderOption, dates: DateTimeRenderOption): string | number | boolean | undefined {
  if (render === 'FORMULA' && cell?.userEnteredValue?.formulaValue) return cell.userEnteredValue.formulaValue;
  if (render === 'FORMATTED_VALUE') return formattedValue(cell);
  const raw = rawValue(cell);
  const type = cell?.userEnteredFormat?.numberFormat?.type;
  if (typeof raw === 'number' && dates === 'FORMATTED_STRING' && (type === 'DATE' || type === 'DATE_TIME')) return serialToIsoDate(raw);
  return raw;
}

/**
 * One ValueRange as values.get answers it: the range clipped to the grid, trailing empty cells of a row and
 * trailing empty rows left out, and no `values` at all when the range is empty.
 */
export function renderValueRange(sheet: StandInSheet, range: A1Range, render: ValueRenderOption, dates: DateTimeRenderOption): sheets_v4.Schema$ValueRange {
  const grid = sheet.properties.gridProperties;
  const r0 = range.startRow ?? 0;
  const c0 = range.startColumn ?? 0;
  const r1 = Math.min(range.endRow ?? grid.rowCount, grid.rowCount);
  const c1 = Math.min(range.endColumn ?? grid.columnCount, grid.columnCount);
  const values: (string | number | boolean)[][] = [];
  for (let r = r0; r < r1; r++) {
    const row: (string | number | boolean)[] = [];
    for (let c = c0; c < c1; c++) {
      const v = renderValue(sheet.cells[r]?.[c], render, dates);
      row.push(v === undefined ? '' : v);
    }
    while (row.length > 0 && row[row.length - 1] === '') row.pop();
    values.push(row);
  }
  while (values.length > 0 && values[values.length - 1].length === 0) values.pop();
  const out: sheets_v4.Schema$ValueRange = { range: formatA1(sheet.properties.title, r0, c0, r1, c1), majorDimension: 'ROWS' };
  if (values.length > 0) out.values = values;
  return out;
}
