/** 1EdTech CASE 1.0 JSON (CFDocument, CFItems, CFAssociations): import and export. */
export { exportCase, DEFAULT_CASE_BASE_URI, type CaseExport, type CaseExportOptions } from './case-export';
export { importCase, CASE_SHEET } from './case-import';
export { CFPackageSchema, CFDocumentSchema, CFItemSchema, CFAssociationSchema, type CFPackage } from './case-schema';
