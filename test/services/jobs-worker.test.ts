import { expect, it } from 'vitest';
import { scheduleRecurring } from '../../sync-server/jobs/schedule';
import { startWorker, type Worker } from '../../sync-server/jobs/worker';
import { serviceContext, type ServiceContext } from '../../sync-server/services/context';
import { enqueue, type Job } from '../../sync-server/services/jobs';
import { describeEachEngine } from '../storage/engines';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

const jobRow = (ctx: ServiceContext, id: number) =>
  ctx.store.db.selectFrom('jobs').select(['status', 'attempts', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();

describeEachEngine('job worker', (h) => {
  it('two workers (on PostgreSQL: on two stores / pools) run each of 50 jobs exactly once', async () => {
    const a = serviceContext(await h.open());
    // The embedded default is one process with one store; two SQLite connections in one process would block each
    // other's synchronous busy wait, which says nothing about the queue.
    const b = h.engine === 'postgres' ? serviceContext(await h.open()) : a;
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => enqueue(a, { queue: 'work', payload: { i } })));
    const runs = new Map<number, string[]>();
    const handler = (who: string) => async (job: Job) => {
      runs.set(job.id, [...(runs.get(job.id) ?? []), who]);
      await sleep(2);
    };
    const workers: Worker[] = [
      startWorker({ ctx: a, name: 'A', handlers: { work: handler('A') }, pollMs: 5 }),
      startWorker({ ctx: b, name: 'B', handlers: { work: handler('B') }, pollMs: 5 }),
    ];
    await until(async () => {
      const done = await a.store.db.selectFrom('jobs').select('id').where('status', '=', 'done').execute();
      return done.length === 50;
    });
    await Promise.all(workers.map((w) => w.stop()));
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    expect([...runs.values()].every((who) => who.length === 1)).toBe(true);
  });

  it('retries a failing handler with backoff, then marks the job failed', async () => {
    const ctx = serviceContext(await h.open());
    const id = await enqueue(ctx, { queue: 'flaky', payload: {}, maxAttempts: 3 });
    const attempts: { attempt: number; at: number }[] = [];
    const w = startWorker({
      ctx, handlers: { flaky: async (job) => { attempts.push({ attempt: job.attempt, at: Date.now() }); throw new Error(`boom ${job.attempt}`); } },
      pollMs: 5, backoffMs: (attempt) => 50 * attempt,
    });
    await until(async () => (await jobRow(ctx, id)).status === 'failed');
    await w.stop();
    expect(attempts.map((x) => x.attempt)).toEqual([1, 2, 3]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(45);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(95);
    expect(await jobRow(ctx, id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3' });
  });

  it('stop() waits for the running job and renews its lease meanwhile', async () => {
    const ctx = serviceContext(await h.open());
    const id = await enqueue(ctx, { queue: 'slow', payload: {} });
    let started = false;
    let finished = false;
    const w = startWorker({ ctx, handlers: { slow: async () => { started = true; await sleep(300); finished = true; } }, pollMs: 5, leaseMs: 90 });
    await until(() => started);
    // The lease (90 ms) would have run out by now without renewal: no other worker can take the job.
    await sleep(150);
    const other = startWorker({ ctx, name: 'thief', handlers: { slow: async () => { throw new Error('ran twice'); } }, pollMs: 5 });
    await sleep(50);
    await other.stop();
    await w.stop();
    expect(finished).toBe(true);
    expect(await jobRow(ctx, id)).toMatchObject({ status: 'done', attempts: 1, last_error: null });
  });

  it('a schedule enqueues one job per key per slot, even from two instances', async () => {
    let t = Date.parse('2026-11-23T10:00:00.000Z');
    const now = () => new Date(t);
    const a = serviceContext(await h.open(), { now });
    const b = serviceContext(await h.open(), { now });
    const input = { queue: 'report.refresh', key: 'ENG', intervalMs: 60_000, data: { trackId: 'ENG' } };
    const first = await Promise.all([a, b, a, b].map((ctx) => scheduleRecurring(ctx, input)));
    expect(first.filter((s) => s.created)).toHaveLength(1);
    expect(new Set(first.map((s) => s.jobId)).size).toBe(1);
    expect((await scheduleRecurring(a, { ...input, key: 'MGR' })).created).toBe(true);
    t += 30_000;
    expect((await scheduleRecurring(b, input)).created).toBe(false);
    t += 30_000;
    const next = await Promise.all([scheduleRecurring(a, input), scheduleRecurring(b, input)]);
    expect(next.filter((s) => s.created)).toHaveLength(1);
    expect(next[0].slot).toBe(first[0].slot + 1);

    const rows = await a.store.db.selectFrom('jobs').select(['queue', 'payload']).execute();
    expect(rows).toHaveLength(3);
    // An ordinary enqueue still gets a fresh (positive) id beside the scheduled ones.
    expect(await enqueue(a, { queue: 'report.refresh', payload: {} })).toBeGreaterThan(0);
  });
});
