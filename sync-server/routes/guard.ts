import type { Context } from 'hono';
import { requirePrincipal } from '../middleware/authenticate';
import { authorize, authorizeWorkbook, type Action, type Principal } from '../services/access';
import { principalFromHeader } from '../services/auth';
import type { ServiceContext } from '../services/context';
import type { AppEnv } from './router';

/** The caller of a route declared with `requires(...)`: its role, workbook and track were checked before the body. */
export const principalOf = (c: Pick<Context<AppEnv>, 'get'>): Principal => requirePrincipal(c);

/**
 * For checks that need a lookup first (the track of an employee): the caller's principal if it may take `action`
 * (on `trackId`) in the workbook of the URL; 401 or 403 otherwise. Routes check their URL's scope with `requires`.
 */
export function guard(services: ServiceContext) {
  return async (c: Context<AppEnv>, action: Action, trackId?: string): Promise<Principal> => {
    const p = c.get('principal') !== undefined ? requirePrincipal(c) : await principalFromHeader(services, c.req.header('authorization'));
    const workbookId = c.req.param('spreadsheetId');
    if (workbookId !== undefined) authorizeWorkbook(p, workbookId);
    authorize(p, action, trackId);
    return p;
  };
}
