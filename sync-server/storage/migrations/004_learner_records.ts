import { sql, type CreateTableBuilder } from 'kysely';
import type { Dialect } from '../dialect';
import type { Migration } from './types';

/** On SQLite the primary key is the table itself (one B-tree per row written instead of two); PostgreSQL has no such option. */
const keyed = <T extends string, C extends string>(d: Dialect) => (b: CreateTableBuilder<T, C>) => (d.engine === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b);

/**
 * Learner records (F7), keyed by workbook + natural key so that re-importing a file upserts onto the same rows:
 * a completion per employee and module, an assessment per employee, rubric dimension, evaluator and date.
 */
export const learnerRecords: Migration = {
  version: 4,
  name: 'learner_records',
  async up(db, d) {
    await db.schema.createTable('learner_completions')
      .addColumn('workbook_id', 'text', (c) => c.notNull().references('workbooks.id').onDelete('cascade'))
      .addColumn('employee_id', 'text', (c) => c.notNull())
      .addColumn('module_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('completed_at', 'text')
      .addColumn('score', 'double precision')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('learner_completions_pk', ['workbook_id', 'employee_id', 'module_id'])
      .$call(keyed(d))
      .execute();

    await db.schema.createTable('learner_assessments')
      .addColumn('workbook_id', 'text', (c) => c.notNull().references('workbooks.id').onDelete('cascade'))
      .addColumn('employee_id', 'text', (c) => c.notNull())
      .addColumn('track_id', 'text', (c) => c.notNull())
      .addColumn('competency_id', 'text', (c) => c.notNull())
      .addColumn('dimension', 'text', (c) => c.notNull())
      .addColumn('evaluator_id', 'text', (c) => c.notNull())
      .addColumn('assessed_at', 'text', (c) => c.notNull())
      .addColumn('evaluator_role', 'text', (c) => c.notNull())
      .addColumn('score', 'double precision', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('learner_assessments_pk', ['workbook_id', 'employee_id', 'track_id', 'competency_id', 'dimension', 'evaluator_id', 'assessed_at'])
      .$call(keyed(d))
      .execute();
    await db.schema.createIndex('learner_assessments_by_track').on('learner_assessments').columns(['workbook_id', 'track_id']).execute();
  },
};
