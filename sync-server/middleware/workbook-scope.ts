import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../routes/router';
import { authorizeTrack, authorizeWorkbook, awaitsBinding } from '../services/access';
import { actorName } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { bindOnFirstUse } from '../services/tokens';
import { requirePrincipal } from './authenticate';

/**
 * Every route under /v1/workbooks/{spreadsheetId} needs a token bound to that workbook (or a global admin token):
 * 401 without a token, 403 for another workbook, decided before any lookup, so the answer does not tell whether
 * the workbook exists. A token made before tokens were bound is bound here on its first use.
 */
export function workbookScope(services: ServiceContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let p = requirePrincipal(c);
    const workbookId = c.req.param('spreadsheetId');
    if (workbookId === undefined) return next();
    if (awaitsBinding(p)) {
      p = await bindOnFirstUse(services, p, workbookId, actorName(p));
      c.set('principal', p);
    }
    authorizeWorkbook(p, workbookId);
    await next();
  };
}

/** Every route under .../tracks/{trackId} needs a token that reaches the track: 403 otherwise. */
export const trackScope: MiddlewareHandler<AppEnv> = async (c, next) => {
  const trackId = c.req.param('trackId');
  if (trackId !== undefined) authorizeTrack(requirePrincipal(c), trackId);
  await next();
};
