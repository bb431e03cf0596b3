/**
 * Menu "Set up workbook": every fixed tab of the contract, with its header row (bold, frozen), a note on each
 * header, data validation and the developer metadata that binds the tab to its role. Never changes a cell that
 * holds data: an existing tab only gets its missing headers appended at the end of row 1.
 * Running it twice changes nothing the second time.
 */
import { headerKey } from '../../shared/cells';
import { FIXED_TABS, type TabSpec } from '../../shared/contract';
import { validationFor, widthFor, type ColumnRef } from './column-rules';
import { withDocumentLock } from './lock';
import { bindTab, ensureSize, readHeaderRow, resolveFixedTabs, styleHeader } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SetupReport {
  createdTabs: string[];
  addedHeaders: { tab: string; headers: string[] }[];
  /** Existing tabs found by name and now bound to their role. */
  boundTabs: string[];
}

interface PlacedTab {
  spec: TabSpec;
  sheet: Sheet;
  /** Contract column key -> 1-based column. */
  columns: Map<string, number>;
  width: number;
}

export function setUpWorkbookIn(ss: Spreadsheet): SetupReport {
  return withDocumentLock(() => {
    const report: SetupReport = { createdTabs: [], addedHeaders: [], boundTabs: [] };
    const tabs = resolveFixedTabs(ss);
    const placed: PlacedTab[] = FIXED_TABS.map((spec) => placeTab(ss, spec, tabs.byRole.get(spec.role) ?? null, tabs.boundSheetIds, report));
    const columnRange = (ref: ColumnRef) => {
      const [role, key] = ref.split('.');
      const tab = placed.find((p) => p.spec.role === role);
      const col = tab?.columns.get(key);
      if (!tab || col === undefined) return null;
      return tab.sheet.getRange(2, col, tab.sheet.getMaxRows() - 1, 1);
    };
    for (const tab of placed) {
      for (const column of tab.spec.columns) {
        const col = tab.columns.get(column.key) as number;
        const rule = validationFor(`${tab.spec.role}.${column.key}`, columnRange);
        if (rule) tab.sheet.getRange(2, col, tab.sheet.getMaxRows() - 1, 1).setDataValidation(rule);
      }
    }
    return report;
  });
}

/** Creates or completes one tab: headers, notes, style, metadata. Validation comes after, once every tab exists. */
function placeTab(ss: Spreadsheet, spec: TabSpec, found: Sheet | null, boundSheetIds: Set<number>, report: SetupReport): PlacedTab {
  const sheet = found ?? ss.insertSheet(spec.name);
  const headers = found ? readHeaderRow(sheet) : [];
  if (!found) report.createdTabs.push(spec.name);
  if (!found || !boundSheetIds.has(sheet.getSheetId())) {
    bindTab(sheet, spec.role);
    if (found) report.boundTabs.push(sheet.getName());
  }

  const missing = spec.columns.filter((c) => !headers.some((h) => headerKey(h) === headerKey(c.header))).map((c) => c.header);
  // Room for the headers and for one data row at least (validation starts at row 2).
  ensureSize(sheet, 2, headers.length + missing.length);
  if (missing.length > 0) {
    sheet.getRange(1, headers.length + 1, 1, missing.length).setValues([missing]);
    if (found) report.addedHeaders.push({ tab: sheet.getName(), headers: missing });
  }
  const all = [...headers, ...missing];
  const columns = new Map<string, number>();
  for (const c of spec.columns) columns.set(c.key, all.findIndex((h) => headerKey(h) === headerKey(c.header)) + 1);

  styleHeader(sheet, all.length);
  writeHeaderNotes(sheet, spec, columns, all.length);
  if (!found) for (const c of spec.columns) sheet.setColumnWidth(columns.get(c.key) as number, widthFor(c.key));
  return { spec, sheet, columns, width: all.length };
}

/** One read and one write of row 1's notes: contract columns get their note, other columns keep theirs. */
function writeHeaderNotes(sheet: Sheet, spec: TabSpec, columns: Map<string, number>, width: number): void {
  const range = sheet.getRange(1, 1, 1, width);
  const notes = range.getNotes()[0].slice();
  for (const c of spec.columns) notes[(columns.get(c.key) as number) - 1] = c.note;
  range.setNotes([notes]);
}

export function setupAlertText(report: SetupReport): string {
  const lines: string[] = [];
  if (report.createdTabs.length > 0) lines.push(`Created tabs: ${report.createdTabs.join(', ')}.`);
  for (const a of report.addedHeaders) lines.push(`Added to ${a.tab}: ${a.headers.join(', ')}.`);
  if (report.boundTabs.length > 0) lines.push(`Recognized (now found even if renamed): ${report.boundTabs.join(', ')}.`);
  if (lines.length === 0) return 'Rungs: the workbook is already set up. Nothing was changed.';
  return ['Rungs: workbook set up.', '', ...lines, '', 'Existing data was not changed.'].join('\n');
}
