/**
 * What Set up workbook puts on each contract column besides its header and note: data validation and a width.
 * The allowed values come from shared/contract.ts; only the choice of Sheets feature lives here.
 */
import { SCOPES, SHARED_TRACK, TRACK_STATUSES, TRACK_TYPES } from '../../shared/contract';

type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** "role.key", e.g. "tracks.type". */
export type ColumnRef = `${string}.${string}`;

/** The data cells of another tab's column (rows 2..max), for dropdowns fed from the workbook itself. */
export type ColumnRange = (ref: ColumnRef) => Range | null;

const LISTS: Partial<Record<ColumnRef, readonly string[]>> = {
  'tracks.type': TRACK_TYPES,
  'tracks.status': TRACK_STATUSES,
  'competencies.scope': SCOPES,
};

const EMAILS = new Set<ColumnRef>(['tracks.ownerEmail', 'employees.email', 'employees.managerEmail']);
const DATES = new Set<ColumnRef>(['tracks.reviewBy']);

/** Columns whose values come from another tab's column, with the help text shown on a value not found there. */
const REFERENCES: Partial<Record<ColumnRef, { source: ColumnRef; help: string }>> = {
  'levels.trackId': { source: 'tracks.id', help: 'A Track ID from the Tracks tab.' },
  'positions.trackId': { source: 'tracks.id', help: 'A Track ID from the Tracks tab.' },
  'modules.trackId': { source: 'tracks.id', help: `A Track ID from the Tracks tab, or ${SHARED_TRACK} for the shared foundation.` },
  'positions.levelCode': { source: 'levels.code', help: 'A Level Code of the position\'s track, from the Levels tab.' },
};

export function validationFor(ref: ColumnRef, columnRange: ColumnRange): DataValidation | null {
  const builder = SpreadsheetApp.newDataValidation();
  const list = LISTS[ref];
  if (list) return builder.requireValueInList([...list], true).setAllowInvalid(false).setHelpText(`One of: ${list.join(', ')}.`).build();
  if (EMAILS.has(ref)) return builder.requireTextIsEmail().setAllowInvalid(false).setHelpText('An email address, e.g. name@example.com.').build();
  if (DATES.has(ref)) return builder.requireDate().setAllowInvalid(false).setHelpText('A date, written YYYY-MM-DD.').build();
  const reference = REFERENCES[ref];
  if (reference) {
    const source = columnRange(reference.source);
    if (!source) return null;
    // Invalid values are allowed (with a warning): Modules also accept Shared, and Validate reports dangling ids.
    return builder.requireValueInRange(source, true).setAllowInvalid(true).setHelpText(reference.help).build();
  }
  return null;
}

/** Pixel width of a contract column on a tab Set up workbook creates (existing tabs keep their widths). */
export function widthFor(key: string): number {
  if (key === 'description') return 360;
  if (key === 'name' || key === 'title' || /email/i.test(key)) return 220;
  if (key === 'develops' || key === 'prerequisites' || key === 'dependsOn' || key === 'gate') return 200;
  return 120;
}
