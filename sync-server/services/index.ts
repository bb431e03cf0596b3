/** The services the HTTP routes and the CLI call: no HTTP in here, refusals are ServiceErrors with a code and a status. */
export { serviceContext, type ServiceContext, type PublishHooks } from './context';
export { ServiceError, isServiceError, ERROR_STATUS, type ErrorCode } from './errors';
export { connectWorkbook, getWorkbook, trackStatuses, type WorkbookInfo, type TrackStatus } from './workbooks';
export { saveDraft, getDraft, diffDraft, type DraftInfo, type DraftDiff } from './drafts';
export { publishTrack, type PublishInput } from './publish';
export { rollbackTrack, type RollbackInput } from './rollback';
export { listVersions, getVersion, type VersionInfo, type PublishResult } from './versions';
export type { Outcome } from './idempotency';
export { diffTrack, DIFF_SECTIONS, type TrackDiff, type Change, type DiffRecord } from './diff';
export { trackPart } from './track-part';
export { appendAudit, listAudit, type AuditEntry, type AuditAction, type AuditFilter } from './audit';
export { createToken, authenticate, revokeToken, listTokens, hasAdminToken, type TokenInfo } from './tokens';
export { authorize, can, visibleTracks, ROLES, type Role, type Principal, type Action } from './access';
export { principalFromHeader, actorName } from './auth';
export { enqueue, claimJobs, completeJob, failJob, type Job } from './jobs';
