import { expect, it } from 'vitest';
import type { ReportTab } from '../../shared/reports/layout';
import { createApp } from '../../sync-server/app';
import { refreshJobHandler, startRefreshSchedule, type ComputedReports, type ReportPublisher } from '../../sync-server/jobs/report-jobs';
import { serviceContext, type ServiceContext } from '../../sync-server/services/context';
import { claimJobs, completeJob, type Job } from '../../sync-server/services/jobs';
import { holdRefresh, lastReportTabs, REFRESH_QUEUE, refreshState, requestRefresh } from '../../sync-server/services/report-refresh';
import { createToken } from '../../sync-server/services/tokens';
import { connectWorkbook } from '../../sync-server/services/workbooks';
import { START } from '../services/fixtures';
import { describeEachEngine, type EngineHandle } from '../storage/engines';

function manualClock() {
  let t = START;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const tab = (title: string, value: string): ReportTab => ({ title, rows: [[value]], boldRows: [0], numberFormats: [], heatmaps: [], charts: [], frozenRows: 0 });

const computed = (value = 'v1'): ComputedReports => ({
  tabs: [tab('Report Overview', value), tab('Report ENG', value), tab('Report MGR', value)],
  summary: { tracks: 2, tabs: 3, teamTabs: 0, completions: 10, assessments: 4, ignoredRecords: 0, computeMs: 1 },
});

async function setup(h: EngineHandle) {
  const clock = manualClock();
  const ctx = serviceContext(await h.open(), { now: clock.now });
  await connectWorkbook(ctx, { spreadsheetId: 'mini', name: 'Mini Co', actor: 'admin@acme.test' });
  return { ctx, clock };
}

async function claimOne(ctx: ServiceContext, worker = 'w1'): Promise<Job> {
  const [job] = await claimJobs(ctx, { queue: REFRESH_QUEUE, worker });
  expect(job).toBeDefined();
  return job;
}

describeEachEngine('report refreshes (F8): requests, one at a time, outcomes', (h) => {
  it('coalesces requests while the queued refresh has not started, and queues a new one once it has', async () => {
    const { ctx } = await setup(h);
    const first = await requestRefresh(ctx, 'mini');
    const second = await requestRefresh(ctx, 'mini');
    expect(first.coalesced).toBe(false);
    expect(second).toMatchObject({ jobId: first.jobId, coalesced: true });

    const job = await claimOne(ctx);
    expect(job.id).toBe(first.jobId);
    const third = await requestRefresh(ctx, 'mini');
    expect(third.coalesced).toBe(false);
    expect(third.jobId).not.toBe(first.jobId);
  });

  it('lets one holder refresh a spreadsheet at a time, and another once the lease has run out', async () => {
    const { ctx, clock } = await setup(h);
    expect((await holdRefresh(ctx, 'mini', 'a', 10_000)).held).toBe(true);
    const busy = await holdRefresh(ctx, 'mini', 'b', 10_000);
    expect(busy).toEqual({ held: false, busyUntil: new Date(START + 10_000).toISOString() });
    clock.advance(10_001);
    expect((await holdRefresh(ctx, 'mini', 'b', 10_000)).held).toBe(true);
  });

  it('computes, pushes and keeps the tabs and the outcome', async () => {
    const { ctx } = await setup(h);
    const pushed: { id: string; titles: string[] }[] = [];
    const publisher: ReportPublisher = { write: async (id, tabs) => { pushed.push({ id, titles: tabs.map((t) => t.title) }); return { calls: 2, payloadBytes: 1234 }; } };
    await requestRefresh(ctx, 'mini');
    await refreshJobHandler({ ctx, compute: async () => computed(), publisher })(await claimOne(ctx));

    expect(pushed).toEqual([{ id: 'mini', titles: ['Report Overview', 'Report ENG', 'Report MGR'] }]);
    const state = await refreshState(ctx, 'mini');
    expect(state).toMatchObject({ running: false, lastOutcome: 'pushed', lastError: null });
    expect(state.summary).toMatchObject({ tracks: 2, sheetsCalls: 2, payloadBytes: 1234 });
    expect((await lastReportTabs(ctx, 'mini'))?.map((t) => t.rows[0][0])).toEqual(['v1', 'v1', 'v1']);
  });

  it('keeps the rendered tabs when Google refuses them, records the failure and fails the attempt (retried by the queue)', async () => {
    const { ctx } = await setup(h);
    const publisher: ReportPublisher = { write: async () => { throw new Error('sheets-unavailable: 503 after 5 attempts'); } };
    await requestRefresh(ctx, 'mini');
    await expect(refreshJobHandler({ ctx, compute: async () => computed('v2'), publisher })(await claimOne(ctx))).rejects.toThrow(/sheets-unavailable/);
    expect(await refreshState(ctx, 'mini')).toMatchObject({ running: false, lastOutcome: 'failed', lastError: 'sheets-unavailable: 503 after 5 attempts' });
    expect((await lastReportTabs(ctx, 'mini'))?.[1].rows[0][0]).toBe('v2');
  });

  it('without Google configured it only computes (outcome "computed")', async () => {
    const { ctx } = await setup(h);
    await requestRefresh(ctx, 'mini');
    await refreshJobHandler({ ctx, compute: async () => computed(), publisher: null })(await claimOne(ctx));
    expect((await refreshState(ctx, 'mini')).lastOutcome).toBe('computed');
  });

  it('a job that finds the spreadsheet busy comes back when the lease ends, and a request during a run runs again after it', async () => {
    const { ctx } = await setup(h);
    await holdRefresh(ctx, 'mini', 'other-instance', 30_000);
    await requestRefresh(ctx, 'mini');
    let computes = 0;
    const handler = refreshJobHandler({ ctx, compute: async () => { computes++; await requestRefresh(ctx, 'mini'); return computed(); }, publisher: null });
    const first = await claimOne(ctx);
    await handler(first);
    expect(computes).toBe(0);
    // The worker completes a job once its handler returns (its 30 s lease would run out with the refresh's).
    expect(await completeJob(ctx, first.id, 'w1')).toBe(true);
    const requeued = await ctx.store.db.selectFrom('jobs').select(['run_at']).where('queue', '=', REFRESH_QUEUE).where('locked_by', 'is', null).execute();
    expect(requeued.map((r) => r.run_at)).toEqual([new Date(START + 30_000).toISOString()]);

    // The other instance's lease ends; the requeued job runs; a request arrives mid-run and gets its own run.
    const clock = ctx.now;
    const later = serviceContext(ctx.store, { now: () => new Date(clock().getTime() + 31_000) });
    const job = (await claimJobs(later, { queue: REFRESH_QUEUE, worker: 'w2' }))[0];
    await refreshJobHandler({ ctx: later, compute: async () => { computes++; await requestRefresh(later, 'mini'); return computed(); }, publisher: null })(job);
    expect(computes).toBe(1);
    // (The job claimed by w2 stays held here: the worker, not the handler, completes it.)
    const queued = await later.store.db.selectFrom('jobs').select('id').where('queue', '=', REFRESH_QUEUE).where('status', '=', 'pending').where('locked_by', 'is', null).execute();
    expect(queued).toHaveLength(1);
  });

  it('the schedule asks one refresh per workbook per slot, however many instances tick', async () => {
    const { ctx, clock } = await setup(h);
    await connectWorkbook(ctx, { spreadsheetId: 'other', name: 'Other Co', actor: 'admin@acme.test' });
    const second = serviceContext(await h.open(), { now: ctx.now });
    const a = startRefreshSchedule(ctx, { intervalMs: 15 * 60_000, checkEveryMs: 3_600_000 });
    const b = startRefreshSchedule(second, { intervalMs: 15 * 60_000, checkEveryMs: 3_600_000 });
    try {
      expect(await a.tick()).toBe(2);
      expect(await b.tick()).toBe(0);
      expect(await a.tick()).toBe(0);
      clock.advance(15 * 60_000);
      expect(await b.tick()).toBe(2);
      const jobs = await ctx.store.db.selectFrom('jobs').select('payload').where('queue', '=', REFRESH_QUEUE).execute();
      expect(jobs).toHaveLength(4);
    } finally {
      a.stop();
      b.stop();
    }
  });
});

describeEachEngine('report routes', (h) => {
  it('queues a refresh (202), coalesces, and serves the last tabs a token may read', async () => {
    const { ctx } = await setup(h);
    const app = createApp({ services: ctx });
    const admin = (await createToken(ctx, { role: 'admin', label: 'Admin', actor: 'cli' })).token;
    const ana = (await createToken(ctx, { role: 'owner', label: 'Ana', tracks: ['ENG'], workbookId: 'mini', actor: 'Admin' })).token;
    const integrator = (await createToken(ctx, { role: 'integrator', label: 'LMS', workbookId: 'mini', actor: 'Admin' })).token;
    const call = (method: string, path: string, token?: string) => app.request(path, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

    expect((await call('POST', '/v1/workbooks/mini/reports/refresh')).status).toBe(401);
    expect((await call('POST', '/v1/workbooks/mini/reports/refresh', integrator)).status).toBe(403);
    expect((await call('POST', '/v1/workbooks/nope/reports/refresh', admin)).status).toBe(404);
    const first = await call('POST', '/v1/workbooks/mini/reports/refresh', ana);
    expect(first.status).toBe(202);
    const body = (await first.json()) as { jobId: string; coalesced: boolean };
    expect(body.coalesced).toBe(false);
    expect(await (await call('POST', '/v1/workbooks/mini/reports/refresh', admin)).json()).toMatchObject({ jobId: body.jobId, coalesced: true });

    const before = (await (await call('GET', '/v1/workbooks/mini/reports', admin)).json()) as { tabs: unknown[]; state: { lastOutcome: string | null } };
    expect(before).toMatchObject({ tabs: [], state: { lastOutcome: null } });
    await refreshJobHandler({ ctx, compute: async () => computed(), publisher: null })(await claimOne(ctx));
    const titles = async (token: string) => ((await (await call('GET', '/v1/workbooks/mini/reports', token)).json()) as { tabs: ReportTab[] }).tabs.map((t) => t.title);
    expect(await titles(admin)).toEqual(['Report Overview', 'Report ENG', 'Report MGR']);
    expect(await titles(ana)).toEqual(['Report ENG']);
  });
});
