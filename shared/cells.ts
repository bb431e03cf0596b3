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

/** Header matching key: case-insensitive, surrounding and repeated spaces ignored. */
export function headerKey(text: string): string {
  // Most text (ids, names, descriptors) is printable ASCII with single inner spaces: then the key is its lower case,
  // found without the regular expression. Anything else takes the general rule.
  let upper = false;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (space) return generalHeaderKey(text);
      space = true;
      continue;
    }
    if (c < 33 || c > 126) return generalHeaderKey(text);
    if (c >= 65 && c <= 90) upper = true;
    space = false;
  }
  if (space && text.length > 0) return generalHeaderKey(text);
  return upper ? text.toLowerCase() : text;
}

function generalHeaderKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
