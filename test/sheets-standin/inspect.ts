/** Reading a stand-in tab back in tests: values as getDataRange().getValues() gives them, cells, charts, rules. */
import type { sheets_v4 } from 'googleapis';
import { parseA1Range } from './a1';
import { rawValue, type CellData, type StandInSheet, type StandInSpreadsheet } from './model';
import { dataExtent } from './render';

export interface TabView {
  properties: StandInSheet['properties'];
  /** The tab's values as getDataRange().getValues() would give them: a rectangle, '' for empty cells. */
  values(): (string | number | boolean)[][];
  /** The stored cell at an A1 reference ("B7"), or undefined when empty. */
  cell(a1: string): CellData | undefined;
  charts: sheets_v4.Schema$EmbeddedChart[];
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
  conditionalFormats: sheets_v4.Schema$ConditionalFormatRule[];
}

export function tabView(ss: StandInSpreadsheet, title: string): TabView {
  const sheet = ss.sheets.find((s) => s.properties.title === title);
  if (!sheet) throw new Error(`no tab "${title}" in ${ss.spreadsheetId}; tabs: ${ss.sheets.map((s) => s.properties.title).join(', ')}`);
  return {
    properties: sheet.properties,
    values() {
      const { rows, columns } = dataExtent(sheet);
      return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => rawValue(sheet.cells[r]?.[c]) ?? ''));
    },
    cell(a1) {
      const range = parseA1Range(a1);
      if (!range || range.startRow === undefined || range.startColumn === undefined) throw new Error(`bad A1 cell ${a1}`);
      return sheet.cells[range.startRow]?.[range.startColumn];
    },
    charts: sheet.charts,
    protectedRanges: sheet.protectedRanges,
    conditionalFormats: sheet.conditionalFormats,
  };
}
