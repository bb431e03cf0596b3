import { FIXED_TABS } from '../../shared/contract';
import { countBySeverity, listFindings, sortFindings, type Finding } from '../../shared/findings';
import { parseWorkbook } from '../../shared/parse/workbook';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import type { SharedItemChange } from '../../shared/track-diff';
import { validateSnapshot, validateWorkbook } from '../../shared/validate/index';
import { fromJson, toJson } from '../storage/json';
import type { DraftRow } from '../storage/schema';
import { appendAudit } from './audit';
import { timestamp, today, type ServiceContext } from './context';
import { diffTrack, type TrackDiff } from './diff';
import { ServiceError } from './errors';
import type { Role } from './access';
import { activeHoldings, approvedShared, sharedChangeFindings, sharedChanges, usersOf, type SharedChange } from './shared-items';
import { compactPart, trackPartOf } from './track-part';
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
  /** The caller's role; only an admin may add, change or remove Shared items. Default admin: the operator's own tools. */
  role?: Role;
}

/**
 * Saves the track's part of a snapshot as its draft. The findings are those `rungs validate` gives for the whole
 * workbook on the part's cells (same sheet, cell, code and message), plus, for anyone but an admin, an error at
 * each Shared item the part adds, changes or removes against the approved state.
 */
export async function saveDraft(ctx: ServiceContext, input: SaveDraftInput): Promise<DraftInfo & { findings: Finding[]; totalFindings: number }> {
  const { spreadsheetId, trackId, actor } = input;
  if (input.snapshot.spreadsheetId !== spreadsheetId)
    throw new ServiceError('workbook-mismatch', `The snapshot is of spreadsheet ${input.snapshot.spreadsheetId}, not ${spreadsheetId}.`);
  await getWorkbook(ctx, spreadsheetId);
  const { workbook: whole, findings: all } = validateWorkbook(input.snapshot, { today: today(ctx) });
  const cut = trackPartOf(input.snapshot, whole, trackId);
  if (!cut) throw new ServiceError('unknown-track', `The Tracks tab has no track "${trackId}".`);
  const holdings = await activeHoldings(ctx.store.db, spreadsheetId);
  const approved = await approvedShared(ctx.store.db, spreadsheetId, holdings);
  const changes = sharedChanges({
    part: parseWorkbook(cut.part).workbook, approved, activeHeld: holdings.find((h) => h.trackId === trackId)?.shared ?? null, whole,
  });
  const own = all.filter((f) => cut.holds(f.sheet, f.cell));
  const findings = (input.role ?? 'admin') === 'admin'
    ? own
    : sortFindings([...own, ...sharedChangeFindings(changes, approved, trackId)], [...whole.sheetNames, ...FIXED_TABS.map((t) => t.name)]);
  const { errors, warnings } = countBySeverity(findings);
  // Kept and answered within the limits of an answer (errors first); the counts are of all of them.
  const listed = listFindings(findings);
  const at = timestamp(ctx);

  const row = await ctx.store.db.transaction().execute(async (trx) => {
    await trx.insertInto('tracks')
      .values({ workbook_id: spreadsheetId, track_id: trackId, active_version: 0, created_at: at })
      .onConflict((oc) => oc.columns(['workbook_id', 'track_id']).doNothing())
      .execute();
    const base = await activeVersion(trx, spreadsheetId, trackId);
    const values = {
      workbook_id: spreadsheetId, track_id: trackId, base_version: base, snapshot: toJson(cut.part),
      errors, warnings, saved_by: actor, saved_at: at, published_version: null,
      findings: toJson(listed.findings), shared_changes: toJson(changes),
    };
    const { id } = await trx.insertInto('drafts').values(values).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, { at, actor, action: 'draft.save', workbookId: spreadsheetId, trackId, details: { draftId: id, baseVersion: base, errors, warnings } });
    return { id, ...values };
  });
  return { ...draftInfo(row), findings: listed.findings, totalFindings: listed.total };
}

/** The findings a draft was saved with; a draft saved before they were kept is validated again as it is. */
export function draftFindings(ctx: ServiceContext, r: DraftRow): Finding[] {
  if (r.findings !== null) return fromJson<Finding[]>(r.findings);
  return validateSnapshot(fromJson<WorkbookSnapshot>(r.snapshot), { today: today(ctx) });
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
  return { ...draftInfo(row), snapshot: compactPart(fromJson<WorkbookSnapshot>(row.snapshot)) };
}

export interface DraftDiff {
  draft: DraftInfo;
  activeVersion: number;
  /** True when another version became active after the draft was saved: publishing it would be refused. */
  stale: boolean;
  diff: TrackDiff;
  /** Shared items the draft adds, changes or removes against what an admin published, with the other Active tracks using each. */
  shared: SharedItemChange[];
}

/** The draft against the track's active version (not against its base: the active one is what would be replaced). */
export async function diffDraft(ctx: ServiceContext, spreadsheetId: string, trackId: string, draftId?: number): Promise<DraftDiff> {
  const row = await loadDraft(ctx, spreadsheetId, trackId, draftId);
  const active = await activeSnapshot(ctx, spreadsheetId, trackId);
  const diff = diffTrack(active?.snapshot ?? null, fromJson<WorkbookSnapshot>(row.snapshot), trackId);
  const activeNumber = active?.version ?? 0;
  const holdings = await activeHoldings(ctx.store.db, spreadsheetId);
  const changes = row.shared_changes === null ? [] : fromJson<SharedChange[]>(row.shared_changes);
  const shared = changes.map(({ kind, id, change, fields, sheet, cell }) => ({ kind, id, change, fields, sheet, cell, usedBy: usersOf(holdings, kind, id, trackId) }));
  return { draft: draftInfo(row), activeVersion: activeNumber, stale: row.base_version !== activeNumber, diff, shared };
}
