import type { WorkbookSpec } from './builder';

/**
 * A small Customer Success / Sales workbook used by the CLI and route tests.
 * CS path: S-1 (foundation: Org context, CS1) | M-1 Product knowledge (CS1) -> M-2 Consultative selling (CS2).
 * SAL path: S-1 | P-1. A third track LOOP cannot be ordered (L-1 and L-2 need each other).
 */
export const SALES_SPEC: WorkbookSpec = {
  tracks: {
    CS: { name: 'Customer Success', levels: ['CS1', 'CS2'], matrix: { ORG: 1, PK: 1, CONS: 2 } },
    SAL: { name: 'Sales', levels: ['S1'], matrix: { ORG: 1, PITCH: 1 } },
    LOOP: { name: 'Loop', status: 'Draft', levels: ['L1'], matrix: { X: 1 } },
  },
  competencies: { ORG: 'Org context', PK: 'Product knowledge', CONS: { name: 'Consultative selling', dependsOn: 'PK' }, PITCH: 'Pitching' },
  modules: {
    'S-1': { track: 'Shared', develops: 'ORG', title: 'Company context', gate: 'quiz >= 80%', hours: 2 },
    'M-1': { track: 'CS', develops: 'PK', title: 'Product tour', hours: 3 },
    'M-2': { track: 'CS', develops: 'CONS', title: 'Discovery calls', gate: 'assessment >= 70%', hours: 4 },
    'P-1': { track: 'SAL', develops: 'PITCH', title: 'Pitch practice' },
    'L-1': { track: 'LOOP', develops: 'X', pre: 'L-2' },
    'L-2': { track: 'LOOP', pre: 'L-1' },
  },
  positions: { 'POS-1': ['CS', 'CS1', 'Associate CSM'], 'POS-L': ['LOOP', 'L1'] },
  employees: { 'E-1': ['Ana Diaz', 'POS-1'], 'E-L': ['Lou Ma', 'POS-L'] },
};
