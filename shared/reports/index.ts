/** Per-track reports (F8): a streaming accumulator over learner records, and the report tabs it renders to. */
export { createReportAccumulator, type ReportAccumulator, type ReportOptions } from './accumulator';
export { REPORT_THRESHOLDS, resolveThresholds, thresholdLines, type ReportThresholds } from './thresholds';
export { DEFINITIONS as REPORT_DEFINITIONS } from './definitions';
export { renderTrackReport } from './render-track';
export { renderOverview, renderReportTabs, OVERVIEW_TAB_NAME } from './render-overview';
export { passScoreOf } from './plan';
export type * from './types';
export { IGNORED_REASONS } from './types';
export type * from './layout';
