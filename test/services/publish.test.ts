import { expect, it } from 'vitest';
import { listAudit } from '../../sync-server/services/audit';
import { diffDraft, getDraft, saveDraft } from '../../sync-server/services/drafts';
import { ServiceError } from '../../sync-server/services/errors';
import { publishTrack } from '../../sync-server/services/publish';
import { activeSnapshot, getVersion, listVersions } from '../../sync-server/services/versions';
import { trackStatuses } from '../../sync-server/services/workbooks';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { connected, counts, saveAndPublish } from './fixtures';

const ADMIN = 'admin@acme.test';

async function refusal(p: Promise<unknown>): Promise<ServiceError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ServiceError);
  return err as ServiceError;
}

describeEachEngine('draft, diff, publish, versions', (h) => {
  it('saves a draft, diffs it against nothing, publishes it as version 1 and reports the statuses', async () => {
    const { store, ctx } = await connected(h);
    const draft = await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: miniWorkbook(), actor: ADMIN });
    expect(draft).toMatchObject({ trackId: 'ENG', baseVersion: 0, errors: 0, savedBy: ADMIN, publishedVersion: null });
    expect(await trackStatuses(store.db, 'mini')).toEqual([{ trackId: 'ENG', status: 'Draft', version: null }]);

    const { diff, stale, activeVersion } = await diffDraft(ctx, 'mini', 'ENG');
    expect({ stale, activeVersion }).toEqual({ stale: false, activeVersion: 0 });
    expect(diff.counts).toEqual({ added: diff.counts.added, removed: 0, changed: 0 });
    expect(diff.levels.map((c) => c.id)).toEqual(['L1', 'L2', 'L3']);
    expect(diff.cells).toHaveLength(8);
    expect(diff.positions.map((c) => c.id)).toEqual(['POS-1']);
    expect(diff.modules.map((c) => c.id)).toEqual(['E-101', 'E-102', 'S-1']);

    const { result, replayed } = await publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', actor: ADMIN, note: 'first' });
    expect(replayed).toBe(false);
    expect(result).toMatchObject({ trackId: 'ENG', version: 1, kind: 'publish', draftId: draft.draftId, publishedBy: ADMIN, note: 'first' });
    expect(result.publishedAt).toMatch(/^2026-11-23T09:/);
    expect(result.statuses).toEqual([{ trackId: 'ENG', status: 'Active', version: 1 }]);
    expect((await getDraft(ctx, 'mini', 'ENG')).publishedVersion).toBe(1);

    const audit = await listAudit(store.db, { action: 'track.publish' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: ADMIN, workbookId: 'mini', trackId: 'ENG', details: { version: 1, previous: 0, draftId: draft.draftId } });
  });

  it('diffs a changed draft against the active version and publishes version 2', async () => {
    const { ctx } = await connected(h);
    await saveAndPublish(ctx, 'ENG');
    const snap = miniWorkbook();
    setCell(snap, 'Matrix ENG', 'D4', 'Designs a subsystem'); // E2 @ L2 changed
    setCell(snap, 'Matrix ENG', 'E3', ''); // E1 @ L3 removed
    setCell(snap, 'Levels', 'C4', 'Staff Engineer'); // L3 renamed
    setCell(snap, 'Tracks', 'E2', 'Active'); // Status is not content
    const draft = await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: snap, actor: 'ana@acme.test' });
    expect(draft.baseVersion).toBe(1);

    const { diff } = await diffDraft(ctx, 'mini', 'ENG');
    expect(diff.counts).toEqual({ added: 0, removed: 1, changed: 2 });
    expect(diff.track).toEqual([]);
    expect(diff.cells).toEqual([
      { id: 'E1 @ L3', change: 'removed', before: { 'Competency ID': 'E1', Level: 'L3', Expectation: 'Leads code quality' }, after: null, fields: ['Competency ID', 'Level', 'Expectation'] },
      { id: 'E2 @ L2', change: 'changed', before: { 'Competency ID': 'E2', Level: 'L2', Expectation: 'Designs a component' }, after: { 'Competency ID': 'E2', Level: 'L2', Expectation: 'Designs a subsystem' }, fields: ['Expectation'] },
    ]);
    expect(diff.levels).toMatchObject([{ id: 'L3', change: 'changed', fields: ['Level Name'], before: { 'Level Name': 'Senior Engineer' }, after: { 'Level Name': 'Staff Engineer' } }]);

    const { result } = await publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', actor: 'ana@acme.test' });
    expect(result.version).toBe(2);
    const { activeVersion, versions } = await listVersions(ctx, 'mini', 'ENG');
    expect(activeVersion).toBe(2);
    expect(versions.map((v) => [v.version, v.kind, v.publishedBy])).toEqual([[2, 'publish', 'ana@acme.test'], [1, 'publish', ADMIN]]);
    expect((await diffDraft(ctx, 'mini', 'ENG')).diff.counts).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('keeps each track on its own versions and reports every status', async () => {
    const { ctx } = await connected(h);
    await saveAndPublish(ctx, 'ENG');
    await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'MGR', snapshot: miniWorkbook(), actor: ADMIN });
    const { result } = await saveAndPublish(ctx, 'ENG');
    expect(result.statuses).toEqual([{ trackId: 'ENG', status: 'Active', version: 2 }, { trackId: 'MGR', status: 'Draft', version: null }]);
    const { result: mgr } = await publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'MGR', actor: ADMIN });
    expect(mgr.version).toBe(1);
    expect(mgr.statuses).toEqual([{ trackId: 'ENG', status: 'Active', version: 2 }, { trackId: 'MGR', status: 'Active', version: 1 }]);
    const stored = await getVersion(ctx, 'mini', 'MGR', 1);
    expect(stored.snapshot.sheets.map((s) => s.name)).toEqual(['Tracks', 'Levels', 'Competencies', 'Positions', 'Modules', 'Matrix MGR', 'Rubric MGR']);
  });

  it('refuses a draft with errors with 422 and its findings, and changes nothing', async () => {
    const { store, ctx } = await connected(h);
    await saveAndPublish(ctx, 'ENG');
    const snap = miniWorkbook();
    setCell(snap, 'Matrix ENG', 'A4', 'NOPE'); // unknown competency
    const draft = await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: snap, actor: ADMIN });
    expect(draft.errors).toBeGreaterThan(0);
    expect(draft.findings.some((f) => f.sheet === 'Matrix ENG' && f.cell === 'A4' && f.code === 'unknown-competency')).toBe(true);
    const before = await counts(store);

    const err = await refusal(publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', actor: ADMIN, idempotencyKey: 'k-err' }));
    expect({ code: err.code, status: err.status }).toEqual({ code: 'has-errors', status: 422 });
    expect(err.findings).toContainEqual(expect.objectContaining({ sheet: 'Matrix ENG', cell: 'A4', severity: 'error', code: 'unknown-competency' }));
    expect(await counts(store)).toEqual(before);
    expect((await activeSnapshot(ctx, 'mini', 'ENG'))?.version).toBe(1);
    expect((await getDraft(ctx, 'mini', 'ENG')).publishedVersion).toBeNull();
  });

  it('refuses with 409 a draft whose base version is no longer active: two admins cannot overwrite each other', async () => {
    const { store, ctx } = await connected(h);
    await saveAndPublish(ctx, 'ENG');
    const a = await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: setCell(miniWorkbook(), 'Levels', 'C2', 'A'), actor: 'a@acme.test' });
    const b = await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: setCell(miniWorkbook(), 'Levels', 'C2', 'B'), actor: 'b@acme.test' });
    expect([a.baseVersion, b.baseVersion]).toEqual([1, 1]);
    await publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', draftId: b.draftId, actor: 'b@acme.test' });
    const before = await counts(store);

    const err = await refusal(publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', draftId: a.draftId, actor: 'a@acme.test' }));
    expect({ code: err.code, status: err.status }).toEqual({ code: 'stale-version', status: 409 });
    expect(err.message).toMatch(/Version 2 .* based on version 1/);
    expect(await counts(store)).toEqual(before);
    expect((await diffDraft(ctx, 'mini', 'ENG', a.draftId)).stale).toBe(true);
    // Publishing an already published draft again is stale too.
    expect((await refusal(publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', draftId: b.draftId, actor: ADMIN }))).code).toBe('stale-version');
  });

  it('answers a repeated idempotency key with the same answer and writes one version', async () => {
    const { store, ctx } = await connected(h);
    await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: miniWorkbook(), actor: ADMIN });
    const first = await publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', actor: ADMIN, idempotencyKey: 'pub-1' });
    const again = await publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', actor: ADMIN, idempotencyKey: 'pub-1' });
    expect(again.replayed).toBe(true);
    expect(again.result).toEqual(first.result);
    expect((await listVersions(ctx, 'mini', 'ENG')).versions).toHaveLength(1);
    expect(await listAudit(store.db, { action: 'track.publish' })).toHaveLength(1);

    await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'MGR', snapshot: miniWorkbook(), actor: ADMIN });
    const err = await refusal(publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'MGR', actor: ADMIN, idempotencyKey: 'pub-1' }));
    expect({ code: err.code, status: err.status }).toEqual({ code: 'idempotency-key-reused', status: 422 });
  });

  it('answers unknown workbooks, tracks and drafts with 404 and a mismatched snapshot with 422', async () => {
    const { ctx } = await connected(h);
    const snap = miniWorkbook();
    const codes = async (p: Promise<unknown>) => { const e = await refusal(p); return [e.code, e.status]; };
    expect(await codes(saveDraft(ctx, { spreadsheetId: 'other', trackId: 'ENG', snapshot: { ...snap, spreadsheetId: 'other' }, actor: ADMIN }))).toEqual(['unknown-workbook', 404]);
    expect(await codes(saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'NOPE', snapshot: snap, actor: ADMIN }))).toEqual(['unknown-track', 404]);
    expect(await codes(saveDraft(ctx, { spreadsheetId: 'other', trackId: 'ENG', snapshot: snap, actor: ADMIN }))).toEqual(['workbook-mismatch', 422]);
    expect(await codes(publishTrack(ctx, { spreadsheetId: 'mini', trackId: 'ENG', actor: ADMIN }))).toEqual(['unknown-draft', 404]);
    expect(await codes(listVersions(ctx, 'mini', 'NOPE'))).toEqual(['unknown-track', 404]);
    await saveDraft(ctx, { spreadsheetId: 'mini', trackId: 'ENG', snapshot: snap, actor: ADMIN });
    expect(await codes(getDraft(ctx, 'mini', 'ENG', 999))).toEqual(['unknown-draft', 404]);
    expect(await codes(getVersion(ctx, 'mini', 'ENG', 1))).toEqual(['unknown-version', 404]);
  });
});
