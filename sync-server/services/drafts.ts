import { countBySeverity, type Finding } from '../../shared/findings';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { validateSnapshot } from '../../shared/validate/index';
import { fromJson, toJson } from '../storage/json';
import type { DraftRow } from '../storage/schema';
import { appendAudit } from './audit';
import { timestamp, today, type ServiceContext } from './context';
import { diffTrack, type TrackDiff } from './diff';
import { ServiceError } from './errors';
import { trackPart } from './track-part';
import { activeSnapshot } from './versions';
import { activeVersion, getWorkbook } from './workbooks';

export interface DraftInfo {
  draftId: number;
  spreadsheetId: string;
  trackId: string;
  /** The active version the draft was made from (0: the track was never published). */
  baseVersion: number;
  savedBy: string;
  savedAt: string;
  errors: number;
  warnings: number;
  /** The version this draft became, once published. */
  publishedVersion: number | null;
}

export interface SaveDraftInput {
  spreadsheetId: string;
  trackId: string;
  /** The whole workbook as the add-on sends it; only the track's part is kept. */
  snapshot: WorkbookSnapshot;
  actor: string;
}

export async function saveDraft(ctx: ServiceContext, input: SaveDraftInput): Promise<DraftInfo & { findings: Finding[] }> {
  const { spreadsheetId, trackId, actor } = input;
  if (input.snapshot.spreadsheetId !== spreadsheetId)
    throw new ServiceError('workbook-mismatch', `The snapshot is of spreadsheet ${input.snapshot.spreadsheetId}, not ${spreadsheetId}.`);
  await getWorkbook(ctx, spreadsheetId);
  const part = trackPart(input.snapshot, trackId);
  if (!part) throw new ServiceError('unknown-track', `The Tracks tab has no track "${trackId}".`);
  const findings = validateSnapshot(part, { today: today(ctx) });
  const { errors, warnings } = countBySeverity(findings);
  const at = timestamp(ctx);

  const row = await ctx.store.db.transaction().execute(async (trx) => {
    await trx.insertInto('tracks')
      .values({ workbook_id: spreadsheetId, track_id: trackId, active_version: 0, created_at: at })
      .onConflict((oc) => oc.columns(['workbook_id', 'track_id']).doNothing())
      .execute();
    const base = await activeVersion(trx, spreadsheetId, trackId);
    const values = {
      workbook_id: spreadsheetId, track_id: trackId, base_version: base, snapshot: toJson(part),
      errors, warnings, saved_by: actor, saved_at: at, published_version: null,
    };
    const { id } = await trx.insertInto('drafts').values(values).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, { at, actor, action: 'draft.save', workbookId: spreadsheetId, trackId, details: { draftId: id, baseVersion: base, errors, warnings } });
    return { id, ...values };
  });
  return { ...draftInfo(row), findings };
}

export function draftInfo(r: DraftRow): DraftInfo {
  return {
    draftId: r.id, spreadsheetId: r.workbook_id, trackId: r.track_id, baseVersion: r.base_version,
    savedBy: r.saved_by, savedAt: r.saved_at, errors: r.errors, warnings: r.warnings, publishedVersion: r.published_version,
  };
}

/** A draft by id, or the track's latest one; throws unknown-draft when there is none. */
export async function loadDraft(ctx: ServiceContext, spreadsheetId: string, trackId: string, draftId?: number): Promise<DraftRow> {
  const row = await ctx.store.db.selectFrom('drafts').selectAll()
    .where('workbook_id', '=', spreadsheetId).where('track_id', '=', trackId)
    .$if(draftId !== undefined, (q) => q.where('id', '=', draftId!))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw new ServiceError('unknown-draft', draftId ? `Track ${trackId} has no draft ${draftId}.` : `Track ${trackId} has no draft. Save one first.`);
  return row;
}

export async function getDraft(ctx: ServiceContext, spreadsheetId: string, trackId: string, draftId?: number): Promise<DraftInfo & { snapshot: WorkbookSnapshot }> {
  const row = await loadDraft(ctx, spreadsheetId, trackId, draftId);
  return { ...draftInfo(row), snapshot: fromJson<WorkbookSnapshot>(row.snapshot) };
}

export interface DraftDiff {
  draft: DraftInfo;
  activeVersion: number;
  /** True when another version became active after the draft was saved: publishing it would be refused. */
  stale: boolean;
  diff: TrackDiff;
}

/** The draft against the track's active version (not against its base: the active one is what would be replaced). */
export async function diffDraft(ctx: ServiceContext, spreadsheetId: string, trackId: string, draftId?: number): Promise<DraftDiff> {
  const row = await loadDraft(ctx, spreadsheetId, trackId, draftId);
  const active = await activeSnapshot(ctx, spreadsheetId, trackId);
  const diff = diffTrack(active?.snapshot ?? null, fromJson<WorkbookSnapshot>(row.snapshot), trackId);
  const activeNumber = active?.version ?? 0;
  return { draft: draftInfo(row), activeVersion: activeNumber, stale: row.base_version !== activeNumber, diff };
}
