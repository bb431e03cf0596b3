import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, neutralizeText, restoreCell, restoreText } from '../../shared/formats/csv-safety';

const DANGEROUS_FIRST = ['=', '+', '-', '@', '\t', '\r'];
const tricky = fc.stringMatching(/^['=+\-@\t\r a-z0-9]{0,8}$/);

describe('CSV formula-injection safety', () => {
  it('neutralizes cells that start with a formula character', () => {
    expect(neutralizeText('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(neutralizeText('+1')).toBe("'+1");
    expect(neutralizeText('-5')).toBe("'-5");
    expect(neutralizeText('@cmd')).toBe("'@cmd");
    expect(neutralizeText('\tx')).toBe("'\tx");
    expect(neutralizeText('\rx')).toBe("'\rx");
    expect(neutralizeText('plain')).toBe('plain');
    expect(neutralizeText("'quoted")).toBe("'quoted");
  });

  it('leaves numbers alone: a numeric -5 is not text', () => {
    expect(neutralizeCell(-5)).toBe(-5);
    expect(neutralizeCell(true)).toBe(true);
    expect(neutralizeCell('-5')).toBe("'-5");
    expect(restoreCell("'-5")).toBe('-5');
  });

  it('keeps a person-written leading quote through the round trip', () => {
    expect(neutralizeText("'=x")).toBe("''=x");
    expect(restoreText("''=x")).toBe("'=x");
    expect(restoreText("'abc")).toBe("'abc");
  });

  it('restore(neutralize(x)) === x and the result never starts with a dangerous character', () => {
    for (const arb of [fc.string(), fc.string({ unit: 'grapheme' }), tricky]) {
      fc.assert(
        fc.property(arb, (x) => {
          const n = neutralizeText(x);
          expect(restoreText(n)).toBe(x);
          expect(DANGEROUS_FIRST.includes(n.charAt(0))).toBe(false);
        }),
        { numRuns: 500 },
      );
    }
  });
});
