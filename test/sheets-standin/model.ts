/**
 * The stand-in's in-memory spreadsheets, kept in the Sheets API's own shapes (sheets_v4 schemas) so that what the
 * connector writes can be read back exactly as Google would store it.
 */
import type { sheets_v4 } from 'googleapis';

export type CellData = sheets_v4.Schema$CellData;

export interface StandInSheet {
  properties: sheets_v4.Schema$SheetProperties & { sheetId: number; title: string; gridProperties: { rowCount: number; columnCount: number; frozenRowCount?: number; frozenColumnCount?: number } };
  /** Sparse rows of cells, row-major, 0-based. */
  cells: (CellData | undefined)[][];
  charts: sheets_v4.Schema$EmbeddedChart[];
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
  conditionalFormats: sheets_v4.Schema$ConditionalFormatRule[];
  columnWidths: Record<number, number>;
  /** Metadata located on the sheet (the add-on binds fixed tabs to their role this way). */
  developerMetadata: sheets_v4.Schema$DeveloperMetadata[];
}

export interface StandInSpreadsheet {
  spreadsheetId: string;
  properties: { title: string; locale: string; timeZone: string };
  sheets: StandInSheet[];
  /** Next id handed out for charts and protected ranges (ids are unique across the spreadsheet). */
  nextObjectId: number;
}

export type SeedCell = string | number | boolean | null;

export interface SeedTab {
  name: string;
  values: SeedCell[][];
  /** Developer metadata on the sheet: key -> value. */
  metadata?: Record<string, string>;
}

const DAY_MS = 86_400_000;
/** Sheets' day 0 (serial number epoch): 1899-12-30. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function isoDateToSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - SERIAL_EPOCH_MS) / DAY_MS);
}

export function serialToIsoDate(serial: number): string {
  return new Date(SERIAL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * What Sheets stores when a person types `text` into a cell: numbers, percents, ISO dates and TRUE/FALSE are
 * recognised (dates become serial numbers with a DATE format); anything else stays text.
 */
export function typedCell(text: string): CellData {
  const t = text.trim();
  if (t === '') return {};
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(t)) return { userEnteredValue: { numberValue: Number(t) } };
  const pct = /^(-?[0-9]+(?:\.[0-9]+)?)%$/.exec(t);
  if (pct) return { userEnteredValue: { numberValue: Number(pct[1]) / 100 }, userEnteredFormat: { numberFormat: { type: 'PERCENT', pattern: '0%' } } };
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(t) && !Number.isNaN(Date.parse(t))) {
    return { userEnteredValue: { numberValue: isoDateToSerial(t) }, userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } };
  }
  if (/^(true|false)$/i.test(t)) return { userEnteredValue: { boolValue: t.toLowerCase() === 'true' } };
  return { userEnteredValue: { stringValue: text } };
}

/** A cell kept as given: strings stay text (a plain-text column), numbers and booleans keep their type. */
export function literalCell(value: SeedCell): CellData {
  if (value === null || value === '') return {};
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } };
  if (typeof value === 'boolean') return { userEnteredValue: { boolValue: value } };
  return { userEnteredValue: { stringValue: value } };
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export function newSheet(sheetId: number, title: string, index: number, grid: { rowCount?: number | null; columnCount?: number | null; frozenRowCount?: number | null } = {}): StandInSheet {
  const gridProperties: StandInSheet['properties']['gridProperties'] = {
    rowCount: grid.rowCount ?? DEFAULT_ROWS,
    columnCount: grid.columnCount ?? DEFAULT_COLUMNS,
  };
  if (grid.frozenRowCount) gridProperties.frozenRowCount = grid.frozenRowCount;
  return {
    properties: { sheetId, title, index, sheetType: 'GRID', gridProperties },
    cells: [], charts: [], protectedRanges: [], conditionalFormats: [], columnWidths: {}, developerMetadata: [],
  };
}

/** The value a cell shows once computed; formulas are not evaluated by the stand-in (no effective value). */
export function effectiveValue(cell: CellData | undefined): sheets_v4.Schema$ExtendedValue | undefined {
  const v = cell?.userEnteredValue;
  if (!v || v.formulaValue !== undefined) return undefined;
  return v;
}

/** The cell's value as values.get renders it with UNFORMATTED_VALUE: the raw string, number or boolean. */
export function rawValue(cell: CellData | undefined): string | number | boolean | undefined {
  const v = effectiveValue(cell);
  if (!v) return undefined;
  if (v.stringValue !== undefined && v.stringValue !== null) return v.stringValue;
  if (v.numberValue !== undefined && v.numberValue !== null) return v.numberValue;
  if (v.boolValue !== undefined && v.boolValue !== null) return v.boolValue;
  return undefined;
}

/** The text a cell shows (FORMATTED_VALUE), for the formats the stand-in knows. */
export function formattedValue(cell: CellData | undefined): string | undefined {
  const raw = rawValue(cell);
  if (raw === undefined) return undefined;
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  if (typeof raw === 'string') return raw;
  const format = cell?.userEnteredFormat?.numberFormat;
  switch (format?.type) {
    case 'DATE': return serialToIsoDate(raw);
    case 'PERCENT': return `${+(raw * 100).toFixed(format.pattern?.includes('.') ? 1 : 0)}%`;
    case 'NUMBER': return format.pattern?.includes('.') ? raw.toFixed(2) : String(Math.round(raw));
    default: return String(raw);
  }
}

/** Like a real spreadsheet: the first tab is sheetId 0, the others get unrelated large ids (never their index). */
function seededSheetId(index: number): number {
  return index === 0 ? 0 : 184_000_000 + index * 7_919;
}

export function seedSpreadsheet(spreadsheetId: string, tabs: SeedTab[], options: { title?: string; timeZone?: string; typed?: boolean }): StandInSpreadsheet {
  const sheets = tabs.map((tab, i) => {
    const width = Math.max(0, ...tab.values.map((r) => r.length));
    const sheet = newSheet(seededSheetId(i), tab.name, i, { rowCount: Math.max(DEFAULT_ROWS, tab.values.length), columnCount: Math.max(DEFAULT_COLUMNS, width) });
    sheet.cells = tab.values.map((row) => row.map((v) => {
      const cell = options.typed && typeof v === 'string' ? typedCell(v) : literalCell(v);
      return cell.userEnteredValue ? cell : undefined;
    }));
    sheet.developerMetadata = Object.entries(tab.metadata ?? {}).map(([metadataKey, metadataValue], k) => ({
      metadataId: 5_000 + i * 100 + k, metadataKey, metadataValue, visibility: 'DOCUMENT', location: { locationType: 'SHEET', sheetId: sheet.properties.sheetId },
    }));
    return sheet;
  });
  return {
    spreadsheetId,
    properties: { title: options.title ?? spreadsheetId, locale: 'en_US', timeZone: options.timeZone ?? 'Etc/GMT' },
    sheets,
    nextObjectId: 1_000_001,
  };
}
