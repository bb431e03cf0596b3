/** Failures of the Sheets connector as typed errors with stable codes, whatever the client library threw. */

export const SHEETS_ERROR_CODES = [
  'sheets-not-configured', 'sheets-bad-config', 'sheets-not-found', 'sheets-forbidden', 'sheets-unauthorized',
  'sheets-rate-limited', 'sheets-unavailable', 'sheets-bad-request', 'sheets-bad-response',
] as const;
export type SheetsErrorCode = (typeof SHEETS_ERROR_CODES)[number];

export class SheetsError extends Error {
  override readonly name = 'SheetsError';

  constructor(
    readonly code: SheetsErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; attempts?: number } = {},
  ) {
    super(message);
  }

  /** 429 and 5xx (and a connection that failed) may succeed when tried again. */
  get retryable(): boolean {
    return this.code === 'sheets-rate-limited' || this.code === 'sheets-unavailable';
  }
}

interface ErrorLike {
  name?: unknown;
  status?: unknown;
  code?: unknown;
  message?: unknown;
  config?: { url?: unknown };
  response?: { status?: unknown; data?: unknown; headers?: unknown };
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Google's error JSON: `{ error: { code, message, status } }`; the token endpoint answers `{ error, error_description }`. */
function googleMessage(data: unknown): { message?: string; status?: string; oauthError?: string } {
  if (!data || typeof data !== 'object') return {};
  const e = (data as { error?: unknown; error_description?: unknown }).error;
  if (typeof e === 'string') {
    const d = (data as { error_description?: unknown }).error_description;
    return { oauthError: e, message: typeof d === 'string' ? `${e}: ${d}` : e };
  }
  if (e && typeof e === 'object') {
    const { message, status } = e as { message?: unknown; status?: unknown };
    return { message: typeof message === 'string' ? message : undefined, status: typeof status === 'string' ? status : undefined };
  }
  return {};
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/** Any error thrown while calling Google, as a SheetsError. */
export function toSheetsError(err: unknown, now = Date.now()): SheetsError {
  if (err instanceof SheetsError) return err;
  const e = (err ?? {}) as ErrorLike;
  const status = typeof e.response?.status === 'number' ? e.response.status : typeof e.status === 'number' ? e.status : undefined;
  const google = googleMessage(e.response?.data);
  const text = google.message ?? (typeof e.message === 'string' ? e.message : String(err));
  if (status === undefined) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return new SheetsError('sheets-unavailable', `Google Sheets could not be reached (${e.code}).`);
    if (e.name === 'AbortError' || /timeout/i.test(text)) return new SheetsError('sheets-unavailable', 'Google Sheets did not answer in time.');
    return new SheetsError('sheets-unavailable', `Google Sheets could not be reached: ${text}`);
  }
  const details = { status, retryAfterMs: retryAfterMs(header(e.response?.headers, 'retry-after'), now) };
  // The OAuth token endpoint refusing a refresh token or key is an authorization problem, whatever its status.
  if (google.oauthError) return new SheetsError('sheets-unauthorized', `Google refused the credentials: ${text}. Check the OAuth client and refresh token.`, details);
  if (status === 429 || google.status === 'RESOURCE_EXHAUSTED') return new SheetsError('sheets-rate-limited', `Google Sheets rate limit reached: ${text}`, details);
  if (status >= 500) return new SheetsError('sheets-unavailable', `Google Sheets failed (HTTP ${status}): ${text}`, details);
  if (status === 401) return new SheetsError('sheets-unauthorized', `Google rejected the credentials (HTTP 401): ${text}`, details);
  if (status === 403) return new SheetsError('sheets-forbidden', `The service account or user may not open this spreadsheet (HTTP 403): ${text}. Share it with the account.`, details);
  if (status === 404) return new SheetsError('sheets-not-found', `No such spreadsheet (HTTP 404): ${text}`, details);
  return new SheetsError('sheets-bad-request', `Google Sheets refused the request (HTTP ${status}): ${text}`, details);
}
