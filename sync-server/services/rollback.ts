import type { VersionRow } from '../storage/schema';
import type { Role } from './access';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { replay, writeOnce, type Outcome } from './idempotency';
import { staleVersion, writeVersion } from './version-write';
import { activeVersion } from './workbooks';

export interface RollbackInput {
  spreadsheetId: string;
  trackId: string;
  /** The earlier version whose content becomes active again. */
  toVersion: number;
  actor: string;
  /** The caller's role; only an admin may roll back to content whose Shared items differ from the approved ones. Default admin. */
  role?: Role;
  /** The active version the admin saw; refused with stale-version when another one is active now. */
  expectedActiveVersion?: number;
  idempotencyKey?: string;
  note?: string;
}

/** Rolls a track back by publishing an earlier version's content as a new version: history is never rewritten. */
export async function rollbackTrack(ctx: ServiceContext, input: RollbackInput): Promise<Outcome> {
  const { spreadsheetId, trackId, toVersion, idempotencyKey } = input;
  const matches = (r: VersionRow) =>
    r.workbook_id === spreadsheetId && r.track_id === trackId && r.kind === 'rollback' && r.source_version === toVersion;
  const earlier = await replay(ctx, idempotencyKey, matches);
  if (earlier) return earlier;

  const active = await activeVersion(ctx.store.db, spreadsheetId, trackId);
  const source = await ctx.store.db.selectFrom('versions').select('snapshot')
    .where('workbook_id', '=', spreadsheetId).where('track_id', '=', trackId).where('version', '=', toVersion)
    .executeTakeFirst();
  if (!source) throw new ServiceError('unknown-version', `Track ${trackId} has no version ${toVersion}.`);
  const expected = input.expectedActiveVersion ?? active;
  if (expected !== active) throw staleVersion(trackId, expected, active);
  if (toVersion === active) throw new ServiceError('already-active', `Version ${toVersion} of track ${trackId} is already the active one.`);

  return writeOnce(ctx, idempotencyKey, matches, () => writeVersion(ctx, {
    spreadsheetId, trackId, expectedActive: expected, kind: 'rollback', snapshot: source.snapshot,
    draftId: null, sourceVersion: toVersion, actor: input.actor, admin: (input.role ?? 'admin') === 'admin', idempotencyKey: idempotencyKey ?? null,
    note: input.note ?? `Rollback to version ${toVersion}`,
  }), () => staleVersion(trackId, expected));
}
