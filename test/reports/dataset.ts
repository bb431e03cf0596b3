/**
 * A small dataset whose report numbers are computed by hand in reports.test.ts: track SAL (Sales) at 95% completion
 * beside track SUP (Support) at 55% with a drop-off module, a lenient and a harsh evaluator in SAL, a Draft track.
 *
 * Paths: SAL = S-1, SAL-1, SAL-2 ; SUP = S-1, SUP-1, SUP-2, SUP-3 (Shared foundation first, then prerequisites).
 */
import type { WorkbookSnapshot } from '../../shared';
import type { Workbook } from '../../shared/model';
import { parseWorkbook } from '../../shared/parse/workbook';
import type { AssessmentRecord, CompletionRecord, CompletionStatus, EvaluatorRole } from '../../shared/records';

export const AS_OF = '2026-11-23';

const ids = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(2, '0')}`);

export function datasetSnapshot(): WorkbookSnapshot {
  const employees = [
    ...ids('SA', 1, 10).map((id) => [id, `Seller ${id}`, '', 'POS-SAL-2', '']),
    ...ids('SA', 11, 20).map((id) => [id, `Seller ${id}`, '', 'POS-SAL-1', '']),
    ...ids('SU', 1, 20).map((id) => [id, `Agent ${id}`, '', 'POS-SUP-1', '']),
  ];
  return {
    spreadsheetId: 'report-dataset',
    sheets: [
      { name: 'Tracks', values: [
        ['Track ID', 'Track Name', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Description'],
        ['SAL', 'Sales', 'Individual Contributor', 'sal@acme.test', 'Active', '', ''],
        ['SUP', 'Support', 'Individual Contributor', 'sup@acme.test', 'Active', '', ''],
        ['OPS', 'Operations', 'Individual Contributor', 'ops@acme.test', 'Draft', '', ''],
      ] },
      { name: 'Levels', values: [
        ['Track ID', 'Level Code', 'Level Name', 'Order', 'Description'],
        ['SAL', 'S1', 'Seller', 1, ''], ['SAL', 'S2', 'Senior seller', 2, ''],
        ['SUP', 'U1', 'Agent', 1, ''],
        ['OPS', 'O1', 'Operator', 1, ''],
      ] },
      { name: 'Competencies', values: [
        ['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description'],
        ['F1', 'Product knowledge', 'Shared', '', ''],
        ['A1', 'Discovery calls', 'Role', 'F1', ''],
        ['A2', 'Closing', 'Role', 'A1', ''],
        ['B1', 'Triage', 'Role', 'F1', ''],
        ['B2', 'Troubleshooting', 'Role', 'B1', ''],
        ['B3', 'Escalation', 'Role', 'B2', ''],
        ['O1', 'Scheduling', 'Role', '', ''],
      ] },
      { name: 'Positions', values: [
        ['Position ID', 'Position Title', 'Track ID', 'Level Code'],
        ['POS-SAL-1', 'Seller', 'SAL', 'S1'], ['POS-SAL-2', 'Senior seller', 'SAL', 'S2'], ['POS-SUP-1', 'Agent', 'SUP', 'U1'],
      ] },
      { name: 'Modules', values: [
        ['Module ID', 'Module Title', 'Track ID', 'Develops', 'Prerequisites', 'Gate', 'Duration Hours'],
        ['S-1', 'Our products', 'Shared', 'F1', '', '', 2],
        ['SAL-1', 'Discovery calls', 'SAL', 'A1', 'S-1', '', 3],
        ['SAL-2', 'Closing deals', 'SAL', 'A2', 'SAL-1', 'assessment >= 70%', 3],
        ['SUP-1', 'Triage basics', 'SUP', 'B1', 'S-1', '', 2],
        ['SUP-2', 'Troubleshooting lab', 'SUP', 'B2', 'SUP-1', '', 6],
        ['SUP-3', 'Escalations', 'SUP', 'B3', 'SUP-2', '', 2],
        ['OPS-1', 'Scheduling', 'OPS', 'O1', '', '', 1],
      ] },
      { name: 'Employees', values: [['Employee ID', 'Employee Name', 'Email', 'Position ID', 'Manager Email'], ...employees] },
      { name: 'Matrix SAL', values: [
        ['Competency ID', 'Competency Name', 'S1', 'S2'],
        ['F1', 'Product knowledge', 'Knows the catalogue', 'Explains the roadmap'],
        ['A1', 'Discovery calls', 'Runs discovery', 'Coaches discovery'],
        ['A2', 'Closing', '', 'Closes complex deals'],
      ] },
      { name: 'Matrix SUP', values: [
        ['Competency ID', 'Competency Name', 'U1'],
        ['F1', 'Product knowledge', 'Knows the catalogue'], ['B1', 'Triage', 'Triages'], ['B2', 'Troubleshooting', 'Fixes'], ['B3', 'Escalation', 'Escalates'],
      ] },
      { name: 'Matrix OPS', values: [['Competency ID', 'Competency Name', 'O1'], ['O1', 'Scheduling', 'Plans shifts']] },
      { name: 'Rubric SAL', values: [
        ['Dimension', 'Competency ID', 'Weight', '1 Beginning', '2 Developing', '3 Proficient', '4 Exemplary'],
        ['Discovery', 'A1', 60, 'a', 'b', 'c', 'd'],
        ['Closing', 'A2', 40, 'a', 'b', 'c', 'd'],
        ['Pass Threshold', '', '70%', '', '', '', ''],
      ] },
      { name: 'Rubric OPS', values: [
        ['Dimension', 'Competency ID', 'Weight', '1 Beginning', '2 Developing', '3 Proficient', '4 Exemplary'],
        ['Planning', 'O1', 100, 'a', 'b', 'c', 'd'],
        ['Pass Threshold', '', '70%', '', '', '', ''],
      ] },
    ],
  };
}

export function datasetWorkbook(): Workbook {
  return parseWorkbook(datasetSnapshot()).workbook;
}

export const completion = (employeeId: string, moduleId: string, status: CompletionStatus): CompletionRecord => ({
  employeeId, moduleId, status, startedAt: '2026-01-05', completedAt: status === 'completed' ? '2026-02-01' : null, score: null,
});

export function datasetCompletions(): CompletionRecord[] {
  const out: CompletionRecord[] = [];
  const path = (employee: string, done: string[], last?: [string, CompletionStatus]) => {
    for (const m of done) out.push(completion(employee, m, 'completed'));
    if (last) out.push(completion(employee, last[0], last[1]));
  };
  // SAL: 19 of 20 complete the path; SA20 is still on SAL-2.
  for (const id of ids('SA', 1, 19)) path(id, ['S-1', 'SAL-1', 'SAL-2']);
  path('SA20', ['S-1', 'SAL-1'], ['SAL-2', 'in_progress']);
  // SUP: SU01 never finishes S-1, SU02 fails SUP-1, SU03-SU09 stall on SUP-2, SU10-SU20 (11) complete the path.
  path('SU01', [], ['S-1', 'in_progress']);
  path('SU02', ['S-1'], ['SUP-1', 'failed']);
  for (const id of ids('SU', 3, 9)) path(id, ['S-1', 'SUP-1'], ['SUP-2', id === 'SU03' ? 'enrolled' : 'in_progress']);
  for (const id of ids('SU', 10, 20)) path(id, ['S-1', 'SUP-1', 'SUP-2', 'SUP-3']);
  out.push(completion('SU10', 'GONE-1', 'completed'));
  return out;
}

const assessment = (employeeId: string, dimension: 'Discovery' | 'Closing', evaluatorId: string, evaluatorRole: EvaluatorRole, score: number, assessedAt = '2026-03-01'): AssessmentRecord => ({
  employeeId, trackId: 'SAL', competencyId: dimension === 'Discovery' ? 'A1' : 'A2', dimension, evaluatorId, evaluatorRole, score, assessedAt,
});

export function datasetAssessments(): AssessmentRecord[] {
  const out: AssessmentRecord[] = [];
  // Discovery: SA01-SA05 scored 3 by manager M1, 4 by V1 (lenient), 2 by V2 (harsh); SA06: 2, 3, 2.
  for (const id of ids('SA', 1, 5)) {
    out.push(assessment(id, 'Discovery', 'M1', 'manager', 3), assessment(id, 'Discovery', 'V1', 'evaluator', 4), assessment(id, 'Discovery', 'V2', 'evaluator', 2));
  }
  out.push(assessment('SA06', 'Discovery', 'M1', 'manager', 2), assessment('SA06', 'Discovery', 'V1', 'evaluator', 3), assessment('SA06', 'Discovery', 'V2', 'evaluator', 2));
  // V1's earlier score of SA01 arrives after the later one: the later one (4) counts.
  out.push(assessment('SA01', 'Discovery', 'V1', 'evaluator', 1, '2026-01-10'));
  // A self-assessment: never counted in scores or calibration.
  out.push(assessment('SA01', 'Discovery', 'SA01', 'self', 4));
  // Closing: SA01-SA03 scored 3 by M1 and 2 by peer P1; SA04 scored 2 by both.
  for (const id of ids('SA', 1, 3)) out.push(assessment(id, 'Closing', 'M1', 'manager', 3), assessment(id, 'Closing', 'P1', 'peer', 2));
  out.push(assessment('SA04', 'Closing', 'M1', 'manager', 2), assessment('SA04', 'Closing', 'P1', 'peer', 2));
  // P1 alone on Closing for SA07-SA12 and on Discovery for SA13-SA17.
  [2, 2, 3, 1, 4, 2].forEach((s, i) => out.push(assessment(ids('SA', 7, 12)[i], 'Closing', 'P1', 'peer', s)));
  [3, 3, 3, 4, 2].forEach((s, i) => out.push(assessment(ids('SA', 13, 17)[i], 'Discovery', 'P1', 'peer', s)));
  // Records no Active track can use.
  out.push({ ...assessment('SA01', 'Discovery', 'M1', 'manager', 3), trackId: 'OPS', competencyId: 'O1', dimension: 'Planning' }); // Draft track
  out.push({ ...assessment('SA01', 'Discovery', 'M1', 'manager', 3), trackId: 'NOPE' }); // unknown track
  out.push({ ...assessment('SU01', 'Discovery', 'M1', 'manager', 3), trackId: 'SUP' }); // SUP has no rubric
  out.push({ ...assessment('SA01', 'Discovery', 'M1', 'manager', 3), dimension: 'Charisma' }); // not in the rubric
  out.push({ ...assessment('SA01', 'Discovery', 'M1', 'manager', 3), competencyId: 'A2' }); // Discovery assesses A1
  out.push(assessment('SA02', 'Discovery', 'M1', 'manager', 5)); // the scale is 1-4
  return out;
}
