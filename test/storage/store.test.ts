import { expect, it } from 'vitest';
import { insertInChunks } from '../../sync-server/storage/bulk';
import { fromJson, toJson } from '../../sync-server/storage/json';
import { describeStore } from '../../sync-server/storage/store';
import { describeEachEngine } from './engines';

const AT = '2026-11-23T09:00:00.000Z';

describeEachEngine('store', (h) => {
  it('reads JSON columns back as text and counts as numbers, as on the other engine', async () => {
    const store = await h.open();
    const details = { version: 3, tracks: ['ENG'], note: 'naïve "quotes" ✓', nested: { none: null } };
    await store.db.insertInto('audit_log').values({ at: AT, actor: 'a', action: 'x', workbook_id: null, track_id: null, details: toJson(details) }).execute();
    const row = await store.db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
    expect(typeof row.details).toBe('string');
    expect(fromJson(row.details)).toEqual(details);
    expect(typeof row.id).toBe('number');
    const n = await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
  });

  it('enforces keys: foreign keys, and unique violations the dialect recognizes', async () => {
    const store = await h.open();
    const draft = { workbook_id: 'none', track_id: 'T', base_version: 0, snapshot: '{}', errors: 0, warnings: 0, saved_by: 'a', saved_at: AT, published_version: null };
    await expect(store.db.insertInto('drafts').values(draft).execute()).rejects.toThrow();
    await store.db.insertInto('workbooks').values({ id: 'wb', name: 'n', connected_by: 'a', connected_at: AT }).execute();
    const dup = await store.db.insertInto('workbooks').values({ id: 'wb', name: 'n', connected_by: 'a', connected_at: AT }).execute().then(() => null, (e: unknown) => e);
    expect(store.dialect.isUniqueViolation(dup)).toBe(true);
    expect(store.dialect.isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('rolls a transaction back entirely when it throws', async () => {
    const store = await h.open();
    await expect(store.db.transaction().execute(async (trx) => {
      await trx.insertInto('workbooks').values({ id: 'wb', name: 'n', connected_by: 'a', connected_at: AT }).execute();
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await store.db.selectFrom('workbooks').selectAll().execute()).toEqual([]);
  });

  it('inserts many rows in chunks, full and partial, with nulls and rows of other shapes', async () => {
    const store = await h.open();
    const rows = Array.from({ length: 2503 }, (_, i) => ({
      at: AT, actor: `a${i}`, action: 'import', workbook_id: i % 2 ? null : 'wb', track_id: null, details: toJson({ i }),
    }));
    const odd = { actor: 'odd', at: AT, action: 'import', details: '{}' }; // other columns, other order
    await store.db.transaction().execute((trx) => insertInChunks(trx, store.dialect, 'audit_log', [...rows, odd], 1000));
    const back = await store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(back).toHaveLength(2504);
    expect(back.slice(0, 2503).map((r) => [r.actor, r.workbook_id, fromJson<{ i: number }>(r.details).i])).toEqual(rows.map((r, i) => [r.actor, r.workbook_id, i]));
    expect(back[2503]).toMatchObject({ actor: 'odd', workbook_id: null });
  });

  it('describes where it lives without printing a password', () => {
    const d = describeStore(h.config());
    expect(d).toMatch(h.engine === 'sqlite' ? /embedded SQLite at .*rungs\.db$/ : /^PostgreSQL at 127\.0\.0\.1:5432\/test \(schema test_/);
    expect(describeStore({ engine: 'postgres', url: 'postgres://u:secret@db:6543/rungs' })).toBe('PostgreSQL at db:6543/rungs');
  });
});
