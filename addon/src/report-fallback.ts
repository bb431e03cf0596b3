/**
 * The fallback for when the server cannot reach Google (no credentials, or Google refused): the server still
 * computes the report tabs and keeps them; the add-on fetches them and writes their values itself, one setValues
 * per tab, bold rows and frozen rows included, and a Team tab's developer metadata (which "Apply track
 * permissions" protects it by). Charts, heatmaps, protections and the removal of former managers' Team tabs come
 * only with the server's own push.
 */
import { z } from 'zod';
import { columnLetters } from '../../shared/cells';
import { ReportTabSchema } from '../../shared/reports/layout-schema';
import type { ReportTab } from '../../shared/reports/layout';
import { withDocumentLock } from './lock';
import { callServer } from './server-client';
import type { Connection } from './settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Cell = string | number | boolean;

const ReportsAnswer = z.object({
  state: z.object({ lastOutcome: z.enum(['pushed', 'computed', 'failed']).nullable(), lastFinishedAt: z.string().nullable() }).passthrough(),
  tabs: z.array(ReportTabSchema),
});

export interface FallbackOutcome {
  /** Tabs the add-on wrote; 0 when the server had pushed them to Google itself. */
  written: number;
  serverOutcome: 'pushed' | 'computed' | 'failed' | null;
}

/**
 * setValues reads strings as a person typing would (formulas, numbers, dates, TRUE): a string that could be read
 * as anything but text gets the apostrophe that keeps it text, as the server's own push does with typed values.
 */
const LOOKS_TYPED = /^\s*([=+\-@.\d(]|true\s*$|false\s*$)/i;
const cellOf = (v: ReportTab['rows'][number][number]): Cell => (v === null ? '' : typeof v === 'string' && LOOKS_TYPED.test(v) ? `'${v}` : v);

export function writeReportTab(ss: Spreadsheet, tab: ReportTab): void {
  const width = Math.max(1, ...tab.rows.map((r) => r.length));
  const height = Math.max(1, tab.rows.length);
  const values: Cell[][] = [];
  for (let r = 0; r < height; r++) {
    const row = tab.rows[r] ?? [];
    values.push(Array.from({ length: width }, (_, c) => cellOf(row[c] ?? null)));
  }
  const sheet = ss.getSheetByName(tab.title) ?? ss.insertSheet(tab.title);
  sheet.clear();
  sheet.getRange(1, 1, height, width).setValues(values);
  const bold = tab.boldRows.filter((r) => r < height).map((r) => `A${r + 1}:${columnLetters(width - 1)}${r + 1}`);
  if (bold.length > 0) sheet.getRangeList(bold).setFontWeight('bold');
  sheet.setFrozenRows(Math.min(tab.frozenRows, height));
  for (const [key, value] of Object.entries(tab.metadata ?? {})) {
    const had = sheet.getDeveloperMetadata().filter((m) => m.getKey() === key);
    if (had.length === 1 && had[0].getValue() === value) continue;
    for (const m of had) m.remove();
    sheet.addDeveloperMetadata(key, value);
  }
}

/**
 * After a refresh request: when the server could not push to Google, writes the tabs it last computed. The
 * server's refresh runs in the background, so this writes the previous run's tabs; the next run catches up.
 */
export function writeReportsIfNotPushed(ss: Spreadsheet, connection: Connection): FallbackOutcome {
  const path = `/v1/workbooks/${encodeURIComponent(ss.getId())}/reports`;
  const { value } = callServer(connection, { method: 'get', path, answer: ReportsAnswer });
  const outcome = value.state.lastOutcome;
  if (outcome === 'pushed' || value.tabs.length === 0) return { written: 0, serverOutcome: outcome };
  withDocumentLock(() => {
    for (const tab of value.tabs) writeReportTab(ss, tab);
  });
  return { written: value.tabs.length, serverOutcome: outcome };
}
