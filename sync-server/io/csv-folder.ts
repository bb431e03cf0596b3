import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import Papa from 'papaparse';
import type { SheetSnapshot, WorkbookSnapshot } from '../../shared';
import { decodeFileBytes } from '../../shared/formats/encoding';
import { detectDelimiter } from '../../shared/imports/delimiter';
import { compareSheetNames } from './sheet-order';
import { WorkbookLoadError } from './workbook-load-error';

const CSV_FILE = /\.csv$/i;
const BOM = /^\uFEFF/;
const DOWNLOAD_SEPARATOR = ' - ';

/**
 * Google Sheets names a downloaded tab "<spreadsheet title> - <tab name>.csv". When every file of the folder starts
 * with the same "<title> - ", that prefix is dropped so the tab names are the real ones.
 */
export function tabNamesFromFiles(fileNames: readonly string[]): string[] {
  const stems = fileNames.map((f) => f.replace(CSV_FILE, ''));
  if (stems.length < 2) return stems;
  const first = stems[0];
  let prefix = '';
  for (let at = first.lastIndexOf(DOWNLOAD_SEPARATOR); at > 0; at = first.lastIndexOf(DOWNLOAD_SEPARATOR, at - 1)) {
    const candidate = first.slice(0, at + DOWNLOAD_SEPARATOR.length);
    if (stems.every((s) => s.startsWith(candidate) && s.length > candidate.length)) {
      prefix = candidate;
      break;
    }
  }
  return stems.map((s) => s.slice(prefix.length));
}

/** A tab file's bytes as text: UTF-8 only (a Latin-1 / Windows-1252 file would lose its accented letters unseen). */
function utf8Text(bytes: Uint8Array, fileName: string): string {
  const decoded = decodeFileBytes(bytes, fileName);
  if (!decoded.ok) throw new WorkbookLoadError('bad-encoding', `"${fileName}": ${decoded.finding.message}`);
  return decoded.text;
}

/** One tab's CSV text -> its grid of strings. A trailing line break does not make an extra row. */
export function parseTabCsv(text: string, fileName: string): string[][] {
  const body = text.replace(BOM, '');
  // Google Sheets writes commas; a spreadsheet in a European locale saves semicolons: the header row tells.
  const delimiter = detectDelimiter(body.slice(0, body.search(/\r?\n|$/)));
  const result = Papa.parse<string[]>(body, { delimiter, header: false, skipEmptyLines: false, dynamicTyping: false });
  if (result.errors.length > 0) {
    const e = result.errors[0];
    const where = e.row === undefined ? '' : ` near row ${e.row + 1}`;
    throw new WorkbookLoadError('bad-csv', `"${fileName}" cannot be read as CSV${where}: ${e.message}. Check for a quote (") that opens a cell and never closes, or download the tab again from Google Sheets.`);
  }
  const rows = result.data;
  while (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
  return rows;
}

/** A folder of tab CSVs (one `<tab name>.csv` per tab) -> a snapshot whose spreadsheetId is the folder's name. */
export async function readCsvFolder(dir: string): Promise<WorkbookSnapshot> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries.filter((e) => !e.isDirectory() && CSV_FILE.test(e.name)).map((e) => e.name).sort();
  if (files.length === 0) {
    throw new WorkbookLoadError('no-tabs', `The folder "${dir}" holds no CSV files. It should hold one CSV per tab, named after the tab (Tracks.csv, Levels.csv, Matrix ENG.csv, ...).`);
  }
  const names = tabNamesFromFiles(files);
  const sheets: SheetSnapshot[] = await Promise.all(
    files.map(async (file, i) => ({ name: names[i], values: parseTabCsv(utf8Text(await readFile(join(dir, file)), file), file) })),
  );
  sheets.sort((a, b) => compareSheetNames(a.name, b.name));
  return { spreadsheetId: basename(resolve(dir)), sheets };
}

function cellToCsv(value: SheetSnapshot['values'][number][number]): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** One tab's grid as CSV text, as Sheets' "Download as CSV" writes it. */
export function tabCsvText(values: WorkbookSnapshot['sheets'][number]['values']): string {
  return Papa.unparse(values.map((row) => row.map(cellToCsv)), { delimiter: ',', newline: '\r\n' });
}

/** Writes one `<tab name>.csv` per sheet into dir (created if needed): the folder form of the same workbook. */
export async function writeWorkbookFolder(snapshot: WorkbookSnapshot, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const sheet of snapshot.sheets) {
    if (/[/\\\0]/.test(sheet.name)) throw new Error(`Tab "${sheet.name}" cannot be written as a file: its name contains a slash.`);
    await writeFile(join(dir, `${sheet.name}.csv`), tabCsvText(sheet.values), 'utf8');
  }
}
