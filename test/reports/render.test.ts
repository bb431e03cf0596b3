/** The rendered report tabs, checked cell by cell where it matters: labels beside their numbers, formats, heatmaps, charts. */
import { describe, expect, it } from 'vitest';
import { reportTabName } from '../../shared/contract';
import { createReportAccumulator, OVERVIEW_TAB_NAME, renderOverview, renderReportTabs, renderTrackReport, type GridRange, type ReportTab, type WorkbookReports } from '../../shared/reports';
import { AS_OF, datasetAssessments, datasetCompletions, datasetWorkbook } from './dataset';

function reports(withRecords = true): WorkbookReports {
  const acc = createReportAccumulator(datasetWorkbook(), { today: AS_OF });
  if (withRecords) {
    acc.addCompletions(datasetCompletions());
    acc.addAssessments(datasetAssessments());
  }
  return acc.finish();
}

/** The row whose first cell is `label` (the first one from `from`). */
function rowOf(tab: ReportTab, label: string, from = 0): number {
  const at = tab.rows.findIndex((r, i) => i >= from && r[0] === label);
  if (at < 0) throw new Error(`no row "${label}" in ${tab.title}`);
  return at;
}

const cell = (tab: ReportTab, row: number, col: number) => tab.rows[row][col];
const columnOf = (tab: ReportTab, headerRow: number, header: string) => tab.rows[headerRow].indexOf(header);
const covers = (r: GridRange, row: number, col: number) => row >= r.startRow && row < r.endRow && col >= r.startColumn && col < r.endColumn;
const formatAt = (tab: ReportTab, row: number, col: number) => tab.numberFormats.find((f) => covers(f.range, row, col))?.kind;

describe('renderTrackReport', () => {
  const all = reports();
  const sal = renderTrackReport(all.tracks[0]);
  const sup = renderTrackReport(all.tracks[1]);

  it('is titled by the report tab rule and opens with the track, the date and the thresholds', () => {
    expect(sal.title).toBe(reportTabName('SAL'));
    expect(sal.title).toBe('Report SAL');
    expect(sal.rows[0]).toEqual(['Sales (SAL)']);
    expect(sal.frozenRows).toBe(1);
    expect(sal.boldRows).toContain(0);
    expect(cell(sal, rowOf(sal, 'As of'), 1)).toBe(AS_OF);
    expect(cell(sal, rowOf(sal, 'Rubric'), 1)).toBe('Scale 1 to 4; pass threshold 70% of the top score = 2.8 points.');
    const lenient = rowOf(sal, 'Lenient / harsh evaluator: mean offset of at least');
    expect(sal.rows[lenient]).toEqual(['Lenient / harsh evaluator: mean offset of at least', 0.5, 'points']);
    expect(sal.rows[lenient + 1]).toEqual(['... over at least', 5, 'shared cases']);
    expect(sal.boldRows).toContain(rowOf(sal, 'Thresholds used'));
  });

  it('writes the summary numbers beside their labels, rates formatted as percents', () => {
    const completion = rowOf(sal, 'Completion rate');
    expect(cell(sal, completion, 1)).toBe(0.95);
    expect(formatAt(sal, completion, 1)).toBe('percent');
    expect(cell(sup, rowOf(sup, 'Completion rate'), 1)).toBe(0.55);
    expect(cell(sal, rowOf(sal, 'Enrolled learners'), 1)).toBe(20);
    expect(formatAt(sal, rowOf(sal, 'Enrolled learners'), 1)).toBe('integer');
    expect(cell(sal, rowOf(sal, 'Pass rate'), 1)).toBe(0.75);
    expect(cell(sal, rowOf(sal, 'Agreement'), 1)).toBe(0.5);
    expect(cell(sal, rowOf(sal, 'Lenient evaluators'), 1)).toBe(1);
    expect(cell(sup, rowOf(sup, 'Worst module'), 1)).toBe('SUP-2 Troubleshooting lab');
    expect(cell(sup, rowOf(sup, 'Worst module'), 2)).toBe('Drop-off 39% at step 3');
    expect(cell(sup, rowOf(sup, 'Pass rate'), 1)).toBeNull();
  });

  it('lays out the funnel in path order with its heatmaps and its chart over the same cells', () => {
    const header = rowOf(sup, '#');
    expect(sup.boldRows).toContain(header);
    const moduleCol = columnOf(sup, header, 'Module ID');
    const throughCol = columnOf(sup, header, 'Completed up to here');
    const shareCol = columnOf(sup, header, 'Share of enrolled');
    const dropCol = columnOf(sup, header, 'Drop-off');
    const steps = sup.rows.slice(header + 1, header + 5);
    expect(steps.map((r) => r[moduleCol])).toEqual(['S-1', 'SUP-1', 'SUP-2', 'SUP-3']);
    expect(steps.map((r) => r[throughCol])).toEqual([19, 18, 11, 11]);
    expect(steps[2][dropCol]).toBeCloseTo(7 / 18, 12);
    expect(steps.map((r) => r[r.length - 1])).toEqual(['', '', 'WORST', '']);
    const data = { startRow: header + 1, endRow: header + 5 };
    expect(sup.heatmaps).toContainEqual({ range: { ...data, startColumn: shareCol, endColumn: shareCol + 1 }, direction: 'higher-is-better', min: 0, max: 1 });
    expect(sup.heatmaps).toContainEqual({ range: { ...data, startColumn: dropCol, endColumn: dropCol + 1 }, direction: 'lower-is-better', min: 0, max: 1 });
    expect(formatAt(sup, header + 3, dropCol)).toBe('percent');
    const funnel = sup.charts.find((c) => c.key === 'funnel')!;
    expect(funnel.domain).toEqual({ ...data, startColumn: moduleCol, endColumn: moduleCol + 1 });
    expect(funnel.series).toEqual([{ ...data, startColumn: throughCol, endColumn: throughCol + 1 }]);
    expect(funnel.anchor).toEqual({ row: header, column: 12 }); // right of the table's 11 columns
  });

  it('shows the score distribution, the calibration and the gaps', () => {
    const dims = rowOf(sal, 'Dimension');
    const q3 = columnOf(sal, dims, 'Q3');
    expect(sal.rows[dims + 1].slice(0, 4)).toEqual(['Discovery', 'A1', 60, 23]);
    expect(cell(sal, dims + 1, q3)).toBe(3.5);
    expect(formatAt(sal, dims + 1, q3)).toBe('decimal');
    expect(sal.charts.find((c) => c.key === 'scores')!.domain).toEqual({ startRow: dims + 1, endRow: dims + 3, startColumn: 0, endColumn: 1 });
    const evaluators = rowOf(sal, 'Evaluator');
    expect(sal.rows[evaluators + 1][0]).toBe('V1');
    expect(sal.rows[evaluators + 1][5]).toBeCloseTo(8.5 / 6, 12);
    expect(sal.rows[evaluators + 1][6]).toBe('lenient');
    expect(sal.rows[evaluators + 2].slice(0, 1).concat(sal.rows[evaluators + 2][6])).toEqual(['V2', 'harsh']);
    const peers = rowOf(sal, 'Competency');
    expect(sal.rows[peers + 1]).toEqual(['A2', 'Closing', 10, 8, 0.8]);
    const employees = rowOf(sal, 'Employee');
    expect(sal.rows[employees + 1]).toEqual(['SA01', 'Seller SA01', 'POS-SAL-2', 'S2', 3, 2, 1, 'A2']);
    expect(sal.rows.length).toBe(employees + 10);
  });

  it('says plainly when a section has nothing to show', () => {
    expect(sup.rows.some((r) => r[0] === 'This track has no usable rubric: no scores to show.')).toBe(true);
    expect(cell(sup, rowOf(sup, 'Rubric'), 1)).toMatch(/^None/);
    const empty = renderTrackReport(reports(false).tracks[0]);
    expect(empty.rows.some((r) => r[0] === 'No assessments yet.')).toBe(true);
    expect(cell(empty, rowOf(empty, 'Worst module'), 1)).toBe('None');
    expect(cell(empty, rowOf(empty, 'Completion rate'), 1)).toBeNull();
  });

  it('counts the rows left out by a cap', () => {
    const acc = createReportAccumulator(datasetWorkbook(), { today: AS_OF, thresholds: { maxEmployeeRows: 2, maxEvaluatorRows: 1 } });
    acc.addAssessments(datasetAssessments());
    const tab = renderTrackReport(acc.finish().tracks[0]);
    expect(tab.rows.some((r) => r[0] === '... and 7 more employees with gaps')).toBe(true);
    expect(tab.rows.some((r) => r[0] === '... and 3 more evaluators')).toBe(true);
  });
});

