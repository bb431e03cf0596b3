/**
 * The columns of each learner-record CSV, with the header aliases common LMS and HRIS exports use. A header
 * matches when it equals the column's name or one of its aliases once both are normalized (`importHeaderKey`).
 */
import { EMPLOYEES_TAB } from '../contract';
import type { RecordKind } from '../records';

export interface ImportColumn {
  /** The canonical name, as in the product brief (`employee_id`); also the key of an explicit column mapping. */
  name: string;
  required: boolean;
  aliases: readonly string[];
}

const col = (name: string, required: boolean, ...aliases: string[]): ImportColumn => ({ name, required, aliases });

const EMPLOYEE_ID_ALIASES = ['employee', 'employee number', 'employee no', 'emp id', 'user id', 'userid', 'user', 'username', 'learner id', 'learner', 'person id', 'worker id'];

export const COMPLETION_COLUMNS = [
  col('employee_id', true, ...EMPLOYEE_ID_ALIASES),
  col('module_id', true, 'module', 'course id', 'course code', 'course', 'content id', 'activity id', 'learning object id', 'lo id', 'training id', 'item id', 'course short name', 'course shortname', 'training object id', 'lo object id', 'object id'),
  col('status', true, 'completion status', 'enrollment status', 'enrolment status', 'registration status', 'lesson status', 'progress status', 'transcript status', 'completion', 'completion state', 'course status'),
  col('started_at', false, 'start date', 'started on', 'started', 'date started', 'start time', 'enrolled at', 'enrollment date', 'enrolment date', 'registration date', 'time started', 'time enrolled', 'enrolled on', 'first access date', 'first access', 'training start date', 'transcript registration date'),
  col('completed_at', false, 'completion date', 'completed on', 'completed', 'date completed', 'completion time', 'finished at', 'finish date', 'end date', 'completed date', 'time completed', 'transcript completed date'),
  col('score', false, 'grade', 'final score', 'final grade', 'result', 'percentage', 'score percent', 'quiz score', 'transcript score'),
] as const;

export const ASSESSMENT_COLUMNS = [
  col('employee_id', true, ...EMPLOYEE_ID_ALIASES, 'assessee id', 'ratee id', 'evaluatee id', 'subject id'),
  col('track_id', true, 'track', 'track code', 'career track'),
  col('competency_id', true, 'competency', 'competency code', 'skill id', 'skill'),
  col('dimension', true, 'rubric dimension', 'criterion', 'criteria', 'rubric criterion'),
  col('evaluator_id', true, 'evaluator', 'rater id', 'rater', 'reviewer id', 'reviewer', 'assessor id', 'assessor'),
  col('evaluator_role', true, 'rater role', 'reviewer role', 'assessor role', 'rater type', 'evaluator type', 'relationship', 'role'),
  col('score', true, 'rating', 'grade', 'points'),
  col('assessed_at', true, 'assessment date', 'assessed on', 'rated at', 'rating date', 'review date', 'date'),
] as const;

const employeeHeader = (key: string) => EMPLOYEES_TAB.columns.find((c) => c.key === key)!;
const fromContract = (key: string, name: string, ...aliases: string[]) => {
  const c = employeeHeader(key);
  return col(name, c.required, c.header, ...aliases);
};

/** The Employees tab's columns (shared/contract.ts), named as their snake-case keys, with HRIS aliases. */
export const EMPLOYEE_COLUMNS = [
  fromContract('id', 'employee_id', 'employee number', 'employee no', 'emp id', 'worker id', 'person number', 'person id'),
  fromContract('name', 'employee_name', 'name', 'full name', 'worker', 'worker name', 'display name', 'preferred name', 'legal name'),
  fromContract('email', 'email', 'work email', 'email address', 'work email address', 'business email', 'e mail', 'primary work email', 'email primary work'),
  fromContract('positionId', 'position_id', 'job code', 'position code', 'position', 'job id', 'job profile id', 'job profile code'),
  fromContract('managerEmail', 'manager_email', 'supervisor email', 'manager work email', 'reports to email', 'line manager email', 'supervisor work email', 'manager email address'),
] as const;

export const IMPORT_COLUMNS: Record<RecordKind, readonly ImportColumn[]> = {
  completions: COMPLETION_COLUMNS,
  assessments: ASSESSMENT_COLUMNS,
  employees: EMPLOYEE_COLUMNS,
};

/**
 * Header matching key: a BOM, case, punctuation and spacing ignored, so "Employee ID", "employee_id",
 * "EMPLOYEE-ID" and "Score (%)" match "employee id" and "score".
 */
export function importHeaderKey(text: string): string {
  return text.replace(/^\uFEFF/, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
