import type { Migration } from './types';

/**
 * Self-contained versions and admin-owned Shared items:
 * - `drafts.findings`: the findings a draft was saved with (the user's real cells, from the whole workbook);
 *   `drafts.shared_changes`: the Shared items the draft adds, changes or removes against the approved state.
 * - `versions.shared`: the Shared competencies and modules the version holds, as records (which tracks use an item).
 * - `shared_items`: the Shared items as an admin last published them (the approved state).
 * - `publish_batches`: several tracks published together in one transaction, under one idempotency key.
 * Old rows keep NULL in the new columns; readers fall back to the stored snapshot.
 */
export const sharedItems: Migration = {
  version: 6,
  name: 'shared_items',
  async up(db, d) {
    await db.schema.alterTable('drafts').addColumn('findings', 'text').execute();
    await db.schema.alterTable('drafts').addColumn('shared_changes', 'text').execute();
    await db.schema.alterTable('versions').addColumn('shared', 'text').execute();
    await db.schema.alterTable('versions').addColumn('batch_id', 'integer').execute();

    await db.schema.createTable('shared_items')
      .addColumn('workbook_id', 'text', (c) => c.notNull().references('workbooks.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('track_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('approved_by', 'text', (c) => c.notNull())
      .addColumn('approved_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('shared_items_pk', ['workbook_id', 'kind', 'item_id'])
      .execute();

    await d.addIdColumn(db.schema.createTable('publish_batches'), 'id')
      .addColumn('workbook_id', 'text', (c) => c.notNull().references('workbooks.id').onDelete('cascade'))
      .addColumn('idempotency_key', 'text')
      .addColumn('tracks', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('publish_batches_key', ['workbook_id', 'idempotency_key'])
      .execute();
  },
};
