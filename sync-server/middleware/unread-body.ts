import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../routes/router';

/**
 * After a 429 answered without reading the body, closes the connection instead of receiving the rest of the body
 * only to discard it: a client flooding the server past its rate limit costs it the headers, not the bytes (it may
 * not even read its answer). Other refusals (401, 403, 413) are answered cleanly: the server reads and discards the
 * rest of the body (at most 64 MB or half a second) so that the client reads the answer before the connection ends.
 */
export const closeWhenFlooding: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.status !== 429) return;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && !incoming.readableEnded && !incoming.readableDidRead) c.res.headers.set('connection', 'close');
};
