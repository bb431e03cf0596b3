/** The storable-text rule itself: the check used where String#isWellFormed is missing (Apps Script) agrees with it. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { boundedMessage, error } from '../../shared/findings';
import { hasLoneSurrogate, isStorableText, MAX_CELL_CHARS, textProblem } from '../../shared/storable-text';

const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd7f0, max: 0xe010 })), { maxLength: 12 })
  .map((codes) => String.fromCharCode(...codes));

it('finds half a surrogate pair exactly where String#isWellFormed does', () => {
  fc.assert(fc.property(units, (s) => {
    expect(hasLoneSurrogate(s)).toBe(!(s as unknown as { isWellFormed(): boolean }).isWellFormed());
  }), { numRuns: 5000 });
});

it('names what is wrong: NUL, broken character, too long; emoji and long-but-allowed text are fine', () => {
  expect(textProblem('a\u0000b')).toBe('nul');
  expect(textProblem('a\uDE00')).toBe('broken-character');
  expect(textProblem('x'.repeat(MAX_CELL_CHARS + 1))).toBe('too-long');
  expect(isStorableText(`😀 ${'x'.repeat(MAX_CELL_CHARS - 3)}`)).toBe(true);
});

it('a message quotes at most 200 characters of a cell, never cutting a character in two', () => {
  const cell = `${'😀'.repeat(150)}tail`;
  const f = error('Tracks', 'B2', 'bad-email', `Owner Email "${cell}" is not an email address.`);
  const quoted = /"([^"]*)"/.exec(f.message)![1];
  expect(quoted.length).toBeLessThanOrEqual(200);
  expect(quoted.endsWith('…')).toBe(true);
  expect(isStorableText(f.message)).toBe(true);
  expect(boundedMessage('short "quote" stays')).toBe('short "quote" stays');
});
