import { createHash } from 'node:crypto';
import type { ServiceContext } from '../services/context';
import { fromJson, toJson } from '../storage/json';

export interface ScheduleInput {
  queue: string;
  /** What recurs, e.g. `report.refresh:ENG`. */
  key: string;
  /** One job per key per interval; slots are aligned on the epoch (slot = floor(now / interval)). */
  intervalMs: number;
  /** Handed to the handler as `payload.data`. */
  data?: unknown;
  maxAttempts?: number;
}

/** The payload of a scheduled job. */
export interface ScheduledPayload {
  schedule: { key: string; slot: number };
  data: unknown;
}

export interface Scheduled {
  slot: number;
  jobId: number;
  /** False when this slot's job already existed (enqueued by this or another instance). */
  created: boolean;
}

const ID_SPACE = 2 ** 31;
const MAX_PROBES = 64;

/**
 * The slot's job id: negative (the id sequences only hand out positive ones) and derived from (queue, key, slot),
 * so every instance computes the same one and the primary key lets only one insert through, on both engines.
 */
function slotId(queue: string, key: string, slot: number): number {
  const h = createHash('sha256').update(`${queue}\u0000${key}\u0000${slot}`, 'utf8').digest();
  return -1 - (h.readUInt32BE(0) % ID_SPACE);
}

const nextProbe = (id: number) => (id - 1 < -ID_SPACE ? -1 : id - 1);

/** Enqueues the recurring job of `key` for the current slot unless some instance already did. */
export async function scheduleRecurring(ctx: ServiceContext, s: ScheduleInput): Promise<Scheduled> {
  if (!(s.intervalMs > 0)) throw new Error('intervalMs must be positive');
  const now = ctx.now();
  const slot = Math.floor(now.getTime() / s.intervalMs);
  const payload: ScheduledPayload = { schedule: { key: s.key, slot }, data: s.data ?? null };
  let id = slotId(s.queue, s.key, slot);
  for (let probe = 0; probe < MAX_PROBES; probe++, id = nextProbe(id)) {
    try {
      await ctx.store.db.insertInto('jobs').values({
        id, queue: s.queue, payload: toJson(payload), status: 'pending', run_at: now.toISOString(), locked_by: null, locked_until: null,
        attempts: 0, max_attempts: s.maxAttempts ?? 5, last_error: null, created_at: now.toISOString(), finished_at: null,
      }).execute();
      return { slot, jobId: id, created: true };
    } catch (err) {
      if (!ctx.store.dialect.isUniqueViolation(err)) throw err;
    }
    const taken = await ctx.store.db.selectFrom('jobs').select(['queue', 'payload']).where('id', '=', id).executeTakeFirst();
    const other = taken && fromJson<Partial<ScheduledPayload>>(taken.payload).schedule;
    if (taken?.queue === s.queue && other?.key === s.key && other.slot === slot) return { slot, jobId: id, created: false };
    // Another slot's job hashed to the same id: probe the next one (every instance probes in the same order).
  }
  throw new Error(`no free job id for schedule ${s.queue}/${s.key} slot ${slot}`);
}
