/**
 * Examples the API reference shows for the main routes, keyed by "<method> <path>" as in the OpenAPI document.
 * A test checks that every key names a route and every example matches its schema, so they cannot drift.
 */
import { listFindings, todayIso, validateSnapshot, type WorkbookSnapshot } from '../../shared';

const SPREADSHEET_ID = '1AbCdEf';
const AT = '2026-11-02T09:30:00.000Z';

/** A small workbook that honours the contract: one track, two levels, a shared and a role competency, a rubric. */
export const EXAMPLE_SNAPSHOT: WorkbookSnapshot = {
  spreadsheetId: SPREADSHEET_ID,
  sheets: [
    { name: 'Tracks', values: [
      ['Track ID', 'Track Name', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Description'],
      ['CS', 'Customer Success', 'Individual Contributor', 'dana@acme.example', 'Draft', '2027-09-30', 'Customer Success Managers, from associate to lead.'],
    ] },
    { name: 'Levels', values: [
      ['Track ID', 'Level Code', 'Level Name', 'Order', 'Description'],
      ['CS', 'CS1', 'Associate CSM', 1, 'Runs onboarding with guidance.'],
      ['CS', 'CS2', 'Customer Success Manager', 2, 'Owns a book of accounts.'],
    ] },
    { name: 'Competencies', values: [
      ['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description'],
      ['FND-WRT', 'Written communication', 'Shared', '', 'Clear written updates.'],
      ['CS-ONB', 'Customer onboarding', 'Role', 'FND-WRT', 'Kickoff to first value.'],
    ] },
    { name: 'Positions', values: [
      ['Position ID', 'Position Title', 'Track ID', 'Level Code'],
      ['POS-CS-01', 'Associate Customer Success Manager', 'CS', 'CS1'],
      ['POS-CS-02', 'Customer Success Manager', 'CS', 'CS2'],
    ] },
    { name: 'Modules', values: [
      ['Module ID', 'Module Title', 'Track ID', 'Develops', 'Prerequisites', 'Gate', 'Duration Hours'],
      ['MOD-SH-02', 'Writing at Acme', 'Shared', 'FND-WRT', '', '', 3],
      ['MOD-CS-02', 'Onboarding playbook', 'CS', 'CS-ONB', 'MOD-SH-02', 'quiz >= 80%', 4],
    ] },
    { name: 'Matrix CS', values: [
      ['Competency ID', 'Competency Name', 'CS1', 'CS2'],
      ['FND-WRT', 'Written communication', 'Writes clear recap emails.', 'Writes account plans others act on.'],
      ['CS-ONB', 'Customer onboarding', 'Runs kickoffs from the playbook.', 'Adapts onboarding to complex accounts.'],
    ] },
    { name: 'Rubric CS', values: [
      ['Dimension', 'Competency ID', 'Weight', '1 Beginning', '2 Developing', '3 Proficient', '4 Exemplary'],
      ['Written recap quality', 'FND-WRT', 40, 'No recap.', 'Recap without next steps.', 'Recap with owners and dates.', 'Recaps customers forward.'],
      ['Onboarding execution', 'CS-ONB', 60, 'Misses steps.', 'Follows the playbook.', 'Reaches first value on time.', 'Improves the playbook.'],
      ['Pass Threshold', '', '70%', '', '', '', ''],
    ] },
  ],
};

/** The same workbook after two slips: an owner email that is not one, and a level order typed as a word. */
const SNAPSHOT_WITH_MISTAKES: WorkbookSnapshot = {
  ...EXAMPLE_SNAPSHOT,
  sheets: EXAMPLE_SNAPSHOT.sheets.map((s) => {
    if (s.name === 'Tracks') return { ...s, values: [s.values[0], s.values[1].map((v, i) => (i === 3 ? 'dana at acme' : v))] };
    if (s.name === 'Levels') return { ...s, values: s.values.map((row, r) => (r === 2 ? row.map((v, i) => (i === 3 ? 'second' : v)) : row)) };
    return s;
  }),
};

const DRAFT = {
  draftId: 12, spreadsheetId: SPREADSHEET_ID, trackId: 'CS', baseVersion: 2, savedBy: 'Ana (HR admin)', savedAt: AT,
  errors: 0, warnings: 0, publishedVersion: null,
};

const CHANGE = {
  id: 'CS-ONB @ CS2', change: 'changed',
  before: { 'Competency ID': 'CS-ONB', Level: 'CS2', Expectation: 'Runs onboarding for larger accounts.' },
  after: { 'Competency ID': 'CS-ONB', Level: 'CS2', Expectation: 'Adapts onboarding to complex accounts.' },
  fields: ['Expectation'],
};

const STATUSES = [{ trackId: 'CS', status: 'Active', version: 3 }, { trackId: 'ENG-IC', status: 'Draft', version: null }];

const REPORT_TAB = {
  title: 'Report CS',
  rows: [
    ['Customer Success (CS)'],
    ['Summary'],
    ['Enrolled learners', 10, 'Employees with a record on one of the track\'s own modules, or who hold a position on the track and have a record on its path.'],
    ['Completion rate', 0.6, 'Completed the whole path / enrolled.'],
    ['Pass rate', 0.5],
  ],
  boldRows: [0, 1],
  numberFormats: [{ range: { startRow: 3, endRow: 5, startColumn: 1, endColumn: 2 }, kind: 'percent' }],
  heatmaps: [],
  charts: [],
  frozenRows: 1,
};

export interface OperationExamples {
  /** The request body, under its content type. */
  request?: { contentType: string; value: unknown };
  /** Response bodies by status. */
  responses?: Record<string, unknown>;
}

function validateAnswer() {
  const { findings, total } = listFindings(validateSnapshot(SNAPSHOT_WITH_MISTAKES, { today: todayIso() }));
  return { findings, totalFindings: total };
}

/** Built on first use: the validate example's answer is what the validator really says about the request. */
export function operationExamples(): Record<string, OperationExamples> {
  return {
    'post /v1/validate': {
      request: { contentType: 'application/json', value: SNAPSHOT_WITH_MISTAKES },
      responses: { 200: validateAnswer() },
    },
    'post /v1/workbooks': {
      request: { contentType: 'application/json', value: { spreadsheetId: SPREADSHEET_ID, name: 'Acme Cloud career tracks' } },
      responses: { 200: { workbook: { spreadsheetId: SPREADSHEET_ID, name: 'Acme Cloud career tracks', connectedBy: 'Ana (HR admin)', connectedAt: AT }, tracks: STATUSES } },
    },
    'post /v1/workbooks/{spreadsheetId}/tracks/{trackId}/drafts': {
      request: { contentType: 'application/json', value: EXAMPLE_SNAPSHOT },
      responses: { 201: { ...DRAFT, findings: [], totalFindings: 0 } },
    },
    'get /v1/workbooks/{spreadsheetId}/tracks/{trackId}/diff': {
      responses: {
        200: {
          draft: DRAFT, activeVersion: 2, stale: false,
          diff: { trackId: 'CS', counts: { added: 0, removed: 0, changed: 1 }, track: [], competencies: [], levels: [], cells: [CHANGE], positions: [], modules: [], rubricRows: [] },
          shared: [],
        },
      },
    },
    'post /v1/workbooks/{spreadsheetId}/tracks/{trackId}/publish': {
      request: { contentType: 'application/json', value: { draftId: 12, note: 'CS2 onboarding expectation reworded' } },
      responses: {
        200: {
          spreadsheetId: SPREADSHEET_ID, trackId: 'CS', version: 3, kind: 'publish', sourceVersion: null, draftId: 12,
          publishedBy: 'Ana (HR admin)', publishedAt: AT, note: 'CS2 onboarding expectation reworded', statuses: STATUSES,
        },
      },
    },
    'post /v1/workbooks/{spreadsheetId}/records/{kind}': {
      request: {
        contentType: 'text/csv',
        value: 'employee_id,module_id,status,started_at,completed_at,score\nE2008,MOD-CS-02,completed,2026-03-02,2026-03-09,92\nE2009,MOD-CS-02,in_progress,2026-03-04,,\n',
      },
      responses: {
        200: { kind: 'completions', rows: 2, inserted: 2, updated: 0, unchanged: 0, removed: 0, findings: [], totalFindings: 0, refreshJobId: 41 },
        422: {
          error: {
            code: 'has-errors', message: 'Nothing was imported: 1 finding in the file. Fix them and send it again.',
            findings: [{ sheet: 'completions.csv', cell: 'C3', severity: 'error', code: 'bad-enum', message: 'status "done-ish" is not one of: enrolled, in_progress, completed, failed (or a common synonym such as passed, in progress, supervisor).' }],
          },
          kind: 'completions', rows: 2, totalFindings: 1,
        },
      },
    },
    'post /v1/workbooks/{spreadsheetId}/reports/refresh': {
      responses: { 202: { jobId: '41', requestedAt: AT, coalesced: false } },
    },
    'get /v1/workbooks/{spreadsheetId}/reports': {
      responses: {
        200: {
          state: {
            spreadsheetId: SPREADSHEET_ID, requestedAt: AT, running: false, lastStartedAt: AT, lastFinishedAt: '2026-11-02T09:30:01.200Z',
            lastOutcome: 'computed', lastError: null, summary: { tracks: 1, tabs: 2, completions: 316, assessments: 625, ignoredRecords: 0, computeMs: 41 },
          },
          tabs: [REPORT_TAB],
        },
      },
    },
  };
}
