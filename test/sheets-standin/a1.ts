/** A1 ranges as the Sheets API reads them: `'Matrix ENG'!A1:Z`, `Tracks`, `Tracks!B:C`, `A1:B2` (first sheet). */

export interface A1Range {
  /** Undefined when the range names no sheet (the API then reads the first sheet). */
  sheet: string | undefined;
  /** 0-based, end-exclusive; undefined = unbounded, as in a GridRange. */
  startRow?: number;
  endRow?: number;
  startColumn?: number;
  endColumn?: number;
}

const UNQUOTED_NAME = /^[\p{L}\p{N}_.]+$/u;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function parseCorner(text: string): { row?: number; col?: number } | undefined {
  const m = /^([A-Z]*)([0-9]*)$/.exec(text.toUpperCase());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  return { col: m[1] === '' ? undefined : columnIndex(m[1]), row: m[2] === '' ? undefined : Number(m[2]) - 1 };
}

/** Splits off a sheet name, quoted ('It''s here'!A1) or bare (Tracks!A1); no "!" means the whole text is a name or a grid range. */
function splitSheet(range: string): { sheet: string | undefined; cells: string | undefined } {
  if (range.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < range.length) {
      if (range[i] === "'" && range[i + 1] === "'") { name += "'"; i += 2; continue; }
      if (range[i] === "'") break;
      name += range[i++];
    }
    const rest = range.slice(i + 1);
    if (rest === '') return { sheet: name, cells: undefined };
    if (!rest.startsWith('!')) throw new Error('bad quoting');
    return { sheet: name, cells: rest.slice(1) };
  }
  const bang = range.lastIndexOf('!');
  if (bang >= 0) {
    // Names with spaces or punctuation must be quoted ('Matrix ENG'!A1), as Google's A1 notation documents.
    if (!UNQUOTED_NAME.test(range.slice(0, bang))) throw new Error('sheet name needs quotes');
    return { sheet: range.slice(0, bang), cells: range.slice(bang + 1) };
  }
  return parseCells(range) ? { sheet: undefined, cells: range } : { sheet: range, cells: undefined };
}

function parseCells(cells: string): Omit<A1Range, 'sheet'> | undefined {
  const [from, to, extra] = cells.split(':');
  if (extra !== undefined) return undefined;
  // A lone corner must be a whole cell ("B7"): "Tracks" or "ENG" alone is a sheet name, not columns.
  if (to === undefined && !/^[A-Za-z]+[0-9]+$/.test(from)) return undefined;
  const a = parseCorner(from);
  if (!a) return undefined;
  const b = to === undefined ? a : parseCorner(to);
  if (!b) return undefined;
  return {
    startRow: a.row, startColumn: a.col,
    endRow: b.row === undefined ? undefined : b.row + 1,
    endColumn: b.col === undefined ? undefined : b.col + 1,
  };
}

/** Parses an A1 range; undefined when the API would answer "Unable to parse range". */
export function parseA1Range(range: string): A1Range | undefined {
  try {
    const { sheet, cells } = splitSheet(range.trim());
    if (cells === undefined) return { sheet };
    const grid = parseCells(cells);
    return grid ? { sheet, ...grid } : undefined;
  } catch {
    return undefined;
  }
}

export function columnLetters(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** How the API names a sheet in the ranges it answers: quoted only when the name needs it. */
export function quoteSheetName(name: string): string {
  return UNQUOTED_NAME.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatA1(sheet: string, startRow: number, startColumn: number, endRow: number, endColumn: number): string {
  return `${quoteSheetName(sheet)}!${columnLetters(startColumn)}${startRow + 1}:${columnLetters(endColumn - 1)}${endRow}`;
}
