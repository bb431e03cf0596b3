/**
 * The Sheets connector: reads a whole workbook in one call and writes every report tab in two (one read of what
 * exists, one batchUpdate), through the real googleapis client, a per-spreadsheet rate limiter and its own
 * retries. Failures are SheetsError with a code.
 */
import type { sheets_v4 } from 'googleapis';
import type { ReportTab } from '../../shared/reports/layout';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { createSheetsClient } from './client';
import type { SheetsConfig } from './config';
import { toSheetsError } from './errors';
import { GRID_FIELDS, gridToSnapshot } from './grid-snapshot';
import { sharedRateLimiter, type RateLimiter } from './rate-limiter';
import { checkReportTabs, EXISTING_FIELDS, parseExisting, planReportWrite } from './report-plan';
import { backoffDelay, exhausted, realWaiting, shouldRetry, withRetries, type Waiting } from './retry';

export interface WriteResult {
  /** HTTP requests sent to Google by this write, retries included. */
  calls: number;
  /** Bytes of the batchUpdate body (the last one sent). */
  payloadBytes: number;
  requests: number;
  created: string[];
  replaced: string[];
  /** Every written tab's sheetId (unchanged for tabs that existed). */
  sheetIds: Record<string, number>;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  calls: number;
}

export interface SheetsConnector {
  readWorkbook(spreadsheetId: string): Promise<ReadResult>;
  /** Writes the report tabs; `editors` overrides the configured report editors. */
  writeReportTabs(spreadsheetId: string, tabs: ReportTab[], options?: { editors?: string[] }): Promise<WriteResult>;
}

export interface ConnectorDeps {
  /** Defaults to the real client for the configuration. */
  sheets?: sheets_v4.Sheets;
  /** Defaults to the process-wide limiter. */
  limiter?: RateLimiter;
  /** Defaults to real sleeping and Math.random; tests inject both. */
  waiting?: Waiting;
}

export function createSheetsConnector(config: SheetsConfig, deps: ConnectorDeps = {}): SheetsConnector {
  const sheets = deps.sheets ?? createSheetsClient(config);
  const limiter = deps.limiter ?? sharedRateLimiter(config.rateLimit);
  const waiting = deps.waiting ?? realWaiting;

  /** One HTTP request: waits for the spreadsheet's rate limit, counts itself. */
  async function send<T>(spreadsheetId: string, counter: { calls: number }, request: () => Promise<{ data: T }>): Promise<T> {
    await limiter.take(spreadsheetId);
    counter.calls++;
    return (await request()).data;
  }

  async function readWorkbook(spreadsheetId: string): Promise<ReadResult> {
    const counter = { calls: 0 };
    // One spreadsheets.get with grid data rather than one values.batchGet: batchGet needs every tab's name up
    // front, and the Matrix/Rubric tab names come from the sheet itself (tabs of tracks missing from Tracks must
    // still be seen by validation), so it would take a second call. The grid data also says which numbers are
    // dates (numberFormat.type), which values.batchGet cannot tell apart from other numbers.
    const body = await withRetries(
      () => send(spreadsheetId, counter, () => sheets.spreadsheets.get({ spreadsheetId, includeGridData: true, fields: GRID_FIELDS })),
      config.retry, waiting,
    );
    return { snapshot: gridToSnapshot(spreadsheetId, body), calls: counter.calls };
  }

  async function writeReportTabs(spreadsheetId: string, tabs: ReportTab[], options: { editors?: string[] } = {}): Promise<WriteResult> {
    checkReportTabs(tabs);
    const counter = { calls: 0 };
    const editors = options.editors ?? config.reportEditors;
    const readExisting = () => withRetries(
      () => send(spreadsheetId, counter, () => sheets.spreadsheets.get({ spreadsheetId, fields: EXISTING_FIELDS })),
      config.retry, waiting,
    );
    let plan = planReportWrite(tabs, parseExisting(await readExisting()), { editors });
    for (let attempt = 1; ; attempt++) {
      const requestBody = { requests: plan.requests };
      const payloadBytes = Buffer.byteLength(JSON.stringify(requestBody));
      try {
        await send(spreadsheetId, counter, () => sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody }));
        return { calls: counter.calls, payloadBytes, requests: plan.requests.length, created: plan.created, replaced: plan.replaced, sheetIds: plan.sheetIds };
      } catch (e) {
        const err = toSheetsError(e);
        if (!shouldRetry(err, attempt, config.retry)) throw exhausted(err, attempt);
        await waiting.sleep(backoffDelay(attempt, config.retry, waiting.random, err.details.retryAfterMs));
        // A 429 was refused before anything happened: the same batch goes again. After a 5xx or a lost
        // connection the batch may have been applied (it is atomic, so wholly or not at all): the plan is made
        // again from what the spreadsheet now holds, or its deletes would name charts and rules already gone.
        if (err.code !== 'sheets-rate-limited') plan = planReportWrite(tabs, parseExisting(await readExisting()), { editors });
      }
    }
  }

  return { readWorkbook, writeReportTabs };
}
