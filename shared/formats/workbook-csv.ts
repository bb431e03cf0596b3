/**
 * The folder-of-CSVs workbook (one `<tab name>.csv` per tab), pure part: what goes into the files on export and
 * what comes back on import. File reading and writing live in sync-server/io.
 *
 * Export neutralizes every text cell against formula injection (see csv-safety.ts); numbers and booleans are
 * written as they are. Import restores the text and reports the rows it cannot take as they are.
 */
import { a1, cellText } from '../cells';
import { error, type Finding } from '../findings';
import type { SheetSnapshot, WorkbookSnapshot } from '../snapshot';
import { neutralizeRows, restoreRows } from './csv-safety';

/** Tab names become file names: these cannot. */
const UNSAFE_NAME = /[/\\\0]/;

export interface CsvTabs {
  snapshot: WorkbookSnapshot;
  findings: Finding[];
}

/** The snapshot as the CSV files hold it: every text cell neutralized. Tabs whose name cannot be a file name are findings. */
export function workbookToCsvTabs(snapshot: WorkbookSnapshot): CsvTabs {
  const findings: Finding[] = [];
  const sheets: SheetSnapshot[] = [];
  for (const s of snapshot.sheets) {
    if (UNSAFE_NAME.test(s.name)) findings.push(error(s.name, 'A1', 'csv-tab-name', `Tab "${s.name}" cannot be written as a file because its name contains a slash; rename the tab.`));
    else sheets.push({ name: s.name, values: neutralizeRows(s.values) });
  }
  return { snapshot: { spreadsheetId: snapshot.spreadsheetId, sheets }, findings };
}

/**
 * CSV tabs as read from files -> the workbook snapshot: neutralized cells restored; a row holding a value in a
 * column without a header is an error (that value would otherwise be lost silently).
 */
export function csvTabsToWorkbook(tabs: WorkbookSnapshot): CsvTabs {
  const findings: Finding[] = [];
  const sheets = tabs.sheets.map((s) => {
    const width = (s.values[0] ?? []).length;
    s.values.forEach((row, r) => {
      if (r === 0) return;
      for (let c = width; c < row.length; c++) {
        if (cellText(row[c]) !== '') {
          findings.push(error(s.name, a1(r, c), 'csv-cell-without-header', `Row ${r + 1} has a value in column ${a1(0, c).replace(/\d+$/, '')}, which has no header; add a header or move the value.`));
          break;
        }
      }
    });
    return { name: s.name, values: restoreRows(s.values) };
  });
  return { snapshot: { spreadsheetId: tabs.spreadsheetId, sheets }, findings };
}
