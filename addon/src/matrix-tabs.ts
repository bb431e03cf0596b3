/**
 * Menu "Build matrix tabs": for every track of the Tracks tab, creates or refreshes `Matrix <Track ID>` from
 * Levels and Competencies (see matrix-merge.ts for what is kept where), and creates `Rubric <Track ID>` with the
 * documented layout when the track has none (an existing rubric is never rewritten).
 * Reads each tab with one getValues and writes each changed tab with one setValues, under the document lock.
 */
import { headerKey } from '../../shared/cells';
import { COMPETENCIES_TAB, LEVELS_TAB, TRACKS_TAB, matrixTabName, rubricTabName } from '../../shared/contract';
import { parseWorkbook } from '../../shared/parse/workbook';
import type { SheetSnapshot } from '../../shared/snapshot';
import { indexWorkbook } from '../../shared/workbook-index';
import { rubricValues } from '../../shared/write';
import { withDocumentLock } from './lock';
import { planMatrix, type CatalogueEntry } from './matrix-merge';
import { snapshotCell } from './snapshot';
import { ensureSize, resolveFixedTabs, styleHeader } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The score scale of a new rubric (the contract's example) and its pass threshold. */
export const DEFAULT_SCALE = [
  { score: 1, label: 'Beginning', col: -1 },
  { score: 2, label: 'Developing', col: -1 },
  { score: 3, label: 'Proficient', col: -1 },
  { score: 4, label: 'Exemplary', col: -1 },
];
export const DEFAULT_PASS_THRESHOLD = 70;

export interface MatrixTabsReport {
  created: string[];
  updated: { tab: string; addedLevels: string[]; addedCompetencies: string[] }[];
  unchanged: string[];
  removedLevels: { tab: string; codes: string[] }[];
  removedCompetencies: { tab: string; ids: string[] }[];
  /** Tabs named like a matrix but without a Competency ID column: left alone. */
  skipped: string[];
  tracksWithoutLevels: string[];
}

/** The fixed tabs the matrices are built from, as a snapshot under their contract names (a renamed tab still counts). */
function readSources(ss: Spreadsheet): SheetSnapshot[] {
  const tabs = resolveFixedTabs(ss);
  const timeZone = ss.getSpreadsheetTimeZone();
  const out: SheetSnapshot[] = [];
  for (const spec of [TRACKS_TAB, LEVELS_TAB, COMPETENCIES_TAB]) {
    const sheet = tabs.byRole.get(spec.role);
    if (!sheet) throw new Error(`Rungs: the workbook has no ${spec.name} tab. Run Rungs > Set up workbook first.`);
    const values = sheet.getDataRange().getValues().map((row) => row.map((v) => snapshotCell(v, timeZone)));
    out.push({ name: spec.name, values });
  }
  return out;
}

function newTab(ss: Spreadsheet, name: string, values: unknown[][]): Sheet {
  const sheet = ss.insertSheet(name);
  write(sheet, values);
  styleHeader(sheet, values[0].length);
  return sheet;
}

function write(sheet: Sheet, values: unknown[][]): void {
  ensureSize(sheet, values.length, values[0].length);
  sheet.getRange(1, 1, values.length, values[0].length).setValues(values);
}

/** Builds the tabs of every track, or of `onlyTrack` when given. */
export function buildMatrixTabsIn(ss: Spreadsheet, onlyTrack?: string): MatrixTabsReport {
  return withDocumentLock(() => {
    const report: MatrixTabsReport = { created: [], updated: [], unchanged: [], removedLevels: [], removedCompetencies: [], skipped: [], tracksWithoutLevels: [] };
    const { workbook } = parseWorkbook({ spreadsheetId: '', sheets: readSources(ss) });
    const index = indexWorkbook(workbook);
    const catalogue: CatalogueEntry[] = [...index.competencyById.values()].map((c) => ({ id: c.id, name: c.name }));
    const sheetByName = new Map<string, Sheet>();
    for (const s of ss.getSheets()) sheetByName.set(headerKey(s.getName()), s);

    const trackIds = [...index.trackById.keys()].filter((id) => onlyTrack === undefined || id === onlyTrack);
    for (const trackId of trackIds) {
      const codes = [...new Map((index.levelsByTrack.get(trackId) ?? []).map((l) => [headerKey(l.code), l.code])).values()];
      if (codes.length === 0) report.tracksWithoutLevels.push(trackId);
      refreshMatrix(ss, sheetByName, trackId, codes, catalogue, report);
      const rubricName = rubricTabName(trackId);
      if (!sheetByName.has(headerKey(rubricName))) {
        newTab(ss, rubricName, rubricValues({ scale: DEFAULT_SCALE, dimensions: [], passThreshold: DEFAULT_PASS_THRESHOLD }));
        report.created.push(rubricName);
      }
    }
    return report;
  });
}

function refreshMatrix(ss: Spreadsheet, sheetByName: Map<string, Sheet>, trackId: string, codes: string[], catalogue: CatalogueEntry[], report: MatrixTabsReport): void {
  const name = matrixTabName(trackId);
  const sheet = sheetByName.get(headerKey(name));
  const plan = planMatrix(sheet ? sheet.getDataRange().getValues() : null, trackId, codes, catalogue);
  const tab = sheet ? sheet.getName() : name;
  if (plan.values === null) {
    report.skipped.push(tab);
    return;
  }
  if (!sheet) {
    newTab(ss, name, plan.values).setFrozenColumns(1);
    report.created.push(name);
  } else if (plan.changed) {
    write(sheet, plan.values);
    report.updated.push({ tab, addedLevels: plan.addedLevels, addedCompetencies: plan.addedCompetencies });
  } else report.unchanged.push(tab);
  if (plan.removedLevels.length > 0) report.removedLevels.push({ tab, codes: plan.removedLevels });
  if (plan.removedCompetencies.length > 0) report.removedCompetencies.push({ tab, ids: plan.removedCompetencies });
}

export function matrixAlertText(r: MatrixTabsReport): string {
  const lines = ['Rungs: matrix tabs built.', ''];
  if (r.created.length > 0) lines.push(`Created: ${r.created.join(', ')}.`);
  for (const u of r.updated) {
    const parts = [];
    if (u.addedLevels.length > 0) parts.push(`new level columns ${u.addedLevels.join(', ')}`);
    if (u.addedCompetencies.length > 0) parts.push(`new competency rows ${u.addedCompetencies.join(', ')}`);
    lines.push(`Updated ${u.tab}${parts.length > 0 ? `: ${parts.join('; ')}` : ' (columns put in level order)'}.`);
  }
  if (r.unchanged.length > 0) lines.push(`Already up to date: ${r.unchanged.join(', ')}.`);
  for (const x of r.removedLevels)
    lines.push(`${x.tab}: levels no longer in Levels, kept at the right end (delete them yourself if no longer needed): ${x.codes.join(', ')}.`);
  for (const x of r.removedCompetencies)
    lines.push(`${x.tab}: competencies no longer in Competencies, rows kept (delete them yourself if no longer needed): ${x.ids.join(', ')}.`);
  for (const t of r.skipped) lines.push(`${t} was left alone: it has no "Competency ID" column.`);
  if (r.tracksWithoutLevels.length > 0) lines.push(`Tracks without levels in Levels: ${r.tracksWithoutLevels.join(', ')}.`);
  if (lines.length === 2) lines.push('The Tracks tab has no track yet.');
  return lines.join('\n');
}