describe('renderOverview', () => {
  const tab = renderOverview(reports());

  it('puts the tracks side by side with the pooled total and the spread', () => {
    expect(tab.title).toBe(OVERVIEW_TAB_NAME);
    expect(tab.title).toBe('Report Overview');
    const header = rowOf(tab, 'Track ID');
    const rate = columnOf(tab, header, 'Completion rate');
    const worst = columnOf(tab, header, 'Worst module');
    expect(tab.rows[header + 1].slice(0, rate + 1)).toEqual(['SAL', 'Sales', 20, 19, 0.95]);
    expect(tab.rows[header + 2].slice(0, rate + 1)).toEqual(['SUP', 'Support', 20, 11, 0.55]);
    expect(tab.rows[header + 2][worst]).toBe('SUP-2');
    // 30 of 40 complete: the 75% average hides 95% and 55%.
    expect(tab.rows[header + 3].slice(0, rate + 1)).toEqual(['All tracks', 'pooled', 40, 30, 0.75]);
    expect(tab.rows[header + 4][rate]).toBeCloseTo(0.4, 12);
    expect(formatAt(tab, header + 3, rate)).toBe('percent');
    expect(tab.heatmaps).toContainEqual({ range: { startRow: header + 1, endRow: header + 3, startColumn: rate, endColumn: rate + 1 }, direction: 'higher-is-better', min: 0, max: 1 });
    expect(tab.charts[0].domain).toEqual({ startRow: header + 1, endRow: header + 3, startColumn: 0, endColumn: 1 });
  });

  it('comes first among the tabs a refresh writes, one per Active track after it', () => {
    expect(renderReportTabs(reports()).map((t) => t.title)).toEqual(['Report Overview', 'Report SAL', 'Report SUP']);
  });

  it('prints the thresholds and what was ignored', () => {
    expect(tab.rows[rowOf(tab, 'Evaluators agree when their scores span at most')]).toEqual(['Evaluators agree when their scores span at most', 1, 'points']);
    expect(cell(tab, rowOf(tab, 'Ignored: Assessments of a Draft track'), 1)).toBe(1);
    expect(cell(tab, rowOf(tab, 'Completions'), 1)).toBe(datasetCompletions().length);
  });
});
