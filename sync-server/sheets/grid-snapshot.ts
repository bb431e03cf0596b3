/**
 * spreadsheets.get grid data -> a workbook snapshot, cell by cell as the add-on's getValues() reading gives it:
 * text, numbers and booleans as they are, date cells as ISO dates, empty cells '', each tab a rectangle up to its
 * last row and column holding a value (getDataRange()).
 */
import { z } from 'zod';
import type { SheetSnapshot, WorkbookSnapshot } from '../../shared/snapshot';
import { describeIssues } from '../zod-issues';
import { SheetsError } from './errors';
import { snapshotTabNames, TAB_ROLE_KEY } from '../../shared/tab-roles';

/**
 * The narrow `fields` mask the read asks for: titles, the add-on's role bindings (developer metadata), effective
 * values, and the number-format type (which numbers are dates).
 */
export const GRID_FIELDS = 'sheets(properties(title),developerMetadata(metadataKey,metadataValue),data(rowData(values(effectiveValue,effectiveFormat/numberFormat/type))))';

const ExtendedValueSchema = z.object({
  stringValue: z.string().optional(),
  numberValue: z.number().optional(),
  boolValue: z.boolean().optional(),
  errorValue: z.object({ type: z.string().optional(), message: z.string().optional() }).optional(),
});

const CellSchema = z.object({
  effectiveValue: ExtendedValueSchema.optional(),
  effectiveFormat: z.object({ numberFormat: z.object({ type: z.string().optional() }).optional() }).optional(),
});

export const GridSpreadsheetSchema = z.object({
  sheets: z.array(z.object({
    properties: z.object({ title: z.string() }),
    developerMetadata: z.array(z.object({ metadataKey: z.string().optional(), metadataValue: z.string().optional() })).default([]),
    data: z.array(z.object({ rowData: z.array(z.object({ values: z.array(CellSchema).optional() })).optional() })).optional(),
  })).default([]),
});
type Cell = z.infer<typeof CellSchema>;

const DAY_MS = 86_400_000;
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A date cell's serial number is already in the spreadsheet's time zone: its whole part is the calendar day. */
export function serialToIsoDate(serial: number): string {
  return new Date(SERIAL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

function cellValue(cell: Cell | undefined): string | number | boolean {
  const v = cell?.effectiveValue;
  if (!v) return '';
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.numberValue !== undefined) {
    const type = cell?.effectiveFormat?.numberFormat?.type;
    return type === 'DATE' || type === 'DATE_TIME' ? serialToIsoDate(v.numberValue) : v.numberValue;
  }
  // An error cell (#REF!, #N/A): the add-on reads it as its error text; the grid data only says its type.
  return v.errorValue ? `#${v.errorValue.type ?? 'ERROR'}` : '';
}

function sheetValues(rowData: { values?: Cell[] }[]): SheetSnapshot['values'] {
  const rows = rowData.map((r) => (r.values ?? []).map(cellValue));
  let height = 0;
  let width = 0;
  rows.forEach((row, r) => row.forEach((v, c) => {
    if (v !== '') { height = r + 1; width = Math.max(width, c + 1); }
  }));
  // getDataRange() of an empty tab is A1: one empty cell.
  if (height === 0) return [['']];
  return rows.slice(0, height).map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
}

export function gridToSnapshot(spreadsheetId: string, body: unknown): WorkbookSnapshot {
  const parsed = GridSpreadsheetSchema.safeParse(body);
  if (!parsed.success) throw new SheetsError('sheets-bad-response', `Google Sheets answered an unexpected spreadsheet: ${describeIssues(parsed.error)}`);
  const sheets = parsed.data.sheets;
  const bindings = sheets.flatMap((s, tab) => s.developerMetadata.filter((m) => m.metadataKey === TAB_ROLE_KEY).map((m) => ({ tab, role: m.metadataValue ?? '' })));
  const names = snapshotTabNames(sheets.map((s) => s.properties.title), bindings);
  return { spreadsheetId, sheets: sheets.map((s, i) => ({ name: names[i], values: sheetValues(s.data?.[0]?.rowData ?? []) })) };
}
