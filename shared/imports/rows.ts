import { z } from 'zod';
import { a1 } from '../cells';
import { error, type Finding } from '../findings';
import type { RecordKind, RecordOf } from '../records';
import { emailCell, idCell, requiredText } from '../schemas';
import type { ImportLayout } from './header';
import { evaluatorRoleCell, percentScoreCell, recordDateCell, rubricScoreCell, statusCell } from './values';

export type RowReading<R> = { ok: true; record: R } | { ok: false; findings: Finding[] };

/** Parses the data rows of one file (the layout its header gave); `row` is the 1-based record number, header = 1. */
export interface RowParser<R> {
  parse(cells: readonly string[], row: number): RowReading<R>;
}

type CellSchemas = Record<string, z.ZodType<unknown, string>>;

/** field of the record -> [canonical column, its cell schema given the header the file uses]. */
type FieldSpecs = Record<string, readonly [string, (label: string) => z.ZodType<unknown, string>]>;

const COMPLETION_FIELDS: FieldSpecs = {
  employeeId: ['employee_id', idCell],
  moduleId: ['module_id', idCell],
  status: ['status', statusCell],
  startedAt: ['started_at', (l) => recordDateCell(l, false)],
  completedAt: ['completed_at', (l) => recordDateCell(l, false)],
  score: ['score', percentScoreCell],
};

const ASSESSMENT_FIELDS: FieldSpecs = {
  employeeId: ['employee_id', idCell],
  trackId: ['track_id', idCell],
  competencyId: ['competency_id', idCell],
  dimension: ['dimension', requiredText],
  evaluatorId: ['evaluator_id', idCell],
  evaluatorRole: ['evaluator_role', evaluatorRoleCell],
  score: ['score', rubricScoreCell],
  assessedAt: ['assessed_at', (l) => recordDateCell(l, true)],
};

const EMPLOYEE_FIELDS: FieldSpecs = {
  employeeId: ['employee_id', idCell],
  name: ['employee_name', requiredText],
  email: ['email', (l) => emailCell(l, false)],
  positionId: ['position_id', idCell],
  managerEmail: ['manager_email', (l) => emailCell(l, false)],
};

const FIELDS: Record<RecordKind, FieldSpecs> = { completions: COMPLETION_FIELDS, assessments: ASSESSMENT_FIELDS, employees: EMPLOYEE_FIELDS };

/** Rules across cells of a completion row, after each cell parsed. */
function rowRules(record: Record<string, unknown>, at: (column: string) => string, sheet: string): Finding[] {
  const { startedAt, completedAt } = record as { startedAt: string | null; completedAt: string | null };
  // Dates and timestamps compare as text; a day compares with a timestamp of the same day by its date part.
  if (startedAt && completedAt && completedAt.slice(0, startedAt.length) < startedAt.slice(0, completedAt.length)) {
    return [error(sheet, at('completed_at'), 'date-order', `Completed ${completedAt} is before started ${startedAt}.`)];
  }
  return [];
}

/** A parser for rows of the given layout: cells named by the file's own headers in messages, one zod schema per file. */
export function rowParser<K extends RecordKind>(layout: ImportLayout & { kind: K }): RowParser<RecordOf[K]> {
  const specs = FIELDS[layout.kind];
  const fields = Object.keys(specs);
  const colOf = fields.map((f) => layout.columns[specs[f][0]]);
  const shape: CellSchemas = {};
  fields.forEach((f, i) => {
    const [name, cell] = specs[f];
    shape[f] = cell(colOf[i] >= 0 ? layout.headers[colOf[i]] : name);
  });
  const schema = z.object(shape);
  const { sheet } = layout;
  return {
    parse(cells, row) {
      const input: Record<string, string> = {};
      for (let i = 0; i < fields.length; i++) input[fields[i]] = colOf[i] >= 0 ? (cells[colOf[i]] ?? '').trim() : '';
      const result = schema.safeParse(input);
      const at = (column: string) => a1(row - 1, Math.max(0, layout.columns[column] ?? 0));
      if (!result.success) {
        return {
          ok: false,
          findings: result.error.issues.map((issue) => {
            const field = String(issue.path[0] ?? '');
            const code = (issue as { params?: { code?: unknown } }).params?.code;
            return error(sheet, at(specs[field]?.[0] ?? ''), typeof code === 'string' ? code : 'bad-value', issue.message);
          }),
        };
      }
      const broken = layout.kind === 'completions' ? rowRules(result.data, at, sheet) : [];
      return broken.length ? { ok: false, findings: broken } : { ok: true, record: result.data as RecordOf[K] };
    },
  };
}
