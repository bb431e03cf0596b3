/**
 * One refresh's spreadsheets.batchUpdate, planned from what the spreadsheet holds now: missing report tabs are
 * added under a sheetId chosen here (later requests of the same batch refer to it); existing ones keep their
 * sheetId (links to them stay valid) and are emptied of values, formats, charts, rules and protections before
 * being written again. Tabs that are not among the report tabs given are never named in a request.
 */
import type { sheets_v4 } from 'googleapis';
import { z } from 'zod';
import { REPORT_PREFIX } from '../../shared/contract';
import type { GridRange, ReportTab } from '../../shared/reports/layout';
import { describeIssues } from '../zod-issues';
import { SheetsError } from './errors';
import { boldRequests, numberFormatRequests, valueRequest } from './report-cells';
import { chartRequest, heatmapRequest } from './report-visuals';
import { metadataRequests, staleTeamTabRequests } from './team-tabs';
import { TEAM_PREFIX } from '../../shared/team/tab-title';

type Request = sheets_v4.Schema$Request;

/** What the plan needs to know of the spreadsheet: one spreadsheets.get with this mask. */
export const EXISTING_FIELDS = 'sheets(properties(sheetId,title),protectedRanges(protectedRangeId,range(sheetId)),charts(chartId),conditionalFormats(ranges(sheetId)),developerMetadata(metadataId,metadataKey,metadataValue))';

/** proto3 JSON leaves zero out: the first tab's sheetId 0 arrives as no sheetId at all. */
const ExistingSchema = z.object({
  sheets: z.array(z.object({
    properties: z.object({ sheetId: z.number().int().default(0), title: z.string() }),
    protectedRanges: z.array(z.object({ protectedRangeId: z.number().int() })).default([]),
    charts: z.array(z.object({ chartId: z.number().int() })).default([]),
    conditionalFormats: z.array(z.unknown()).default([]),
    developerMetadata: z.array(z.object({ metadataId: z.number().int(), metadataKey: z.string(), metadataValue: z.string().default('') })).default([]),
  })).default([]),
});

export interface ExistingSheet {
  sheetId: number;
  title: string;
  protectedRangeIds: number[];
  chartIds: number[];
  conditionalFormatCount: number;
  /** Developer metadata on the tab (Team tabs carry their manager's email). */
  metadata: { id: number; key: string; value: string }[];
}

export function parseExisting(body: unknown): ExistingSheet[] {
  const parsed = ExistingSchema.safeParse(body);
  if (!parsed.success) throw new SheetsError('sheets-bad-response', `Google Sheets answered an unexpected spreadsheet: ${describeIssues(parsed.error)}`);
  return parsed.data.sheets.map((s) => ({
    sheetId: s.properties.sheetId, title: s.properties.title,
    protectedRangeIds: s.protectedRanges.map((p) => p.protectedRangeId),
    chartIds: s.charts.map((c) => c.chartId),
    conditionalFormatCount: s.conditionalFormats.length,
    metadata: s.developerMetadata.map((m) => ({ id: m.metadataId, key: m.metadataKey, value: m.metadataValue })),
  }));
}

export interface WritePlan {
  requests: Request[];
  created: string[];
  replaced: string[];
  sheetIds: Record<string, number>;
}

export interface PlanOptions {
  /** Emails allowed to edit report tabs besides the writing account. */
  editors: string[];
}

export const PROTECTION_DESCRIPTION = 'Written by Rungs on every refresh: edits here are overwritten.';
/** Room kept around a chart's anchor so the chart (about 600 x 370 px) sits on the grid. */
const CHART_ROWS = 20;
const CHART_COLUMNS = 7;
const MAX_TITLE = 100;

/** The grid a tab needs: every value, formatted range and chart fits, plus one row below the frozen ones. */
export function gridSize(tab: ReportTab): { rowCount: number; columnCount: number } {
  const ranges: GridRange[] = [...tab.numberFormats.map((f) => f.range), ...tab.heatmaps.map((h) => h.range), ...tab.charts.flatMap((c) => [c.domain, ...c.series])];
  let rows = Math.max(tab.rows.length, tab.frozenRows + 1, ...tab.boldRows.map((r) => r + 1), ...ranges.map((r) => r.endRow));
  let columns = Math.max(1, ...tab.rows.map((r) => r.length), ...ranges.map((r) => r.endColumn));
  for (const c of tab.charts) {
    rows = Math.max(rows, c.anchor.row + CHART_ROWS);
    columns = Math.max(columns, c.anchor.column + CHART_COLUMNS);
  }
  return { rowCount: Math.max(rows, 1), columnCount: columns };
}

