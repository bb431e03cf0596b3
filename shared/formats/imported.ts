/**
 * What a format import gives: rows for the Tracks, Levels, Competencies and Groupings tabs and the Framework tab
 * (extra columns kept), findings, a summary of where the source's items went, and ok = no error finding. Nothing
 * half-imported: when ok is false every row list is empty.
 *
 * A field left undefined is one the source format does not carry (Moodle has no Scope, CASE no Track Type):
 * merging into a workbook leaves that cell as it is; a new row gets the contract's default.
 */
import type { CellValue } from '../cells';
import { COMPETENCIES_TAB, LEVELS_TAB, MODULES_TAB, POSITIONS_TAB, TRACKS_TAB, type TabSpec } from '../contract';
import { hasErrors, type Finding } from '../findings';
import type { SheetSnapshot, WorkbookSnapshot } from '../snapshot';
import {
  EXCHANGE_COLUMN_ORDER, FRAMEWORK_COLUMNS, FRAMEWORK_ID_HEADER, FRAMEWORK_TAB, GROUPING_ID_HEADER, GROUPING_NAME_HEADER,
  GROUPINGS_HEADERS, GROUPINGS_TAB, type FrameworkHeader,
} from './exchange-columns';
import type { IncomingTab } from './merge';

export type ExtraText = Record<string, string>;

export type ImportedTrack = {
  id: string;
  name: string;
  description: string;
  type?: string;
  ownerEmail?: string;
  status?: string;
  reviewBy?: string;
  extra: ExtraText;
};

export type ImportedLevel = {
  trackId: string;
  code: string;
  name: string;
  order: number;
  description: string;
  extra: ExtraText;
};

export type ImportedCompetency = {
  id: string;
  name: string;
  scope?: 'Shared' | 'Role';
  dependsOn?: string[];
  description: string;
  extra: ExtraText;
};

export type ImportedGrouping = {
  id: string;
  name: string;
  description: string;
  extra: ExtraText;
};

export type ImportedFramework = Partial<Record<FrameworkHeader, string>>;

export interface ImportResult {
  ok: boolean;
  framework: ImportedFramework | null;
  tracks: ImportedTrack[];
  levels: ImportedLevel[];
  competencies: ImportedCompetency[];
  groupings: ImportedGrouping[];
  findings: Finding[];
  /** One line per kind of source item and where it went, e.g. "Standard: 385 -> Competencies". */
  summary: string[];
}

export type ImportedRows = Pick<ImportResult, 'framework' | 'tracks' | 'levels' | 'competencies' | 'groupings'>;

/** Builds the result, dropping every row when any finding is an error. */
export function importResult(rows: ImportedRows, findings: Finding[], summary: string[] = []): ImportResult {
  if (hasErrors(findings)) return failed(findings);
  return { ok: true, ...rows, findings, summary };
}

export function failed(findings: Finding[]): ImportResult {
  return { ok: false, framework: null, tracks: [], levels: [], competencies: [], groupings: [], findings, summary: [] };
}

type Cell = CellValue | null;
interface Column { header: string; value: (row: never) => Cell; default?: CellValue }

const text = (v: string | undefined): Cell => (v === undefined ? null : v);

const TRACK_COLUMNS: Column[] = [
  { header: 'Track ID', value: (t: ImportedTrack) => t.id },
  { header: 'Track Name', value: (t: ImportedTrack) => t.name },
  { header: 'Track Type', value: (t: ImportedTrack) => text(t.type), default: '' },
  { header: 'Owner Email', value: (t: ImportedTrack) => text(t.ownerEmail), default: '' },
  { header: 'Status', value: (t: ImportedTrack) => text(t.status), default: 'Draft' },
  { header: 'Review By', value: (t: ImportedTrack) => text(t.reviewBy), default: '' },
  { header: 'Description', value: (t: ImportedTrack) => t.description },
];
const LEVEL_COLUMNS: Column[] = [
  { header: 'Track ID', value: (l: ImportedLevel) => l.trackId },
  { header: 'Level Code', value: (l: ImportedLevel) => l.code },
  { header: 'Level Name', value: (l: ImportedLevel) => l.name },
  { header: 'Order', value: (l: ImportedLevel) => l.order },
  { header: 'Description', value: (l: ImportedLevel) => l.description },
];
const COMPETENCY_COLUMNS: Column[] = [
  { header: 'Competency ID', value: (c: ImportedCompetency) => c.id },
  { header: 'Competency Name', value: (c: ImportedCompetency) => c.name },
  { header: 'Scope', value: (c: ImportedCompetency) => text(c.scope), default: 'Shared' },
  { header: 'Depends On', value: (c: ImportedCompetency) => (c.dependsOn === undefined ? null : c.dependsOn.join(', ')), default: '' },
  { header: 'Description', value: (c: ImportedCompetency) => c.description },
];
const GROUPING_COLUMNS: Column[] = [
  { header: GROUPING_ID_HEADER, value: (g: ImportedGrouping) => g.id },
  { header: GROUPING_NAME_HEADER, value: (g: ImportedGrouping) => g.name },
  { header: 'Description', value: (g: ImportedGrouping) => g.description },
];

