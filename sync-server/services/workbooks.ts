import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema';
import { appendAudit } from './audit';
import { timestamp, type ServiceContext } from './context';
import { ServiceError } from './errors';

export interface WorkbookInfo {
  spreadsheetId: string;
  name: string;
  connectedBy: string;
  connectedAt: string;
}

/** What the add-on writes into the Tracks tab's Status column. */
export interface TrackStatus {
  trackId: string;
  status: 'Active' | 'Draft';
  /** The active version; null until the track is first published. */
  version: number | null;
}

export interface ConnectInput {
  spreadsheetId: string;
  name: string;
  actor: string;
}

/** Connects a spreadsheet to this server. Connecting again renames it and keeps everything else. */
export async function connectWorkbook(ctx: ServiceContext, input: ConnectInput): Promise<{ workbook: WorkbookInfo; tracks: TrackStatus[] }> {
  const at = timestamp(ctx);
  await ctx.store.db.transaction().execute(async (trx) => {
    await trx.insertInto('workbooks')
      .values({ id: input.spreadsheetId, name: input.name, connected_by: input.actor, connected_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: input.name }))
      .execute();
    await appendAudit(trx, { at, actor: input.actor, action: 'workbook.connect', workbookId: input.spreadsheetId, details: { name: input.name } });
  });
  return { workbook: await getWorkbook(ctx, input.spreadsheetId), tracks: await trackStatuses(ctx.store.db, input.spreadsheetId) };
}

export async function getWorkbook(ctx: ServiceContext, spreadsheetId: string): Promise<WorkbookInfo> {
  const row = await ctx.store.db.selectFrom('workbooks').selectAll().where('id', '=', spreadsheetId).executeTakeFirst();
  if (!row) throw new ServiceError('unknown-workbook', `Workbook ${spreadsheetId} is not connected to this server. Connect it first.`);
  return { spreadsheetId: row.id, name: row.name, connectedBy: row.connected_by, connectedAt: row.connected_at };
}

/** Every track the server knows for a workbook, by id. */
export async function trackStatuses(db: Kysely<Database>, spreadsheetId: string): Promise<TrackStatus[]> {
  const rows = await db.selectFrom('tracks').select(['track_id', 'active_version'])
    .where('workbook_id', '=', spreadsheetId).execute();
  // Sorted here, not in SQL: PostgreSQL's collation may order text unlike SQLite's byte order.
  rows.sort((a, b) => (a.track_id < b.track_id ? -1 : a.track_id > b.track_id ? 1 : 0));
  return rows.map((r) => ({
    trackId: r.track_id,
    status: r.active_version > 0 ? 'Active' : 'Draft',
    version: r.active_version > 0 ? r.active_version : null,
  }));
}

/** The track's active version (0 = never published); throws unknown-track when the server does not know it. */
export async function activeVersion(db: Kysely<Database>, spreadsheetId: string, trackId: string): Promise<number> {
  const row = await db.selectFrom('tracks').select('active_version')
    .where('workbook_id', '=', spreadsheetId).where('track_id', '=', trackId).executeTakeFirst();
  if (!row) throw new ServiceError('unknown-track', `Track ${trackId} has no draft or version on this server yet. Save a draft first.`);
  return row.active_version;
}
