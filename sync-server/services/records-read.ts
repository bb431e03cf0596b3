/**
 * Stored learner records read back in batches (reports): keyset pages in primary-key order, so memory holds one
 * batch whatever the number of records, and a page costs an index range scan however deep it is.
 */
import { sql } from 'kysely';
import type { AssessmentRecord, CompletionRecord, CompletionStatus, EvaluatorRole } from '../../shared/records';
import type { LearnerAssessmentsTable, LearnerCompletionsTable } from '../storage/schema';
import type { ServiceContext } from './context';

export const READ_BATCH = 10_000;

export interface ReadOptions {
  batchSize?: number;
  /** Assessments only: the records of these tracks. */
  trackIds?: readonly string[];
}

type Batch<T> = (batch: T[]) => void | Promise<void>;

/** Only what a record holds: the workbook id and bookkeeping columns are not read back, row after row. */
export const COMPLETION_COLUMNS = ['employee_id', 'module_id', 'status', 'started_at', 'completed_at', 'score'] as const;
type CompletionRow = Pick<LearnerCompletionsTable, (typeof COMPLETION_COLUMNS)[number]>;
export const ASSESSMENT_COLUMNS = ['employee_id', 'track_id', 'competency_id', 'dimension', 'evaluator_id', 'assessed_at', 'evaluator_role', 'score'] as const;
type AssessmentRow = Pick<LearnerAssessmentsTable, (typeof ASSESSMENT_COLUMNS)[number]>;

export async function forEachCompletion(ctx: ServiceContext, spreadsheetId: string, onBatch: Batch<CompletionRecord>, options: ReadOptions = {}): Promise<number> {
  const size = options.batchSize ?? READ_BATCH;
  let after: { employee_id: string; module_id: string } | null = null;
  let total = 0;
  for (;;) {
    const rows: CompletionRow[] = await ctx.store.db.selectFrom('learner_completions').select(COMPLETION_COLUMNS)
      .where('workbook_id', '=', spreadsheetId)
      .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple('employee_id', 'module_id'), '>', eb.tuple(after!.employee_id, after!.module_id))))
      .orderBy('employee_id').orderBy('module_id').limit(size).execute();
    if (rows.length === 0) return total;
    total += rows.length;
    await onBatch(rows.map(completionOf));
    if (rows.length < size) return total;
    after = rows[rows.length - 1];
  }
}

const ASSESSMENT_KEY = ['employee_id', 'track_id', 'competency_id', 'dimension', 'evaluator_id', 'assessed_at'] as const;

export async function forEachAssessment(ctx: ServiceContext, spreadsheetId: string, onBatch: Batch<AssessmentRecord>, options: ReadOptions = {}): Promise<number> {
  const size = options.batchSize ?? READ_BATCH;
  let after: AssessmentRow | null = null;
  let total = 0;
  for (;;) {
    const last = after;
    const rows: AssessmentRow[] = await ctx.store.db.selectFrom('learner_assessments').select(ASSESSMENT_COLUMNS)
      .where('workbook_id', '=', spreadsheetId)
      .$if(options.trackIds !== undefined, (q) => (options.trackIds!.length ? q.where('track_id', 'in', [...options.trackIds!]) : q.where((eb) => eb.lit(false))))
      // Six key columns: more than Kysely's tuple helpers take, so the row comparison is written out.
      .$if(last !== null, (q) => q.where(sql<boolean>`(${sql.join(ASSESSMENT_KEY.map((k) => sql.ref(k)))}) > (${sql.join(ASSESSMENT_KEY.map((k) => last![k]))})`))
      .orderBy('employee_id').orderBy('track_id').orderBy('competency_id').orderBy('dimension').orderBy('evaluator_id').orderBy('assessed_at')
      .limit(size).execute();
    if (rows.length === 0) return total;
    total += rows.length;
    await onBatch(rows.map(assessmentOf));
    if (rows.length < size) return total;
    after = rows[rows.length - 1];
  }
}

/** How many records a workbook has stored, per kind. */
export async function countRecords(ctx: ServiceContext, spreadsheetId: string): Promise<{ completions: number; assessments: number }> {
  const count = async (table: 'learner_completions' | 'learner_assessments') => {
    const r = await ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('workbook_id', '=', spreadsheetId).executeTakeFirstOrThrow();
    return Number(r.n);
  };
  return { completions: await count('learner_completions'), assessments: await count('learner_assessments') };
}

export function completionOf(r: CompletionRow): CompletionRecord {
  return { employeeId: r.employee_id, moduleId: r.module_id, status: r.status as CompletionStatus, startedAt: r.started_at, completedAt: r.completed_at, score: r.score === null ? null : Number(r.score) };
}

export function assessmentOf(r: AssessmentRow): AssessmentRecord {
  return {
    employeeId: r.employee_id, trackId: r.track_id, competencyId: r.competency_id, dimension: r.dimension,
    evaluatorId: r.evaluator_id, evaluatorRole: r.evaluator_role as EvaluatorRole, score: Number(r.score), assessedAt: r.assessed_at,
  };
}