function checkHeaders(spec: TabSpec, columns: Column[]): Column[] {
  // The contract's headers, spelled as the contract spells them: a renamed column there must be renamed here too.
  for (const c of columns.slice(0, spec.columns.length)) if (!spec.columns.some((s) => s.header === c.header)) throw new Error(`Unknown ${spec.name} header ${c.header}`);
  return columns;
}

/** Extra headers of the rows, exchange columns first in their documented order, then any other in first-seen order. */
function extraHeaders(rows: readonly { extra: ExtraText }[], fixed: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const h of Object.keys(r.extra)) seen.add(h);
  const known = EXCHANGE_COLUMN_ORDER.filter((h) => seen.has(h) && !fixed.includes(h));
  return [...known, ...[...seen].filter((h) => !EXCHANGE_COLUMN_ORDER.includes(h) && !fixed.includes(h))];
}

function table<R extends { extra: ExtraText }>(name: string, keys: readonly string[], columns: Column[], rows: readonly R[]): IncomingTab {
  const fixed = columns.map((c) => c.header);
  const extras = extraHeaders(rows, fixed);
  const defaults: Record<string, CellValue> = {};
  for (const c of columns) if (c.default !== undefined) defaults[c.header] = c.default;
  return {
    name, keys,
    header: [...fixed, ...extras],
    rows: rows.map((r) => [...columns.map((c) => (c.value as (row: R) => Cell)(r)), ...extras.map((h) => r.extra[h] ?? '')]),
    defaults,
  };
}

/** The imported rows as the tabs they belong to, with null where the source format carries nothing. */
export function importedTabs(result: ImportedRows): IncomingTab[] {
  const tabs: IncomingTab[] = [];
  if (result.framework) {
    const header = FRAMEWORK_COLUMNS.map((c) => c.header).filter((h) => result.framework?.[h] !== undefined);
    tabs.push({ name: FRAMEWORK_TAB, keys: [], header, rows: [header.map((h) => result.framework?.[h] ?? '')], defaults: {} });
  }
  tabs.push(table(TRACKS_TAB.name, ['Track ID'], checkHeaders(TRACKS_TAB, TRACK_COLUMNS), result.tracks));
  tabs.push(table(LEVELS_TAB.name, ['Track ID', 'Level Code'], checkHeaders(LEVELS_TAB, LEVEL_COLUMNS), result.levels));
  if (result.groupings.length > 0) {
    const t = table(GROUPINGS_TAB, [GROUPING_ID_HEADER], GROUPING_COLUMNS, result.groupings);
    const order = (h: string) => { const i = GROUPINGS_HEADERS.indexOf(h); return i < 0 ? GROUPINGS_HEADERS.length : i; };
    const sorted = t.header.map((h, i) => ({ h, i })).sort((a, b) => order(a.h) - order(b.h) || a.i - b.i);
    tabs.push({ ...t, header: sorted.map((s) => s.h), rows: t.rows.map((r) => sorted.map((s) => r[s.i])) });
  }
  tabs.push(table(COMPETENCIES_TAB.name, ['Competency ID'], checkHeaders(COMPETENCIES_TAB, COMPETENCY_COLUMNS), result.competencies));
  return tabs;
}

/** A tab as a new workbook holds it: defaults where the source carries nothing, no extra column that is blank throughout. */
function filled(tab: IncomingTab, contractColumns: number): SheetSnapshot {
  const rows = tab.rows.map((r) => r.map((v, i) => v ?? tab.defaults[tab.header[i]] ?? ''));
  const keep = tab.header.map((_, i) => i < contractColumns || rows.some((r) => r[i] !== ''));
  const pick = <T>(r: T[]) => r.filter((_, i) => keep[i]);
  return { name: tab.name, values: [pick(tab.header), ...rows.map(pick)] };
}

/**
 * A whole new workbook made of the imported tabs (plus empty Positions and Modules tabs), its Framework ID set to
 * `frameworkId` when the source gave none.
 */
export function importedSnapshot(result: ImportedRows, spreadsheetId: string, frameworkId?: string): WorkbookSnapshot {
  const framework = frameworkId && !result.framework?.[FRAMEWORK_ID_HEADER] ? { [FRAMEWORK_ID_HEADER]: frameworkId, ...result.framework } : result.framework;
  const contract: Record<string, number> = { [TRACKS_TAB.name]: TRACK_COLUMNS.length, [LEVELS_TAB.name]: LEVEL_COLUMNS.length, [COMPETENCIES_TAB.name]: COMPETENCY_COLUMNS.length, [GROUPINGS_TAB]: GROUPING_COLUMNS.length };
  const sheets = importedTabs({ ...result, framework }).map((t) => filled(t, contract[t.name] ?? 0));
  const at = (name: string) => sheets.findIndex((s) => s.name === name);
  const empty = (spec: TabSpec): SheetSnapshot => ({ name: spec.name, values: [spec.columns.map((c) => c.header)] });
  sheets.splice(at(COMPETENCIES_TAB.name) + 1, 0, empty(POSITIONS_TAB), empty(MODULES_TAB));
  return { spreadsheetId, sheets };
}
