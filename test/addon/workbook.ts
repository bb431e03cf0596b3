/** A small Rungs workbook put into the fake, with known defects, shared by the add-on tests. */
import { zonedInstant, type FakeSpreadsheet } from '../fakes/index';

export const TIME_ZONE = 'Asia/Tokyo';
/** Midnight 2020-01-15 in Tokyo is 2020-01-14T15:00Z: a UTC conversion would give the wrong day. */
export const PAST_REVIEW = zonedInstant(2020, 1, 15, TIME_ZONE);
export const FUTURE_REVIEW = zonedInstant(2099, 3, 31, TIME_ZONE);

export const TAB_NAMES = ['Tracks', 'Levels', 'Competencies', 'Positions', 'Modules', 'Matrix ENG', 'Matrix MGR'] as const;

export function fillWorkbook(ss: FakeSpreadsheet): void {
  ss.putSheet('Tracks', [
    ['Track ID', 'Track Name', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Description'],
    ['ENG', 'Engineering', 'Individual Contributor', 'eng.owner@example.com', 'Draft', PAST_REVIEW, 'Builds the product'],
    // D3: the defect the test looks for. F3: a Date cell far in the future.
    ['MGR', 'Engineering Management', 'Manager', 'not-an-email', 'Draft', FUTURE_REVIEW, ''],
  ]);
  ss.putSheet('Levels', [
    ['Track ID', 'Level Code', 'Level Name', 'Order', 'Description'],
    ['ENG', 'IC1', 'Engineer', 1, ''],
    ['ENG', 'IC2', 'Senior Engineer', 2, ''],
    ['MGR', 'M1', 'Manager', 1, ''],
    ['MGR', 'M2', 'Senior Manager', 2, ''],
  ]);
  ss.putSheet('Competencies', [
    ['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description'],
    ['COMM', 'Communication', 'Shared', '', ''],
    ['CODE', 'Coding', 'Role', 'COMM', ''],
    ['LEAD', 'Leading people', 'Role', 'COMM', ''],
  ]);
  ss.putSheet('Positions', [
    ['Position ID', 'Position Title', 'Track ID', 'Level Code'],
    ['P-1', 'Engineer', 'ENG', 'IC1'],
    ['P-2', 'Engineering Manager', 'MGR', 'M1'],
  ]);
  ss.putSheet('Modules', [
    ['Module ID', 'Module Title', 'Track ID', 'Develops', 'Prerequisites', 'Gate', 'Duration Hours'],
    ['M-COMM', 'Writing well', 'Shared', 'COMM', '', '', 4],
    ['M-CODE', 'Clean code', 'ENG', 'CODE', 'M-COMM', 'quiz >= 80%', 8],
    ['M-LEAD', 'First-time manager', 'MGR', 'LEAD', 'M-COMM', 'assessment >= 70%', 12],
  ]);
  ss.putSheet('Matrix ENG', [
    ['Competency ID', 'Competency Name', 'IC1', 'IC2'],
    ['COMM', 'Communication', 'Writes clear updates', 'Writes design documents'],
    ['CODE', 'Coding', 'Ships small changes', 'Owns a service'],
  ]);
  ss.putSheet('Matrix MGR', [
    ['Competency ID', 'Competency Name', 'M1', 'M2'],
    ['COMM', 'Communication', 'Runs team meetings', 'Communicates strategy'],
    ['LEAD', 'Leading people', 'Leads a team', 'Leads managers'],
  ]);
}
