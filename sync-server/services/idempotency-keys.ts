import { createHash, randomUUID } from 'node:crypto';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';

/**
 * Idempotency-Keys of HTTP requests, in the store so that every server instance sees them. A key belongs to one
 * token, one workbook and one route (`scope`): the same key elsewhere is another key. The first request with a key
 * holds it while it runs (renewing a short lease); a later request with the same key waits for the answer and gets
 * it; a request whose holder died (its lease ran out) takes the key over. Only success answers are kept: a refused
 * or failed request releases its key, and a retry runs again.
 */

export interface KeyScope {
  tokenId: string;
  /** '' for routes that name no workbook. */
  workbookId: string;
  /** Method and route template. */
  route: string;
  key: string;
}

/** A running request renews its hold this often; a holder silent for LEASE_MS is taken for dead. */
export const LEASE_MS = 5_000;
export const RENEW_MS = 1_500;
/** Answers are kept this long (a retried publish is also recognised by its version row after that). */
export const KEEP_ANSWERS_MS = 24 * 60 * 60 * 1000;

export type Claim =
  | { kind: 'held'; holder: string }
  | { kind: 'answered'; status: number; answer: string }
  | { kind: 'busy'; retryAfterSeconds: number };

const iso = (ms: number) => new Date(ms).toISOString();
const columns = (s: KeyScope) => ({ token_id: s.tokenId, workbook_id: s.workbookId, route: s.route, idem_key: s.key });

/** One string naming the scoped key, for the version row a publish writes (so a retry after a crash replays it). */
export const scopedKey = (s: KeyScope) => createHash('sha256').update(JSON.stringify([s.tokenId, s.workbookId, s.route, s.key])).digest('hex');

/** Takes the key, or says what the key already holds; does not wait. */
export async function claimKey(ctx: ServiceContext, scope: KeyScope, requestHash: string): Promise<Claim> {
  const { db } = ctx.store;
  const holder = randomUUID();
  const now = Date.now();
  const inserted = await db.insertInto('idempotency_keys')
    .values({ ...columns(scope), request_hash: requestHash, state: 'running', holder, lease_until: iso(now + LEASE_MS), status: null, answer: null, created_at: iso(now) })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { kind: 'held', holder };

  const row = await db.selectFrom('idempotency_keys').selectAll()
    .where((eb) => eb.and(columns(scope)))
    .executeTakeFirst();
  if (!row) return { kind: 'busy', retryAfterSeconds: 1 }; // released in between: the caller tries again
  if (row.request_hash !== requestHash)
    throw new ServiceError('idempotency-key-reused', `Idempotency key "${scope.key}" was already used for another request. Use a new key for a new request.`);
  if (row.state === 'done') return { kind: 'answered', status: row.status ?? 200, answer: row.answer ?? 'null' };
  const leaseEnds = Date.parse(row.lease_until);
  if (leaseEnds > now) return { kind: 'busy', retryAfterSeconds: Math.max(1, Math.ceil((leaseEnds - now) / 1000)) };
  // The holder stopped renewing (its process died): take the key over, unless another request just did.
  const taken = await db.updateTable('idempotency_keys').set({ holder, lease_until: iso(now + LEASE_MS) })
    .where((eb) => eb.and(columns(scope)))
    .where('state', '=', 'running').where('holder', '=', row.holder).where('lease_until', '=', row.lease_until)
    .executeTakeFirst();
  return taken.numUpdatedRows === 1n ? { kind: 'held', holder } : { kind: 'busy', retryAfterSeconds: 1 };
}

const held = (ctx: ServiceContext, scope: KeyScope, holder: string) =>
  ctx.store.db.updateTable('idempotency_keys')
    .where((eb) => eb.and(columns(scope)))
    .where('holder', '=', holder).where('state', '=', 'running');

/** Keeps a running request's hold alive. */
export async function renewKey(ctx: ServiceContext, scope: KeyScope, holder: string): Promise<void> {
  await held(ctx, scope, holder).set({ lease_until: iso(Date.now() + LEASE_MS) }).execute();
}

/** Stores the success answer: every later request with the key gets it. */
export async function answerKey(ctx: ServiceContext, scope: KeyScope, holder: string, status: number, answer: string): Promise<void> {
  await held(ctx, scope, holder).set({ state: 'done', status, answer }).execute();
}

/** Lets the key go after a refusal or failure: the next request with it runs again. */
export async function releaseKey(ctx: ServiceContext, scope: KeyScope, holder: string): Promise<void> {
  await ctx.store.db.deleteFrom('idempotency_keys')
    .where((eb) => eb.and(columns(scope)))
    .where('holder', '=', holder).where('state', '=', 'running')
    .execute();
}

/** Forgets answers older than KEEP_ANSWERS_MS (and holds abandoned as long ago). */
export async function forgetOldKeys(ctx: ServiceContext): Promise<void> {
  await ctx.store.db.deleteFrom('idempotency_keys').where('created_at', '<', iso(Date.now() - KEEP_ANSWERS_MS)).execute();
}
