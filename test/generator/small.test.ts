import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../shared/validate/index';
import { generateWorkbook, type GenerateOptions } from '../support/generate-workbook';
import { MEDIUM, SMALL, TODAY } from './workbooks';

const shapes: [string, Partial<GenerateOptions>][] = [
  ['3 tracks x 4 levels, 40 competencies', SMALL],
  ['6 tracks x 10 levels with employees', MEDIUM],
  ['one track with one level', { tracks: 1, levelsPerTrack: 1, competencies: 10, positions: 3, modules: 4, seed: 2 }],
  ['defaults scaled down from the number of tracks', { tracks: 5, levelsPerTrack: 6, seed: 11 }],
];

describe('small generated workbooks', () => {
  it.each(shapes)('%s validates with zero findings', (_, options) => {
    expect(validateSnapshot(generateWorkbook(options), { today: TODAY })).toEqual([]);
  });

  it('stays valid over many seeds and shapes', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const options = { tracks: 1 + (seed % 7), levelsPerTrack: 1 + (seed % 6), competencies: 20 + ((seed * 13) % 200), positions: 1 + (seed % 30), modules: seed % 40, employees: seed % 3 === 0 ? 20 : 0, seed };
      expect({ options, findings: validateSnapshot(generateWorkbook(options), { today: TODAY }) }).toEqual({ options, findings: [] });
    }
  });
});
