/** Every Active track side by side on the `Report Overview` tab: an average can hide a track far below it. */
import { OVERVIEW_TRACK_WORD, reportTabName } from '../contract';
import { DEFINITIONS } from './definitions';
import type { ReportTab } from './layout';
import { renderThresholds, renderTrackReport } from './render-track';
import { TabBuilder } from './tab-builder';
import { IGNORED_REASONS, type WorkbookReports } from './types';

export const OVERVIEW_TAB_NAME = reportTabName(OVERVIEW_TRACK_WORD);

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

const IGNORED_LABELS: Record<(typeof IGNORED_REASONS)[number], string> = {
  'unknown-module': 'Completions of a module not in the Modules tab',
  'unknown-track': 'Assessments of a track not in the Tracks tab',
  'track-not-active': 'Assessments of a Draft track',
  'no-rubric': 'Assessments of a track without a usable rubric',
  'unknown-dimension': "Assessments of a dimension not in the track's rubric",
  'dimension-competency': 'Assessments whose competency is not the one the dimension assesses',
  'score-off-scale': "Assessments with a score outside the rubric's scale",
};

export function renderOverview(reports: WorkbookReports): ReportTab {
  const b = new TabBuilder();
  b.row(['All Active tracks side by side'], true);
  b.line('As of', reports.asOf);
  b.row(['An average over tracks can hide one track far below another: read the rows, not only the total.']);
  b.blank();
  const tracks = reports.tracks;
  const t = b.table(
    [
      { header: 'Track ID' }, { header: 'Track' }, { header: 'Enrolled', format: 'integer' }, { header: 'Completed path', format: 'integer' },
      { header: 'Completion rate', format: 'percent' }, { header: 'Fully assessed', format: 'integer' }, { header: 'Pass rate', format: 'percent' },
      { header: 'Agreement', format: 'percent' }, { header: 'Worst module' }, { header: 'Worst drop-off', format: 'percent' },
      { header: 'Lenient evaluators', format: 'integer' }, { header: 'Harsh evaluators', format: 'integer' }, { header: 'Employees with gaps', format: 'integer' },
    ],
    tracks.map((r) => {
      const s = r.summary;
      return [
        r.trackId, r.trackName, s.enrolled, s.completedPath, s.completionRate, s.learnersAssessed, s.passRate, s.agreementRate,
        r.worstModule?.moduleId ?? '', r.worstModule?.dropOff ?? null, s.lenientEvaluators, s.harshEvaluators, s.employeesWithGaps,
      ];
    }),
  );
  for (const col of [4, 6, 7]) b.heatmap({ range: t.column(col), direction: 'higher-is-better', min: 0, max: 1 });
  b.heatmap({ range: t.column(9), direction: 'lower-is-better', min: 0, max: 1 });
  b.chart({ key: 'tracks', title: 'Completion and pass rate per track', type: 'bar', domain: t.column(0), series: [t.column(4), t.column(6)], anchor: { row: t.headerRow, column: 14 } });
  const sum = (pick: (r: WorkbookReports['tracks'][number]) => number) => tracks.reduce((s, r) => s + pick(r), 0);
  const enrolled = sum((r) => r.summary.enrolled);
  const completed = sum((r) => r.summary.completedPath);
  const rates = tracks.map((r) => r.summary.completionRate).filter((x): x is number => x !== null);
  const totals = b.row([
    'All tracks', 'pooled', enrolled, completed, rate(completed, enrolled), sum((r) => r.summary.learnersAssessed),
    rate(sum((r) => r.summary.learnersPassed), sum((r) => r.summary.learnersAssessed)), rate(sum((r) => r.summary.agreeing), sum((r) => r.summary.multiRated)),
    '', null, sum((r) => r.summary.lenientEvaluators), sum((r) => r.summary.harshEvaluators), sum((r) => r.summary.employeesWithGaps),
  ], true);
  const spread = b.row(['Completion rate spread', 'highest - lowest', null, null, rates.length > 0 ? Math.max(...rates) - Math.min(...rates) : null]);
  for (const [col, kind] of [[2, 'integer'], [3, 'integer'], [4, 'percent'], [5, 'integer'], [6, 'percent'], [7, 'percent'], [10, 'integer'], [11, 'integer'], [12, 'integer']] as const)
    b.format({ startRow: totals, endRow: spread + 1, startColumn: col, endColumn: col + 1 }, kind);
  b.blank();
  b.row(['Definitions'], true);
  b.line('Enrolled', DEFINITIONS.enrolled);
  b.line('Completion rate', DEFINITIONS.completionRate);
  b.line('Pass rate', DEFINITIONS.passRate);
  b.line('Agreement', DEFINITIONS.agreement);
  b.blank();
  renderThresholds(b, reports.thresholds);
  b.blank();
  b.row(['Records read'], true);
  b.line('Completions', reports.completionsRead, 'integer');
  b.line('Assessments', reports.assessmentsRead, 'integer');
  for (const reason of IGNORED_REASONS) if (reports.ignored[reason] > 0) b.line(`Ignored: ${IGNORED_LABELS[reason]}`, reports.ignored[reason], 'integer');
  return b.build(OVERVIEW_TAB_NAME, 1);
}

/** Every tab a refresh writes: the overview first, then one per Active track. */
export function renderReportTabs(reports: WorkbookReports): ReportTab[] {
  return [renderOverview(reports), ...reports.tracks.map(renderTrackReport)];
}
