import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../routes/router';
import { authorize, authorizeWorkbook, everyTrackRefusal, rolesFor, type Action } from '../services/access';
import { ServiceError } from '../services/errors';
import { requirePrincipal } from './authenticate';
import { limitBody, type BodySize } from './body-limit';
import { idempotency } from './idempotency';

export interface AccessSpec {
  /** The body limit of the route (default small). */
  body?: BodySize;
  /** Refuse tokens limited to some tracks (the route changes every track's data). */
  everyTrack?: boolean;
  /** Honour Idempotency-Key. */
  idempotent?: boolean;
}

/** Routes that need `Authorization: Bearer <token>` (the `bearer` scheme is registered by the workbook routes). */
export const Auth = [{ bearer: [] }];

/** Role, workbook and track from the token and the URL; runs before the body is read. */
function checkAccess(action: Action, everyTrack: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = requirePrincipal(c);
    const workbookId = c.req.param('spreadsheetId');
    if (workbookId !== undefined) authorizeWorkbook(p, workbookId);
    authorize(p, action, c.req.param('trackId'));
    if (everyTrack && p.tracks !== null) throw new ServiceError('forbidden', everyTrackRefusal(p, action));
    await next();
  };
}

/**
 * Spread into a createRoute() config: the route needs a token that may take `action` (on the workbook and track of
 * its URL). Checked from the headers and the URL before the body is read, then the body limit, then the
 * Idempotency-Key. The OpenAPI document lists the roles that may call it (x-rungs-roles).
 */
export function requires(action: Action, spec: AccessSpec = {}) {
  const middleware = [checkAccess(action, spec.everyTrack ?? false), limitBody(spec.body ?? 'small')];
  if (spec.idempotent) middleware.push(idempotency());
  return { security: Auth, 'x-rungs-roles': rolesFor(action), middleware };
}

/** Spread into a createRoute() config of a route anyone may call: only its body limit. */
export function anyone(body: BodySize = 'small') {
  return { middleware: [limitBody(body)] };
}
