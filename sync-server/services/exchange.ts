import { randomUUID } from 'node:crypto';
import { hasErrors, parseWorkbook, warning, type Finding, type WorkbookSnapshot } from '../../shared';
import { caseBaseOf, effectiveFrameworkId, frameworkUuid } from '../../shared/formats/case-identity';
import { exportCase, importCase } from '../../shared/formats/case';
import { FRAMEWORK_CODE_HEADER, FRAMEWORK_HEADER, FRAMEWORK_ID_HEADER, FRAMEWORK_TAB } from '../../shared/formats/exchange-columns';
import { exchangeSource, readFramework } from '../../shared/formats/exchange-tabs';
import { extraText } from '../../shared/formats/extra';
import { importedSnapshot, importedTabs, type ImportResult } from '../../shared/formats/imported';
import { csvIncomingTab, mergeSnapshots, type IncomingTab } from '../../shared/formats/merge';
import { exportMoodle, importMoodle } from '../../shared/formats/moodle';
import { checkSheetText } from '../../shared/storable-text';
import { uuidV5 } from '../../shared/formats/uuid';
import { csvTabsToWorkbook, workbookToCsvTabs } from '../../shared/formats/workbook-csv';
import { tabCsvText } from '../io/csv-folder';

export const EXCHANGE_FORMATS = ['csv', 'moodle', 'case'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];

/** What an import brings, before it is merged into anything. */
export interface Incoming {
  /** The tabs as the format carries them (null where it carries nothing), for a merge. */
  tabs: IncomingTab[];
  /** The imported tabs as a workbook of their own (when there is nothing to merge into). */
  alone: WorkbookSnapshot;
  findings: Finding[];
  summary: string;
  /** Where the source's items went (CASE: one line per item type). */
  details: string[];
}

/** The identity of the workbook an import merges into: what a CASE or Moodle import compares its own against. */
export interface MergeTarget {
  frameworkId: string;
  /** Base of the item URIs the workbook derives (from its Framework URI), when it has one. */
  baseUri?: string;
  /** The id number a Moodle export of the workbook gives its framework. */
  code: string;
}

/**
 * The identity of `into`. `hasSpreadsheetId`: the snapshot carries a real spreadsheet id (the add-on's, a snapshot
 * file); false for a folder of CSVs, whose "id" is only the folder's name.
 */
export function mergeTarget(into: WorkbookSnapshot, hasSpreadsheetId: boolean): MergeTarget {
  const framework = readFramework(into);
  const { id } = effectiveFrameworkId(into, framework?.[FRAMEWORK_ID_HEADER], hasSpreadsheetId);
  const baseUri = framework?.URI ? (caseBaseOf(framework.URI, id) ?? undefined) : undefined;
  const legacy = new Set(parseWorkbook(into).workbook.competencies.map((c) => extraText(c.extra, FRAMEWORK_HEADER)).filter((f) => f !== ''));
  const code = framework?.[FRAMEWORK_CODE_HEADER] || (legacy.size === 1 ? [...legacy][0] : into.spreadsheetId.trim() || 'rungs');
  return { frameworkId: id, ...(baseUri ? { baseUri } : {}), code };
}

const STRUCTURAL = new Set(['missing-header', 'duplicate-header']);

/** Tabs read from CSV files (cells as the files hold them): neutralized cells restored, rows that cannot be taken reported. */
export function incomingFromCsvTabs(tabs: WorkbookSnapshot, fromFiles = true): Incoming {
  const restored = fromFiles ? csvTabsToWorkbook(tabs) : { snapshot: tabs, findings: [] };
  // A tab whose header row cannot be read cannot be merged by column. What the cells hold (a blank Track Type, a bad
  // date, a missing tab) is for validation to say, as it is for a workbook edited in the sheet.
  const findings = [...restored.findings, ...parseWorkbook(restored.snapshot).findings.filter((f) => STRUCTURAL.has(f.code))];
  const n = restored.snapshot.sheets.length;
  return { tabs: restored.snapshot.sheets.map(csvIncomingTab), alone: restored.snapshot, findings, summary: `${n} tab${n === 1 ? '' : 's'}`, details: [] };
}

/** Whether the framework a file describes is the target workbook's own. */
function describesTarget(result: ImportResult, format: 'moodle' | 'case', target: MergeTarget): boolean {
  const fw = result.framework;
  if (!fw) return true;
  if (format === 'moodle') return fw[FRAMEWORK_CODE_HEADER] === target.code;
  const id = fw[FRAMEWORK_ID_HEADER];
  return id !== undefined && frameworkUuid(id) === target.frameworkId;
}

