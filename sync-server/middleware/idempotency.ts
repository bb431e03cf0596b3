import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { HttpError } from '../errors';
import type { AppEnv } from '../routes/router';
import type { ServiceContext } from '../services/context';
import { answerKey, claimKey, forgetOldKeys, releaseKey, renewKey, RENEW_MS, scopedKey, type KeyScope } from '../services/idempotency-keys';
import { requirePrincipal } from './authenticate';

/** How long a request with a key in use waits for the first one's answer before it is told to retry (409). */
export const WAIT_FOR_ANSWER_MS = 15_000;
const FORGET_EVERY_MS = 10 * 60 * 1000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Idempotency-Key on a route: the key is scoped to the token, the workbook and the route. The first request runs
 * and its success answer is kept; a repeat (also one sent while the first still runs: it waits) gets that answer
 * with `Idempotent-Replayed: true`; the same key with a different request is refused (422). A request still
 * waiting after WAIT_FOR_ANSWER_MS gets 409 idempotency-in-progress with Retry-After.
 */
export function idempotency(): MiddlewareHandler<AppEnv> {
  let lastForget = 0;
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (key.length === 0 || key.length > 200) throw new HttpError(400, 'invalid-header', 'The Idempotency-Key header must be 1 to 200 characters long.');
    const services = c.get('services');
    if (!services) throw new Error('Idempotency keys need the storage-backed services.');
    const p = requirePrincipal(c);
    const scope: KeyScope = { tokenId: p.tokenId, workbookId: c.req.param('spreadsheetId') ?? '', route: `${c.req.method} ${c.req.routePath}`, key };
    const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}${new URL(c.req.url).search}\n`).update(new Uint8Array(await c.req.arrayBuffer())).digest('hex');
    if (Date.now() - lastForget > FORGET_EVERY_MS) {
      lastForget = Date.now();
      await forgetOldKeys(services);
    }

    const deadline = Date.now() + WAIT_FOR_ANSWER_MS;
    for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
      const claim = await claimKey(services, scope, requestHash);
      if (claim.kind === 'answered')
        return new Response(claim.answer, { status: claim.status, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } });
      if (claim.kind === 'held') return runHolding(c, next, services, scope, claim.holder);
      if (Date.now() + pause > deadline) {
        c.header('Retry-After', String(claim.retryAfterSeconds));
        throw new HttpError(409, 'idempotency-in-progress', `A request with Idempotency-Key "${key}" is still running. Send it again in ${claim.retryAfterSeconds} s to get its answer.`);
      }
      await sleep(pause);
    }
  };
}

/** Runs the route while holding the key (renewing the hold), then keeps a success answer or lets the key go. */
async function runHolding(c: Context<AppEnv>, next: Next, services: ServiceContext, scope: KeyScope, holder: string): Promise<void> {
  c.set('idempotencyKey', scopedKey(scope));
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing) return;
    renewing = true;
    renewKey(services, scope, holder).catch(() => {}).finally(() => (renewing = false));
  }, RENEW_MS);
  timer.unref();
  try {
    await next();
  } catch (e) {
    await releaseKey(services, scope, holder).catch(() => {});
    throw e;
  } finally {
    clearInterval(timer);
  }
  const status = c.res.status;
  // A failure to store the answer only means a retry runs again; publish and rollback then replay their version row.
  if (status >= 200 && status < 300) await answerKey(services, scope, holder, status, await c.res.clone().text()).catch(() => {});
  else await releaseKey(services, scope, holder).catch(() => {});
}
