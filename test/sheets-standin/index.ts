export { startSheetsStandIn, type SheetsStandIn, type RecordedCall, type CallKind, type Fault } from './server';
export { SHEETS_SCOPE, type OAuthClient } from './auth';
export { SUPPORTED_REQUESTS } from './batch-update';
export { isoDateToSerial, serialToIsoDate, typedCell, type SeedTab, type SeedCell } from './model';
export { parseA1Range, quoteSheetName } from './a1';
export type { TabView } from './inspect';
