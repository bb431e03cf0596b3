import type { WorkbookSnapshot } from '../../shared/snapshot';
import { fromJson } from '../storage/json';
import type { VersionKind, VersionRow } from '../storage/schema';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { compactPart } from './track-part';
import { trackStatuses, type TrackStatus } from './workbooks';

export interface VersionInfo {
  spreadsheetId: string;
  trackId: string;
  version: number;
  kind: VersionKind;
  /** For a rollback: the version whose content it restored. */
  sourceVersion: number | null;
  draftId: number | null;
  publishedBy: string;
  publishedAt: string;
  note: string;
}

/** The answer of a publish or rollback, and of its replay with the same idempotency key. */
export interface PublishResult extends VersionInfo {
  /** Every track of the workbook as the add-on writes it into the Tracks tab's Status column (as of now). */
  statuses: TrackStatus[];
}

export function versionInfo(r: VersionRow): VersionInfo {
  return {
    spreadsheetId: r.workbook_id, trackId: r.track_id, version: r.version, kind: r.kind, sourceVersion: r.source_version,
    draftId: r.draft_id, publishedBy: r.published_by, publishedAt: r.published_at, note: r.note,
  };
}

export async function publishResult(ctx: ServiceContext, r: VersionRow): Promise<PublishResult> {
  return { ...versionInfo(r), statuses: await trackStatuses(ctx.store.db, r.workbook_id) };
}

/** Every version of a track, newest first, with which one is active. */
export async function listVersions(ctx: ServiceContext, spreadsheetId: string, trackId: string): Promise<{ activeVersion: number; versions: VersionInfo[] }> {
  const { db } = ctx.store;
  const track = await db.selectFrom('tracks').select('active_version')
    .where('workbook_id', '=', spreadsheetId).where('track_id', '=', trackId).executeTakeFirst();
  if (!track) throw new ServiceError('unknown-track', `Track ${trackId} is not known in workbook ${spreadsheetId}.`);
  const rows = await db.selectFrom('versions')
    .select(['workbook_id', 'track_id', 'version', 'kind', 'source_version', 'draft_id', 'published_by', 'published_at', 'idempotency_key', 'note'])
    .where('workbook_id', '=', spreadsheetId).where('track_id', '=', trackId)
    .orderBy('version', 'desc').execute();
  return { activeVersion: track.active_version, versions: rows.map((r) => versionInfo({ ...r, snapshot: '', shared: null, batch_id: null })) };
}

export async function getVersion(ctx: ServiceContext, spreadsheetId: string, trackId: string, version: number): Promise<VersionInfo & { snapshot: WorkbookSnapshot }> {
  const row = await ctx.store.db.selectFrom('versions').selectAll()
    .where('workbook_id', '=', spreadsheetId).where('track_id', '=', trackId).where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new ServiceError('unknown-version', `Track ${trackId} has no version ${version}.`);
  return { ...versionInfo(row), snapshot: compactPart(fromJson<WorkbookSnapshot>(row.snapshot)) };
}

/** The active version's content, or null when the track was never published. */
export async function activeSnapshot(ctx: ServiceContext, spreadsheetId: string, trackId: string): Promise<{ version: number; snapshot: WorkbookSnapshot } | null> {
  const row = await ctx.store.db.selectFrom('versions')
    .innerJoin('tracks', (j) => j.onRef('tracks.workbook_id', '=', 'versions.workbook_id').onRef('tracks.track_id', '=', 'versions.track_id').onRef('tracks.active_version', '=', 'versions.version'))
    .select(['versions.version', 'versions.snapshot'])
    .where('versions.workbook_id', '=', spreadsheetId).where('versions.track_id', '=', trackId)
    .executeTakeFirst();
  return row ? { version: row.version, snapshot: compactPart(fromJson<WorkbookSnapshot>(row.snapshot)) } : null;
}

export async function findByIdempotencyKey(ctx: ServiceContext, key: string): Promise<VersionRow | undefined> {
  return ctx.store.db.selectFrom('versions').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}
