/**
 * Report tabs besides the per-track reports and the overview, computed in the same refresh from the same records
 * (one tab per manager's team). A producer sees the published framework, then every record batch as the
 * reports do, then the finished reports; the tabs it gives are written with the others.
 */
import type { AssessmentRecord, CompletionRecord } from '../../shared/records';
import type { ReportTab, ReportThresholds, WorkbookReports } from '../../shared/reports';
import type { ServiceContext } from '../services/context';
import type { PublishedFramework } from '../services/published';
import { teamTabProducer } from '../services/team';

export interface TabProducerRun {
  addCompletions?(batch: readonly CompletionRecord[]): void;
  addAssessments?(batch: readonly AssessmentRecord[]): void;
  finish(reports: WorkbookReports): ReportTab[];
}

export interface TabProducer {
  /** Names the producer in errors. */
  name: string;
  /** `ctx` reads the same store as the refresh (in a worker thread, its own connection). */
  start(ctx: ServiceContext, framework: PublishedFramework, options: { today: string; thresholds: ReportThresholds }): TabProducerRun;
}

/**
 * Every producer a refresh runs, in order; their tabs follow the overview and the track reports. A refresh may
 * run in a worker thread, which imports this list itself: producers register here, not at run time.
 */
export const TAB_PRODUCERS: readonly TabProducer[] = [teamTabProducer];
