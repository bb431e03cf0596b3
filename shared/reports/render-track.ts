/** A TrackReport as its `Report <Track ID>` tab. */
import { reportTabName } from '../contract';
import { DEFINITIONS } from './definitions';
import type { ReportTab } from './layout';
import { TabBuilder } from './tab-builder';
import { thresholdLines, type ReportThresholds } from './thresholds';
import type { TrackReport } from './types';

/** Columns right of the widest table, where charts sit. */
const CHART_COLUMN = 12;

export function renderThresholds(b: TabBuilder, thresholds: ReportThresholds): void {
  b.row(['Thresholds used'], true);
  for (const [label, value, unit] of thresholdLines(thresholds)) b.row([label, value, unit]);
}

function header(b: TabBuilder, r: TrackReport): void {
  b.row([`${r.trackName} (${r.trackId})`], true);
  b.line('As of', r.asOf);
  b.line('Owner', r.ownerEmail);
  const rubric = r.rubric;
  if (!rubric) b.line('Rubric', 'None: this track has no usable rubric, so no scores are reported.');
  else if (rubric.passScore === null) b.line('Rubric', `Scale ${rubric.scaleMin} to ${rubric.scaleMax}; no pass threshold, so no pass rates or gaps.`);
  else b.line('Rubric', `Scale ${rubric.scaleMin} to ${rubric.scaleMax}; pass threshold ${rubric.passThresholdPercent}% of the top score = ${round(rubric.passScore)} points.`);
  if (r.pathNote) b.line('Path', r.pathNote);
  b.blank();
  renderThresholds(b, r.thresholds);
  b.blank();
}

const round = (x: number) => Math.round(x * 100) / 100;

function summary(b: TabBuilder, r: TrackReport): void {
  const s = r.summary;
  b.row(['Summary'], true);
  b.line('Enrolled learners', s.enrolled, 'integer', DEFINITIONS.enrolled);
  b.line('Completed the whole path', s.completedPath, 'integer', DEFINITIONS.completedPath);
  b.line('Completion rate', s.completionRate, 'percent', DEFINITIONS.completionRate);
  b.line('Learners fully assessed', s.learnersAssessed, 'integer', DEFINITIONS.learnersAssessed);
  b.line('Passed the rubric', s.learnersPassed, 'integer');
  b.line('Pass rate', s.passRate, 'percent', DEFINITIONS.passRate);
  b.line('Scores counted', s.scores, 'integer', DEFINITIONS.scores);
  b.line('Self-assessments (not counted)', s.selfAssessments, 'integer');
  b.line('Cases scored by several evaluators', s.multiRated, 'integer');
  b.line('Agreement', s.agreementRate, 'percent', DEFINITIONS.agreement);
  b.line('Lenient evaluators', s.lenientEvaluators, 'integer');
  b.line('Harsh evaluators', s.harshEvaluators, 'integer');
  const w = r.worstModule;
  b.line('Worst module', w ? `${w.moduleId} ${w.title}` : 'None', undefined, w ? `Drop-off ${Math.round(w.dropOff! * 100)}% at step ${w.position}` : 'No step loses learners yet.');
  b.line('Employees with competency gaps', s.employeesWithGaps, 'integer', DEFINITIONS.employeeGaps);
  b.blank();
}

function funnel(b: TabBuilder, r: TrackReport): void {
  b.row(['Module funnel (path order)'], true);
  b.row([DEFINITIONS.funnel]);
  if (r.funnel.length === 0) {
    b.row(["The track's path has no modules."]);
    b.blank();
    return;
  }
  const t = b.table(
    [
      { header: '#' }, { header: 'Module ID' }, { header: 'Module' }, { header: 'Stage' },
      { header: 'Reached', format: 'integer' }, { header: 'Completed', format: 'integer' }, { header: 'Failed', format: 'integer' },
      { header: 'Completed up to here', format: 'integer' }, { header: 'Share of enrolled', format: 'percent' },
      { header: 'Drop-off', format: 'percent' }, { header: 'Worst' },
    ],
    r.funnel.map((s) => [s.position, s.moduleId, s.title, s.stage, s.reached, s.completed, s.failed, s.completedThrough, s.shareOfEnrolled, s.dropOff, s.worst ? 'WORST' : '']),
  );
  b.heatmap({ range: t.column(8), direction: 'higher-is-better', min: 0, max: 1 });
  b.heatmap({ range: t.column(9), direction: 'lower-is-better', min: 0, max: 1 });
  b.chart({ key: 'funnel', title: `Module funnel: ${r.trackId}`, type: 'column', domain: t.column(1), series: [t.column(7)], anchor: { row: t.headerRow, column: CHART_COLUMN } });
  b.blank();
}

