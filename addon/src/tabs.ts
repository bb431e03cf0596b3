/**
 * Finding the contract's fixed tabs: by the developer metadata "rungs.tab" = role that Set up workbook binds to
 * each tab (so a renamed tab is still found), then by name (ignoring case and surrounding spaces).
 */
import { cellText, headerKey } from '../../shared/cells';
import type { TabSpec } from '../../shared/contract';
import { resolveRoles, TAB_ROLE_KEY, type RoleBinding } from '../../shared/tab-roles';
import { readHeader } from '../../shared/parse/table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ResolvedTabs {
  /** Role (tracks, levels ...) -> its sheet. */
  byRole: Map<string, Sheet>;
  /** Ids of the sheets already bound to their role by metadata. */
  boundSheetIds: Set<number>;
  /** Every sheet, in tab order. */
  sheets: Sheet[];
}

/** `sheets`: the spreadsheet's tabs when the caller already has them (saves a getSheets call). */
export function resolveFixedTabs(ss: Spreadsheet, sheets: Sheet[] = ss.getSheets()): ResolvedTabs {
  const positionOf = new Map(sheets.map((s, i) => [s.getSheetId(), i]));
  const bindings: RoleBinding[] = [];
  for (const md of ss.createDeveloperMetadataFinder().withKey(TAB_ROLE_KEY).find()) {
    const location = md.getLocation();
    if (location.getLocationType() !== SpreadsheetApp.DeveloperMetadataLocationType.SHEET) continue;
    const tab = positionOf.get(location.getSheet()?.getSheetId() ?? -1);
    if (tab !== undefined) bindings.push({ tab, role: md.getValue() ?? '' });
  }
  const byRole = new Map<string, Sheet>();
  for (const [role, tab] of resolveRoles(sheets.map((s) => s.getName()), bindings)) byRole.set(role, sheets[tab]);
  const boundSheetIds = new Set(bindings.filter((b) => byRole.get(b.role) === sheets[b.tab]).map((b) => sheets[b.tab].getSheetId()));
  return { byRole, boundSheetIds, sheets };
}

/** Binds a sheet to its role so renaming it does not lose it. */
export function bindTab(sheet: Sheet, role: string): void {
  sheet.addDeveloperMetadata(TAB_ROLE_KEY, role);
}

/** Row 1 as trimmed text; [] for an empty tab. One getValues. */
export function readHeaderRow(sheet: Sheet): string[] {
  const width = sheet.getLastColumn();
  if (width < 1) return [];
  return sheet.getRange(1, 1, 1, width).getValues()[0].map((v: unknown) => cellText(v));
}

/** Grows the sheet so that a rows x columns rectangle from A1 fits (getRange outside the sheet throws). */
export function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/** Bold header row and row 1 frozen (a tab that freezes more rows keeps them). */
export function styleHeader(sheet: Sheet, width: number): void {
  sheet.getRange(1, 1, 1, Math.max(1, width)).setFontWeight('bold');
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
}

/** Contract column key -> 0-based column of a tab's header row (-1 when missing), matched as the parser matches. */
export function contractColumns(headerRow: readonly unknown[], spec: TabSpec): Record<string, number> {
  const values = [headerRow.map((v) => cellText(v))];
  return readHeader({ name: spec.name, values }, spec, []).cols;
}
