/**
 * A workbook's reports from what is stored: the published framework, the employees, and the learner records
 * streamed from storage a batch at a time into the shared accumulator, rendered into report tabs.
 */
import type { Workbook } from '../../shared/model';
import { createReportAccumulator, renderReportTabs, type ReportAccumulator, type ReportThresholds, type WorkbookReports } from '../../shared/reports';
import { today, type ServiceContext } from '../services/context';
import { publishedFramework } from '../services/published';
import { forEachAssessment, forEachCompletion } from '../services/records-read';
import { teamTabsOfRefresh } from '../services/team';
import type { ComputedReports } from '../jobs/report-jobs';

export interface ComputeOptions {
  thresholds?: Partial<ReportThresholds>;
  /** Also fed every record batch the reports read (the Team tabs): the records are read once for both. */
  alongside?: (workbook: Workbook, own: ReadonlyMap<string, Workbook>) => Pick<ReportAccumulator, 'addCompletions' | 'addAssessments'>;
}

/** The reports of every Active track of a workbook, plus the overview that puts them side by side. */
export async function computeReports(ctx: ServiceContext, spreadsheetId: string, options: ComputeOptions = {}): Promise<WorkbookReports> {
  const framework = await publishedFramework(ctx, spreadsheetId);
  const acc = createReportAccumulator(framework.union, { today: today(ctx), thresholds: options.thresholds, ownWorkbooks: framework.tracks });
  const also = options.alongside?.(framework.union, framework.tracks);
  await forEachCompletion(ctx, spreadsheetId, (batch) => (acc.addCompletions(batch), also?.addCompletions(batch)));
  await forEachAssessment(ctx, spreadsheetId, (batch) => (acc.addAssessments(batch), also?.addAssessments(batch)));
  return acc.finish();
}

export async function computeReportTabs(ctx: ServiceContext, spreadsheetId: string, options: ComputeOptions = {}): Promise<ComputedReports> {
  const started = Date.now();
  const team = teamTabsOfRefresh(ctx);
  const reports = await computeReports(ctx, spreadsheetId, { ...options, alongside: team.feed });
  const teamTabs = team.tabs();
  const tabs = [...renderReportTabs(reports), ...teamTabs];
  const ignoredRecords = Object.values(reports.ignored).reduce((a, b) => a + b, 0);
  return {
    tabs,
    summary: {
      tracks: reports.tracks.length, tabs: tabs.length, teamTabs: teamTabs.length, completions: reports.completionsRead, assessments: reports.assessmentsRead,
      ignoredRecords, computeMs: Date.now() - started,
    },
  };
}
