/**
 * Learner records (F7) as the domain sees them once a CSV row has been parsed: the one shape imports store and
 * reports read. Dates are ISO 'YYYY-MM-DD' or full ISO-8601 UTC strings; they compare as text.
 */
import { z } from 'zod';

export const COMPLETION_STATUSES = ['enrolled', 'in_progress', 'completed', 'failed'] as const;
export type CompletionStatus = (typeof COMPLETION_STATUSES)[number];

export const EVALUATOR_ROLES = ['self', 'peer', 'manager', 'evaluator'] as const;
export type EvaluatorRole = (typeof EVALUATOR_ROLES)[number];

export const CompletionRecordSchema = z.object({
  employeeId: z.string().min(1),
  moduleId: z.string().min(1),
  status: z.enum(COMPLETION_STATUSES),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** 0-100 when the module has a scored quiz, else null. */
  score: z.number().nullable(),
});
export type CompletionRecord = z.infer<typeof CompletionRecordSchema>;

/** What the reports read of a completion: who, which module, how far. */
export type CompletionFacts = Pick<CompletionRecord, 'employeeId' | 'moduleId' | 'status'>;

export const AssessmentRecordSchema = z.object({
  employeeId: z.string().min(1),
  trackId: z.string().min(1),
  competencyId: z.string().min(1),
  /** A rubric dimension of the track (the Dimension column of `Rubric <Track ID>`). */
  dimension: z.string().min(1),
  evaluatorId: z.string().min(1),
  evaluatorRole: z.enum(EVALUATOR_ROLES),
  /** On the rubric's score scale. */
  score: z.number(),
  assessedAt: z.string(),
});
export type AssessmentRecord = z.infer<typeof AssessmentRecordSchema>;

/** What an import brings: completions and assessments (F7), or employees from an HRIS export. */
export const RECORD_KINDS = ['completions', 'assessments', 'employees'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One employee of an HRIS export, in the Employees tab's terms (shared/contract.ts EMPLOYEES_TAB). */
export const EmployeeRecordSchema = z.object({
  employeeId: z.string().min(1),
  name: z.string().min(1),
  /** Lower-cased; '' when the export has none. */
  email: z.string(),
  positionId: z.string().min(1),
  managerEmail: z.string(),
});
export type EmployeeRecord = z.infer<typeof EmployeeRecordSchema>;

/** The record shape of each kind. */
export interface RecordOf {
  completions: CompletionRecord;
  assessments: AssessmentRecord;
  employees: EmployeeRecord;
}
