import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_DEFINITIONS, REPORT_THRESHOLDS } from '../../shared/reports';

const readme = readFileSync(new URL('../../docs/reports.md', import.meta.url), 'utf8');
const section = readme;

describe('docs/reports.md: report definitions and thresholds stay in step with the code', () => {
  it('lists every definition word for word', () => {
    for (const [key, text] of Object.entries(REPORT_DEFINITIONS)) expect(section, key).toContain(`| ${key} | ${text} |`);
  });

  it('states the default thresholds', () => {
    const t = REPORT_THRESHOLDS;
    expect(section).toContain(`at least ${t.calibrationOffset} points over at least ${t.calibrationMinCases} shared cases`);
    expect(section).toContain(`span at most ${t.agreementSpan} point`);
    expect(section).toContain(`at least ${t.funnelMinLearners} learners got through`);
    expect(section).toContain(`at least ${t.peerMinScores} peer scores`);
    expect(section).toContain(`top ${t.topSkillGaps} peer-flagged gaps, ${t.maxEmployeeRows}\nemployees with gaps and ${t.maxEvaluatorRows} evaluators`);
  });
});
