import { hasErrors } from '../../shared/findings';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { validateSnapshot } from '../../shared/validate/index';
import { fromJson } from '../storage/json';
import type { VersionRow } from '../storage/schema';
import { today, type ServiceContext } from './context';
import { loadDraft } from './drafts';
import { ServiceError } from './errors';
import { replay, writeOnce, type Outcome } from './idempotency';
import { staleVersion, writeVersion } from './version-write';
import { activeVersion } from './workbooks';

export interface PublishInput {
  spreadsheetId: string;
  trackId: string;
  /** The draft to publish; default: the track's latest draft. */
  draftId?: number;
  actor: string;
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

  const findings = validateSnapshot(fromJson<WorkbookSnapshot>(draft.snapshot), { today: today(ctx) });
  if (hasErrors(findings)) {
    const n = findings.filter((f) => f.severity === 'error').length;
    throw new ServiceError('has-errors', `Track ${trackId} cannot be published: the draft has ${n} error${n === 1 ? '' : 's'}. Fix them and save the draft again.`, findings);
  }

  return writeOnce(ctx, idempotencyKey, matches, () => writeVersion(ctx, {
    spreadsheetId, trackId, expectedActive: draft.base_version, kind: 'publish', snapshot: draft.snapshot,
    draftId: draft.id, sourceVersion: null, actor: input.actor, idempotencyKey: idempotencyKey ?? null, note: input.note ?? '',
  }), () => staleVersion(trackId, draft.base_version));
}
