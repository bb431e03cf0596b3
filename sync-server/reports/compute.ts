/**
 * A workbook's reports from what is stored: the published framework, the employees, and the learner records
 * streamed from storage a batch at a time into the shared accumulator (and the extra tab producers), rendered into
 * report tabs. Beyond a few thousand records this runs in a worker thread with its own database connection, so
 * the server keeps answering while millions of records are read.
 */
import { createReportAccumulator, renderReportTabs, resolveThresholds, type ReportThresholds, type WorkbookReports } from '../../shared/reports';
import type { ComputedReports } from '../jobs/report-jobs';
import { today, type ServiceContext } from '../services/context';
import { publishedFramework } from '../services/published';
import { TEAM_TAB_KEY } from '../../shared/team/tab-title';
import { runWorker, workerEntry } from '../workers/run-worker';
import { storeSource, type StoreSource } from './store-source';
import { streamAssessments, streamCompletionFacts, streamCompletions } from './stored-records';
import { TAB_PRODUCERS, type TabProducer } from './tab-producers';

export interface ComputeOptions {
  thresholds?: Partial<ReportThresholds>;
}

/** Up to this many records a refresh computes in the server's thread (well under 50 ms); beyond, in a worker. */
export const IN_THREAD_RECORDS = 20_000;

/** What a refresh worker is given: where the store is, and the refresh's own inputs. */
export interface RefreshTask {
  source: StoreSource;
  spreadsheetId: string;
  /** The refresh's clock reading (ISO), for the reports' as-of date. */
  now: string;
  options: ComputeOptions;
}

/** The reports of every Active track of a workbook, the overview that puts them side by side, and the producers' tabs. */
export async function computeAll(ctx: ServiceContext, spreadsheetId: string, options: ComputeOptions = {}, producers: readonly TabProducer[] = TAB_PRODUCERS) {
  const framework = await publishedFramework(ctx, spreadsheetId);
  const asOf = today(ctx);
  const acc = createReportAccumulator(framework.union, { today: asOf, thresholds: options.thresholds, ownWorkbooks: framework.tracks });
  const runs = producers.map((p) => p.start(ctx, framework, { today: asOf, thresholds: resolveThresholds(options.thresholds) }));
  // Whole completion records only when a producer reads them; the reports need three of their fields.
  const whole = runs.filter((r) => r.addCompletions);
  if (whole.length > 0) {
    await streamCompletions(ctx.store, spreadsheetId, (batch) => {
      acc.addCompletions(batch);
      for (const r of whole) r.addCompletions!(batch);
    });
  } else {
    await streamCompletionFacts(ctx.store, spreadsheetId, (batch) => acc.addCompletions(batch));
  }
  await streamAssessments(ctx.store, spreadsheetId, (batch) => {
    acc.addAssessments(batch);
    for (const r of runs) r.addAssessments?.(batch);
  });
  const reports = acc.finish();
  return { reports, extraTabs: runs.flatMap((r) => r.finish(reports)) };
}

/** The reports alone (routes that answer report data rather than tabs). */
export async function computeReports(ctx: ServiceContext, spreadsheetId: string, options: ComputeOptions = {}): Promise<WorkbookReports> {
  return (await computeAll(ctx, spreadsheetId, options, [])).reports;
}

/** Report tabs and the refresh summary, computed here (in whichever thread calls it). */
export async function computeReportTabsHere(ctx: ServiceContext, spreadsheetId: string, options: ComputeOptions = {}): Promise<ComputedReports> {
  const started = Date.now();
  const { reports, extraTabs } = await computeAll(ctx, spreadsheetId, options);
  const tabs = [...renderReportTabs(reports), ...extraTabs];
  const ignoredRecords = Object.values(reports.ignored).reduce((a, b) => a + b, 0);
  return {
    tabs,
    summary: {
      tracks: reports.tracks.length, tabs: tabs.length, teamTabs: extraTabs.filter((t) => t.metadata?.[TEAM_TAB_KEY] !== undefined).length, completions: reports.completionsRead, assessments: reports.assessmentsRead,
      ignoredRecords, computeMs: Date.now() - started,
    },
  };
}

/** Whether the workbook stores more than `limit` records (a seek past `limit` rows, not a count of them all). */
async function storesMoreThan(ctx: ServiceContext, spreadsheetId: string, limit: number): Promise<boolean> {
  let left = limit;
  for (const table of ['learner_completions', 'learner_assessments'] as const) {
    const row = await ctx.store.db.selectFrom(table).select('workbook_id').where('workbook_id', '=', spreadsheetId).offset(left).limit(1).executeTakeFirst();
    if (row) return true;
    const counted = await ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('workbook_id', '=', spreadsheetId).executeTakeFirstOrThrow();
    left -= Number(counted.n);
  }
  return false;
}

/** Report tabs and summary; large workbooks are computed in a worker thread. */
export async function computeReportTabs(ctx: ServiceContext, spreadsheetId: string, options: ComputeOptions = {}): Promise<ComputedReports> {
  const source = storeSource(ctx.store);
  if (!source || !(await storesMoreThan(ctx, spreadsheetId, IN_THREAD_RECORDS))) return computeReportTabsHere(ctx, spreadsheetId, options);
  const task: RefreshTask = { source, spreadsheetId, now: ctx.now().toISOString(), options };
  return runWorker<ComputedReports>(workerEntry('refresh-worker', import.meta.url), task);
}