/** Refuses tabs the writer must never touch or cannot write; throws sheets-bad-request. */
export function checkReportTabs(tabs: ReportTab[]): void {
  const seen = new Set<string>();
  for (const tab of tabs) {
    if (!tab.title.startsWith(REPORT_PREFIX) && !tab.title.startsWith(TEAM_PREFIX)) throw new SheetsError('sheets-bad-request', `"${tab.title}" is not a report tab: only tabs named "${REPORT_PREFIX}..." or "${TEAM_PREFIX}..." are written.`);
    if (tab.title.length > MAX_TITLE) throw new SheetsError('sheets-bad-request', `The tab name "${tab.title.slice(0, 40)}..." is longer than ${MAX_TITLE} characters.`);
    const key = tab.title.toLowerCase();
    if (seen.has(key)) throw new SheetsError('sheets-bad-request', `The report tab "${tab.title}" is given twice.`);
    seen.add(key);
    const bad = [...tab.numberFormats.map((f) => f.range), ...tab.heatmaps.map((h) => h.range), ...tab.charts.flatMap((c) => [c.domain, ...c.series])]
      .find((r) => r.startRow < 0 || r.startColumn < 0 || r.endRow <= r.startRow || r.endColumn <= r.startColumn);
    if (bad) throw new SheetsError('sheets-bad-request', `"${tab.title}" has an empty or negative range (${JSON.stringify(bad)}).`);
  }
}

/** A sheetId from the title (stable, spread out), moved on while taken. */
function chooseSheetId(title: string, taken: Set<number>): number {
  let h = 2166136261;
  for (let i = 0; i < title.length; i++) h = Math.imul(h ^ title.charCodeAt(i), 16777619);
  let id = (h >>> 1) % 2_000_000_000 + 1;
  while (taken.has(id)) id = (id % 2_000_000_000) + 1;
  taken.add(id);
  return id;
}

function emptyExisting(sheet: ExistingSheet, tab: ReportTab): Request[] {
  const out: Request[] = sheet.chartIds.map((objectId) => ({ deleteEmbeddedObject: { objectId } }));
  // Rules are deleted from the last: deleting index 0 first would shift the others down.
  for (let i = sheet.conditionalFormatCount - 1; i >= 0; i--) out.push({ deleteConditionalFormatRule: { sheetId: sheet.sheetId, index: i } });
  for (const protectedRangeId of sheet.protectedRangeIds) out.push({ deleteProtectedRange: { protectedRangeId } });
  out.push({ updateCells: { range: { sheetId: sheet.sheetId }, fields: '*' } });
  const fields = sheet.title === tab.title ? 'gridProperties(rowCount,columnCount,frozenRowCount)' : 'title,gridProperties(rowCount,columnCount,frozenRowCount)';
  out.push({ updateSheetProperties: { properties: { sheetId: sheet.sheetId, title: tab.title, gridProperties: { ...gridSize(tab), frozenRowCount: tab.frozenRows } }, fields } });
  return out;
}

function writeTab(sheetId: number, tab: ReportTab, options: PlanOptions, found: ExistingSheet | undefined): Request[] {
  const width = gridSize(tab).columnCount;
  const out: Request[] = [];
  const values = valueRequest(sheetId, tab);
  if (values) out.push(values);
  out.push(...boldRequests(sheetId, tab, width), ...numberFormatRequests(sheetId, tab));
  tab.heatmaps.forEach((h, i) => out.push(heatmapRequest(sheetId, h, i)));
  for (const c of tab.charts) out.push(chartRequest(sheetId, c));
  out.push({
    addProtectedRange: {
      protectedRange: { range: { sheetId }, description: PROTECTION_DESCRIPTION, warningOnly: false, editors: { users: [...new Set([...options.editors, ...(tab.editors ?? [])])] } },
    },
  });
  out.push(...metadataRequests(sheetId, tab, found));
  return out;
}

export function planReportWrite(tabs: ReportTab[], existing: ExistingSheet[], options: PlanOptions): WritePlan {
  checkReportTabs(tabs);
  const byTitle = new Map(existing.map((s) => [s.title.toLowerCase(), s]));
  const taken = new Set(existing.map((s) => s.sheetId));
  const prepare: Request[] = [];
  const write: Request[] = [];
  const plan: WritePlan = { requests: [], created: [], replaced: [], sheetIds: {} };
  for (const tab of tabs) {
    const found = byTitle.get(tab.title.toLowerCase());
    let sheetId: number;
    if (found) {
      sheetId = found.sheetId;
      prepare.push(...emptyExisting(found, tab));
      plan.replaced.push(tab.title);
    } else {
      sheetId = chooseSheetId(tab.title, taken);
      prepare.push({ addSheet: { properties: { sheetId, title: tab.title, gridProperties: { ...gridSize(tab), frozenRowCount: tab.frozenRows } } } });
      plan.created.push(tab.title);
    }
    plan.sheetIds[tab.title] = sheetId;
    write.push(...writeTab(sheetId, tab, options, found));
  }
  plan.requests = [...prepare, ...write, ...staleTeamTabRequests(tabs, existing)];
  return plan;
}
