import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../storage/json';
import type { Database } from '../storage/schema';

export type AuditAction =
  | 'workbook.connect'
  | 'draft.save'
  | 'track.publish'
  | 'track.rollback'
  | 'token.create'
  | 'token.revoke'
  | 'token.bind'
  | 'import'
  | 'employees.replace'
  | 'ai.run';

export interface AuditInput {
  at: string;
  actor: string;
  action: AuditAction;
  workbookId?: string | null;
  trackId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  workbookId: string | null;
  trackId: string | null;
  details: Record<string, unknown>;
}

/** Writes one entry; pass the transaction of the change it records so both commit or neither does. */
export async function appendAudit(db: Kysely<Database>, e: AuditInput): Promise<void> {
  await db.insertInto('audit_log').values({
    at: e.at,
    actor: e.actor,
    action: e.action,
    workbook_id: e.workbookId ?? null,
    track_id: e.trackId ?? null,
    details: toJson(e.details ?? {}),
  }).execute();
}

export interface AuditFilter {
  workbookId?: string;
  trackId?: string;
  action?: AuditAction;
  /** Only entries of these tracks (a track owner's view); an empty list matches nothing. */
  trackIds?: readonly string[];
  /** Entries at or after this ISO timestamp. */
  since?: string;
  /** Entries with a smaller id than this (paging backwards from the newest). */
  before?: number;
  limit?: number;
}

/** Newest first. */
export async function listAudit(db: Kysely<Database>, f: AuditFilter = {}): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll()
    .$if(f.workbookId !== undefined, (q) => q.where('workbook_id', '=', f.workbookId!))
    .$if(f.trackId !== undefined, (q) => q.where('track_id', '=', f.trackId!))
    .$if(f.action !== undefined, (q) => q.where('action', '=', f.action!))
    .$if(f.trackIds !== undefined, (q) => (f.trackIds!.length === 0 ? q.where((eb) => eb.lit(false)) : q.where('track_id', 'in', [...f.trackIds!])))
    .$if(f.since !== undefined, (q) => q.where('at', '>=', f.since!))
    .$if(f.before !== undefined, (q) => q.where('id', '<', f.before!))
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(f.limit ?? 100, 1), 1000))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    workbookId: r.workbook_id,
    trackId: r.track_id,
    details: fromJson<Record<string, unknown>>(r.details),
  }));
}
