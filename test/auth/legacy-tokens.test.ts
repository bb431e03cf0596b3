/**
 * Tokens made before tokens were bound to a workbook: the upgrade binds each one whose workbook is certain; the
 * others are bound by their first use on a workbook (or by an admin), so nobody is locked out and every token ends
 * up reaching one workbook.
 */
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { listAudit } from '../../sync-server/services/audit';
import { bindToken, hashToken, listTokens } from '../../sync-server/services/tokens';
import { postgresDialect, sqliteDialect } from '../../sync-server/storage/dialect';
import { migrate } from '../../sync-server/storage/migrate';
import { MIGRATIONS } from '../../sync-server/storage/migrations';
import { openPostgres } from '../../sync-server/storage/postgres';
import type { Database } from '../../sync-server/storage/schema';
import { openSqlite } from '../../sync-server/storage/sqlite';
import { SQLITE_FILE } from '../../sync-server/storage/store';
import { contextFor } from '../services/fixtures';
import { describeEachEngine, type EngineHandle } from '../storage/engines';

const AT = '2026-01-01T00:00:00.000Z';

/** A store as the release before token binding left it (schema version 4), holding these workbooks, tracks and tokens. */
async function legacyStore(h: EngineHandle, tracks: [workbook: string, track: string][], tokens: { name: string; role: string; tracks: string[] | null; revoked?: boolean }[]) {
  const config = h.config();
  const db: Kysely<Database> = config.engine === 'sqlite' ? openSqlite(join(config.dataDir, SQLITE_FILE)) : await openPostgres(config);
  try {
    await migrate(db, config.engine === 'sqlite' ? sqliteDialect : postgresDialect, MIGRATIONS.slice(0, 4));
    const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    for (const id of new Set(tracks.map(([w]) => w))) await raw.insertInto('workbooks').values({ id, name: id, connected_by: 'a', connected_at: AT }).execute();
    for (const [workbook_id, track_id] of tracks) await raw.insertInto('tracks').values({ workbook_id, track_id, active_version: 0, created_at: AT }).execute();
    for (const t of tokens)
      await raw.insertInto('api_tokens').values({
        id: t.name, token_hash: hashToken(`rungs_${t.name}`), role: t.role, label: t.name, tracks: JSON.stringify(t.tracks),
        created_by: 'cli', created_at: AT, revoked_at: t.revoked ? AT : null,
      }).execute();
  } finally {
    await db.destroy();
  }
}

const bindings = async (store: Awaited<ReturnType<EngineHandle['open']>>) =>
  Object.fromEntries((await listTokens(contextFor(store))).map((t) => [t.tokenId, t.workbookId]));

describeEachEngine('tokens made before tokens were bound', (h) => {
  it('with one workbook in the store, the upgrade binds every live owner, manager and integrator token to it; admins stay global', async () => {
    await legacyStore(h, [['mini', 'ENG'], ['mini', 'MGR']], [
      { name: 'ana', role: 'owner', tracks: ['ENG'] }, { name: 'max', role: 'manager', tracks: ['MGR'] },
      { name: 'lms', role: 'integrator', tracks: null }, { name: 'root', role: 'admin', tracks: null },
      { name: 'gone', role: 'owner', tracks: ['ENG'], revoked: true },
    ]);
    const store = await h.open();
    expect(store.migrations.applied).toContain(5);
    expect(await bindings(store)).toEqual({ ana: 'mini', max: 'mini', lms: 'mini', root: null, gone: null });
    const audit = await listAudit(store.db, { action: 'token.bind' });
    expect(audit.map((e) => [e.actor, e.workbookId, e.details.tokenId, e.details.how]).sort()).toEqual([
      ['upgrade', 'mini', 'ana', 'upgrade'], ['upgrade', 'mini', 'lms', 'upgrade'], ['upgrade', 'mini', 'max', 'upgrade'],
    ]);
  });

  it('with several workbooks, a token whose tracks are in one workbook is bound to it; the others are bound by their first use', async () => {
    await legacyStore(h, [['mini', 'ENG'], ['mini', 'MGR'], ['other', 'DATA'], ['other', 'MGR']], [
      { name: 'ana', role: 'owner', tracks: ['ENG'] }, { name: 'dee', role: 'owner', tracks: ['DATA'] },
      { name: 'max', role: 'manager', tracks: ['MGR'] }, { name: 'lms', role: 'integrator', tracks: null },
    ]);
    const store = await h.open();
    expect(await bindings(store)).toEqual({ ana: 'mini', dee: 'other', max: null, lms: null });

    const services = contextFor(store);
    const app = createApp({ services });
    const call = (path: string, token: string) => app.request(path, { headers: { authorization: `Bearer rungs_${token}` } });
    // Not bound yet: a route naming no workbook cannot bind it, and reading the audit log needs a workbook.
    expect((await call('/v1/audit', 'max')).status).toBe(403);
    // A workbook that is not connected (a typo) does not bind it.
    expect((await call('/v1/workbooks/otehr', 'lms')).status).toBe(403);
    expect((await bindings(store)).lms).toBeNull();
    // Its first use on a workbook binds it there, and from then on it reaches that workbook only.
    expect((await call('/v1/workbooks/other', 'lms')).status).toBe(200);
    expect((await call('/v1/workbooks/mini', 'lms')).status).toBe(403);
    expect((await call('/v1/workbooks/mini/reports', 'max')).status).toBe(200);
    expect((await call('/v1/workbooks/other/reports', 'max')).status).toBe(403);
    expect(await bindings(store)).toEqual({ ana: 'mini', dee: 'other', max: 'mini', lms: 'other' });
    const firstUse = await listAudit(store.db, { action: 'token.bind' });
    expect(firstUse.filter((e) => e.details.how === 'first use').map((e) => [e.details.tokenId, e.workbookId]).sort()).toEqual([['lms', 'other'], ['max', 'mini']]);
  });

  it('an admin binds a token (a manager gets its email too); a token bound to one workbook is never moved to another', async () => {
    await legacyStore(h, [['mini', 'ENG'], ['other', 'ENG']], [{ name: 'max', role: 'manager', tracks: ['ENG'] }, { name: 'ana', role: 'owner', tracks: ['ENG'] }]);
    const ctx = contextFor(await h.open());
    await expect(bindToken(ctx, { tokenId: 'max', workbookId: 'mini', actor: 'cli' })).rejects.toMatchObject({ code: 'invalid-token-request', message: "A manager token must name the manager's email: it shows that manager their own team." });
    expect(await bindToken(ctx, { tokenId: 'max', workbookId: 'mini', email: 'Max@Acme.test', actor: 'cli' })).toMatchObject({ workbookId: 'mini', email: 'max@acme.test' });
    await bindToken(ctx, { tokenId: 'ana', workbookId: 'other', actor: 'cli' });
    await expect(bindToken(ctx, { tokenId: 'ana', workbookId: 'mini', actor: 'cli' })).rejects.toMatchObject({
      code: 'invalid-token-request', message: 'Token ana is already bound to workbook other. Make a new token for workbook mini and revoke this one.',
    });
  });
});
