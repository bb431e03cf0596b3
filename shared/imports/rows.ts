import { z } from 'zod';
import { a1 } from '../cells';
import { error, type Finding } from '../findings';
import type { RecordKind, RecordOf } from '../records';
import { emailCell, ID_FORBIDDEN, idCell, requiredText } from '../schemas';
import { badTextFinding, isStorableText } from '../storable-text';
import type { ImportLayout } from './header';
import {
  evaluatorRoleCell, fastEvaluatorRole, fastPercentScore, fastRecordDate, fastRubricScore, fastStatus, percentScoreCell, recordDateCell,
  rubricScoreCell, statusCell, UNSURE, type FastReader,
} from './values';

export type RowReading<R> = { ok: true; record: R } | { ok: false; findings: Finding[] };

/** Parses the data rows of one file (the layout its header gave); `row` is the 1-based record number, header = 1. */
export interface RowParser<R> {
  parse(cells: readonly string[], row: number): RowReading<R>;
}

type CellSchemas = Record<string, z.ZodType<unknown, string>>;

/**
 * field of the record -> [canonical column, its cell schema given the header the file uses, optionally a fast
 * reader giving the same value for a plainly good cell]. A kind whose fields all have one skips zod on good rows.
 */
type FieldSpecs = Record<string, readonly [string, (label: string) => z.ZodType<unknown, string>, FastReader?]>;

/** idCell's rule for a good id (shared/schemas.ts); text that cannot be stored goes through the full reading, which says why. */
const fastId: FastReader = (s) => (s !== '' && !ID_FORBIDDEN.test(s) && isStorableText(s) ? s : UNSURE);
const fastRequiredText: FastReader = (s) => (s !== '' && isStorableText(s) ? s : UNSURE);

const COMPLETION_FIELDS: FieldSpecs = {
  employeeId: ['employee_id', idCell, fastId],
  moduleId: ['module_id', idCell, fastId],
  status: ['status', statusCell, fastStatus],
  startedAt: ['started_at', (l) => recordDateCell(l, false), fastRecordDate(false)],
  completedAt: ['completed_at', (l) => recordDateCell(l, false), fastRecordDate(false)],
  score: ['score', percentScoreCell, fastPercentScore],
};

const ASSESSMENT_FIELDS: FieldSpecs = {
  employeeId: ['employee_id', idCell, fastId],
  trackId: ['track_id', idCell, fastId],
  competencyId: ['competency_id', idCell, fastId],
  dimension: ['dimension', requiredText, fastRequiredText],
  evaluatorId: ['evaluator_id', idCell, fastId],
  evaluatorRole: ['evaluator_role', evaluatorRoleCell, fastEvaluatorRole],
  score: ['score', rubricScoreCell, fastRubricScore],
  assessedAt: ['assessed_at', (l) => recordDateCell(l, true), fastRecordDate(true)],
};

const EMPLOYEE_FIELDS: FieldSpecs = {
  employeeId: ['employee_id', idCell],
  name: ['employee_name', requiredText],
  email: ['email', (l) => emailCell(l, false)],
  positionId: ['position_id', idCell],
  managerEmail: ['manager_email', (l) => emailCell(l, false)],
};

/** The answer of a good row (never added to). */
const NO_FINDINGS: Finding[] = [];

const FIELDS: Record<RecordKind, FieldSpecs> = { completions: COMPLETION_FIELDS, assessments: ASSESSMENT_FIELDS, employees: EMPLOYEE_FIELDS };

/** Rules across cells of a completion row, after each cell parsed. */
function rowRules(record: Record<string, unknown>, row: number, at: (row: number, column: string) => string, sheet: string): Finding[] {
  const { startedAt, completedAt } = record as { startedAt: string | null; completedAt: string | null };
  // Dates and timestamps compare as text; a day compares with a timestamp of the same day by its date part.
  if (startedAt && completedAt && completedAt.slice(0, startedAt.length) < startedAt.slice(0, completedAt.length)) {
    return [error(sheet, at(row, 'completed_at'), 'date-order', `Completed ${completedAt} is before started ${startedAt}.`)];
  }
  return NO_FINDINGS;
}

/** A parser for rows of the given layout: cells named by the file's own headers in messages, one zod schema per file. */
export function rowParser<K extends RecordKind>(layout: ImportLayout & { kind: K }, options: { fastPath?: boolean } = {}): RowParser<RecordOf[K]> {
  const specs = FIELDS[layout.kind];
  const fields = Object.keys(specs);
  const colOf = fields.map((f) => layout.columns[specs[f][0]]);
  const shape: CellSchemas = {};
  fields.forEach((f, i) => {
    const [name, cell] = specs[f];
    shape[f] = cell(colOf[i] >= 0 ? layout.headers[colOf[i]] : name);
  });
  const schema = z.object(shape);
  const fast = options.fastPath !== false && fields.every((f) => specs[f][2]) ? fields.map((f) => specs[f][2]!) : null;
  const { sheet } = layout;
  const cellText = (cells: readonly string[], i: number) => (colOf[i] >= 0 ? (cells[colOf[i]] ?? '').trim() : '');
  /** The record when every cell is plainly good, else null (zod then reads the row and says what is wrong). */
  const readFast = (cells: readonly string[]): Record<string, unknown> | null => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const value = fast![i](cellText(cells, i));
      if (value === UNSURE) return null;
      record[fields[i]] = value;
    }
    return record;
  };
  // Defined once, not per row: a closure per row is measurable at millions of rows.
  const at = (row: number, column: string) => a1(row - 1, Math.max(0, layout.columns[column] ?? 0));
  return {
    parse(cells, row) {
      const quick = fast && readFast(cells);
      if (quick) {
        const broken = layout.kind === 'completions' ? rowRules(quick, row, at, sheet) : NO_FINDINGS;
        return broken.length ? { ok: false, findings: broken } : { ok: true, record: quick as RecordOf[K] };
      }
      const input: Record<string, string> = {};
      // A cell whose text cannot be stored is that finding only: what else its text breaks does not matter.
      const unstorable = new Map<string, Finding>();
      for (let i = 0; i < fields.length; i++) {
        input[fields[i]] = cellText(cells, i);
        const bad = badTextFinding(sheet, at(row, specs[fields[i]][0]), input[fields[i]], colOf[i] >= 0 ? layout.headers[colOf[i]] : specs[fields[i]][0]);
        if (bad) unstorable.set(fields[i], bad);
      }
      const result = schema.safeParse(input);
      if (!result.success || unstorable.size > 0) {
        const findings = (result.error?.issues ?? []).flatMap((issue) => {
          const field = String(issue.path[0] ?? '');
          if (unstorable.has(field)) return [];
          const code = (issue as { params?: { code?: unknown } }).params?.code;
          return [error(sheet, at(row, specs[field]?.[0] ?? ''), typeof code === 'string' ? code : 'bad-value', issue.message)];
        });
        return { ok: false, findings: [...unstorable.values(), ...findings] };
      }
      const broken = layout.kind === 'completions' ? rowRules(result.data, row, at, sheet) : [];
      return broken.length ? { ok: false, findings: broken } : { ok: true, record: result.data as RecordOf[K] };
    },
  };
}
