/**
 * The workbook contract: tab names, header rows and what each column means.
 * One source for the parser, the add-on's "Set up workbook" (header notes) and the README.
 */

export const TRACK_TYPES = ['Individual Contributor', 'Manager'] as const;
export const TRACK_STATUSES = ['Draft', 'Active'] as const;
export const SCOPES = ['Shared', 'Role'] as const;
export const SHARED_TRACK = 'Shared';

export type TrackType = (typeof TRACK_TYPES)[number];
export type TrackStatus = (typeof TRACK_STATUSES)[number];
export type Scope = (typeof SCOPES)[number];

export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  /** A missing required header is an error; an optional one is read as blank. */
  required: boolean;
  note: string;
}

export interface TabSpec<K extends string = string> {
  /** The role a tab plays; also the developer-metadata value the add-on binds tabs with. */
  role: string;
  name: string;
  columns: readonly ColumnSpec<K>[];
  description: string;
}

function tab<const K extends string>(role: string, name: string, description: string, columns: readonly ColumnSpec<K>[]): TabSpec<K> {
  return { role, name, description, columns };
}

export const TRACKS_TAB = tab('tracks', 'Tracks', 'One row per career track.', [
  { key: 'id', header: 'Track ID', required: true, note: 'Short unique id, e.g. ENG-IC. Used in tab names (Matrix ENG-IC).' },
  { key: 'name', header: 'Track Name', required: true, note: 'The name employees see.' },
  { key: 'type', header: 'Track Type', required: true, note: 'Individual Contributor or Manager.' },
  { key: 'ownerEmail', header: 'Owner Email', required: true, note: 'The person accountable for this track. Every track needs one.' },
  { key: 'status', header: 'Status', required: true, note: 'Draft or Active. Written by Publish; blank means Draft.' },
  { key: 'reviewBy', header: 'Review By', required: false, note: 'Date (YYYY-MM-DD) by which the owner reviews the track.' },
  { key: 'description', header: 'Description', required: false, note: 'What the track is for.' },
]);

export const LEVELS_TAB = tab('levels', 'Levels', 'Job levels of each track, in order.', [
  { key: 'trackId', header: 'Track ID', required: true, note: 'The track this level belongs to.' },
  { key: 'code', header: 'Level Code', required: true, note: 'Short code unique within the track, e.g. IC2. Becomes a column of the matrix.' },
  { key: 'name', header: 'Level Name', required: true, note: 'e.g. Senior Engineer.' },
  { key: 'order', header: 'Order', required: true, note: '1 for the first level, then 2, 3 ... without gaps.' },
  { key: 'description', header: 'Description', required: false, note: 'What distinguishes this level.' },
]);

export const COMPETENCIES_TAB = tab('competencies', 'Competencies', 'The competency catalogue shared by all tracks.', [
  { key: 'id', header: 'Competency ID', required: true, note: 'Short unique id, e.g. COMM-01.' },
  { key: 'name', header: 'Competency Name', required: true, note: 'e.g. Written communication.' },
  { key: 'scope', header: 'Scope', required: true, note: 'Shared (a foundation several tracks use) or Role (specific to one role).' },
  { key: 'dependsOn', header: 'Depends On', required: false, note: 'Competency ids that must be developed first, separated by commas.' },
  { key: 'description', header: 'Description', required: false, note: 'What the competency covers.' },
]);

export const POSITIONS_TAB = tab('positions', 'Positions', 'Positions linked to a job level of a track.', [
  { key: 'id', header: 'Position ID', required: true, note: 'Unique id of the position (as in your HRIS).' },
  { key: 'title', header: 'Position Title', required: true, note: 'e.g. Backend Engineer II.' },
  { key: 'trackId', header: 'Track ID', required: true, note: 'The track the position is linked to.' },
  { key: 'levelCode', header: 'Level Code', required: true, note: 'The job level of that track the position is linked to.' },
]);

export const MODULES_TAB = tab('modules', 'Modules', 'Learning modules and how they are sequenced.', [
  { key: 'id', header: 'Module ID', required: true, note: 'Unique id of the module.' },
  { key: 'title', header: 'Module Title', required: true, note: 'What learners see.' },
  { key: 'trackId', header: 'Track ID', required: true, note: 'A track id, or Shared for the shared foundation.' },
  { key: 'develops', header: 'Develops', required: true, note: 'Competency ids this module develops, separated by commas.' },
  { key: 'prerequisites', header: 'Prerequisites', required: false, note: 'Module ids to complete first, separated by commas.' },
  { key: 'gate', header: 'Gate', required: false, note: 'What must be reached to move on, e.g. "assessment >= 70%" or "quiz >= 80%". Blank = no gate.' },
  { key: 'durationHours', header: 'Duration Hours', required: false, note: 'Expected effort in hours.' },
]);

export const EMPLOYEES_TAB = tab('employees', 'Employees', 'Employees and the position they hold (optional tab).', [
  { key: 'id', header: 'Employee ID', required: true, note: 'Unique id (as in your HRIS).' },
  { key: 'name', header: 'Employee Name', required: true, note: 'Full name.' },
  { key: 'email', header: 'Email', required: false, note: 'Work email.' },
  { key: 'positionId', header: 'Position ID', required: true, note: 'The position the employee holds.' },
  { key: 'managerEmail', header: 'Manager Email', required: false, note: "The manager's work email." },
]);

export const MATRIX_PREFIX = 'Matrix ';
export const RUBRIC_PREFIX = 'Rubric ';
export const REPORT_PREFIX = 'Report ';

export const MATRIX_ID_HEADER = 'Competency ID';
export const MATRIX_NAME_HEADER = 'Competency Name';
export const RUBRIC_DIMENSION_HEADER = 'Dimension';
export const RUBRIC_COMPETENCY_HEADER = 'Competency ID';
export const RUBRIC_WEIGHT_HEADER = 'Weight';
/** The rubric row whose Dimension cell says this holds the pass threshold in its Weight cell (e.g. 70%). */
export const RUBRIC_THRESHOLD_LABEL = 'Pass Threshold';
/** Matrix and rubric columns with these headers (or starting with "#") are kept as notes, not read as levels/scores. */
export const NOTE_HEADERS = ['notes', 'note', 'comments', 'comment'];

export const FIXED_TABS = [TRACKS_TAB, LEVELS_TAB, COMPETENCIES_TAB, POSITIONS_TAB, MODULES_TAB, EMPLOYEES_TAB] as const;
/** Tabs without which a workbook is not a framework; Employees is optional. */
export const REQUIRED_TABS = [TRACKS_TAB, LEVELS_TAB, COMPETENCIES_TAB, POSITIONS_TAB, MODULES_TAB] as const;

export const matrixTabName = (trackId: string) => MATRIX_PREFIX + trackId;
export const rubricTabName = (trackId: string) => RUBRIC_PREFIX + trackId;
export const reportTabName = (trackId: string) => REPORT_PREFIX + trackId;
/** `Report Overview` compares every track; no track may take this id. */
export const OVERVIEW_TRACK_WORD = 'Overview';

/** Gates: "assessment >= 70%" (the track's rubric assessment) or "quiz >= 80%" (the module's own score). */
export const GATE_KINDS = ['assessment', 'quiz'] as const;
export type GateKind = (typeof GATE_KINDS)[number];
