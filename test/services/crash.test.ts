import { expect, it } from 'vitest';
import { listAudit } from '../../sync-server/services/audit';
import { getDraft, saveDraft } from '../../sync-server/services/drafts';
import { publishTrack } from '../../sync-server/services/publish';
import { activeSnapshot, listVersions } from '../../sync-server/services/versions';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { connected, contextFor, counts, saveAndPublish } from './fixtures';

const ADMIN = 'admin@acme.test';

describeEachEngine('a publish that fails half-way', (h) => {
  it('leaves the active version, versions, drafts and audit log as they were, and the next publish works', async () => {
    let crash = true;
    const { store, ctx } = await connected(h, {
      afterVersionInsert: () => {
        if (crash) throw new Error('power cut after the version insert');
      },
    });
    crash = false;
    await saveAndPublish(ctx, 'ENG');
    crash = true;
    const draft = await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: setCell(miniWorkbook(), 'Levels', 'C2', 'Junior'), actor: ADMIN });
    const before = await counts(store);

    await expect(publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', actor: ADMIN, idempotencyKey: 'k1' })).rejects.toThrow('power cut');
    expect(await counts(store)).toEqual(before);
    expect((await activeSnapshot(ctx, 'mini', 'ENG'))?.version).toBe(1);
    expect((await listVersions(ctx, 'mini', 'ENG')).versions.map((v) => v.version)).toEqual([1]);
    expect((await getDraft(ctx, 'mini', 'ENG', draft.draftId)).publishedVersion).toBeNull();
    expect(await listAudit(store.db, { action: 'track.publish' })).toHaveLength(1);

    // After a restart the same request (same key) goes through once.
    await store.close();
    const restarted = contextFor(await h.open());
    const { result } = await publishTrack(restarted, { spreadsheetId: 'mini', trackId: 'ENG', actor: ADMIN, idempotencyKey: 'k1' });
    expect(result.version).toBe(2);
    expect((await activeSnapshot(restarted, 'mini', 'ENG'))?.version).toBe(2);
  });
});
