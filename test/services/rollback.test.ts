import { expect, it } from 'vitest';
import { listAudit } from '../../sync-server/services/audit';
import { diffDraft, saveDraft } from '../../sync-server/services/drafts';
import { ServiceError } from '../../sync-server/services/errors';
import { publishTrack } from '../../sync-server/services/publish';
import { rollbackTrack } from '../../sync-server/services/rollback';
import { activeSnapshot, getVersion, listVersions } from '../../sync-server/services/versions';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { connected, counts, saveAndPublish } from './fixtures';

const ADMIN = 'admin@acme.test';

async function code(p: Promise<unknown>): Promise<[string, number]> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ServiceError);
  return [(err as ServiceError).code, (err as ServiceError).status];
}

describeEachEngine('rollback', (h) => {
  it('restores an earlier version as a new version, audit-logged', async () => {
    const { store, ctx } = await connected(h);
    await saveAndPublish(ctx, 'ENG');
    await saveAndPublish(ctx, 'ENG', setCell(miniWorkbook(), 'Levels', 'C2', 'Junior Engineer'));
    const v1 = await getVersion(ctx, 'mini', 'ENG', 1);

    const { result, replayed } = await rollbackTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', toVersion: 1, actor: 'ben@acme.test', expectedActiveVersion: 2 });
    expect(replayed).toBe(false);
    expect(result).toMatchObject({ version: 3, kind: 'rollback', sourceVersion: 1, publishedBy: 'ben@acme.test', note: 'Rollback to version 1' });
    expect(result.statuses).toEqual([{ trackId: 'ENG', status: 'Active', version: 3 }]);
    const active = await activeSnapshot(ctx, 'mini', 'ENG');
    expect(active).toEqual({ version: 3, snapshot: v1.snapshot });
    expect((await listVersions(ctx, 'mini', 'ENG')).versions.map((v) => [v.version, v.kind, v.sourceVersion])).toEqual([[3, 'rollback', 1], [2, 'publish', null], [1, 'publish', null]]);
    const audit = await listAudit(store.db, { trackId: 'ENG', action: 'track.rollback' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'ben@acme.test', details: { version: 3, previous: 2, sourceVersion: 1 } });
  });

  it('makes drafts based on the replaced version stale', async () => {
    const { ctx } = await connected(h);
    await saveAndPublish(ctx, 'ENG');
    await saveAndPublish(ctx, 'ENG', setCell(miniWorkbook(), 'Levels', 'C2', 'Junior Engineer'));
    const draft = await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: miniWorkbook(), actor: ADMIN });
    await rollbackTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', toVersion: 1, actor: ADMIN });
    expect((await diffDraft(ctx, 'mini', 'ENG', draft.draftId)).stale).toBe(true);
    expect(await code(publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', draftId: draft.draftId, actor: ADMIN }))).toEqual(['stale-version', 409]);
  });

  it('refuses the active version, an unknown version and a stale expectation, changing nothing', async () => {
    const { store, ctx } = await connected(h);
    await saveAndPublish(ctx, 'ENG');
    await saveAndPublish(ctx, 'ENG', setCell(miniWorkbook(), 'Levels', 'C2', 'Junior Engineer'));
    const before = await counts(store);
    const base = { spreadsheetId: 'mini', trackId: 'ENG', actor: ADMIN };
    expect(await code(rollbackTrack(ctx, { ...base, toVersion: 2 }))).toEqual(['already-active', 409]);
    expect(await code(rollbackTrack(ctx, { ...base, toVersion: 7 }))).toEqual(['unknown-version', 404]);
    expect(await code(rollbackTrack(ctx, { ...base, toVersion: 1, expectedActiveVersion: 1 }))).toEqual(['stale-version', 409]);
    expect(await code(rollbackTrack(ctx, { ...base, trackId: 'MGR', toVersion: 1 }))).toEqual(['unknown-track', 404]);
    expect(await counts(store)).toEqual(before);
  });

  it('is idempotent with a key', async () => {
    const { ctx } = await connected(h);
    await saveAndPublish(ctx, 'ENG');
    await saveAndPublish(ctx, 'ENG', setCell(miniWorkbook(), 'Levels', 'C2', 'Junior Engineer'));
    const input = { spreadsheetId: 'mini', trackId: 'ENG', toVersion: 1, actor: ADMIN, idempotencyKey: 'rb-1' };
    const first = await rollbackTrack(ctx, input);
    const again = await rollbackTrack(ctx, input);
    expect(again).toEqual({ result: first.result, replayed: true });
    expect((await listVersions(ctx, 'mini', 'ENG')).versions).toHaveLength(3);
    expect(await code(rollbackTrack(ctx, { ...input, toVersion: 2 }))).toEqual(['idempotency-key-reused', 422]);
  });
});
