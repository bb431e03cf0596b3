import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DEFAULT_BODY_LIMIT_MB } from '../config';
import { HttpError } from '../errors';
import type { AppEnv } from '../routes/router';

/**
 * How large a route's body may be: `small` JSON (publish, rollback, connect, tokens), a whole workbook `snapshot`
 * (BODY_LIMIT_MB), or `streamed` (the route reads the body as a stream and counts the bytes itself).
 */
export type BodySize = 'small' | 'snapshot' | 'streamed';

export const SMALL_BODY_BYTES = 256 * 1024;
const DEFAULT_SNAPSHOT_BYTES = DEFAULT_BODY_LIMIT_MB * 1024 * 1024;

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${+(bytes / 1024).toFixed(0)} KB` : `${bytes} bytes`;
}

export const tooLarge = (max: number, what = 'The request body') =>
  new HttpError(413, 'body-too-large', `${what} is larger than the ${formatBytes(max)} this server accepts here.`);

/** 413 from the Content-Length header alone when it says too much; never reads the body. */
export function declaredLengthOver(max: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > max) throw tooLarge(max);
    await next();
  };
}

/**
 * The route's body limit: 413 from Content-Length when it says too much; a body sent without one (chunked) is
 * counted as it arrives and refused as soon as it passes the limit, so no more than the limit is ever held.
 */
export function limitBody(size: BodySize): MiddlewareHandler<AppEnv> {
  if (size === 'streamed') return async (_c, next) => next();
  return async (c, next) => {
    const max = size === 'small' ? SMALL_BODY_BYTES : c.get('snapshotBodyBytes') ?? DEFAULT_SNAPSHOT_BYTES;
    const declared = c.req.header('content-length');
    if (Number(declared ?? 0) > max) throw tooLarge(max);
    // A stated length is enforced by Node's parser: no counting needed. Counting looks at the raw body, which would
    // send every later read of it through web streams (a third of a small request's cost).
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) return next();
    return bodyLimit({ maxSize: max, onError: () => { throw tooLarge(max); } })(c, next);
  };
}
