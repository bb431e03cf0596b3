import type { NumberFormatKind, ReportCell, ReportTab } from '../../../shared/reports/layout';

/** Table cells longer than this are cut (module titles); single-cell rows (headings, definitions) never are. */
const MAX_TABLE_CELL = 44;
/** Rows with at least this many cells are table rows, aligned column by column. */
const TABLE_MIN_CELLS = 4;

function formatAt(tab: ReportTab): (row: number, column: number) => NumberFormatKind | undefined {
  return (row, column) => {
    const hit = tab.numberFormats.find((f) => row >= f.range.startRow && row < f.range.endRow && column >= f.range.startColumn && column < f.range.endColumn);
    return hit?.kind;
  };
}

function cellText(value: ReportCell, kind: NumberFormatKind | undefined): string {
  if (value === null) return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (kind === 'percent') return `${Math.round(value * 100)}%`;
  if (kind === 'integer') return Math.round(value).toLocaleString('en-US');
  if (kind === 'decimal' || !Number.isInteger(value)) return String(Math.round(value * 100) / 100);
  return String(value);
}

const cut = (s: string) => (s.length > MAX_TABLE_CELL ? `${s.slice(0, MAX_TABLE_CELL - 3)}...` : s);

/** In label / value lines, a value longer than this does not widen its column (it pushes its own note instead). */
const MAX_ALIGNED_VALUE = 12;

/** Aligns a block of rows column by column (text left, numbers right). */
function align(rows: string[][], numeric: boolean[][], table: boolean): string[] {
  const columns = Math.max(...rows.map((r) => r.length));
  const fits = (cell: string, c: number) => table || c === 0 || cell.length <= MAX_ALIGNED_VALUE;
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...rows.map((r) => r[c] ?? '').filter((cell) => fits(cell, c)).map((cell) => cell.length)));
  return rows.map((r, i) => r.map((cell, c) => (c === r.length - 1 && !numeric[i][c] ? cell : numeric[i][c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

/**
 * A report tab as plain text for a terminal: section headings underlined, label/value lines and tables aligned,
 * numbers in the tab's formats (percent, integer, decimal). The same rows the Sheets tab shows.
 */
export function formatReportTab(tab: ReportTab): string {
  const kindOf = formatAt(tab);
  const bold = new Set(tab.boldRows);
  const out: string[] = [];
  let block: { rows: string[][]; numeric: boolean[][]; table: boolean } | null = null;
  const flush = () => {
    if (block) out.push(...align(block.rows, block.numeric, block.table).map((l) => `  ${l}`));
    block = null;
  };
  tab.rows.forEach((raw, r) => {
    let cells = [...raw];
    while (cells.length > 0 && (cells[cells.length - 1] === null || cells[cells.length - 1] === '')) cells = cells.slice(0, -1);
    if (cells.length === 0) {
      flush();
      out.push('');
      return;
    }
    if (cells.length === 1) {
      flush();
      const text = cellText(cells[0], kindOf(r, 0));
      out.push(bold.has(r) ? `${text}\n${'-'.repeat(Math.min(text.length, 80))}` : `  ${text}`);
      return;
    }
    const table = raw.length >= TABLE_MIN_CELLS;
    if (block && block.table !== table) flush();
    block ??= { rows: [], numeric: [], table };
    block.rows.push(cells.map((v, c) => (table ? cut(cellText(v, kindOf(r, c))) : cellText(v, kindOf(r, c)))));
    block.numeric.push(cells.map((v) => typeof v === 'number' || v === null));
  });
  flush();
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
