/**
 * Every threshold the reports use, in one place, printed on each report tab so an L&D lead can see the rules
 * behind every flag. Callers may override any of them (createReportAccumulator's `thresholds` option).
 */
export interface ReportThresholds {
  /** An evaluator is lenient (harsh) when their mean offset from the other evaluators is at least this many points above (below). */
  calibrationOffset: number;
  /** ... and only once they share at least this many (learner, dimension) cases with other evaluators. */
  calibrationMinCases: number;
  /** Several evaluators agree on a (learner, dimension) when their scores span at most this many points. */
  agreementSpan: number;
  /** A path step is judged for "worst drop-off" only when at least this many learners got through the step before it. */
  funnelMinLearners: number;
  /** A competency is ranked among peer-flagged gaps only with at least this many peer scores. */
  peerMinScores: number;
  /** How many peer-flagged competencies a report lists. */
  topSkillGaps: number;
  /** How many employees with competency gaps a report lists (the rest are counted). */
  maxEmployeeRows: number;
  /** How many evaluators a report lists (flagged ones first; the rest are counted). */
  maxEvaluatorRows: number;
}

export const REPORT_THRESHOLDS: Readonly<ReportThresholds> = Object.freeze({
  calibrationOffset: 0.5,
  calibrationMinCases: 5,
  agreementSpan: 1,
  funnelMinLearners: 5,
  peerMinScores: 5,
  topSkillGaps: 10,
  maxEmployeeRows: 50,
  maxEvaluatorRows: 50,
});

export function resolveThresholds(overrides: Partial<ReportThresholds> = {}): ReportThresholds {
  const out: ReportThresholds = { ...REPORT_THRESHOLDS };
  for (const key of Object.keys(REPORT_THRESHOLDS) as (keyof ReportThresholds)[]) {
    const v = overrides[key];
    if (v !== undefined) {
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`Report threshold ${key} must be a number >= 0, not ${v}.`);
      out[key] = v;
    }
  }
  return out;
}

/** The thresholds as label / value lines, the way the report tabs print them. */
export function thresholdLines(t: ReportThresholds): [label: string, value: number, unit: string][] {
  return [
    ['Lenient / harsh evaluator: mean offset of at least', t.calibrationOffset, 'points'],
    ['... over at least', t.calibrationMinCases, 'shared cases'],
    ['Evaluators agree when their scores span at most', t.agreementSpan, 'points'],
    ['Worst module judged when at least', t.funnelMinLearners, 'learners got through the step before it'],
    ['Peer-flagged gap ranked with at least', t.peerMinScores, 'peer scores'],
    ['Peer-flagged gaps listed', t.topSkillGaps, 'competencies'],
    ['Employees with gaps listed', t.maxEmployeeRows, 'employees'],
    ['Evaluators listed', t.maxEvaluatorRows, 'evaluators'],
  ];
}
