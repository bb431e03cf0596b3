import type { Kysely } from 'kysely';
import type { Database, VersionKind, VersionRow } from '../storage/schema';
import { appendAudit } from './audit';
import { timestamp, type ServiceContext } from './context';
import { ServiceError } from './errors';

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
  idempotencyKey: string | null;
  note: string;
}

/** `active`: the version now active, when known. */
export const staleVersion = (trackId: string, expected: number, active?: number) =>
  new ServiceError('stale-version', `${active === undefined ? 'Another version' : `Version ${active}`} of track ${trackId} became active after this change was based on ${expected === 0 ? 'no version' : `version ${expected}`}. Review the changes, save a new draft and publish again.`);

/**
 * The one way a version is written: a single transaction that locks the track, checks the expected active version,
 * inserts the next version, moves the active pointer with a compare-and-set and records the audit entry. Any
 * failure rolls all of it back, so the active version never moves without its version row and audit entry.
 */
export async function writeVersion(ctx: ServiceContext, w: VersionWrite): Promise<VersionRow> {
  const { db, dialect } = ctx.store;
  const at = timestamp(ctx);
  return db.transaction().execute(async (trx) => {
    const track = await trx.selectFrom('tracks').select('active_version')
      .where('workbook_id', '=', w.spreadsheetId).where('track_id', '=', w.trackId)
      .$call((q) => dialect.lockRows(q))
      .executeTakeFirst();
    if (!track) throw new ServiceError('unknown-track', `Track ${w.trackId} is not known in workbook ${w.spreadsheetId}.`);
    const expected = w.expectedActive === 'current' ? track.active_version : w.expectedActive;
    if (track.active_version !== expected) throw staleVersion(w.trackId, expected, track.active_version);

    const next = (await latestVersion(trx, w.spreadsheetId, w.trackId)) + 1;
    const row: VersionRow = {
      workbook_id: w.spreadsheetId, track_id: w.trackId, version: next, kind: w.kind, snapshot: w.snapshot,
      draft_id: w.draftId, source_version: w.sourceVersion, published_by: w.actor, published_at: at,
      idempotency_key: w.idempotencyKey, note: w.note,
    };
    await trx.insertInto('versions').values(row).execute();
    await ctx.hooks?.afterVersionInsert?.();

    const moved = await trx.updateTable('tracks').set({ active_version: next })
      .where('workbook_id', '=', w.spreadsheetId).where('track_id', '=', w.trackId)
      .where('active_version', '=', expected)
      .executeTakeFirst();
    if (moved.numUpdatedRows !== 1n) throw staleVersion(w.trackId, expected);

    if (w.draftId) await trx.updateTable('drafts').set({ published_version: next }).where('id', '=', w.draftId).execute();
    await appendAudit(trx, {
      at, actor: w.actor, action: w.kind === 'publish' ? 'track.publish' : 'track.rollback',
      workbookId: w.spreadsheetId, trackId: w.trackId,
      details: { version: next, previous: expected, draftId: w.draftId, sourceVersion: w.sourceVersion, idempotencyKey: w.idempotencyKey, note: w.note },
    });
    return row;
  });
}

async function latestVersion(db: Kysely<Database>, spreadsheetId: string, trackId: string): Promise<number> {
  const r = await db.selectFrom('versions').select((eb) => eb.fn.max('version').as('max'))
    .where('workbook_id', '=', spreadsheetId).where('track_id', '=', trackId).executeTakeFirst();
  return Number(r?.max ?? 0);
}
