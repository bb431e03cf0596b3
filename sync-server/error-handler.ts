import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorBody, HttpError } from './errors';
import type { Logger } from './log';
import { ServiceError } from './services/errors';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, reasonOf } from './storage/availability';

function fromHttpException(e: HTTPException): HttpError {
  const status = e.status as ContentfulStatusCode;
  if (status === 400 && /malformed json/i.test(e.message)) return new HttpError(400, 'malformed-json', 'The request body is not valid JSON.');
  if (status === 415) return new HttpError(415, 'unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
  return new HttpError(status, `http-${status}`, e.message || 'The request could not be handled.');
}

/** The errors the API answers on purpose; anything else is a bug. */
function asHttpError(err: Error): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof HTTPException) return fromHttpException(err);
  if (err instanceof ServiceError) return new HttpError(err.status, err.code, err.message, err.findings);
  return undefined;
}

/** Every error answers `{ error: { code, message, findings? } }`; unexpected ones are logged and answered 500 without detail. */
export function errorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    const known = asHttpError(err);
    if (known) return c.json(errorBody(known.code, known.message, known.findings), known.status);
    if (isDatabaseUnavailable(err)) {
      // A dropped connection or a database restart: the transaction rolled back; the client tries again later.
      logger.error('database unavailable', { method: c.req.method, path: c.req.path, error: reasonOf(err) });
      return c.json(errorBody('database-unavailable', DATABASE_UNAVAILABLE_MESSAGE), 503, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    }
    logger.error('unexpected error', { method: c.req.method, path: c.req.path, error: err.message, stack: err.stack });
    return c.json(errorBody('internal', 'Something went wrong on the server. The failure was logged.'), 500);
  };
}
