/**
 * Text Rungs can store, the one rule for workbook cells, learner-record and HRIS CSV cells and the text fields of
 * requests: no NUL character (PostgreSQL text cannot hold one), no broken character (half of a surrogate pair:
 * UTF-8 cannot encode it), and no more than Google Sheets holds in one cell. Text breaking it is a `bad-text`
 * finding at its cell, so both stores answer alike and nothing is stored.
 */
import { a1 } from './cells';
import { error, type Finding } from './findings';

/** Google Sheets holds at most 50,000 characters in one cell. */
export const MAX_CELL_CHARS = 50_000;

export type TextProblem = 'nul' | 'broken-character' | 'too-long';

/** Any surrogate, paired or not: where the slow check has to look. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether the text holds half of a surrogate pair (what UTF-8 cannot encode). */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = s.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    else return true;
  }
  return false;
}

/** Node has a native check (about 6x faster than a regular expression); Apps Script may not. */
const nativeWellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;
const wellFormed: (s: string) => boolean = nativeWellFormed
  ? (s) => nativeWellFormed.call(s)
  : (s) => !SURROGATE.test(s) || !hasLoneSurrogate(s);

/** Whether the text can be stored: the quick answer for every cell of a workbook or a file. */
export function isStorableText(s: string): boolean {
  return s.length <= MAX_CELL_CHARS && s.indexOf('\u0000') === -1 && wellFormed(s);
}

/** What is wrong with the text, or null when it can be stored. */
export function textProblem(s: string): TextProblem | null {
  if (isStorableText(s)) return null;
  if (s.length > MAX_CELL_CHARS) return 'too-long';
  return s.includes('\u0000') ? 'nul' : 'broken-character';
}

/** What to tell a person; `what` names the cell or field ("This cell", "employee_id"). */
export function textProblemMessage(problem: TextProblem, length: number, what = 'This cell'): string {
  if (problem === 'too-long')
    return `${what} holds ${length.toLocaleString('en-US')} characters; Google Sheets keeps at most ${MAX_CELL_CHARS.toLocaleString('en-US')} in a cell, and so does Rungs. Shorten it.`;
  if (problem === 'nul')
    return `${what} holds a NUL character (an invisible control character, usually left by a copy from another program or a broken export). Rungs cannot store it: retype the text, or delete that character.`;
  return `${what} holds a broken character (half of an emoji or other symbol, left where text was cut in the middle of it). Rungs cannot store it: retype the text.`;
}

/** The finding for a cell whose text cannot be stored, or null. */
export function badTextFinding(sheet: string, cell: string, text: string, what?: string): Finding | null {
  const problem = textProblem(text);
  return problem === null ? null : error(sheet, cell, 'bad-text', textProblemMessage(problem, text.length, what));
}

/** A field message for zod refinements of request bodies. */
export const STORABLE_TEXT_MESSAGE = `Text must not hold a NUL character or a broken character (half of an emoji), nor more than ${MAX_CELL_CHARS.toLocaleString('en-US')} characters.`;

/** A `bad-text` finding for each cell of the sheet whose text cannot be stored. */
export function checkSheetText(sheet: { name: string; values: readonly (readonly unknown[])[] }, findings: Finding[]): void {
  const { values } = sheet;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || isStorableText(v)) continue;
      const f = badTextFinding(sheet.name, a1(r, c), v);
      if (f) findings.push(f);
    }
  }
}
