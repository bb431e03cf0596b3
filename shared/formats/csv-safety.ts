/**
 * CSV formula-injection safety (OWASP "CSV Injection"): a text cell that a spreadsheet could read as a formula is
 * prefixed with one single quote on export, and that one quote is removed again on import.
 *
 * - Dangerous first characters: `=`, `+`, `-`, `@`, tab, carriage return.
 * - A text that already starts with quotes followed by a dangerous character (e.g. `'=x`, written by a person) gets
 *   one more quote too, so that import (which strips exactly one quote) gives back the original text:
 *   restore(neutralize(x)) === x for every string.
 * - Numbers are not text: a numeric cell -5 (typeof number) is written as is. The string "-5" is text and is
 *   neutralized to "'-5" (a spreadsheet shows it as the text -5).
 */
import type { CellValue } from '../cells';

const DANGEROUS = /^'*[=+\-@\t\r]/;

/** True when the text would be read as a formula, or already looks like a neutralized cell. */
function needsQuote(text: string): boolean {
  return DANGEROUS.test(text);
}

export function neutralizeText(text: string): string {
  return needsQuote(text) ? `'${text}` : text;
}

/** Removes exactly the one quote neutralizeText added; any other text is returned unchanged. */
export function restoreText(text: string): string {
  return text.startsWith("'") && needsQuote(text.slice(1)) ? text.slice(1) : text;
}

export function neutralizeCell(value: CellValue | null): CellValue | null {
  return typeof value === 'string' ? neutralizeText(value) : value;
}

export function restoreCell(value: CellValue | null): CellValue | null {
  return typeof value === 'string' ? restoreText(value) : value;
}

export function neutralizeRows(rows: readonly (readonly (CellValue | null)[])[]): (CellValue | null)[][] {
  return rows.map((row) => row.map(neutralizeCell));
}

export function restoreRows(rows: readonly (readonly (CellValue | null)[])[]): (CellValue | null)[][] {
  return rows.map((row) => row.map(restoreCell));
}
