import { fromJson, toJson } from '../storage/json';
import type { JobRow } from '../storage/schema';
import type { ServiceContext } from './context';

/**
 * How long a worker holds a job (and a report refresh) without renewing it. The holder renews every third of it,
 * so a worker that dies (kill -9, a lost machine) hands its job to another instance within this time plus one poll.
 */
export const JOB_LEASE_MS = 30_000;

export interface Job<P = unknown> {
  id: number;
  queue: string;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  lockedUntil: string;
}

export interface EnqueueInput {
  queue: string;
  payload: unknown;
  /** Not before this time; default now. */
  runAt?: Date;
  maxAttempts?: number;
}

const iso = (d: Date) => d.toISOString();
const later = (ctx: ServiceContext, ms: number) => iso(new Date(ctx.now().getTime() + ms));

export async function enqueue(ctx: ServiceContext, input: EnqueueInput): Promise<number> {
  const now = iso(ctx.now());
  const { id } = await ctx.store.db.insertInto('jobs').values({
    queue: input.queue, payload: toJson(input.payload), status: 'pending', run_at: input.runAt ? iso(input.runAt) : now,
    locked_by: null, locked_until: null, attempts: 0, max_attempts: input.maxAttempts ?? 5, last_error: null, created_at: now, finished_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export interface ClaimOptions {
  queue: string;
  /** Who takes the jobs (an instance id); only it may complete or fail them. */
  worker: string;
  limit?: number;
  /** How long the worker holds a job; a worker that dies loses it when the lease runs out. */
  leaseMs?: number;
}

/**
 * Takes due jobs for one worker. On PostgreSQL several instances claim at once and `SKIP LOCKED` hands each
 * job to one of them; SQLite has a single writer, so its transaction alone keeps two claims apart.
 */
export async function claimJobs<P = unknown>(ctx: ServiceContext, o: ClaimOptions): Promise<Job<P>[]> {
  const { db, dialect } = ctx.store;
  const now = iso(ctx.now());
  const until = later(ctx, o.leaseMs ?? JOB_LEASE_MS);
  return db.transaction().execute(async (trx) => {
    // Jobs whose last lease ran out with no attempts left will never run again.
    await trx.updateTable('jobs').set({ status: 'failed', finished_at: now, last_error: 'lease expired on the last attempt' })
      .where('queue', '=', o.queue).where('status', '=', 'pending')
      .where((eb) => eb('attempts', '>=', eb.ref('max_attempts'))).where('locked_until', '<=', now)
      .execute();
    const ids = await trx.selectFrom('jobs').select('id')
      .where('queue', '=', o.queue).where('status', '=', 'pending').where('run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
      .orderBy('run_at').orderBy('id').limit(o.limit ?? 1)
      .$call((q) => dialect.lockRowsSkipLocked(q))
      .execute();
    if (ids.length === 0) return [];
    const rows = await trx.updateTable('jobs')
      .set((eb) => ({ locked_by: o.worker, locked_until: until, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids.map((r) => r.id))
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.id - b.id).map((r) => toJob<P>(r));
  });
}

/** Marks a job done; false when the worker no longer holds it (its lease ran out and another worker took it). */
export async function completeJob(ctx: ServiceContext, id: number, worker: string): Promise<boolean> {
  const r = await ctx.store.db.updateTable('jobs').set({ status: 'done', finished_at: iso(ctx.now()), locked_until: null })
    .where('id', '=', id).where('locked_by', '=', worker).where('status', '=', 'pending').executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Records a failure: the job runs again after `retryInMs` (default: 2^attempt seconds) until its attempts are used up. */
export async function failJob(ctx: ServiceContext, id: number, worker: string, error: string, retryInMs?: number): Promise<'retry' | 'failed' | 'not-held'> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom('jobs').select(['attempts', 'max_attempts'])
      .where('id', '=', id).where('locked_by', '=', worker).where('status', '=', 'pending').executeTakeFirst();
    if (!job) return 'not-held';
    const last = job.attempts >= job.max_attempts;
    await trx.updateTable('jobs').set({
      status: last ? 'failed' : 'pending', last_error: error.slice(0, 2000), locked_by: null, locked_until: null,
      run_at: last ? iso(ctx.now()) : later(ctx, retryInMs ?? 1000 * 2 ** job.attempts), finished_at: last ? iso(ctx.now()) : null,
    }).where('id', '=', id).where('locked_by', '=', worker).execute();
    return last ? 'failed' : 'retry';
  });
}

function toJob<P>(r: JobRow): Job<P> {
  return { id: r.id, queue: r.queue, payload: fromJson<P>(r.payload), attempt: r.attempts, maxAttempts: r.max_attempts, lockedUntil: r.locked_until ?? '' };
}

/** Extends a held job's lease (a long job calls it periodically); false when the worker no longer holds it. */
export async function renewLease(ctx: ServiceContext, id: number, worker: string, leaseMs: number): Promise<boolean> {
  const r = await ctx.store.db.updateTable('jobs').set({ locked_until: later(ctx, leaseMs) })
    .where('id', '=', id).where('locked_by', '=', worker).where('status', '=', 'pending').executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Hands a held job back to the queue at once, its attempt not counted (the worker is stopping before finishing it). */
export async function releaseJob(ctx: ServiceContext, id: number, worker: string): Promise<boolean> {
  const r = await ctx.store.db.updateTable('jobs')
    .set((eb) => ({ locked_by: null, locked_until: null, run_at: iso(ctx.now()), attempts: eb('attempts', '-', 1) }))
    .where('id', '=', id).where('locked_by', '=', worker).where('status', '=', 'pending').executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
