/**
 * The contract between the sidebar (browser, google.script.run) and the add-on (Apps Script): the names the
 * sidebar calls and the JSON that crosses. Only plain JSON crosses (no Dates, no functions, no undefined in
 * arrays). Every call answers a `SidebarResult`: failures are values with a code and a message a person can
 * act on, never a thrown error (the sidebar's failure handler is kept for the unexpected: a crash, a timeout).
 */
import type { Finding } from '../../shared/findings';
import type { Proposal } from '../../shared/ai/proposal';
import type { LevelComparison, PersonMatch, PersonView } from '../../shared/team/schema';

export type SidebarErrorCode =
  | 'not-connected' // no server URL or token saved yet
  | 'unreachable' // DNS, refused, timeout
  | 'unauthorized' // 401: token missing, wrong or revoked
  | 'forbidden' // 403: the token's role or track scope does not allow it
  | 'conflict' // 409: someone published in between
  | 'invalid' // 422: the server refused the content (findings attached)
  | 'ai-not-configured' // 503 ai-not-configured
  | 'rate-limited' // 429
  | 'server-error' // 5xx
  | 'bad-input' // the sidebar sent something unusable (a bug or a stale panel)
  | 'busy'; // another write holds the document lock

export interface SidebarError {
  code: SidebarErrorCode;
  /** One or two sentences for the person in front of the sidebar: what happened and what to do. */
  message: string;
  status?: number;
  findings?: Finding[];
}

export type SidebarResult<T> = { ok: true; value: T } | { ok: false; error: SidebarError };

export interface ConnectionState {
  serverUrl: string;
  /** Whether a token is saved (the token itself never goes back to the browser). */
  hasToken: boolean;
  /** The last four characters of the saved token, for recognition. */
  tokenHint: string;
}

export interface TrackChoice {
  trackId: string;
  name: string;
  /** The Status column of the Tracks tab as it is now. */
  status: string;
}

/** A level of the Levels tab, for choosing two levels to compare. */
export interface LevelChoice {
  trackId: string;
  code: string;
  name: string;
}

export interface SidebarState {
  connection: ConnectionState;
  tracks: TrackChoice[];
  /** The Levels tab's levels, each track's in Order. */
  levels: LevelChoice[];
  /** ISO time of the last report refresh this document knows of, or null. */
  lastReportRefresh: string | null;
  spreadsheetName: string;
}

export interface ConnectionCheck {
  connection: ConnectionState;
  /** What the server said about itself (GET /healthz), e.g. "ok, storage sqlite". */
  server: string;
  /** Whether this workbook is registered on the server (POST /v1/workbooks is done on first connect). */
  workbookConnected: boolean;
}

export interface FindingGroup {
  sheet: string;
  errors: number;
  warnings: number;
  findings: Finding[];
}

export interface ValidationView {
  errors: number;
  warnings: number;
  groups: FindingGroup[];
  /** Cells given a note and a highlight by this run. */
  marked: number;
  /** Cells whose earlier mark this run removed. */
  cleared: number;
}

export interface DiffView {
  trackId: string;
  draftId: number;
  baseVersion: number;
  activeVersion: number;
  stale: boolean;
  counts: { added: number; removed: number; changed: number };
  /** Human lines, e.g. "Competencies: added COMM-2 Stakeholder updates". At most 200; `more` counts the rest. */
  lines: string[];
  more: number;
  errors: number;
  warnings: number;
  /** The draft's findings as the server names them (the person's own cells), grouped by tab. */
  groups: FindingGroup[];
  /** Cells given a note and a highlight for them. */
  marked: number;
}

export interface PublishView {
  trackId: string;
  version: number;
  statuses: { trackId: string; status: 'Active' | 'Draft'; version: number | null }[];
  /** Rows of the Tracks tab whose Status cell changed. */
  statusCellsWritten: number;
}

export interface GenerateRequest {
  trackId: string;
  operation: Proposal['operation'];
  count?: number;
  /** For 'rubric'. */
  dimension?: string;
  /** For 'matrix': A1 cells to regenerate; default every blank cell. */
  cells?: string[];
  /** Regenerate: a new answer even when the server answered the same request a moment ago. */
  regenerate?: boolean;
}

export interface ApplyRequest {
  proposal: Proposal;
  acceptedIds: string[];
}

export interface ApplyView {
  written: number;
  /** Items not written because a person edited the cell in between, or the row now exists. */
  conflicts: { itemId: string; sheet: string; cell: string | null; reason: string; current: string; proposed: string }[];
}

export interface RefreshView {
  /** The server's job id, or null when the add-on refreshed locally (fallback). */
  jobId: string | null;
  requestedAt: string;
  message: string;
}

export interface PermissionsView {
  /** One line per protection added, changed or removed, e.g. "Matrix ENG: editors set to ana@acme.com + 2 admins". */
  changes: string[];
  unchanged: number;
}

/** Every function the sidebar may call, with its argument and answer. One argument (or none), plain JSON. */
export interface SidebarApi {
  sidebarState(): SidebarResult<SidebarState>;
  saveConnection(input: { serverUrl: string; token: string }): SidebarResult<ConnectionCheck>;
  testConnection(): SidebarResult<ConnectionCheck>;
  validateFromSidebar(): SidebarResult<ValidationView>;
  selectFindingCell(input: { sheet: string; cell: string }): SidebarResult<{ sheet: string; cell: string }>;
  previewPublish(input: { trackId: string }): SidebarResult<DiffView>;
  publishTrack(input: { trackId: string; draftId: number; idempotencyKey: string }): SidebarResult<PublishView>;
  generateProposal(input: GenerateRequest): SidebarResult<Proposal>;
  applyProposalItems(input: ApplyRequest): SidebarResult<ApplyView>;
  requestReportRefresh(): SidebarResult<RefreshView>;
  applyTrackPermissions(): SidebarResult<PermissionsView>;
  findPeople(input: { query: string }): SidebarResult<PersonMatch[]>;
  showPerson(input: { employeeId: string }): SidebarResult<PersonView>;
  compareTrackLevels(input: { trackId: string; from: string; to: string }): SidebarResult<LevelComparison>;
  selectTeamRow(input: { employeeId: string; managerEmail: string; teamTab: string | null }): SidebarResult<{ sheet: string; row: number }>;
}

export type SidebarFunctionName = keyof SidebarApi;

export const SIDEBAR_FUNCTIONS = [
  'sidebarState',
  'saveConnection',
  'testConnection',
  'validateFromSidebar',
  'selectFindingCell',
  'previewPublish',
  'publishTrack',
  'generateProposal',
  'applyProposalItems',
  'requestReportRefresh',
  'applyTrackPermissions',
  'findPeople',
  'showPerson',
  'compareTrackLevels',
  'selectTeamRow',
] as const satisfies readonly SidebarFunctionName[];
