import { hasErrors, type Finding } from '../../shared/findings';
import type { DraftRow, VersionRow } from '../storage/schema';
import type { Role } from './access';
import type { ServiceContext } from './context';
import { draftFindings, loadDraft } from './drafts';
import { ServiceError } from './errors';
import { replay, writeOnce, type Outcome } from './idempotency';
import { SHARED_ITEM_CODE } from './shared-items';
import { staleVersion, writeVersion } from './version-write';
import { activeVersion } from './workbooks';

export interface PublishInput {
  spreadsheetId: string;
  trackId: string;
  /** The draft to publish; default: the track's latest draft. */
  draftId?: number;
  actor: string;
  /** The caller's role; only an admin may publish Shared items that differ from the approved ones. Default admin. */
  role?: Role;
  /** Same key, same answer: a retried publish never makes a second version. */
  idempotencyKey?: string;
  note?: string;
}

/**
 * Publishes a draft: it becomes the track's next version and the active one. Refused with has-errors (422) when the
 * validator finds an error, and with stale-version (409) when another version became active after the draft was
 * saved, so two admins never overwrite each other. A refused or failed publish changes nothing.
 */
export async function publishTrack(ctx: ServiceContext, input: PublishInput): Promise<Outcome> {
  const { spreadsheetId, trackId, idempotencyKey } = input;
  const matches = (r: VersionRow) =>
    r.workbook_id === spreadsheetId && r.track_id === trackId && r.kind === 'publish' && (input.draftId === undefined || r.draft_id === input.draftId);
  const earlier = await replay(ctx, idempotencyKey, matches);
  if (earlier) return earlier;

  const draft = await loadDraft(ctx, spreadsheetId, trackId, input.draftId);
  const active = await activeVersion(ctx.store.db, spreadsheetId, trackId);
  if (draft.base_version !== active) throw staleVersion(trackId, draft.base_version, active);

  const findings = publishableFindings(ctx, draft);
  return writeOnce(ctx, idempotencyKey, matches, () => writeVersion(ctx, {
    spreadsheetId, trackId, expectedActive: draft.base_version, kind: 'publish', snapshot: draft.snapshot, findings,
    draftId: draft.id, sourceVersion: null, actor: input.actor, admin: (input.role ?? 'admin') === 'admin',
    idempotencyKey: idempotencyKey ?? null, note: input.note ?? '',
  }), () => staleVersion(trackId, draft.base_version));
}

/**
 * The draft's findings without the Shared-item ones (those are checked again for the publisher, against what is
 * approved at the time of publishing); refused with has-errors when they hold an error.
 */
export function publishableFindings(ctx: ServiceContext, draft: DraftRow): Finding[] {
  const all = draftFindings(ctx, draft);
  const findings = all.filter((f) => f.code !== SHARED_ITEM_CODE);
  if (hasErrors(findings)) {
    // The draft keeps as many findings as an answer lists; its counts are of all of them.
    const n = draft.errors - (all.length - findings.length);
    throw new ServiceError('has-errors', `Track ${draft.track_id} cannot be published: the draft has ${n} error${n === 1 ? '' : 's'}. Fix them and save the draft again.`,
      findings, draft.errors + draft.warnings - (all.length - findings.length));
  }
  return findings;
}
