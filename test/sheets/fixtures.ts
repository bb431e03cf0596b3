/** A stand-in, a connector on the real googleapis client pointed at it, and hand-built report tabs. */
import type { ReportTab } from '../../shared/reports/layout';
import type { SheetsConfig } from '../../sync-server/sheets/config';
import { createSheetsConnector, type SheetsConnector } from '../../sync-server/sheets/connector';
import { RateLimiter } from '../../sync-server/sheets/rate-limiter';
import { DEFAULT_RETRY, type RetryPolicy, type Waiting } from '../../sync-server/sheets/retry';
import { startSheetsStandIn, type SheetsStandIn } from '../sheets-standin';

export const TOKEN = 'ya29.test-token';
export const EDITORS = ['admin@acme.example', 'rungs-sync@acme-project.iam.gserviceaccount.com'];

/** Sleeps are recorded, never slept; random() answers from a list (then 0.5). */
export function fakeWaiting(randoms: number[] = []): Waiting & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: async (ms) => { sleeps.push(ms); },
    random: () => randoms.shift() ?? 0.5,
  };
}

export interface Harness {
  standIn: SheetsStandIn;
  config: SheetsConfig;
  waiting: ReturnType<typeof fakeWaiting>;
  connector: SheetsConnector;
  /** A connector with other settings against the same stand-in. */
  connect(overrides?: Partial<SheetsConfig>, waiting?: Waiting): SheetsConnector;
}

export function testConfig(standIn: SheetsStandIn, retry: Partial<RetryPolicy> = {}): SheetsConfig {
  return {
    credentials: { kind: 'access-token', accessToken: TOKEN },
    rootUrl: standIn.rootUrl,
    reportEditors: EDITORS,
    retry: { ...DEFAULT_RETRY, ...retry },
    rateLimit: { requestsPerMinute: 300, burst: 300 },
    timeoutMs: 10_000,
  };
}

export async function startHarness(retry: Partial<RetryPolicy> = {}): Promise<Harness> {
  const standIn = await startSheetsStandIn();
  standIn.auth.acceptToken(TOKEN);
  const config = testConfig(standIn, retry);
  const waiting = fakeWaiting();
  const connect = (overrides: Partial<SheetsConfig> = {}, w: Waiting = waiting) => {
    const c = { ...config, ...overrides };
    return createSheetsConnector(c, { waiting: w, limiter: new RateLimiter(c.rateLimit) });
  };
  return { standIn, config, waiting, connector: connect(), connect };
}

/**
 * A report tab as the report domain lays it out: title block, a module funnel with completion rates (percent,
 * heatmap, column chart), then score distribution per rubric dimension (bar chart) and a review date.
 */
export function reportTab(trackId: string, variant: { modules?: string[]; completed?: number[] } = {}): ReportTab {
  const modules = variant.modules ?? ['M-101', 'M-102', 'M-103'];
  const completed = variant.completed ?? [40, 31, 12];
  const funnelStart = 3;
  const funnelEnd = funnelStart + 1 + modules.length;
  const distStart = funnelEnd + 1;
  const rows: ReportTab['rows'] = [
    [`Report ${trackId}`, null, null, 'Refreshed', '2026-11-23'],
    ['Completion', 0.62],
    [],
    ['Module', 'Enrolled', 'Completed', 'Completion rate'],
    ...modules.map((m, i) => [m, 50, completed[i] ?? 0, (completed[i] ?? 0) / 50]),
    [],
    ['Score', 'Clarity of writing', 'Review quality'],
    [1, 3, 5],
    [2, 9, 12],
    [3, 20, 14],
    [4, 8, 3],
  ];
  const distEnd = distStart + 5;
  return {
    title: `Report ${trackId}`,
    rows,
    boldRows: [0, funnelStart, distStart],
    numberFormats: [
      { range: { startRow: 1, endRow: 2, startColumn: 1, endColumn: 2 }, kind: 'percent' },
      { range: { startRow: funnelStart + 1, endRow: funnelEnd, startColumn: 3, endColumn: 4 }, kind: 'percent' },
      { range: { startRow: funnelStart + 1, endRow: funnelEnd, startColumn: 1, endColumn: 3 }, kind: 'integer' },
      { range: { startRow: 0, endRow: 1, startColumn: 4, endColumn: 5 }, kind: 'date' },
    ],
    heatmaps: [{ range: { startRow: funnelStart + 1, endRow: funnelEnd, startColumn: 3, endColumn: 4 }, direction: 'higher-is-better', min: 0, max: 1 }],
    charts: [
      {
        key: 'funnel', title: `Module funnel ${trackId}`, type: 'column',
        domain: { startRow: funnelStart + 1, endRow: funnelEnd, startColumn: 0, endColumn: 1 },
        series: [{ startRow: funnelStart + 1, endRow: funnelEnd, startColumn: 2, endColumn: 3 }],
        anchor: { row: funnelStart, column: 6 },
      },
      {
        key: 'scores', title: `Score distribution ${trackId}`, type: 'bar',
        domain: { startRow: distStart + 1, endRow: distEnd, startColumn: 0, endColumn: 1 },
        series: [
          { startRow: distStart + 1, endRow: distEnd, startColumn: 1, endColumn: 2 },
          { startRow: distStart + 1, endRow: distEnd, startColumn: 2, endColumn: 3 },
        ],
        anchor: { row: distStart, column: 6 },
      },
    ],
    frozenRows: 1,
  };
}

/**
 * A report tab at about 900 cells, what 50 tracks can each have within ~2 MB (about 45 bytes a cell): the
 * funnel of 20 modules, the score distribution, and a 12-column table of `employees` rows.
 */
export function largeReportTab(trackId: string, employees = 60): ReportTab {
  const base = reportTab(trackId, { modules: Array.from({ length: 20 }, (_, i) => `${trackId}-MOD-${i + 1}`), completed: Array.from({ length: 20 }, (_, i) => 50 - i * 2) });
  const start = base.rows.length + 1;
  const gaps: ReportTab['rows'] = [['Employee', 'Level', ...Array.from({ length: 10 }, (_, i) => `COMP-${i + 1}`)]];
  for (let e = 0; e < employees; e++) gaps.push([`Employee ${trackId}-${e}`, `L${(e % 5) + 1}`, ...Array.from({ length: 10 }, (_, c) => ((e * 7 + c * 3) % 11) / 10)]);
  return {
    ...base,
    rows: [...base.rows, [], ...gaps],
    boldRows: [...base.boldRows, start],
    numberFormats: [...base.numberFormats, { range: { startRow: start + 1, endRow: start + 1 + employees, startColumn: 2, endColumn: 12 }, kind: 'percent' }],
    heatmaps: [...base.heatmaps, { range: { startRow: start + 1, endRow: start + 1 + employees, startColumn: 2, endColumn: 12 }, direction: 'lower-is-better' }],
  };
}
