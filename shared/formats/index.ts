/** Integrator formats: CSV safety, the folder-of-CSVs workbook, Moodle competency framework CSV, 1EdTech CASE. */
export { neutralizeText, restoreText, neutralizeCell, restoreCell, neutralizeRows, restoreRows } from './csv-safety';
export { workbookToCsvTabs, csvTabsToWorkbook, type CsvTabs } from './workbook-csv';
export { mergeSnapshots, csvIncomingTab, tabKeys, type IncomingTab, type MergeResult } from './merge';
export {
  importedTabs, importedSnapshot, type ImportResult, type ImportedCompetency, type ImportedLevel, type ImportedTrack, type ImportedGrouping,
} from './imported';
export * from './exchange-columns';
export { exchangeSource, readFramework, readGroupings, type ExchangeSource, type FrameworkInfo, type Grouping } from './exchange-tabs';
export { importMoodle, exportMoodle, MOODLE_HEADERS, type MoodleImportOptions, type MoodleExport, type MoodleExportOptions } from './moodle';
export {
  importCase, exportCase, CASE_SHEET, GROUPING_TYPES, DEFAULT_CASE_BASE_URI, CasePackageSchema, effectiveFrameworkId,
  type CFPackage, type CaseExport, type CaseExportOptions, type CaseImportOptions,
} from './case';
export { decodeFileBytes, type DecodedFile } from './encoding';
export { uuidV5, UUID_PATTERN, RUNGS_CASE_NAMESPACE } from './uuid';
export { htmlToText } from './html-text';
