/** Reads the Moodle CSV text into header-checked records (row index = the row number a spreadsheet shows, minus 1). */
import Papa from 'papaparse';
import { a1 } from '../cells';
import { error, warning, type Finding } from '../findings';
import { detectDelimiter } from '../imports/delimiter';
import { restoreText } from './csv-safety';
import { MOODLE_COLUMNS, type MoodleKey } from './moodle-columns';

export type MoodleRecord = Record<MoodleKey, string> & { row: number };

export interface MoodleRows {
  records: MoodleRecord[];
  cols: Record<MoodleKey, number>;
}

const BOM = /^\uFEFF/;

/**
 * A header as a key that Moodle's spellings share: "Parent id number" (Moodle 3.1's strings) and "Parent ID number"
 * (later ones), "Shortname" and "Short name", "Cross referenced ..." and "Cross-referenced ...", with or without
 * "(optional)".
 */
const columnKey = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '').replace(/optional$/, '');

export function readMoodleRows(csvText: string, sheet: string, findings: Finding[]): MoodleRows | undefined {
  const text = csvText.replace(BOM, '');
  if (text.includes('\uFFFD')) {
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    findings.push(error(sheet, a1(line - 1, 0), 'bad-encoding', `The file is not valid UTF-8 (first bad character on line ${line}). Save it as "CSV UTF-8" and import it again.`));
    return undefined;
  }
  // Moodle writes commas; a file saved again by a spreadsheet may use semicolons or tabs.
  const delimiter = detectDelimiter(text.slice(0, text.search(/\r?\n|$/)));
  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false, dynamicTyping: false });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    findings.push(error(sheet, a1(e.row ?? 0, 0), 'bad-csv', `The file cannot be read as CSV near row ${(e.row ?? 0) + 1}: ${e.message}.`));
    return undefined;
  }
  const grid = parsed.data;
  const header = (grid[0] ?? []).map(columnKey);
  const cols = {} as Record<MoodleKey, number>;
  for (const c of MOODLE_COLUMNS) cols[c.key] = header.indexOf(columnKey(c.header));
  // Moodle writes its headers in the site's language (and reads columns by position): a header of its 14 columns
  // none of which has an English name is read in Moodle's order.
  const byPosition = header.length === MOODLE_COLUMNS.length && MOODLE_COLUMNS.every((c) => cols[c.key] < 0);
  if (byPosition) {
    MOODLE_COLUMNS.forEach((c, i) => { cols[c.key] = i; });
    findings.push(warning(sheet, 'A1', 'moodle-header-by-position', `The header row names no column Rungs knows ("${(grid[0] ?? []).slice(0, 3).join('", "')}"...); its 14 columns are read in the order Moodle writes them: "Parent ID number", "ID number", "Short name", ...`));
  }
  let missingAt = header.length;
  for (const c of MOODLE_COLUMNS) {
    if (cols[c.key] < 0 && c.required) {
      findings.push(error(sheet, a1(0, missingAt++), 'moodle-missing-column', `The header row has no "${c.header}" column; a Moodle competency framework CSV has 14 columns, starting with "Parent ID number", "ID number", "Short name".`));
    }
  }
  if (missingAt > header.length) return undefined;
  const read = new Set(Object.values(cols));
  header.forEach((key, i) => {
    if (!read.has(i) && key !== '') findings.push(warning(sheet, a1(0, i), 'moodle-column-ignored', `The column "${(grid[0] ?? [])[i] ?? ''}" is not one of Moodle's 14; Rungs does not read it.`));
  });
  const records: MoodleRecord[] = [];
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r];
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.length !== header.length) {
      findings.push(error(sheet, a1(r, 0), 'moodle-row-width', `Row ${r + 1} has ${cells.length} cells but the header has ${header.length}; a cell is missing or a quote is misplaced.`));
      continue;
    }
    const rec = { row: r } as MoodleRecord;
    // Rungs' own export neutralizes cells against formula injection; the one quote it added comes off here.
    for (const c of MOODLE_COLUMNS) rec[c.key] = cols[c.key] >= 0 ? restoreText(cells[cols[c.key]] ?? '') : '';
    records.push(rec);
  }
  return { records, cols };
}
