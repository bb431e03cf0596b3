import type { Kysely } from 'kysely';
import { hasErrors, type Finding } from '../../shared/findings';
import { fromJson, toJson } from '../storage/json';
import type { Database, PublishBatchRow, VersionRow } from '../storage/schema';
import type { Role } from './access';
import { timestamp, type ServiceContext } from './context';
import { loadDraft } from './drafts';
import { isServiceError, ServiceError } from './errors';
import { publishableFindings } from './publish';
import { staleVersion, writeVersions, type VersionWrite } from './version-write';
import { versionInfo, type VersionInfo } from './versions';
import { activeVersion, trackStatuses, type TrackStatus } from './workbooks';

export interface PublishManyInput {
  spreadsheetId: string;
  /** The tracks to publish together, each with its draft (default: the track's latest draft). */
  tracks: readonly { trackId: string; draftId?: number }[];
  actor: string;
  /** The caller's role; only an admin may publish Shared items that differ from the approved ones. Default admin. */
  role?: Role;
  /** Same key, same answer: a retried request never publishes twice. */
  idempotencyKey?: string;
  note?: string;
}

export interface PublishManyResult {
  batchId: number;
  versions: VersionInfo[];
  /** Every track of the workbook as the add-on writes it into the Tracks tab's Status column (as of now). */
  statuses: TrackStatus[];
}

export interface ManyOutcome {
  result: PublishManyResult;
  replayed: boolean;
}

/**
 * Publishes several tracks' drafts in one transaction: every track gets its next version, or none does. Refused as
 * a whole with has-errors (422, every track's findings) when a draft has errors, and with stale-version (409) when
 * another version of one of the tracks became active after its draft was saved. This is how an admin who changed
 * a Shared item republishes every track that uses it at once.
 */
export async function publishTracks(ctx: ServiceContext, input: PublishManyInput): Promise<ManyOutcome> {
  const { spreadsheetId, idempotencyKey } = input;
  const ids = input.tracks.map((t) => t.trackId);
  if (ids.length === 0) throw new ServiceError('bad-request', 'Name at least one track to publish.');
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new ServiceError('bad-request', `Track ${twice} is named twice; name each track once.`);

  const earlier = await replayBatch(ctx, spreadsheetId, idempotencyKey, ids);
  if (earlier) return earlier;

  const writes: VersionWrite[] = [];
  const refused: Finding[] = [];
  const blocked: string[] = [];
  for (const t of input.tracks) {
    const draft = await loadDraft(ctx, spreadsheetId, t.trackId, t.draftId);
    const active = await activeVersion(ctx.store.db, spreadsheetId, t.trackId);
    if (draft.base_version !== active) throw staleVersion(t.trackId, draft.base_version, active);
    let findings: Finding[];
    try {
      findings = publishableFindings(ctx, draft);
    } catch (err) {
      if (!isServiceError(err, 'has-errors')) throw err;
      refused.push(...(err.findings ?? []));
      blocked.push(t.trackId);
      continue;
    }
    writes.push({
      spreadsheetId, trackId: t.trackId, expectedActive: draft.base_version, kind: 'publish', snapshot: draft.snapshot, findings,
      draftId: draft.id, sourceVersion: null, actor: input.actor, admin: (input.role ?? 'admin') === 'admin',
      idempotencyKey: null, note: input.note ?? '',
    });
  }
  if (blocked.length > 0 || hasErrors(refused)) {
    throw new ServiceError('has-errors', `Nothing was published: the draft${blocked.length === 1 ? '' : 's'} of ${blocked.join(', ')} ha${blocked.length === 1 ? 's' : 've'} errors. Fix them and save the drafts again.`, distinct(refused));
  }

  const at = timestamp(ctx);
  const openBatch = async (trx: Kysely<Database>) => {
    const row = await trx.insertInto('publish_batches')
      .values({ workbook_id: spreadsheetId, idempotency_key: idempotencyKey ?? null, tracks: toJson(ids), published_by: input.actor, published_at: at })
      .returning('id').executeTakeFirstOrThrow();
    return row.id;
  };
  try {
    const rows = await writeVersions(ctx, writes, openBatch);
    return { result: await manyResult(ctx, spreadsheetId, rows[0].batch_id!, rows), replayed: false };
  } catch (err) {
    const lostRace = isServiceError(err, 'stale-version') || ctx.store.dialect.isUniqueViolation(err);
    if (!lostRace) throw err;
    const winner = await replayBatch(ctx, spreadsheetId, idempotencyKey, ids);
    if (winner) return winner;
    throw isServiceError(err) ? err : new ServiceError('stale-version', `Another version of ${ids.join(', ')} became active while these were published; nothing was published. Review the changes and publish again.`);
  }
}

/** A finding reported by several tracks (a Shared module's cell is in every part) is listed once. */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.sheet}\u0000${f.cell}\u0000${f.code}\u0000${f.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

async function replayBatch(ctx: ServiceContext, spreadsheetId: string, key: string | undefined, ids: readonly string[]): Promise<ManyOutcome | undefined> {
  if (!key) return undefined;
  const batch: PublishBatchRow | undefined = await ctx.store.db.selectFrom('publish_batches').selectAll()
    .where('workbook_id', '=', spreadsheetId).where('idempotency_key', '=', key).executeTakeFirst();
  if (!batch) return undefined;
  const before = fromJson<string[]>(batch.tracks);
  if (before.length !== ids.length || before.some((id, i) => id !== ids[i]))
    throw new ServiceError('idempotency-key-reused', `Idempotency key "${key}" was already used to publish ${before.join(', ')}. Use a new key for a new request.`);
  const rows = await ctx.store.db.selectFrom('versions').selectAll().where('workbook_id', '=', spreadsheetId).where('batch_id', '=', batch.id).execute();
  return { result: await manyResult(ctx, spreadsheetId, batch.id, rows), replayed: true };
}

async function manyResult(ctx: ServiceContext, spreadsheetId: string, batchId: number, rows: readonly VersionRow[]): Promise<PublishManyResult> {
  const versions = rows.map(versionInfo).sort((a, b) => (a.trackId < b.trackId ? -1 : a.trackId > b.trackId ? 1 : 0));
  return { batchId, versions, statuses: await trackStatuses(ctx.store.db, spreadsheetId) };
}
