/**
 * Report refreshes as background jobs: the handler of the `reports.refresh` queue and the schedule that asks for
 * one per workbook every interval. One refresh of a spreadsheet runs at a time across instances (a lease in
 * `report_refreshes`); a job that finds it held comes back when the lease ends.
 */
import type { ReportTab } from '../../shared/reports/layout';
import { silentLogger, type Logger } from '../log';
import type { ServiceContext } from '../services/context';
import { JOB_LEASE_MS, type Job } from '../services/jobs';
import {
  finishRefresh, holdRefresh, renewRefresh, REFRESH_QUEUE, requestRefresh, workbookIds,
  type RefreshPayload, type RefreshSummary,
} from '../services/report-refresh';
import { scheduleRecurring, type ScheduledPayload } from './schedule';
import type { JobHandler } from './worker';

export interface ComputedReports {
  tabs: ReportTab[];
  summary: Omit<RefreshSummary, 'sheetsCalls' | 'payloadBytes' | 'totalMs'>;
}

/** Writes report tabs into the spreadsheet (the Sheets connector); null when Google is not configured. */
export interface ReportPublisher {
  write(spreadsheetId: string, tabs: ReportTab[]): Promise<{ calls: number; payloadBytes: number }>;
}

export interface RefreshJobDeps {
  ctx: ServiceContext;
  compute(ctx: ServiceContext, spreadsheetId: string): Promise<ComputedReports>;
  publisher: ReportPublisher | null;
  leaseMs?: number;
  logger?: Logger;
}

/** The spreadsheet a refresh job is for: asked-for jobs carry it directly, scheduled ones under `data`. */
export function refreshTarget(payload: unknown): string | null {
  const p = payload as Partial<RefreshPayload & ScheduledPayload> | null;
  if (p && typeof p.spreadsheetId === 'string') return p.spreadsheetId;
  const data = p?.data as Partial<RefreshPayload> | null | undefined;
  return data && typeof data.spreadsheetId === 'string' ? data.spreadsheetId : null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function refreshJobHandler(deps: RefreshJobDeps): JobHandler {
  // The same lease as the job's: a worker that dies lets another instance take both over together.
  const leaseMs = deps.leaseMs ?? JOB_LEASE_MS;
  const logger = deps.logger ?? silentLogger;
  return async (job: Job) => {
    const spreadsheetId = refreshTarget(job.payload);
    if (spreadsheetId === null) throw new Error(`refresh job ${job.id} names no spreadsheet`);
    const holder = `refresh-job-${job.id}-${job.attempt}`;
    const held = await holdRefresh(deps.ctx, spreadsheetId, holder, leaseMs);
    if (!held.held) {
      // Another instance is refreshing this spreadsheet: run again once it is done, so newer data is not missed.
      await requestRefresh(deps.ctx, spreadsheetId, { runAt: new Date(held.busyUntil) });
      return;
    }
    const renew = setInterval(() => { void renewRefresh(deps.ctx, spreadsheetId, holder, leaseMs).catch(() => undefined); }, Math.max(leaseMs / 3, 10));
    const started = Date.now();
    let computed: ComputedReports | undefined;
    try {
      computed = await deps.compute(deps.ctx, spreadsheetId);
      const pushed = deps.publisher ? await deps.publisher.write(spreadsheetId, computed.tabs) : { calls: 0, payloadBytes: 0 };
      const summary: RefreshSummary = { ...computed.summary, sheetsCalls: pushed.calls, payloadBytes: pushed.payloadBytes, totalMs: Date.now() - started };
      const { again } = await finishRefresh(deps.ctx, spreadsheetId, holder, { outcome: deps.publisher ? 'pushed' : 'computed', summary, tabs: computed.tabs });
      logger.info('reports refreshed', { spreadsheetId, ...summary });
      if (again) await requestRefresh(deps.ctx, spreadsheetId);
    } catch (e) {
      // The rendered tabs are kept even when Google refused them: the add-on's fallback can still write them.
      await finishRefresh(deps.ctx, spreadsheetId, holder, { outcome: 'failed', error: message(e), tabs: computed?.tabs });
      throw e;
    } finally {
      clearInterval(renew);
    }
  };
}

export interface RefreshSchedule {
  stop(): void;
  /** One pass: asks this slot's refresh of every workbook (idempotent across instances). */
  tick(): Promise<number>;
}

/** Every `intervalMs` (default 15 min), each known workbook gets one refresh job per slot, whichever instance asks. */
export function startRefreshSchedule(ctx: ServiceContext, options: { intervalMs: number; checkEveryMs?: number; logger?: Logger }): RefreshSchedule {
  const logger = options.logger ?? silentLogger;
  const tick = async () => {
    let created = 0;
    for (const spreadsheetId of await workbookIds(ctx)) {
      const s = await scheduleRecurring(ctx, { queue: REFRESH_QUEUE, key: `reports:${spreadsheetId}`, intervalMs: options.intervalMs, data: { spreadsheetId }, maxAttempts: 4 });
      if (s.created) created++;
    }
    return created;
  };
  const timer = setInterval(() => {
    tick().catch((e: unknown) => logger.error('report schedule failed', { error: message(e) }));
  }, options.checkEveryMs ?? Math.min(options.intervalMs, 60_000));
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
