import { describe, expect, it } from 'vitest';
import { generateWorkbook, resolveOptions } from '../support/generate-workbook';
import { MEDIUM, SMALL } from './workbooks';

describe('generateWorkbook is deterministic', () => {
  it('gives the same snapshot for the same seed', () => {
    expect(JSON.stringify(generateWorkbook(SMALL))).toBe(JSON.stringify(generateWorkbook(SMALL)));
    expect(JSON.stringify(generateWorkbook(MEDIUM))).toBe(JSON.stringify(generateWorkbook(MEDIUM)));
  });

  it('gives the same product-scale snapshot for the same seed', () => {
    expect(JSON.stringify(generateWorkbook({ seed: 3 }))).toBe(JSON.stringify(generateWorkbook({ seed: 3 })));
  });

  it('gives another snapshot for another seed', () => {
    expect(JSON.stringify(generateWorkbook({ ...SMALL, seed: 8 }))).not.toBe(JSON.stringify(generateWorkbook(SMALL)));
  });

  it('defaults to the product scale', () => {
    expect(resolveOptions()).toEqual({ tracks: 50, levelsPerTrack: 10, competencies: 3000, rowsPerMatrix: 300, positions: 2000, modules: 1000, employees: 0, seed: 1 });
  });

  it('refuses sizes it cannot keep valid', () => {
    expect(() => generateWorkbook({ tracks: 0 })).toThrow(RangeError);
    expect(() => generateWorkbook({ competencies: 40, rowsPerMatrix: 41 })).toThrow(/rowsPerMatrix/);
    expect(() => generateWorkbook({ ...SMALL, positions: 0, employees: 5 })).toThrow(/positions/);
  });
});
