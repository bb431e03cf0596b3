/**
 * The Sheets connector: reads a whole workbook in one call and writes every report tab with one read of what
 * exists and as few batchUpdates as keep each body at most 2 MB (one for a usual refresh), through the real
 * googleapis client, a per-spreadsheet rate limiter and its own retries. Failures are SheetsError with a code.
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
  /** Bytes of every batchUpdate body sent, retries included. */
  payloadBytes: number;
  /** The largest batchUpdate body sent. */
  largestRequestBytes: number;
  /** batchUpdates that were applied. */
  batches: number;
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
    const first = planReportWrite(tabs, parseExisting(await readExisting()), { editors });
    const result: WriteResult = {
      calls: 0, payloadBytes: 0, largestRequestBytes: 0, batches: 0, requests: first.requests, created: first.created, replaced: first.replaced, sheetIds: { ...first.sheetIds },
    };
    let plan = first;
    let next = 0;
    const done = new Set<string>();
    for (let attempt = 1; next < plan.batches.length;) {
      const requestBody = { requests: plan.batches[next] };
      const bytes = Buffer.byteLength(JSON.stringify(requestBody));
      result.payloadBytes += bytes;
      result.largestRequestBytes = Math.max(result.largestRequestBytes, bytes);
      try {
        await send(spreadsheetId, counter, () => sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody }));
        for (const title of plan.batchTabs[next]) done.add(title);
        result.batches++;
        next++;
        attempt = 1;
      } catch (e) {
        const err = toSheetsError(e);
        if (!shouldRetry(err, attempt, config.retry)) throw exhausted(err, attempt);
        await waiting.sleep(backoffDelay(attempt, config.retry, waiting.random, err.details.retryAfterMs));
        attempt++;
        // A 429 was refused before anything happened: the same batch goes again. After a 5xx or a lost connection
        // the batch may have been applied (it is atomic, so wholly or not at all): the tabs not written yet are
        // planned again from what the spreadsheet now holds, or their deletes would name charts and rules gone.
        if (err.code !== 'sheets-rate-limited') {
          plan = planReportWrite(tabs.filter((t) => !done.has(t.title)), parseExisting(await readExisting()), { editors });
          Object.assign(result.sheetIds, plan.sheetIds);
          const created = new Set([...result.created.filter((t) => done.has(t)), ...plan.created]);
          result.created = tabs.map((t) => t.title).filter((t) => created.has(t));
          result.replaced = tabs.map((t) => t.title).filter((t) => !created.has(t));
          next = 0;
        }
      }
    }
    result.calls = counter.calls;
    return result;
  }

  return { readWorkbook, writeReportTabs };
}
