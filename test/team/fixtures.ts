/** The example workbook (examples/acme) with its tracks Active, as the server's published framework has them, and record builders. */
import { parseWorkbook, type Workbook, type WorkbookSnapshot } from '../../shared';
import type { AssessmentRecord, CompletionRecord, EvaluatorRole } from '../../shared/records';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { ROOT } from '../cli/run-rungs';

export const ACME_DIR = `${ROOT}/examples/acme`;
export const AS_OF = '2026-11-23';
export const AISHA = 'aisha.karimi@acmecloud.com';
export const BEN = 'ben.lindqvist@acmecloud.com';

export async function acmeSnapshot(): Promise<WorkbookSnapshot> {
  return loadWorkbook(ACME_DIR);
}

/** The parsed workbook with every track Active; `edit` changes the snapshot first (e.g. the Employees tab). */
export async function acmeActive(edit?: (snap: WorkbookSnapshot) => void): Promise<Workbook> {
  const snap = await acmeSnapshot();
  edit?.(snap);
  const { workbook } = parseWorkbook(snap);
  for (const t of workbook.tracks) t.status = 'Active';
  return workbook;
}

export function completion(employeeId: string, moduleId: string, status: CompletionRecord['status'], at = '2026-03-01'): CompletionRecord {
  return { employeeId, moduleId, status, startedAt: at, completedAt: status === 'completed' ? at : null, score: null };
}

/** An assessment on the ENG-IC rubric (dimension -> competency as in examples/acme/Rubric ENG-IC.csv). */
export function engAssessment(employeeId: string, dimension: string, evaluatorId: string, evaluatorRole: EvaluatorRole, score: number, assessedAt = '2026-03-01'): AssessmentRecord {
  const competencyId = ENG_DIMENSIONS[dimension];
  if (!competencyId) throw new Error(`no ENG-IC dimension ${dimension}`);
  return { employeeId, trackId: 'ENG-IC', competencyId, dimension, evaluatorId, evaluatorRole, score, assessedAt };
}

const ENG_DIMENSIONS: Record<string, string> = {
  'Technical accuracy': 'ENG-CODE',
  'Edge case identification': 'ENG-DES',
  'Documentation completeness': 'ENG-DOC',
  'Code review feedback quality': 'ENG-REV',
  'Secure implementation': 'ENG-SEC',
};

/**
 * Hannah Schultz (E1015, IC1, reports to Aisha Karimi): two foundation modules done, one module started, one failed;
 * on the ENG-IC rubric (pass score 2.8 = 70% of 4) a gap in code quality and in documentation (her evaluator's later
 * score), code review met, secure coding self-assessed only, system design scored though IC1 does not expect it.
 */
export const HANNAH = 'E1015';
export function hannahRecords(): { completions: CompletionRecord[]; assessments: AssessmentRecord[] } {
  return {
    completions: [
      completion(HANNAH, 'MOD-SH-01', 'completed', '2026-01-10'),
      completion(HANNAH, 'MOD-SH-02', 'completed', '2026-02-01'),
      completion(HANNAH, 'MOD-ENG-01', 'in_progress', '2026-02-15'),
      completion(HANNAH, 'MOD-ENG-02', 'failed', '2026-02-20'),
    ],
    assessments: [
      engAssessment(HANNAH, 'Technical accuracy', 'M-AISHA', 'manager', 2),
      engAssessment(HANNAH, 'Technical accuracy', 'P-ROHAN', 'peer', 2),
      engAssessment(HANNAH, 'Code review feedback quality', 'M-AISHA', 'manager', 3),
      engAssessment(HANNAH, 'Code review feedback quality', 'EV-1', 'evaluator', 4),
      engAssessment(HANNAH, 'Secure implementation', HANNAH, 'self', 4),
      engAssessment(HANNAH, 'Edge case identification', 'M-AISHA', 'manager', 1),
      engAssessment(HANNAH, 'Documentation completeness', 'EV-1', 'evaluator', 3, '2026-01-05'),
      engAssessment(HANNAH, 'Documentation completeness', 'EV-1', 'evaluator', 1, '2026-03-05T09:30:00Z'),
    ],
  };
}

/** Records as the CSV files an LMS and a review tool export (the records route's columns). */
export function recordCsvs({ completions, assessments }: { completions: CompletionRecord[]; assessments: AssessmentRecord[] }): { completions: string; assessments: string } {
  const c = ['employee_id,module_id,status,started_at,completed_at,score', ...completions.map((r) => [r.employeeId, r.moduleId, r.status, r.startedAt ?? '', r.completedAt ?? '', r.score ?? ''].join(','))];
  const a = ['employee_id,track_id,competency_id,dimension,evaluator_id,evaluator_role,score,assessed_at',
    ...assessments.map((r) => [r.employeeId, r.trackId, r.competencyId, r.dimension, r.evaluatorId, r.evaluatorRole, r.score, r.assessedAt].join(','))];
  return { completions: c.join('\n') + '\n', assessments: a.join('\n') + '\n' };
}
