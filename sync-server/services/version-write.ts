import type { Kysely } from 'kysely';
import type { Finding } from '../../shared/findings';
import { parseWorkbook } from '../../shared/parse/workbook';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { fromJson, toJson } from '../storage/json';
import type { Database, VersionKind, VersionRow } from '../storage/schema';
import { appendAudit } from './audit';
import { timestamp, type ServiceContext } from './context';
import { ServiceError } from './errors';
import { activeHoldings, approve, approvedShared, sharedChangeFindings, sharedChanges, sharedRecordsOf } from './shared-items';

export interface VersionWrite {
  spreadsheetId: string;
  trackId: string;
  /** The active version the caller based its change on; 'current' takes whatever is active (under the lock). */
  expectedActive: number | 'current';
  kind: VersionKind;
  /** JSON text of the track part that becomes active. */
  snapshot: string;
  draftId: number | null;
  sourceVersion: number | null;
  actor: string;
  /** Whether the writer may change Shared items (an admin); otherwise the part must hold them as approved. */
  admin: boolean;
  /** Findings already known for the content (the draft's), reported with any Shared-item finding. */
  findings?: readonly Finding[];
  idempotencyKey: string | null;
  note: string;
}

/** `active`: the version now active, when known. */
export const staleVersion = (trackId: string, expected: number, active?: number) =>
  new ServiceError('stale-version', `${active === undefined ? 'Another version' : `Version ${active}`} of track ${trackId} became active after this change was based on ${expected === 0 ? 'no version' : `version ${expected}`}. Review the changes, save a new draft and publish again.`);

/**
 * The one way a version is written: a single transaction that locks the track, checks the expected active version,
 * checks the Shared items against the approved state (a non-admin's part must hold them as an admin published
 * them), inserts the next version, moves the active pointer with a compare-and-set, approves an admin's Shared
 * items and records the audit entry. Any failure rolls all of it back, so the active version never moves without
 * its version row and audit entry.
 */
export async function writeVersion(ctx: ServiceContext, w: VersionWrite): Promise<VersionRow> {
  const [row] = await writeVersions(ctx, [w], null);
  return row;
}

/** Several tracks' versions in one transaction: all of them are written, or none. */
export async function writeVersions(ctx: ServiceContext, writes: readonly VersionWrite[], batch: { id: number } | null | ((trx: Kysely<Database>) => Promise<number>)): Promise<VersionRow[]> {
  const at = timestamp(ctx);
  return ctx.store.db.transaction().execute(async (trx) => {
    const batchId = typeof batch === 'function' ? await batch(trx) : batch?.id ?? null;
    const rows: VersionRow[] = [];
    for (const w of writes) rows.push(await writeIn(ctx, trx, w, at, batchId));
    return rows;
  });
}

async function writeIn(ctx: ServiceContext, trx: Kysely<Database>, w: VersionWrite, at: string, batchId: number | null): Promise<VersionRow> {
  const track = await trx.selectFrom('tracks').select('active_version')
    .where('workbook_id', '=', w.spreadsheetId).where('track_id', '=', w.trackId)
    .$call((q) => ctx.store.dialect.lockRows(q))
    .executeTakeFirst();
  if (!track) throw new ServiceError('unknown-track', `Track ${w.trackId} is not known in workbook ${w.spreadsheetId}.`);
  const expected = w.expectedActive === 'current' ? track.active_version : w.expectedActive;
  if (track.active_version !== expected) throw staleVersion(w.trackId, expected, track.active_version);

  const part = parseWorkbook(fromJson<WorkbookSnapshot>(w.snapshot)).workbook;
  const held = sharedRecordsOf(part);
  const holdings = await activeHoldings(trx, w.spreadsheetId);
  const approved = await approvedShared(trx, w.spreadsheetId, holdings);
  const changes = sharedChanges({ part, approved, activeHeld: holdings.find((h) => h.trackId === w.trackId)?.shared ?? null });
  if (!w.admin && changes.length > 0) {
    const findings = [...(w.findings ?? []), ...sharedChangeFindings(changes, approved, w.trackId)];
    const what = w.kind === 'rollback' ? `Version ${w.sourceVersion} of track ${w.trackId} holds` : `The draft of track ${w.trackId} holds`;
    throw new ServiceError('has-errors', `${what} Shared items that differ from what an admin published. Shared competencies and modules belong to the workbook's admins: only an admin can publish this.`, findings);
  }

  const next = (await latestVersion(trx, w.spreadsheetId, w.trackId)) + 1;
  const row: VersionRow = {
    workbook_id: w.spreadsheetId, track_id: w.trackId, version: next, kind: w.kind, snapshot: w.snapshot,
    draft_id: w.draftId, source_version: w.sourceVersion, published_by: w.actor, published_at: at,
    idempotency_key: w.idempotencyKey, note: w.note, shared: toJson(held), batch_id: batchId,
  };
  await trx.insertInto('versions').values(row).execute();
  await ctx.hooks?.afterVersionInsert?.();

  const moved = await trx.updateTable('tracks').set({ active_version: next })
    .where('workbook_id', '=', w.spreadsheetId).where('track_id', '=', w.trackId)
    .where('active_version', '=', expected)
    .executeTakeFirst();
  if (moved.numUpdatedRows !== 1n) throw staleVersion(w.trackId, expected);

  if (w.draftId) await trx.updateTable('drafts').set({ published_version: next }).where('id', '=', w.draftId).execute();
  if (w.admin && w.kind === 'publish') await approve(trx, { spreadsheetId: w.spreadsheetId, trackId: w.trackId, version: next, actor: w.actor, at, held, changes, approved });
  await appendAudit(trx, {
    at, actor: w.actor, action: w.kind === 'publish' ? 'track.publish' : 'track.rollback',
    workbookId: w.spreadsheetId, trackId: w.trackId,
    details: {
      version: next, previous: expected, draftId: w.draftId, sourceVersion: w.sourceVersion, idempotencyKey: w.idempotencyKey, note: w.note,
      ...(batchId !== null ? { batchId } : {}),
      ...(changes.length > 0 ? { sharedChanges: changes.map((c) => `${c.change} ${c.kind} ${c.id}`) } : {}),
    },
  });
  return row;
}

async function latestVersion(db: Kysely<Database>, spreadsheetId: string, trackId: string): Promise<number> {
  const r = await db.selectFrom('versions').select((eb) => eb.fn.max('version').as('max'))
    .where('workbook_id', '=', spreadsheetId).where('track_id', '=', trackId).executeTakeFirst();
  return Number(r?.max ?? 0);
}
