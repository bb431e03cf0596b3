/**
 * Whether a storage error means "the database cannot be reached right now" (a dropped connection, a restart, a
 * server that is down or still starting) rather than a bug or a refused statement. Such errors answer 503
 * `database-unavailable` with Retry-After, pause the job worker, and are retried while the server starts.
 */

/** Socket errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH',
  'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), the server shutting down or terminating the backend
 * (57P01-57P03), too many connections (53300). SQLite: the file stayed locked past busy_timeout.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', 'SQLITE_BUSY']);

/** node-postgres reports a cut connection or a connect timeout with these messages and no code. */
const PG_MESSAGES = /connection terminated|connection ended unexpectedly|timeout exceeded when trying to connect|not queryable|connection error/i;

function fields(err: unknown): { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } {
  return typeof err === 'object' && err !== null ? (err as Record<string, unknown>) : {};
}

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  const { code, message, cause, errors } = fields(err);
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && PG_MESSAGES.test(message) && typeof code !== 'string') return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return cause !== undefined && isDatabaseUnavailable(cause, depth + 1);
}

/** How long a client should wait before trying again (seconds, for Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database cannot be reached right now, so this request was not carried out. Try again in a few seconds; ' +
  'a request sent with an Idempotency-Key is safe to repeat.';

/** A short reason for logs and start-up messages, e.g. "connect ECONNREFUSED 127.0.0.1:5432". */
export function reasonOf(err: unknown): string {
  const { message, errors } = fields(err);
  if (typeof message === 'string' && message !== '') return message;
  if (Array.isArray(errors) && errors.length) return reasonOf(errors[errors.length - 1]);
  const { code } = fields(err);
  return typeof code === 'string' ? code : String(err);
}
