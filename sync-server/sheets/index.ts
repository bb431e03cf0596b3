export { createSheetsConnector, type SheetsConnector, type WriteResult, type ReadResult, type ConnectorDeps } from './connector';
export { createSheetsClient, SHEETS_SCOPE } from './client';
export { loadSheetsConfig, type SheetsConfig, type SheetsConfigResult, type SheetsCredentials } from './config';
export { SheetsError, SHEETS_ERROR_CODES, type SheetsErrorCode } from './errors';
export { RateLimiter, sharedRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limiter';
export { DEFAULT_RETRY, backoffDelay, type RetryPolicy, type Waiting } from './retry';
export { planReportWrite, PROTECTION_DESCRIPTION } from './report-plan';
