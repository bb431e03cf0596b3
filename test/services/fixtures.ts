import type { WorkbookSnapshot } from '../../shared/snapshot';
import { serviceContext, type PublishHooks, type ServiceContext } from '../../sync-server/services/context';
import { saveDraft } from '../../sync-server/services/drafts';
import { publishTrack } from '../../sync-server/services/publish';
import { connectWorkbook } from '../../sync-server/services/workbooks';
import type { Store } from '../../sync-server/storage/store';
import { miniWorkbook } from '../shared/mini-workbook';
import type { EngineHandle } from '../storage/engines';

/** The mini workbook's "today" (its review-by dates are in the future of it). */
export const START = Date.parse('2026-11-23T09:00:00.000Z');

/** A clock that moves one second per reading, so every timestamp differs and tests stay deterministic. */
export function tickingClock(start = START): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

export function contextFor(store: Store, hooks?: PublishHooks): ServiceContext {
  return serviceContext(store, { now: tickingClock(), hooks });
}

/** A fresh store with the mini workbook connected. */
export async function connected(h: EngineHandle, hooks?: PublishHooks): Promise<{ store: Store; ctx: ServiceContext }> {
  const store = await h.open();
  const ctx = contextFor(store, hooks);
  await connectWorkbook(ctx, { spreadsheetId: 'mini', name: 'Mini Co', actor: 'admin@acme.test' });
  return { store, ctx };
}

/** Saves the snapshot as the track's draft and publishes it. */
export async function saveAndPublish(ctx: ServiceContext, trackId: string, snapshot: WorkbookSnapshot = miniWorkbook(), actor = 'admin@acme.test') {
  const draft = await saveDraft(ctx, { spreadsheetId: 'mini', trackId, snapshot, actor });
  const { result } = await publishTrack(ctx, { spreadsheetId: 'mini', trackId, draftId: draft.draftId, actor });
  return { draft, result };
}

/** Rows per table, to show that a refused or failed write changed nothing. */
export async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['workbooks', 'tracks', 'drafts', 'versions', 'audit_log'] as const) {
    const r = await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