function scores(b: TabBuilder, r: TrackReport): void {
  b.row(['Score distribution per rubric dimension'], true);
  if (r.dimensions.length === 0) {
    b.row(['This track has no usable rubric: no scores to show.']);
    b.blank();
    return;
  }
  b.row([`${DEFINITIONS.scores} ${DEFINITIONS.quartiles}`]);
  const t = b.table(
    [
      { header: 'Dimension' }, { header: 'Competency' }, { header: 'Weight', format: 'decimal' }, { header: 'n', format: 'integer' },
      { header: 'Mean', format: 'decimal' }, { header: 'Min', format: 'decimal' }, { header: 'Q1', format: 'decimal' },
      { header: 'Median', format: 'decimal' }, { header: 'Q3', format: 'decimal' }, { header: 'Max', format: 'decimal' },
      { header: 'Pass rate', format: 'percent' },
    ],
    r.dimensions.map((d) => {
      const s = d.scores;
      return [d.dimension, d.competencyId, d.weight, s?.n ?? 0, s?.mean ?? null, s?.min ?? null, s?.q1 ?? null, s?.median ?? null, s?.q3 ?? null, s?.max ?? null, d.passRate];
    }),
  );
  b.heatmap({ range: t.column(10), direction: 'higher-is-better', min: 0, max: 1 });
  b.chart({ key: 'scores', title: `Scores per dimension: ${r.trackId}`, type: 'column', domain: t.column(0), series: [t.column(6), t.column(7), t.column(8)], anchor: { row: t.headerRow, column: CHART_COLUMN } });
  b.blank();
}

function calibration(b: TabBuilder, r: TrackReport): void {
  b.row(['Evaluator calibration'], true);
  b.row([DEFINITIONS.calibration]);
  if (r.evaluators.length === 0) {
    b.row(['No assessments yet.']);
    b.blank();
    return;
  }
  b.table(
    [
      { header: 'Evaluator' }, { header: 'Role' }, { header: 'Scores given', format: 'integer' }, { header: 'Mean score', format: 'decimal' },
      { header: 'Shared cases', format: 'integer' }, { header: 'Mean offset', format: 'decimal' }, { header: 'Flag' },
    ],
    r.evaluators.map((e) => [e.evaluatorId, e.role, e.scores, e.meanScore, e.sharedCases, e.meanOffset, e.flag ?? '']),
  );
  if (r.moreEvaluators > 0) b.row([`... and ${r.moreEvaluators} more evaluators`]);
  b.blank();
}

function peerGaps(b: TabBuilder, r: TrackReport): void {
  b.row(['Skill gaps peers flag most'], true);
  b.row([DEFINITIONS.peerGaps]);
  if (r.skillGaps.length === 0) {
    b.row([r.rubric?.passScore == null ? 'No pass threshold: peer scores cannot be judged.' : `No competency has ${r.thresholds.peerMinScores} peer scores yet.`]);
    b.blank();
    return;
  }
  const t = b.table(
    [{ header: 'Competency' }, { header: 'Name' }, { header: 'Peer scores', format: 'integer' }, { header: 'Below pass', format: 'integer' }, { header: 'Share below pass', format: 'percent' }],
    r.skillGaps.map((g) => [g.competencyId, g.competencyName, g.peerScores, g.belowPass, g.shareBelowPass]),
  );
  b.heatmap({ range: t.column(4), direction: 'lower-is-better', min: 0, max: 1 });
  b.blank();
}

function employeeGaps(b: TabBuilder, r: TrackReport): void {
  b.row(['Employees with competency gaps at their level'], true);
  b.row([DEFINITIONS.employeeGaps]);
  if (r.employeeGaps.length === 0) {
    b.row(['No employee placed on this track has a gap.']);
    return;
  }
  b.table(
    [
      { header: 'Employee' }, { header: 'Name' }, { header: 'Position' }, { header: 'Level' }, { header: 'Expected at level', format: 'integer' },
      { header: 'Assessed', format: 'integer' }, { header: 'Gaps', format: 'integer' }, { header: 'Competencies below pass' },
    ],
    r.employeeGaps.map((e) => [e.employeeId, e.employeeName, e.positionId, e.levelCode, e.expected, e.assessed, e.gaps.length, e.gaps.join(', ')]),
  );
  if (r.moreEmployeeGaps > 0) b.row([`... and ${r.moreEmployeeGaps} more employees with gaps`]);
}

export function renderTrackReport(report: TrackReport): ReportTab {
  const b = new TabBuilder();
  header(b, report);
  summary(b, report);
  funnel(b, report);
  scores(b, report);
  calibration(b, report);
  peerGaps(b, report);
  employeeGaps(b, report);
  return b.build(reportTabName(report.trackId), 1);
}
