import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The tables as Kysely sees them (the latest migration's shape).
 * Timestamps are ISO-8601 UTC text on both engines: they compare and sort the same everywhere and need no
 * driver-specific Date handling. JSON columns hold text (SQLite) or jsonb (PostgreSQL) and are read back as
 * text on both (see postgres.ts), then decoded with `fromJson`.
 */
export interface Database {
  schema_migrations: SchemaMigrationsTable;
  workbooks: WorkbooksTable;
  tracks: TracksTable;
  drafts: DraftsTable;
  versions: VersionsTable;
  audit_log: AuditLogTable;
  api_tokens: ApiTokensTable;
  jobs: JobsTable;
  employees: EmployeesTable;
  learner_completions: LearnerCompletionsTable;
  learner_assessments: LearnerAssessmentsTable;
  report_refreshes: ReportRefreshesTable;
  idempotency_keys: IdempotencyKeysTable;
  shared_items: SharedItemsTable;
  publish_batches: PublishBatchesTable;
}

export interface EmployeesTable {
  workbook_id: string;
  employee_id: string;
  name: string;
  email: string;
  position_id: string;
  manager_email: string;
  /** Where the row came from, e.g. 'Employees tab'. */
  source: string;
  updated_at: string;
}

export type RefreshOutcome = 'pushed' | 'computed' | 'failed';

export interface ReportRefreshesTable {
  workbook_id: string;
  /** Latest time a refresh was asked for (import, schedule, add-on); a run that started before it runs again. */
  requested_at: string | null;
  pending_job_id: number | null;
  /** The worker holding this workbook's refresh, until `running_until`. */
  running_by: string | null;
  running_until: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  /** 'pushed' = written to Google Sheets; 'computed' = rendered but Sheets not configured or unreachable. */
  last_outcome: RefreshOutcome | null;
  last_error: string | null;
  /** JSON: counts of the last run (tracks, records, API calls). */
  last_summary: string | null;
  /** JSON: the ReportTab[] of the last run. */
  tabs: string | null;
}

/** One completion per workbook, employee and module (shared/records.ts CompletionRecord). */
export interface LearnerCompletionsTable {
  workbook_id: string;
  employee_id: string;
  module_id: string;
  status: string;
  started_at: string | null;
  completed_at: string | null;
  score: number | null;
  /** When an import last inserted or changed the row (an identical re-import leaves it). */
  updated_at: string;
}

/** One assessment per workbook, employee, track, competency, rubric dimension, evaluator and date (AssessmentRecord). */
export interface LearnerAssessmentsTable {
  workbook_id: string;
  employee_id: string;
  track_id: string;
  competency_id: string;
  dimension: string;
  evaluator_id: string;
  assessed_at: string;
  evaluator_role: string;
  score: number;
  updated_at: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface WorkbooksTable {
  /** The spreadsheet id. */
  id: string;
  name: string;
  connected_by: string;
  connected_at: string;
}

/** One row per track the server knows; `active_version` is the active pointer (0 = never published). */
export interface TracksTable {
  workbook_id: string;
  track_id: string;
  active_version: number;
  created_at: string;
}

export interface DraftsTable {
  /** Increasing: the highest id is a track's latest draft. */
  id: Generated<number>;
  workbook_id: string;
  track_id: string;
  /** The active version when the draft was saved; publish refuses when it is no longer the active one. */
  base_version: number;
  /** JSON text of the track's part of the workbook snapshot. */
  snapshot: string;
  errors: number;
  warnings: number;
  saved_by: string;
  saved_at: string;
  published_version: number | null;
  /** JSON Finding[]: what the draft was saved with, naming the user's real cells (NULL: saved before these were kept). */
  findings: string | null;
  /** JSON SharedChange[]: Shared items the draft adds, changes or removes against the approved state. */
  shared_changes: string | null;
}

export type VersionKind = 'publish' | 'rollback';

export interface VersionsTable {
  workbook_id: string;
  track_id: string;
  version: number;
  kind: VersionKind;
  /** JSON text of the track's part that was published. */
  snapshot: string;
  draft_id: number | null;
  /** For a rollback: the version whose content was restored. */
  source_version: number | null;
  published_by: string;
  published_at: string;
  idempotency_key: string | null;
  note: string;
  /** JSON SharedRecords: the Shared competencies and modules this version holds (NULL: written before it was kept). */
  shared: string | null;
  /** The publish batch that wrote this version together with others' versions. */
  batch_id: number | null;
}

/** A Shared competency or module as an admin last published it: what owners' drafts must keep. */
export interface SharedItemsTable {
  workbook_id: string;
  kind: 'competency' | 'module';
  item_id: string;
  /** JSON DiffRecord: the item's cells by header. */
  record: string;
  /** The track and version whose publish approved this content. */
  track_id: string;
  version: number;
  approved_by: string;
  approved_at: string;
}

/** Several tracks published in one transaction. */
export interface PublishBatchesTable {
  id: Generated<number>;
  workbook_id: string;
  idempotency_key: string | null;
  /** JSON array of the track ids, in request order. */
  tracks: string;
  published_by: string;
  published_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  workbook_id: string | null;
  track_id: string | null;
  details: string;
}

export interface ApiTokensTable {
  id: string;
  /** sha256 hex of the token; the token itself is never stored. */
  token_hash: string;
  role: string;
  label: string;
  /** JSON array of track ids the token is scoped to, or JSON null for every track. */
  tracks: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  /** The workbook the token is bound to; null = a global admin token, or a token made before binding (bound on first use). */
  workbook_id: string | null;
  /** A manager token's email (lower case); null for other roles. */
  email: string | null;
}

/** One Idempotency-Key of one token on one workbook and route: held while its request runs, then its answer. */
export interface IdempotencyKeysTable {
  token_id: string;
  /** '' for routes that name no workbook. */
  workbook_id: string;
  /** Method and route template, e.g. 'POST /v1/workbooks/{spreadsheetId}/tracks/{trackId}/publish'. */
  route: string;
  idem_key: string;
  /** sha256 of the request (path and body): the same key with another request is refused. */
  request_hash: string;
  state: 'running' | 'done';
  /** The request holding a running key; it renews `lease_until` while it runs. */
  holder: string;
  lease_until: string;
  status: number | null;
  /** The JSON answer of a done request. */
  answer: string | null;
  created_at: string;
}

export type JobStatus = 'pending' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  queue: string;
  payload: string;
  status: JobStatus;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export type DraftRow = Selectable<DraftsTable>;
export type VersionRow = Selectable<VersionsTable>;
export type SharedItemRow = Selectable<SharedItemsTable>;
export type PublishBatchRow = Selectable<PublishBatchesTable>;
export type NewVersion = Insertable<VersionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type TokenRow = Selectable<ApiTokensTable>;
export type JobRow = Selectable<JobsTable>;
export type EmployeeRow = Selectable<EmployeesTable>;
