import type { Migration } from './types';

/**
 * One row per workbook whose reports the server refreshes: who holds the refresh (a lease, so that with several
 * instances only one refresh of a spreadsheet runs at a time), the pending request, and the last outcome with the
 * tabs it rendered (the add-on's hourly fallback writes those when the server cannot reach Google).
 */
export const reportRefreshes: Migration = {
  version: 3,
  name: 'report_refreshes',
  async up(db) {
    await db.schema.createTable('report_refreshes')
      .addColumn('workbook_id', 'text', (c) => c.primaryKey().references('workbooks.id').onDelete('cascade'))
      .addColumn('requested_at', 'text')
      .addColumn('pending_job_id', 'integer')
      .addColumn('running_by', 'text')
      .addColumn('running_until', 'text')
      .addColumn('last_started_at', 'text')
      .addColumn('last_finished_at', 'text')
      .addColumn('last_outcome', 'text')
      .addColumn('last_error', 'text')
      .addColumn('last_summary', 'text')
      .addColumn('tabs', 'text')
      .execute();
  },
};
