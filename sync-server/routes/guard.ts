import type { Context } from 'hono';
import { authorize, type Action, type Principal } from '../services/access';
import { principalFromHeader } from '../services/auth';
import type { ServiceContext } from '../services/context';

/** The caller's principal if its bearer token may take `action` (on `trackId`); 401 or 403 otherwise. */
export function guard(services: ServiceContext) {
  return async (c: Context, action: Action, trackId?: string): Promise<Principal> => {
    const p = await principalFromHeader(services, c.req.header('authorization'));
    authorize(p, action, trackId);
    return p;
  };
}
