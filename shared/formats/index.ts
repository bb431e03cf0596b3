/** F10 integrator formats: CSV safety, the folder-of-CSVs workbook, Moodle competency framework CSV, 1EdTech CASE. */
export { neutralizeText, restoreText, neutralizeCell, restoreCell, neutralizeRows, restoreRows } from './csv-safety';
export { workbookToCsvTabs, csvTabsToWorkbook, type CsvTabs } from './workbook-csv';
export { mergeSnapshots, type MergeResult } from './merge';
export {
  importedSheets, importedSnapshot, PARENT_ID_HEADER, FRAMEWORK_HEADER, RELATED_HEADER,
  type ImportResult, type ImportedCompetency, type ImportedLevel, type ImportedTrack,
} from './imported';
export { importMoodle, exportMoodle, MOODLE_HEADERS, type MoodleImportOptions, type MoodleExport, type MoodleExportOptions } from './moodle';
export {
  importCase, exportCase, CASE_SHEET, DEFAULT_CASE_BASE_URI, CFPackageSchema, CFDocumentSchema, CFItemSchema, CFAssociationSchema,
  type CFPackage, type CaseExport, type CaseExportOptions,
} from './case';
export { decodeFileBytes, type DecodedFile } from './encoding';
export { uuidV5, UUID_PATTERN, RUNGS_CASE_NAMESPACE } from './uuid';
export { htmlToText } from './html-text';
