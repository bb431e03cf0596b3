import { a1 } from '../cells';
import { error, type Finding } from '../findings';

/** What the CSV parser reports about a record (papaparse's error codes). */
export interface CsvProblem {
  code: string;
  message: string;
}

export function isBlankRecord(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/**
 * Problems with a record's shape, before any cell is read: a quote never closed (a truncated file, or a stray
 * quote: the rest of the file was read into one cell), fewer cells than the header has (a truncated line or a
 * missing delimiter), or more non-blank cells than the header names.
 */
export function recordShapeFindings(sheet: string, row: number, cells: readonly string[], width: number, problems: readonly CsvProblem[]): Finding[] {
  if (problems.length === 0 && cells.length === width) return [];
  const out: Finding[] = [];
  const at = a1(row - 1, 0);
  for (const p of problems) {
    if (p.code === 'MissingQuotes') out.push(error(sheet, at, 'unclosed-quote', `A quoted cell that starts in row ${row} is never closed: the file may be truncated, or a quote is missing. Everything after it was read as that one cell.`));
    else if (p.code === 'InvalidQuotes') out.push(error(sheet, at, 'bad-quotes', `Row ${row} has a quote inside a cell that is not itself quoted; write "" for a quote inside a quoted cell.`));
    else out.push(error(sheet, at, 'bad-csv', `Row ${row} cannot be read as CSV: ${p.message}.`));
  }
  if (out.length) return out;
  if (cells.length < width) {
    out.push(error(sheet, a1(row - 1, Math.max(0, cells.length - 1)), 'too-few-cells', `Row ${row} has ${cells.length} cells but the header has ${width}: the file may be truncated, or a delimiter is missing.`));
  } else if (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')) {
    out.push(error(sheet, a1(row - 1, width), 'too-many-cells', `Row ${row} has ${cells.length} cells but the header has ${width}: a value holds an unquoted delimiter, or a header is missing.`));
  }
  return out;
}
