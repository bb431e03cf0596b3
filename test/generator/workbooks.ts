/** Shapes the generator tests share. */
import type { GenerateOptions } from '../support/generate-workbook';

/** The clock the generated workbook's review dates are checked against. */
export const TODAY = '2026-11-23';

/** Small enough for one test per defect kind to stay fast. */
export const SMALL: Partial<GenerateOptions> = { tracks: 3, levelsPerTrack: 4, competencies: 40, positions: 12, modules: 12, seed: 7 };

/** A second shape: more tracks and the product's 10 levels. */
export const MEDIUM: Partial<GenerateOptions> = { tracks: 6, levelsPerTrack: 10, competencies: 300, rowsPerMatrix: 60, positions: 50, modules: 40, employees: 30, seed: 42 };
