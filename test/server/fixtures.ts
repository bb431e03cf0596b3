import type { WorkbookSnapshot } from '../../shared';

/** Review-by dates in the fixture lie after this day; pass it as `today` so results do not depend on the clock. */
export const FIXTURE_TODAY = '2026-01-15';

/**
 * A small workbook that honours the contract and every rule: one Individual Contributor track with two levels,
 * a shared foundation competency and a role competency that depends on it, modules in dependency order, a rubric.
 */
export function validSnapshot(): WorkbookSnapshot {
  return {
    spreadsheetId: 'fixture-valid',
    sheets: [
      {
        name: 'Tracks',
        values: [
          ['Track ID', 'Track Name', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Description'],
          ['ENG', 'Software Engineering', 'Individual Contributor', 'owner@example.com', 'Active', '2027-06-30', 'Engineers who build the product.'],
        ],
      },
      {
        name: 'Levels',
        values: [
          ['Track ID', 'Level Code', 'Level Name', 'Order', 'Description'],
          ['ENG', 'E1', 'Engineer', 1, 'Delivers scoped tasks.'],
          ['ENG', 'E2', 'Senior Engineer', 2, 'Leads features end to end.'],
        ],
      },
      {
        name: 'Competencies',
        values: [
          ['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description'],
          ['COMM', 'Written communication', 'Shared', '', 'Clear written updates and docs.'],
          ['CODE', 'Code quality', 'Role', 'COMM', 'Readable, tested code.'],
        ],
      },
      {
        name: 'Positions',
        values: [
          ['Position ID', 'Position Title', 'Track ID', 'Level Code'],
          ['P-100', 'Software Engineer', 'ENG', 'E1'],
          ['P-200', 'Senior Software Engineer', 'ENG', 'E2'],
        ],
      },
      {
        name: 'Modules',
        values: [
          ['Module ID', 'Module Title', 'Track ID', 'Develops', 'Prerequisites', 'Gate', 'Duration Hours'],
          ['M-WRITE', 'Writing for engineers', 'Shared', 'COMM', '', '', 4],
          ['M-REVIEW', 'Code review practice', 'ENG', 'CODE', 'M-WRITE', 'assessment >= 70%', 6],
        ],
      },
      {
        name: 'Employees',
        values: [
          ['Employee ID', 'Employee Name', 'Email', 'Position ID', 'Manager Email'],
          ['E-1', 'Ada Lovelace', 'ada@example.com', 'P-100', 'owner@example.com'],
        ],
      },
      {
        name: 'Matrix ENG',
        values: [
          ['Competency ID', 'Competency Name', 'E1', 'E2'],
          ['COMM', 'Written communication', 'Writes clear status updates.', 'Writes design docs others build on.'],
          ['CODE', 'Code quality', 'Writes tested code with guidance.', 'Sets code quality standards for the team.'],
        ],
      },
      {
        name: 'Rubric ENG',
        values: [
          ['Dimension', 'Competency ID', 'Weight', '1 Beginning', '2 Developing', '3 Proficient', '4 Exemplary'],
          ['Clarity of writing', 'COMM', 1, 'Hard to follow.', 'Mostly clear.', 'Clear and complete.', 'A model for others.'],
          ['Review quality', 'CODE', 2, 'Misses defects.', 'Finds obvious defects.', 'Finds subtle defects.', 'Improves the design.'],
          ['Pass Threshold', '', '70%', '', '', '', ''],
        ],
      },
    ],
  };
}

/** The valid workbook without one of its tabs. */
export function snapshotWithout(tabName: string): WorkbookSnapshot {
  const snapshot = validSnapshot();
  return { ...snapshot, sheets: snapshot.sheets.filter((s) => s.name !== tabName) };
}

/** The valid workbook with one extra problem the parser reports as an error: a Level Order that is not a number. */
export function snapshotWithBadOrder(): WorkbookSnapshot {
  const snapshot = validSnapshot();
  const levels = snapshot.sheets.find((s) => s.name === 'Levels');
  if (levels) levels.values[2][3] = 'second';
  return snapshot;
}
