/** Cell addressing and cell-value coercion. Rows and columns here are 0-based indexes into a `values` grid. */

export type CellValue = string | number | boolean;

const letterCache: string[] = [];

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(col: number): string {
  const cached = letterCache[col];
  if (cached !== undefined) return cached;
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  if (col < 1024) letterCache[col] = out;
  return out;
}

/** A1 notation of a 0-based (row, col): (0, 0) -> "A1", (6, 1) -> "B7". */
export function a1(row: number, col: number): string {
  return columnLetters(col) + (row + 1);
}

/** Parses "B7" back to 0-based { row, col }; undefined when it is not an A1 cell reference. */
export function parseA1(ref: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]+)([1-9][0-9]*)$/.exec(ref.trim().toUpperCase());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** The text a person sees in a cell: strings trimmed, numbers and booleans as written, empty for anything else. */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return '';
}

/** Comma-separated id lists ("C1, C2,C3"); semicolons and line breaks are accepted as separators too. */
export function splitList(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const t = part.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

/** Printable ASCII words separated by single spaces: text whose key is just its lower case. */
const PLAIN_TEXT = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** Header matching key: case-insensitive, surrounding and repeated spaces ignored. */
export function headerKey(text: string): string {
  // Most text (ids, names, descriptors) is plain: then the key is found without trimming and replacing.
  return PLAIN_TEXT.test(text) ? text.toLowerCase() : generalHeaderKey(text);
}

function generalHeaderKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
