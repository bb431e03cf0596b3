/** Learner-record imports (F7), the pure part: headers with aliases and mappings, rows, references. No I/O. */
export { IMPORT_COLUMNS, COMPLETION_COLUMNS, ASSESSMENT_COLUMNS, EMPLOYEE_COLUMNS, importHeaderKey, type ImportColumn } from './columns';
export { ColumnMappingSchema, resolveLayout, type ColumnMapping, type ImportLayout } from './header';
export { rowParser, type RowParser, type RowReading } from './rows';
export { readRecordDate, type DateReading } from './values';
export { recordReferences, missingReferences, checkReferences, type RecordReferences } from './references';
export { detectDelimiter, DELIMITERS } from './delimiter';
export { FindingsTally, LISTED_FINDINGS } from './findings-cap';
export { recordShapeFindings, isBlankRecord, type CsvProblem } from './shape';
