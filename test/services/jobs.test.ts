import { expect, it } from 'vitest';
import type { ServiceContext } from '../../sync-server/services/context';
import { serviceContext } from '../../sync-server/services/context';
import { claimJobs, completeJob, enqueue, failJob } from '../../sync-server/services/jobs';
import { describeEachEngine } from '../storage/engines';
import { START } from './fixtures';

/** A clock the test moves by hand. */
function manualClock() {
  let t = START;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describeEachEngine('job queue', (h) => {
  it('hands a due job to one worker, which completes it', async () => {
    const clock = manualClock();
    const ctx = serviceContext(await h.open(), { now: clock.now });
    const id = await enqueue(ctx, { queue: 'reports', payload: { trackId: 'ENG' } });
    await enqueue(ctx, { queue: 'reports', payload: { trackId: 'MGR' }, runAt: new Date(START + 60_000) });
    await enqueue(ctx, { queue: 'sheets', payload: {} });

    const [job, ...rest] = await claimJobs<{ trackId: string }>(ctx, { queue: 'reports', worker: 'w1', limit: 5 });
    expect(rest).toEqual([]);
    expect(job).toMatchObject({ id, queue: 'reports', payload: { trackId: 'ENG' }, attempt: 1 });
    expect(await claimJobs(ctx, { queue: 'reports', worker: 'w2' })).toEqual([]);
    expect(await completeJob(ctx, id, 'w2')).toBe(false);
    expect(await completeJob(ctx, id, 'w1')).toBe(true);

    clock.advance(61_000);
    expect((await claimJobs<{ trackId: string }>(ctx, { queue: 'reports', worker: 'w2' })).map((j) => j.payload.trackId)).toEqual(['MGR']);
  });

  it('retries a failed job with backoff, gives a dead worker\'s job to another after its lease, and gives up after max attempts', async () => {
    const clock = manualClock();
    const ctx: ServiceContext = serviceContext(await h.open(), { now: clock.now });
    const id = await enqueue(ctx, { queue: 'q', payload: 1, maxAttempts: 3 });

    await claimJobs(ctx, { queue: 'q', worker: 'w1' });
    expect(await failJob(ctx, id, 'w1', 'Sheets said 429')).toBe('retry');
    expect(await claimJobs(ctx, { queue: 'q', worker: 'w1' })).toEqual([]); // backoff: 2 s
    clock.advance(2_000);
    expect((await claimJobs(ctx, { queue: 'q', worker: 'w1', leaseMs: 10_000 }))[0].attempt).toBe(2);

    // w1 dies holding it; after the lease w2 takes it and w1 can no longer finish it.
    clock.advance(10_000);
    expect((await claimJobs(ctx, { queue: 'q', worker: 'w2', leaseMs: 10_000 }))[0].attempt).toBe(3);
    expect(await completeJob(ctx, id, 'w1')).toBe(false);
    expect(await failJob(ctx, id, 'w2', 'still 429')).toBe('failed');
    clock.advance(60_000);
    expect(await claimJobs(ctx, { queue: 'q', worker: 'w3' })).toEqual([]);
    const row = await ctx.store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'still 429' });
  });
});

describeEachEngine('job queue shared by two instances', (h) => {
  it('never hands one job to two workers', async () => {
    const a = serviceContext(await h.open());
    const b = serviceContext(await h.open());
    for (let i = 0; i < 40; i++) await enqueue(a, { queue: 'reports', payload: i });
    const taken: number[] = [];
    const worker = async (ctx: ServiceContext, name: string) => {
      for (;;) {
        const jobs = await claimJobs<number>(ctx, { queue: 'reports', worker: name, limit: 3 });
        if (jobs.length === 0) return;
        for (const j of jobs) {
          taken.push(j.payload);
          expect(await completeJob(ctx, j.id, name)).toBe(true);
        }
      }
    };
    await Promise.all([worker(a, 'a1'), worker(a, 'a2'), worker(b, 'b1'), worker(b, 'b2')]);
    expect(taken.sort((x, y) => x - y)).toEqual([...Array(40).keys()]);
  });
}, ['postgres']);
