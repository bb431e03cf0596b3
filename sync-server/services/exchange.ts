import { hasErrors, parseWorkbook, type Finding, type SheetSnapshot, type WorkbookSnapshot } from '../../shared';
import { exportCase, importCase } from '../../shared/formats/case';
import { importedSheets, importedSnapshot } from '../../shared/formats/imported';
import { mergeSnapshots } from '../../shared/formats/merge';
import { exportMoodle, importMoodle } from '../../shared/formats/moodle';
import { csvTabsToWorkbook, workbookToCsvTabs } from '../../shared/formats/workbook-csv';
import { tabCsvText } from '../io/csv-folder';

export const EXCHANGE_FORMATS = ['csv', 'moodle', 'case'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];

/** What an import brings, before it is merged into anything. */
export interface Incoming {
  sheets: SheetSnapshot[];
  /** The imported tabs as a workbook of their own (when there is nothing to merge into). */
  alone: WorkbookSnapshot;
  findings: Finding[];
  summary: string;
}

/** Tabs read from CSV files (cells as the files hold them): neutralized cells restored, rows that cannot be taken reported. */
export function incomingFromCsvTabs(tabs: WorkbookSnapshot, fromFiles = true): Incoming {
  const restored = fromFiles ? csvTabsToWorkbook(tabs) : { snapshot: tabs, findings: [] };
  // A partial set of tabs is a normal import (it merges by id); whether the result lacks a tab is for validation to say.
  const findings = [...restored.findings, ...parseWorkbook(restored.snapshot).findings.filter((f) => f.code !== 'missing-tab')];
  return { sheets: restored.snapshot.sheets, alone: restored.snapshot, findings, summary: `${restored.snapshot.sheets.length} tabs` };
}

/** A Moodle competency framework CSV or a CASE package, already decoded to text. */
export function incomingFromText(format: 'moodle' | 'case', text: string, name: string): Incoming {
  const result = format === 'moodle' ? importMoodle(text, { fileName: name }) : importCase(text);
  const summary = `${result.competencies.length} competencies, ${result.levels.length} levels, ${result.tracks.length} tracks`;
  return { sheets: importedSheets(result), alone: importedSnapshot(result, name.replace(/\.[^.]*$/, '')), findings: result.findings, summary };
}

/** The import's result: merged into `into` when given (rows replaced by id); nothing at all when any finding is an error. */
export function completeImport(incoming: Incoming, into?: WorkbookSnapshot): { snapshot: WorkbookSnapshot | null; findings: Finding[] } {
  if (hasErrors(incoming.findings)) return { snapshot: null, findings: incoming.findings };
  if (!into) return { snapshot: incoming.alone, findings: incoming.findings };
  const merged = mergeSnapshots(into, incoming.sheets);
  const findings = [...incoming.findings, ...merged.findings];
  return { snapshot: hasErrors(findings) ? null : merged.snapshot, findings };
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

/** A workbook in an exchange format. Nothing is produced when a finding is an error (e.g. a tab name that cannot be a file). */
export function exportFramework(snapshot: WorkbookSnapshot, format: ExchangeFormat, options: { baseUri?: string } = {}): ExportedFramework {
  if (format === 'csv') {
    const tabs = workbookToCsvTabs(snapshot);
    if (hasErrors(tabs.findings)) return { findings: tabs.findings, what: 'nothing' };
    const files = Object.fromEntries(tabs.snapshot.sheets.map((s) => [`${s.name}.csv`, tabCsvText(s.values)]));
    return { files, findings: tabs.findings, what: `${tabs.snapshot.sheets.length} tab CSVs (formula cells neutralized)` };
  }
  const wb = parseWorkbook(snapshot).workbook;
  if (format === 'moodle') {
    const out = exportMoodle(wb);
    return { content: out.csv, findings: out.findings, what: `a Moodle competency framework CSV with ${wb.competencies.length} competencies` };
  }
  const out = exportCase(wb, options.baseUri ? { baseUri: options.baseUri } : {});
  return {
    content: JSON.stringify(out.json, null, 2) + '\n',
    findings: out.findings,
    what: `a CASE package with ${out.json.CFItems.length} CFItems and ${out.json.CFAssociations.length} CFAssociations`,
  };
}
