import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Migration } from './types';

/**
 * Tokens bound to a workbook (and a manager token's email), and Idempotency-Keys scoped to token, workbook and route.
 *
 * Tokens made before this change have no workbook. So that nobody is locked out, each live owner, manager or
 * integrator token is bound here when its workbook is certain: the store holds one workbook, or the token's tracks
 * exist in one workbook only. The others stay unbound until their first use on a workbook binds them (tokens.ts),
 * or an admin binds them (`rungs token bind`). Each binding made here is in the audit log.
 */
export const tokenBinding: Migration = {
  version: 5,
  name: 'token_binding',
  async up(raw) {
    await raw.schema.alterTable('api_tokens').addColumn('workbook_id', 'text').execute();
    await raw.schema.alterTable('api_tokens').addColumn('email', 'text').execute();

    await raw.schema.createTable('idempotency_keys')
      .addColumn('token_id', 'text', (c) => c.notNull())
      .addColumn('workbook_id', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('idem_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('answer', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['token_id', 'workbook_id', 'route', 'idem_key'])
      .execute();
    await raw.schema.createIndex('idempotency_keys_by_age').on('idempotency_keys').column('created_at').execute();

    await bindLegacyTokens(raw as unknown as Kysely<Database>);
  },
};

async function bindLegacyTokens(db: Kysely<Database>): Promise<void> {
  const tokens = await db.selectFrom('api_tokens').select(['id', 'label', 'tracks'])
    .where('role', '!=', 'admin').where('revoked_at', 'is', null).execute();
  if (tokens.length === 0) return;
  const workbooks = (await db.selectFrom('workbooks').select('id').execute()).map((w) => w.id);
  const tracks = await db.selectFrom('tracks').select(['workbook_id', 'track_id']).execute();
  const at = new Date().toISOString();
  for (const t of tokens) {
    const trackIds = JSON.parse(t.tracks) as string[] | null;
    const candidates = workbooks.length === 1 || trackIds === null
      ? workbooks
      : [...new Set(tracks.filter((r) => trackIds.includes(r.track_id)).map((r) => r.workbook_id))];
    if (candidates.length !== 1) continue;
    const [workbookId] = candidates;
    await db.updateTable('api_tokens').set({ workbook_id: workbookId }).where('id', '=', t.id).execute();
    await db.insertInto('audit_log').values({
      at, actor: 'upgrade', action: 'token.bind', workbook_id: workbookId, track_id: null,
      details: JSON.stringify({ tokenId: t.id, label: t.label, how: 'upgrade', workbookId }),
    }).execute();
  }
}
