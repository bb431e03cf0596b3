/**
 * The bookkeeping of report refreshes (F8): asking for one (coalesced: many asks while one is queued make one
 * run), holding a workbook's refresh so that only one runs at a time across instances, and the last outcome.
 * What a refresh computes and writes is in sync-server/reports/.
 */
import type { ReportTab } from '../../shared/reports/layout';
import { fromJson, toJson } from '../storage/json';
import type { RefreshOutcome } from '../storage/schema';
import { timestamp, type ServiceContext } from './context';
import { enqueue } from './jobs';

export const REFRESH_QUEUE = 'reports.refresh';

export interface RefreshPayload {
  spreadsheetId: string;
}

export interface RefreshRequested {
  jobId: number;
  requestedAt: string;
  /** True when a queued refresh that has not started yet will serve this request too. */
  coalesced: boolean;
}

async function ensureRow(ctx: ServiceContext, spreadsheetId: string): Promise<void> {
  await ctx.store.db.insertInto('report_refreshes').values({
    workbook_id: spreadsheetId, requested_at: null, pending_job_id: null, running_by: null, running_until: null,
    last_started_at: null, last_finished_at: null, last_outcome: null, last_error: null, last_summary: null, tabs: null,
  }).onConflict((oc) => oc.column('workbook_id').doNothing()).execute();
}

/** Asks for a refresh of a workbook's reports; reuses the queued job when one has not started yet. */
export async function requestRefresh(ctx: ServiceContext, spreadsheetId: string, options: { runAt?: Date } = {}): Promise<RefreshRequested> {
  await ensureRow(ctx, spreadsheetId);
  const requestedAt = timestamp(ctx);
  return ctx.store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('report_refreshes').select('pending_job_id').where('workbook_id', '=', spreadsheetId).executeTakeFirstOrThrow();
    if (row.pending_job_id !== null) {
      const job = await trx.selectFrom('jobs').select(['status', 'locked_by']).where('id', '=', row.pending_job_id).executeTakeFirst();
      if (job?.status === 'pending' && job.locked_by === null) {
        await trx.updateTable('report_refreshes').set({ requested_at: requestedAt }).where('workbook_id', '=', spreadsheetId).execute();
        return { jobId: row.pending_job_id, requestedAt, coalesced: true };
      }
    }
    const jobId = await enqueue({ ...ctx, store: { ...ctx.store, db: trx } }, {
      queue: REFRESH_QUEUE, payload: { spreadsheetId } satisfies RefreshPayload, runAt: options.runAt, maxAttempts: 4,
    });
    await trx.updateTable('report_refreshes').set({ requested_at: requestedAt, pending_job_id: jobId }).where('workbook_id', '=', spreadsheetId).execute();
    return { jobId, requestedAt, coalesced: false };
  });
}

export type Held = { held: true; startedAt: string } | { held: false; busyUntil: string };

/** Takes the workbook's refresh for `worker` unless another worker holds it (until its lease runs out). */
export async function holdRefresh(ctx: ServiceContext, spreadsheetId: string, worker: string, leaseMs: number): Promise<Held> {
  await ensureRow(ctx, spreadsheetId);
  const now = timestamp(ctx);
  const until = new Date(ctx.now().getTime() + leaseMs).toISOString();
  const r = await ctx.store.db.updateTable('report_refreshes')
    .set({ running_by: worker, running_until: until, last_started_at: now, pending_job_id: null })
    .where('workbook_id', '=', spreadsheetId)
    .where((eb) => eb.or([eb('running_until', 'is', null), eb('running_until', '<=', now)]))
    .executeTakeFirst();
  if (r.numUpdatedRows === 1n) return { held: true, startedAt: now };
  const row = await ctx.store.db.selectFrom('report_refreshes').select('running_until').where('workbook_id', '=', spreadsheetId).executeTakeFirstOrThrow();
  return { held: false, busyUntil: row.running_until ?? now };
}

export async function renewRefresh(ctx: ServiceContext, spreadsheetId: string, worker: string, leaseMs: number): Promise<boolean> {
  const until = new Date(ctx.now().getTime() + leaseMs).toISOString();
  const r = await ctx.store.db.updateTable('report_refreshes').set({ running_until: until })
    .where('workbook_id', '=', spreadsheetId).where('running_by', '=', worker).executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export interface RefreshSummary {
  tracks: number;
  tabs: number;
  /** Of the tabs, one per manager with direct reports. */
  teamTabs: number;
  completions: number;
  assessments: number;
  ignoredRecords: number;
  sheetsCalls: number;
  payloadBytes: number;
  computeMs: number;
  totalMs: number;
}

export interface FinishInput {
  outcome: RefreshOutcome;
  error?: string;
  summary?: RefreshSummary;
  /** Kept for the add-on's fallback; left as it was when the run produced none (a failure). */
  tabs?: ReportTab[];
}

/** Ends a held refresh; `again` when someone asked for a refresh after this one started. */
export async function finishRefresh(ctx: ServiceContext, spreadsheetId: string, worker: string, input: FinishInput): Promise<{ again: boolean }> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('report_refreshes').select(['requested_at', 'last_started_at', 'running_by'])
      .where('workbook_id', '=', spreadsheetId).executeTakeFirst();
    if (!row || row.running_by !== worker) return { again: false };
    await trx.updateTable('report_refreshes').set({
      running_by: null, running_until: null, last_finished_at: timestamp(ctx), last_outcome: input.outcome, last_error: input.error ?? null,
      ...(input.summary ? { last_summary: toJson(input.summary) } : {}),
      ...(input.tabs ? { tabs: toJson(input.tabs) } : {}),
    }).where('workbook_id', '=', spreadsheetId).execute();
    const again = row.requested_at !== null && row.last_started_at !== null && row.requested_at > row.last_started_at;
    return { again };
  });
}

export interface RefreshState {
  spreadsheetId: string;
  requestedAt: string | null;
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastOutcome: RefreshOutcome | null;
  lastError: string | null;
  summary: RefreshSummary | null;
}

export async function refreshState(ctx: ServiceContext, spreadsheetId: string): Promise<RefreshState> {
  const row = await ctx.store.db.selectFrom('report_refreshes')
    .select(['requested_at', 'running_by', 'running_until', 'last_started_at', 'last_finished_at', 'last_outcome', 'last_error', 'last_summary'])
    .where('workbook_id', '=', spreadsheetId).executeTakeFirst();
  const now = timestamp(ctx);
  return {
    spreadsheetId,
    requestedAt: row?.requested_at ?? null,
    running: !!row?.running_by && (row.running_until ?? '') > now,
    lastStartedAt: row?.last_started_at ?? null,
    lastFinishedAt: row?.last_finished_at ?? null,
    lastOutcome: row?.last_outcome ?? null,
    lastError: row?.last_error ?? null,
    summary: row?.last_summary ? fromJson<RefreshSummary>(row.last_summary) : null,
  };
}

/** The tabs the last successful computation rendered, or null before the first. */
export async function lastReportTabs(ctx: ServiceContext, spreadsheetId: string): Promise<ReportTab[] | null> {
  const row = await ctx.store.db.selectFrom('report_refreshes').select('tabs').where('workbook_id', '=', spreadsheetId).executeTakeFirst();
  return row?.tabs ? fromJson<ReportTab[]>(row.tabs) : null;
}

/** Every workbook the server knows: the scheduler asks a refresh of each. */
export async function workbookIds(ctx: ServiceContext): Promise<string[]> {
  const rows = await ctx.store.db.selectFrom('workbooks').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}
