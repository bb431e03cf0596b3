/** Reads the Moodle CSV text into header-checked records (row index = the row number a spreadsheet shows, minus 1). */
import Papa from 'papaparse';
import { a1, headerKey } from '../cells';
import { error, type Finding } from '../findings';
import { restoreText } from './csv-safety';
import { MOODLE_COLUMNS, type MoodleKey } from './moodle-columns';

export type MoodleRecord = Record<MoodleKey, string> & { row: number };

export interface MoodleRows {
  records: MoodleRecord[];
  cols: Record<MoodleKey, number>;
}

const BOM = /^\uFEFF/;

export function readMoodleRows(csvText: string, sheet: string, findings: Finding[]): MoodleRows | undefined {
  const text = csvText.replace(BOM, '');
  if (text.includes('\uFFFD')) {
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    findings.push(error(sheet, a1(line - 1, 0), 'bad-encoding', `The file is not valid UTF-8 (first bad character on line ${line}). Save it as "CSV UTF-8" and import it again.`));
    return undefined;
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', header: false, skipEmptyLines: false, dynamicTyping: false });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    findings.push(error(sheet, a1(e.row ?? 0, 0), 'bad-csv', `The file cannot be read as CSV near row ${(e.row ?? 0) + 1}: ${e.message}.`));
    return undefined;
  }
  const grid = parsed.data;
  const header = (grid[0] ?? []).map((h) => headerKey(h));
  const cols = {} as Record<MoodleKey, number>;
  let missingAt = header.length;
  for (const c of MOODLE_COLUMNS) {
    cols[c.key] = header.indexOf(headerKey(c.header));
    if (cols[c.key] < 0 && c.required) {
      findings.push(error(sheet, a1(0, missingAt++), 'moodle-missing-column', `The header row has no "${c.header}" column; a Moodle competency framework CSV has 14 columns, starting with "Parent id number", "Id number", "Shortname".`));
    }
  }
  if (missingAt > header.length) return undefined;
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
