import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from '../errors';
import type { AppEnv } from '../routes/router';
import type { Principal } from '../services/access';
import { principalFromHeader } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { isServiceError, ServiceError } from '../services/errors';
import { peerAddress } from './peer-address';
import { RateLimiter } from './rate-limit';

export interface RateLimits {
  /** Requests a minute one token may send; 0 = no limit. */
  perTokenPerMinute: number;
  /** Requests a minute one client address may send without a valid token; 0 = no limit. */
  perAddressPerMinute: number;
  /** Reverse proxies in front of the server whose X-Forwarded-For entries name the client. */
  trustedProxies: number;
}

/** Liveness and readiness probes: never limited, never authenticated, so they stay fast under any flood. */
const PROBES = new Set(['/healthz', '/readyz']);

const NO_TOKEN = 'Send an API token as "Authorization: Bearer <token>".';

/**
 * Runs first on every request, from its headers alone: resolves the bearer token (if any) to the caller and applies
 * the rate limits, per token for valid tokens and per client address for everything else. Routes that need a token
 * refuse with 401 through `requirePrincipal` before they read a byte of the body.
 */
export function authenticateRequests(services: ServiceContext | undefined, limits: RateLimits): MiddlewareHandler<AppEnv> {
  const byToken = new RateLimiter(limits.perTokenPerMinute);
  const byAddress = new RateLimiter(limits.perAddressPerMinute);
  return async (c, next) => {
    if (PROBES.has(c.req.path)) return next();
    let principal: Principal | null = null;
    let problem = NO_TOKEN;
    const header = c.req.header('authorization');
    if (header !== undefined && services) {
      try {
        principal = await principalFromHeader(services, header);
      } catch (e) {
        if (!isServiceError(e, 'unauthorized')) throw e;
        problem = e.message;
      }
    }
    if (principal) {
      const wait = byToken.take(principal.tokenId);
      if (wait > 0) throw tooMany(c, wait, `This token sent more than ${limits.perTokenPerMinute} requests in a minute.`);
    } else {
      const address = peerAddress(c, limits.trustedProxies);
      const wait = address === null ? 0 : byAddress.take(address);
      if (wait > 0) throw tooMany(c, wait, `More than ${limits.perAddressPerMinute} requests in a minute came from your address without a valid token.`);
    }
    c.set('principal', principal);
    c.set('authProblem', problem);
    await next();
  };
}

function tooMany(c: Pick<Context, 'header'>, seconds: number, why: string): HttpError {
  c.header('Retry-After', String(seconds));
  return new HttpError(429, 'rate-limited', `${why} Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`);
}

/** The caller; 401 when the request carries no valid token (or the app's authentication did not run: fail closed). */
export function requirePrincipal(c: Pick<Context<AppEnv>, 'get'>): Principal {
  const p = c.get('principal');
  if (!p) throw new ServiceError('unauthorized', c.get('authProblem') ?? NO_TOKEN);
  return p;
}
