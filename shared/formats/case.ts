/** 1EdTech CASE JSON (CFDocument, CFItems, CFAssociations): import of 1.0 and 1.1 packages, export as 1.1. */
export { exportCase, DEFAULT_CASE_BASE_URI, type CaseExport, type CaseExportOptions, type CaseSource } from './case-export';
export { importCase, CASE_SHEET, GROUPING_TYPES, type CaseImportOptions } from './case-import';
export { CasePackageSchema, type CFPackage, type CFItem, type CFAssociation, type CFDocument } from './case-schema';
export { effectiveFrameworkId, frameworkUuid, contentFrameworkId, spreadsheetFrameworkId, sourceUuid } from './case-identity';
