import type { Migration } from './types';

/** Employees of a workbook (from its Employees tab, later from HRIS imports): who holds which position. */
export const employees: Migration = {
  version: 2,
  name: 'employees',
  async up(db) {
    await db.schema.createTable('employees')
      .addColumn('workbook_id', 'text', (c) => c.notNull().references('workbooks.id').onDelete('cascade'))
      .addColumn('employee_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('position_id', 'text', (c) => c.notNull())
      .addColumn('manager_email', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('employees_pk', ['workbook_id', 'employee_id'])
      .execute();
    await db.schema.createIndex('employees_by_position').on('employees').columns(['workbook_id', 'position_id']).execute();
  },
};
