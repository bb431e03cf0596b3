/**
 * Report refreshes: ask the server to refresh the workbook's report tabs (it queues a job and writes the tabs
 * through the Sheets API), remember when, and keep an hourly time-driven trigger as the fallback schedule. When the
 * server cannot write to Google itself, the add-on writes the tabs the server computed (report-fallback.ts).
 */
import { z } from 'zod';
import { writeReportsIfNotPushed } from './report-fallback';
import { callServer } from './server-client';
import { RefreshAnswer } from './server-answers';
import { loadConnection } from './settings';
import type { RefreshView } from './sidebar-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LAST_REFRESH_KEY = 'rungs.lastReportRefresh';
export const HOURLY_HANDLER = 'hourlyReportRefresh';

export function lastReportRefresh(): string | null {
  return PropertiesService.getDocumentProperties()?.getProperty(LAST_REFRESH_KEY) ?? null;
}

export function requestRefreshIn(ss: Spreadsheet): RefreshView {
  const path = `/v1/workbooks/${encodeURIComponent(ss.getId())}/reports/refresh`;
  const { value } = callServer(loadConnection(), { method: 'post', path, answer: RefreshAnswer });
  PropertiesService.getDocumentProperties().setProperty(LAST_REFRESH_KEY, value.requestedAt);
  const scheduled = ensureHourlyTrigger(ss);
  const fallback = writeReportsIfNotPushed(ss, loadConnection());
  const wrote = fallback.written > 0
    ? ` The server cannot write to Google Sheets (${fallback.serverOutcome === 'failed' ? 'Google refused its last write' : 'no Google credentials on the server'}), so Rungs wrote the ${fallback.written} report tabs it last computed here.`
    : '';
  return {
    jobId: value.jobId,
    requestedAt: value.requestedAt,
    message: `Report refresh requested (job ${value.jobId}). The report tabs update when the server has finished.${wrote}${scheduled ? ' Reports now also refresh every hour.' : ''}`,
  };
}

/**
 * One hourly trigger per user and document (an add-on may have only one time-driven trigger per document, and
 * creating a second throws): installed when missing. Answers whether it was installed now.
 */
export function ensureHourlyTrigger(ss: Spreadsheet): boolean {
  const existing = ScriptApp.getUserTriggers(ss).some((t) => t.getHandlerFunction() === HOURLY_HANDLER);
  if (existing) return false;
  const trigger = ScriptApp.newTrigger(HOURLY_HANDLER).timeBased().everyHours(1).create();
  // A time-driven run may have no document open (no document properties): it finds its workbook by trigger id.
  const target: HourlyTarget = { spreadsheetId: ss.getId(), serverUrl: loadConnection().serverUrl };
  PropertiesService.getUserProperties().setProperty(HOURLY_PREFIX + trigger.getUniqueId(), JSON.stringify(target));
  return true;
}

const HOURLY_PREFIX = 'rungs.hourly.';
const HourlyTarget = z.object({ spreadsheetId: z.string().min(1), serverUrl: z.string().min(1) });
type HourlyTarget = z.infer<typeof HourlyTarget>;

/** The hourly trigger: requests a refresh of the workbook it was installed for. Quiet: nobody watches it run. */
export function hourlyRefresh(e?: { triggerUid?: string }): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (ss) {
    requestRefreshIn(ss);
    return;
  }
  const raw = e?.triggerUid ? PropertiesService.getUserProperties().getProperty(HOURLY_PREFIX + e.triggerUid) : null;
  if (!raw) return;
  const target = HourlyTarget.safeParse(JSON.parse(raw));
  if (!target.success) return;
  const { spreadsheetId, serverUrl } = target.data;
  const token = loadConnection().token;
  callServer({ serverUrl, token }, { method: 'post', path: `/v1/workbooks/${encodeURIComponent(spreadsheetId)}/reports/refresh`, answer: RefreshAnswer });
}
