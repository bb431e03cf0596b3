import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log';

/** Logs every request once it is answered: method, path, status, milliseconds. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 });
  };
}