/** A Moodle competency framework CSV or a CASE package, already decoded to text. */
export function incomingFromText(format: 'moodle' | 'case', text: string, name: string, target?: MergeTarget): Incoming {
  const stem = name.replace(/\.[^.]*$/, '');
  const result = format === 'moodle'
    ? importMoodle(text, { fileName: name })
    : importCase(text, { fileName: name, ...(target ? { frameworkId: target.frameworkId, ...(target.baseUri ? { baseUri: target.baseUri } : {}) } : {}) });
  const count = (n: number, word: string) => `${n} ${n === 1 ? word : `${word === 'competency' ? 'competencie' : word}s`}`;
  const parts = [
    count(result.competencies.length, 'competency'),
    ...(result.groupings.length > 0 ? [count(result.groupings.length, 'grouping')] : []),
    count(result.levels.length, 'level'),
    count(result.tracks.length, 'track'),
  ];
  // A merge keeps the workbook's own framework: the Framework tab is only made for a new workbook.
  const tabs = importedTabs(result).filter((t) => t.name !== FRAMEWORK_TAB);
  const findings = [...result.findings];
  if (target && result.ok && !describesTarget(result, format, target)) {
    const fw = result.framework ?? {};
    findings.push(warning(FRAMEWORK_TAB, 'A1', 'import-framework-kept', `The file is the framework "${fw.Title ?? fw[FRAMEWORK_CODE_HEADER] ?? fw[FRAMEWORK_ID_HEADER] ?? name}"; its rows are merged, and the workbook keeps its own framework identity (its Framework tab is not changed).`));
  }
  // A new workbook made from a Moodle file is a framework of its own: it gets an identifier of its own.
  const alone = importedSnapshot(result, stem, format === 'moodle' && result.ok ? randomUUID() : undefined);
  return { tabs, alone, findings, summary: parts.join(', '), details: result.summary };
}

export interface CompletedImport {
  snapshot: WorkbookSnapshot | null;
  findings: Finding[];
  /** Tabs of the result that differ from `into` (all of them without `into`). */
  changedTabs: string[];
}

/** Text a workbook cannot store (a NUL, a broken character, more than a cell holds) in the tabs an import writes. */
function unstorable(snapshot: WorkbookSnapshot, tabs: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const sheet of snapshot.sheets) if (tabs.includes(sheet.name)) checkSheetText(sheet, findings);
  return findings;
}

/** The import's result: merged into `into` when given; nothing at all when any finding is an error. */
export function completeImport(incoming: Incoming, into?: WorkbookSnapshot): CompletedImport {
  if (hasErrors(incoming.findings)) return { snapshot: null, findings: incoming.findings, changedTabs: [] };
  if (!into) {
    const changedTabs = incoming.alone.sheets.map((s) => s.name);
    const findings = [...incoming.findings, ...unstorable(incoming.alone, changedTabs)];
    return hasErrors(findings) ? { snapshot: null, findings, changedTabs: [] } : { snapshot: incoming.alone, findings, changedTabs };
  }
  const merged = mergeSnapshots(into, incoming.tabs);
  const findings = [...incoming.findings, ...merged.findings, ...unstorable(merged.snapshot, merged.changedTabs)];
  return hasErrors(findings) ? { snapshot: null, findings, changedTabs: [] } : { snapshot: merged.snapshot, findings, changedTabs: merged.changedTabs };
}

export interface ExportedFramework {
  /** csv: one `<tab name>.csv` text per tab, formula cells neutralized. */
  files?: Record<string, string>;
  /** moodle: the CSV text; case: the package as JSON text. */
  content?: string;
  /** What the format cannot carry, and tabs that cannot be files. */
  findings: Finding[];
  what: string;
}

export interface ExportOptions {
  /** case: ISO 8601 date-time written as lastChangeDateTime (a published version's publish time...). */
  changedAt: string;
  /** case: the snapshot carries a real spreadsheet id (not a folder's name). */
  hasSpreadsheetId: boolean;
  baseUri?: string;
  /** case: the export is one track's part of the workbook (the server's per-track export). */
  track?: { id: string; name: string };
  adoptionStatus?: string;
}

/** A workbook in an exchange format. Nothing is produced when a finding is an error (e.g. a tab name that cannot be a file). */
export function exportFramework(snapshot: WorkbookSnapshot, format: ExchangeFormat, options: ExportOptions): ExportedFramework {
  if (format === 'csv') {
    const tabs = workbookToCsvTabs(snapshot);
    if (hasErrors(tabs.findings)) return { findings: tabs.findings, what: 'nothing' };
    const files = Object.fromEntries(tabs.snapshot.sheets.map((s) => [`${s.name}.csv`, tabCsvText(s.values)]));
    return { files, findings: tabs.findings, what: `${tabs.snapshot.sheets.length} tab CSVs (formula cells neutralized)` };
  }
  const src = exchangeSource(snapshot);
  if (format === 'moodle') {
    const out = exportMoodle(src);
    return { content: out.csv, findings: out.findings, what: `a Moodle competency framework CSV with ${src.workbook.competencies.length} competencies (formula cells neutralized)` };
  }
  const identity = effectiveFrameworkId(snapshot, src.framework?.[FRAMEWORK_ID_HEADER], options.hasSpreadsheetId);
  const findings: Finding[] = [];
  if (identity.source === 'content') {
    findings.push(warning(FRAMEWORK_TAB, 'A1', 'case-framework-id-derived', `This workbook has no Framework tab, so its CASE document identifier (${identity.id}) was derived from its content and will change when the content does. To keep it, add a tab "Framework" with the header "${FRAMEWORK_ID_HEADER}" and ${identity.id} below it.`));
  }
  const out = exportCase(src, {
    frameworkId: identity.id,
    lastChangeDateTime: options.changedAt,
    ...(options.track ? { documentId: uuidV5(`track/${options.track.id}`, identity.id), title: options.track.name || options.track.id } : {}),
    ...(options.baseUri ? { baseUri: options.baseUri } : {}),
    ...(options.adoptionStatus ? { adoptionStatus: options.adoptionStatus } : {}),
  });
  return {
    content: JSON.stringify(out.json, null, 2) + '\n',
    findings: [...findings, ...out.findings],
    what: `a CASE 1.1 package with ${out.json.CFItems.length} CFItems and ${out.json.CFAssociations.length} CFAssociations`,
  };
}
