import type { AssessmentRecord, CompletionRecord, EmployeeRecord, RecordKind, RecordOf } from '../../shared/records';

export type StagedValue = string | number | null;
export type ColumnType = 'text' | 'float8';

/**
 * Where one kind of record is stored: its natural key (what makes two rows "the same record", so a re-import
 * upserts), the value columns an upsert compares, and how a record becomes a row of cells in that column order.
 */
export interface RecordTable<K extends RecordKind> {
  table: 'learner_completions' | 'learner_assessments' | 'employees';
  keys: readonly string[];
  values: readonly { name: string; type: ColumnType }[];
  /** Columns written on insert and change, never compared: when, and (employees) from which import. */
  stamped: readonly ('updated_at' | 'source')[];
  /** The staged row of a record: [row number, ...key cells, ...value cells]. */
  staged(row: number, record: RecordOf[K]): StagedValue[];
}

const text = (name: string) => ({ name, type: 'text' as const });
const float = (name: string) => ({ name, type: 'float8' as const });

export const COMPLETIONS_TABLE: RecordTable<'completions'> = {
  table: 'learner_completions',
  keys: ['employee_id', 'module_id'],
  values: [text('status'), text('started_at'), text('completed_at'), float('score')],
  stamped: ['updated_at'],
  staged: (row: number, r: CompletionRecord) => [row, r.employeeId, r.moduleId, r.status, r.startedAt, r.completedAt, r.score],
};

export const ASSESSMENTS_TABLE: RecordTable<'assessments'> = {
  table: 'learner_assessments',
  keys: ['employee_id', 'track_id', 'competency_id', 'dimension', 'evaluator_id', 'assessed_at'],
  values: [text('evaluator_role'), float('score')],
  stamped: ['updated_at'],
  staged: (row: number, r: AssessmentRecord) => [row, r.employeeId, r.trackId, r.competencyId, r.dimension, r.evaluatorId, r.assessedAt, r.evaluatorRole, r.score],
};

export const EMPLOYEES_TABLE: RecordTable<'employees'> = {
  table: 'employees',
  keys: ['employee_id'],
  values: [text('name'), text('email'), text('position_id'), text('manager_email')],
  stamped: ['updated_at', 'source'],
  staged: (row: number, r: EmployeeRecord) => [row, r.employeeId, r.name, r.email, r.positionId, r.managerEmail],
};

export const RECORD_TABLES: { [K in RecordKind]: RecordTable<K> } = {
  completions: COMPLETIONS_TABLE,
  assessments: ASSESSMENTS_TABLE,
  employees: EMPLOYEES_TABLE,
};

/** Every column of a staged row, in order: the file's row number, the keys, the values. */
export function stagedColumns(t: RecordTable<RecordKind>): { name: string; type: ColumnType | 'int' }[] {
  return [{ name: 'row_number', type: 'int' }, ...t.keys.map(text), ...t.values];
}
