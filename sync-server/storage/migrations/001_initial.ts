import type { Migration } from './types';

/** Workbooks, tracks with their active pointer, drafts, versions, audit log, API tokens, jobs. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  async up(db, d) {
    await db.schema.createTable('workbooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('connected_by', 'text', (c) => c.notNull())
      .addColumn('connected_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createTable('tracks')
      .addColumn('workbook_id', 'text', (c) => c.notNull().references('workbooks.id').onDelete('cascade'))
      .addColumn('track_id', 'text', (c) => c.notNull())
      .addColumn('active_version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('tracks_pk', ['workbook_id', 'track_id'])
      .execute();

    await d.addIdColumn(db.schema.createTable('drafts'), 'id')
      .addColumn('workbook_id', 'text', (c) => c.notNull())
      .addColumn('track_id', 'text', (c) => c.notNull())
      .addColumn('base_version', 'integer', (c) => c.notNull())
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('errors', 'integer', (c) => c.notNull())
      .addColumn('warnings', 'integer', (c) => c.notNull())
      .addColumn('saved_by', 'text', (c) => c.notNull())
      .addColumn('saved_at', 'text', (c) => c.notNull())
      .addColumn('published_version', 'integer')
      .addForeignKeyConstraint('drafts_track_fk', ['workbook_id', 'track_id'], 'tracks', ['workbook_id', 'track_id'], (c) => c.onDelete('cascade'))
      .execute();
    await db.schema.createIndex('drafts_by_track').on('drafts').columns(['workbook_id', 'track_id', 'id']).execute();

    await db.schema.createTable('versions')
      .addColumn('workbook_id', 'text', (c) => c.notNull())
      .addColumn('track_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('draft_id', 'integer')
      .addColumn('source_version', 'integer')
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.unique())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('versions_pk', ['workbook_id', 'track_id', 'version'])
      .addForeignKeyConstraint('versions_track_fk', ['workbook_id', 'track_id'], 'tracks', ['workbook_id', 'track_id'], (c) => c.onDelete('cascade'))
      .execute();

    await d.addIdColumn(db.schema.createTable('audit_log'), 'id')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('workbook_id', 'text')
      .addColumn('track_id', 'text')
      .addColumn('details', d.jsonType, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_by_track').on('audit_log').columns(['workbook_id', 'track_id', 'id']).execute();
    await db.schema.createIndex('audit_by_action').on('audit_log').columns(['action', 'id']).execute();

    await db.schema.createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('tracks', d.jsonType, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await d.addIdColumn(db.schema.createTable('jobs'), 'id')
      .addColumn('queue', 'text', (c) => c.notNull())
      .addColumn('payload', d.jsonType, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('locked_by', 'text')
      .addColumn('locked_until', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('jobs_ready').on('jobs').columns(['queue', 'status', 'run_at']).execute();
  },
};
